import { activation, batchNorm, conv, convSide, dropConnect, residualAdd, squeezeExcite, sumCosts, type CnnCost } from './kernels.js';

/**
 * EfficientNet (Tan & Le 2019, "EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks",
 * ICML, arXiv:1905.11946): the B0 stages of Table 1 — MBConv blocks (Sandler et al. 2018, MobileNetV2 §3.3:
 * 1×1 expansion, depthwise k×k, 1×1 projection) with squeeze-and-excitation — and compound scaling (§3.3,
 * Eq. 3) of width, depth and resolution. Channel rounding, SE width and block order as torchvision builds
 * them (torchvision/models/efficientnet.py: `_make_divisible(c · width, 8)`, `ceil(layers · depth)`, SE
 * squeeze = max(1, block input channels // 4), stochastic depth on the residual blocks); NVIDIA
 * DeepLearningExamples' PyTorch EfficientNet (image_classification/models/efficientnet.py) is the same network.
 */
export interface EfficientNetScaling {
  width: number;
  depth: number;
  resolution: number;
}

/** Table 1 of Tan & Le 2019 (B0): expansion ratio, kernel, stride, input channels, output channels, layers. */
export const EFFICIENTNET_B0_STAGES: readonly (readonly [expand: number, k: number, stride: number, cin: number, cout: number, layers: number])[] = [
  [1, 3, 1, 32, 16, 1],
  [6, 3, 2, 16, 24, 2],
  [6, 5, 2, 24, 40, 2],
  [6, 3, 2, 40, 80, 3],
  [6, 5, 1, 80, 112, 3],
  [6, 5, 2, 112, 192, 4],
  [6, 3, 1, 192, 320, 1],
];

/** B0 and B4 compound coefficients (torchvision efficientnet_b0 / efficientnet_b4: width, depth, 224 / 380 px). */
export const EFFICIENTNET_B0: EfficientNetScaling = { width: 1.0, depth: 1.0, resolution: 224 };
export const EFFICIENTNET_B4: EfficientNetScaling = { width: 1.4, depth: 1.8, resolution: 380 };

/** Round channels to a multiple of 8, never more than 10% down (MobileNet's `_make_divisible`). */
export function makeDivisible(v: number, divisor = 8): number {
  const r = Math.max(divisor, Math.floor((v + divisor / 2) / divisor) * divisor);
  return r < 0.9 * v ? r + divisor : r;
}

/** k×k convolution + batch norm (+ Swish): the Conv2dNormActivation unit. */
function convBnAct(side: number, cin: number, cout: number, k: number, stride: number, groups: number, act: boolean): { cost: CnnCost; side: number } {
  const out = convSide(side, k, stride);
  const n = out * out * cout;
  const parts = [conv({ side, cin, cout, k, stride, groups }), batchNorm(n, cout)];
  if (act) parts.push(activation(n));
  return { cost: sumCosts(parts), side: out };
}

/** One MBConv block at input side `side`. */
export function mbconv(side: number, cin: number, cout: number, expand: number, k: number, stride: number): { cost: CnnCost; side: number } {
  const parts: CnnCost[] = [];
  const expanded = makeDivisible(cin * expand);
  if (expanded !== cin) parts.push(convBnAct(side, cin, expanded, 1, 1, 1, true).cost);
  const dw = convBnAct(side, expanded, expanded, k, stride, expanded, true);
  parts.push(dw.cost, squeezeExcite(dw.side, expanded, Math.max(1, Math.floor(cin / 4))));
  const project = convBnAct(dw.side, expanded, cout, 1, 1, 1, false);
  parts.push(project.cost);
  if (stride === 1 && cin === cout) {
    const n = dw.side * dw.side * cout;
    parts.push(dropConnect(n), residualAdd(n));
  }
  return { cost: sumCosts(parts), side: dw.side };
}

/** The whole network per image: stem, the scaled stages, the 1×1 head to 4 × the last stage's width, pooling and the 1000-way classifier. */
export function efficientNet(s: EfficientNetScaling, classes = 1000): CnnCost {
  const ch = (c: number) => makeDivisible(c * s.width);
  const stemOut = ch(EFFICIENTNET_B0_STAGES[0]![3]);
  const stem = convBnAct(s.resolution, 3, stemOut, 3, 2, 1, true);
  const parts: CnnCost[] = [stem.cost];
  let side = stem.side;
  for (const [expand, k, stride, cin, cout, layers] of EFFICIENTNET_B0_STAGES) {
    const n = Math.ceil(layers * s.depth);
    for (let i = 0; i < n; i++) {
      const b = mbconv(side, i === 0 ? ch(cin) : ch(cout), ch(cout), expand, k, i === 0 ? stride : 1);
      parts.push(b.cost);
      side = b.side;
    }
  }
  const last = ch(EFFICIENTNET_B0_STAGES[EFFICIENTNET_B0_STAGES.length - 1]![4]);
  const head = convBnAct(side, last, 4 * last, 1, 1, 1, true);
  const fc = conv({ side: 1, cin: 4 * last, cout: classes, k: 1, bias: true });
  // Global average pool: read the head's map forward, write its broadcast gradient backward.
  const pool = { ...fc, params: 0, denseMacs: 0, trafficElements: 2 * side * side * 4 * last, storedElements: 0, kernels: 2 };
  return sumCosts([...parts, head.cost, pool, fc]);
}
