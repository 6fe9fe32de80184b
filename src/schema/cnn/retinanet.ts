import { activation, conv, residualAdd, sumCosts, ZERO_COST, type CnnCost } from './kernels.js';
import { resnetStage, resnetStem, RESNEXT50_32X4D, type ResNetSpec } from './resnet.js';

/**
 * RetinaNet (Lin et al. 2017, "Focal Loss for Dense Object Detection", ICCV, arXiv:1708.02002: §4 — an FPN on
 * P3–P7, 9 anchors per position, class and box subnets of four 3×3 × 256 convolutions + ReLU shared across levels,
 * the sigmoid focal loss) as the MLPerf Training "single-stage detector" runs it (mlcommons/training
 * single_stage_detector; NVIDIA's implementation in training_results_v4.0 NVIDIA/benchmarks/ssd/implementations/pytorch:
 * ResNeXt50-32x4d backbone with frozen batch norm, `--trainable-backbone-layers 3` (conv1 and layer1 frozen),
 * 800 × 800 images, the OpenImages subset of 264 classes, torchvision's FeaturePyramidNetwork with LastLevelP6P7,
 * apex conv-bias-ReLU fusion in the backbone and the heads, a fused focal loss, CUDA graphs).
 */
export const RETINANET_MLPERF = { resolution: 800, classes: 264, anchors: 9, channels: 256, headConvs: 4, backbone: { ...RESNEXT50_32X4D, norm: 'fused' } as ResNetSpec } as const;

/**
 * A frozen layer (no parameter of it trains, and nothing before it needs a gradient): forward only. The kernel
 * classes count training as 3 × the forward MACs, so a frozen layer keeps a third of them (its forward), about half
 * of its element-wise passes (add 3 of 6, ReLU 2 of 5, max pool 2 of 4), a third of its kernels and stores nothing.
 */
export function frozen(c: CnnCost): CnnCost {
  return {
    params: c.params, denseMacs: c.denseMacs / 3, groupedMacs: c.groupedMacs / 3, depthwiseMacs: c.depthwiseMacs / 3,
    trafficElements: c.trafficElements / 2, storedElements: 0, kernels: c.kernels / 3,
  };
}

/** A 3×3 convolution with bias whose ReLU is fused into it (apex head fusion) on a map of `side`. */
function headConv(side: number, cin: number, cout: number): CnnCost {
  return conv({ side, cin, cout, k: 3, bias: true });
}

/** Parameters counted once: the heads are shared across the pyramid levels. */
function shared(perLevel: CnnCost[]): CnnCost {
  const total = sumCosts(perLevel);
  return { ...total, params: perLevel[0]!.params };
}

export interface RetinaNetCost extends CnnCost {
  /** Anchor positions over P3–P7 (per image). */
  positions: number;
}

/** The whole detector per 800² image: backbone, FPN, the two heads over five levels and the focal loss. */
export function retinaNet(r = RETINANET_MLPERF): RetinaNetCost {
  const s = r.backbone;
  const stem = resnetStem(s, r.resolution);
  const layer1 = resnetStage(s, stem.side, 64, 64, s.blocks[0], 1);
  const layer2 = resnetStage(s, layer1.side, 256, 128, s.blocks[1], 2);
  const layer3 = resnetStage(s, layer2.side, 512, 256, s.blocks[2], 2);
  const layer4 = resnetStage(s, layer3.side, 1024, 512, s.blocks[3], 2);
  const backbone = sumCosts([frozen(stem.cost), frozen(layer1.cost), layer2.cost, layer3.cost, layer4.cost]);

  const c = r.channels;
  const levels = [[layer2.side, 512], [layer3.side, 1024], [layer4.side, 2048]] as const;
  const lateral = levels.map(([side, cin]) => conv({ side, cin, cout: c, k: 1, bias: true }));
  const output = levels.map(([side]) => headConv(side, c, c));
  // Top-down: each coarser map is upsampled ×2 (nearest) and added to the lateral below it (P4, P3).
  const topDown = levels.slice(0, 2).map(([side]) => residualAdd(side * side * c));
  const p6 = conv({ side: layer4.side, cin: c, cout: c, k: 3, stride: 2, bias: true });
  const p6Side = Math.ceil(layer4.side / 2);
  const p7 = conv({ side: p6Side, cin: c, cout: c, k: 3, stride: 2, bias: true });
  const p7Side = Math.ceil(p6Side / 2);
  const fpn = sumCosts([...lateral, ...output, ...topDown, p6, activation(p6Side * p6Side * c, false), p7]);

  const sides = [layer2.side, layer3.side, layer4.side, p6Side, p7Side];
  const subnet = (outputs: number) => shared(sides.map((side) => sumCosts([...Array.from({ length: r.headConvs }, () => headConv(side, c, c)), headConv(side, c, outputs)])));
  const classOut = r.anchors * r.classes;
  const heads = sumCosts([subnet(classOut), subnet(r.anchors * 4)]);
  const positions = sides.reduce((a, side) => a + side * side, 0);
  // Sigmoid focal loss (apex fused kernel) on every anchor × class logit: read forward, read and write the gradient backward.
  const focal: CnnCost = { ...ZERO_COST, trafficElements: 3 * positions * classOut, kernels: 2 };
  return { ...sumCosts([backbone, fpn, heads, focal]), positions };
}
