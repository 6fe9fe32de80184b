import { activation, addCost, batchNorm, conv, convSide, residualAdd, sumCosts, ZERO_COST, type CnnCost } from './kernels.js';

/**
 * ResNet / ResNeXt bottleneck networks (He et al. 2016, "Deep Residual Learning", Table 1; Xie et al. 2017,
 * "Aggregated Residual Transformations for Deep Neural Networks" (ResNeXt), Table 1 and §3.3: the grouped 3×3
 * form), layer by layer as torchvision/models/resnet.py builds them (v1.5: the stride on the 3×3; bottleneck
 * width = planes · base width / 64 · groups; a 1×1 stride-s projection with batch norm on each stage's first block).
 *
 * `norm: 'batch'` trains every batch norm (classification); `'fused'` is a frozen batch norm folded into the
 * convolution with its ReLU (detection backbones: torchvision FrozenBatchNorm2d; NVIDIA's MLPerf RetinaNet runs
 * it as one apex conv-scale-bias-ReLU kernel), so it moves no bytes of its own.
 */
export interface ResNetSpec {
  blocks: readonly [number, number, number, number];
  groups: number;
  widthPerGroup: number;
  norm: 'batch' | 'fused';
}

export const RESNET50: ResNetSpec = { blocks: [3, 4, 6, 3], groups: 1, widthPerGroup: 64, norm: 'batch' };
export const RESNEXT50_32X4D: ResNetSpec = { blocks: [3, 4, 6, 3], groups: 32, widthPerGroup: 4, norm: 'batch' };
export const RESNEXT101_32X4D: ResNetSpec = { blocks: [3, 4, 23, 3], groups: 32, widthPerGroup: 4, norm: 'batch' };

/** Convolution + its normalisation (+ ReLU): batch norm as its own kernels, or folded into the convolution. */
function convNorm(s: ResNetSpec, side: number, cin: number, cout: number, k: number, stride: number, groups: number, relu: boolean): { cost: CnnCost; side: number } {
  const out = convSide(side, k, stride);
  const c = conv({ side, cin, cout, k, stride, groups });
  // A frozen batch norm's scale and shift are buffers, not parameters (torchvision FrozenBatchNorm2d).
  if (s.norm === 'fused') return { cost: c, side: out };
  const n = out * out * cout;
  return { cost: sumCosts([c, batchNorm(n, cout), ...(relu ? [activation(n, false)] : [])]), side: out };
}

/** One bottleneck block: 1×1 reduce, k×k (grouped) at stride, 1×1 expand, projection shortcut when the shape changes, add + ReLU. */
export function bottleneck(s: ResNetSpec, side: number, cin: number, planes: number, stride: number): { cost: CnnCost; side: number } {
  const width = Math.floor(planes * (s.widthPerGroup / 64)) * s.groups;
  const cout = planes * 4;
  const a = convNorm(s, side, cin, width, 1, 1, 1, true);
  const b = convNorm(s, side, width, width, 3, stride, s.groups, true);
  const c = convNorm(s, b.side, width, cout, 1, 1, 1, false);
  const parts = [a.cost, b.cost, c.cost];
  if (stride !== 1 || cin !== cout) parts.push(convNorm(s, side, cin, cout, 1, stride, 1, false).cost);
  const n = b.side * b.side * cout;
  parts.push(residualAdd(n), activation(n, false));
  return { cost: sumCosts(parts), side: b.side };
}

/** The stem (7×7 stride 2 + norm + ReLU, 3×3 max pool stride 2). */
export function resnetStem(s: ResNetSpec, resolution: number): { cost: CnnCost; side: number } {
  const stem = convNorm(s, resolution, 3, 64, 7, 2, 1, true);
  const pooled = convSide(stem.side, 3, 2);
  // Max pool: read the map, write a quarter; backward scatters the gradient (read a quarter, write the map).
  const pool: CnnCost = { ...ZERO_COST, trafficElements: 2 * (stem.side * stem.side * 64 + pooled * pooled * 64), storedElements: stem.side * stem.side * 64, kernels: 2 };
  return { cost: addCost(stem.cost, pool), side: pooled };
}

/** One stage (layer1…layer4): `blocks` bottlenecks, the first at `stride`. Returns the stage and its output side. */
export function resnetStage(s: ResNetSpec, side: number, cin: number, planes: number, blocks: number, stride: number): { cost: CnnCost; side: number } {
  const parts: CnnCost[] = [];
  for (let i = 0; i < blocks; i++) {
    const b = bottleneck(s, side, i === 0 ? cin : planes * 4, planes, i === 0 ? stride : 1);
    parts.push(b.cost);
    side = b.side;
  }
  return { cost: sumCosts(parts), side };
}

/** An ImageNet classifier: stem, four stages, global pool and the 1000-way fully connected layer. */
export function resnetClassifier(s: ResNetSpec, resolution = 224, classes = 1000): CnnCost {
  const stem = resnetStem(s, resolution);
  const parts = [stem.cost];
  let side = stem.side;
  let cin = 64;
  [64, 128, 256, 512].forEach((planes, i) => {
    const st = resnetStage(s, side, cin, planes, s.blocks[i]!, i === 0 ? 1 : 2);
    parts.push(st.cost);
    side = st.side;
    cin = planes * 4;
  });
  const fc = conv({ side: 1, cin, cout: classes, k: 1, bias: true });
  const pool: CnnCost = { ...ZERO_COST, trafficElements: 2 * side * side * cin, kernels: 2 };
  return sumCosts([...parts, pool, fc]);
}
