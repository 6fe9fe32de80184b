/**
 * Per-kernel cost of a convolutional network's training step, counted layer by layer (issue 12). Each layer
 * adds its forward and backward kernels by class, so that the estimator can time each class at its own rate
 * (estimator/conv-kernels.ts):
 * - dense: full and pointwise convolutions and fully connected layers (cuDNN implicit GEMM on tensor cores);
 * - grouped: grouped k×k convolutions (ResNeXt cardinality 32: short per-group reductions);
 * - depthwise: depthwise k×k convolutions (one filter per channel, no tensor-core path);
 * - traffic: the elements every memory-bound kernel (batch norm, activations, squeeze-and-excitation
 *   pooling and scaling, drop-connect, residual adds, gradient accumulation) reads and writes, forward and
 *   backward, plus the depthwise convolutions' own input/output and gradient traffic;
 * - kernels: launches per training step (forward + backward), independent of the batch.
 * Dense and grouped convolutions' own operand traffic is not counted as traffic: their fitted rate
 * (KERNEL_CONV_FRACTION, estimator/conv-kernels.ts, from ResNet-50 runs counted the same way) already includes it.
 */
export interface CnnCost {
  params: number;
  /** Forward multiply-adds per image by class; training runs 3 × these (forward, input gradient, weight gradient). */
  denseMacs: number;
  groupedMacs: number;
  depthwiseMacs: number;
  /** Elements read + written per image by the memory-bound kernels, forward and backward. */
  trafficElements: number;
  /** Elements per image autograd keeps for the backward pass. */
  storedElements: number;
  /** Kernel launches per training step. */
  kernels: number;
}

/**
 * Reads + writes per output element of the memory-bound kernels, forward + backward (one pass over a tensor
 * = 1). Batch norm (Ioffe & Szegedy 2015, Algorithm 1; cuDNN's training kernels): forward reads the input
 * for the statistics and again to normalise, writes the output (3); backward reads the output gradient and
 * the saved input for the two reductions (Σdy, Σdy·x̂) and again to form dx, writes dx (5). Swish/SiLU
 * x·σ(x) and ReLU: forward reads x, writes y (2); backward reads dy and the saved x, writes dx (3). A
 * residual add: forward reads two, writes one (3); backward passes the gradient through, and the skip's
 * gradient is accumulated into the branch's: read two, write one (3). Drop-connect (stochastic depth,
 * a per-image scale): forward 2, backward 2.
 */
export const TRAFFIC = { batchNorm: 3 + 5, activation: 2 + 3, residualAdd: 3 + 3, dropConnect: 2 + 2 } as const;

/** Kernels per layer and direction: a convolution is one forward, a data-gradient and a weight-gradient kernel; an element-wise layer one each way. */
const CONV_KERNELS = 3;
const ELEMENTWISE_KERNELS = 2;

export const ZERO_COST: CnnCost = { params: 0, denseMacs: 0, groupedMacs: 0, depthwiseMacs: 0, trafficElements: 0, storedElements: 0, kernels: 0 };

export function addCost(a: CnnCost, b: CnnCost): CnnCost {
  return {
    params: a.params + b.params,
    denseMacs: a.denseMacs + b.denseMacs,
    groupedMacs: a.groupedMacs + b.groupedMacs,
    depthwiseMacs: a.depthwiseMacs + b.depthwiseMacs,
    trafficElements: a.trafficElements + b.trafficElements,
    storedElements: a.storedElements + b.storedElements,
    kernels: a.kernels + b.kernels,
  };
}

export function sumCosts(costs: readonly CnnCost[]): CnnCost {
  return costs.reduce(addCost, ZERO_COST);
}

export function scaleCost(c: CnnCost, n: number): CnnCost {
  return {
    params: c.params * n, denseMacs: c.denseMacs * n, groupedMacs: c.groupedMacs * n, depthwiseMacs: c.depthwiseMacs * n,
    trafficElements: c.trafficElements * n, storedElements: c.storedElements * n, kernels: c.kernels * n,
  };
}

/** Output side of a k×k convolution with "same" padding and stride s (PyTorch: ⌊(side + 2·⌊k/2⌋ − k) / s⌋ + 1). */
export function convSide(side: number, k: number, stride: number): number {
  return Math.floor((side + 2 * Math.floor(k / 2) - k) / stride) + 1;
}

export interface ConvSpec {
  /** Input side (square maps), input and output channels, kernel, stride, groups (1 dense, cin depthwise). */
  side: number;
  cin: number;
  cout: number;
  k: number;
  stride?: number;
  groups?: number;
  bias?: boolean;
}

/**
 * A convolution: out²·cout·(cin/groups)·k² multiply-adds; parameters cout·(cin/groups)·k² (+ cout bias). Its
 * input is stored for the weight gradient. Depthwise convolutions
 * (groups = cin = cout) also move their input and output: forward reads x and writes y, the data gradient
 * reads dy and writes dx, the weight gradient reads dy and x (3 × (in + out) elements).
 */
export function conv(s: ConvSpec): CnnCost {
  const stride = s.stride ?? 1;
  const groups = s.groups ?? 1;
  const out = convSide(s.side, s.k, stride);
  const macs = out * out * s.cout * (s.cin / groups) * s.k * s.k;
  const params = s.cout * (s.cin / groups) * s.k * s.k + (s.bias ? s.cout : 0);
  const depthwise = groups > 1 && groups === s.cin && s.cin === s.cout;
  const io = 3 * (s.side * s.side * s.cin + out * out * s.cout);
  return {
    ...ZERO_COST,
    params,
    denseMacs: groups === 1 ? macs : 0,
    groupedMacs: groups > 1 && !depthwise ? macs : 0,
    depthwiseMacs: depthwise ? macs : 0,
    trafficElements: depthwise ? io : 0,
    storedElements: s.side * s.side * s.cin,
    kernels: CONV_KERNELS,
  };
}

/** Batch norm over `elements` per image on `channels` channels: 2·C parameters; its input is stored. */
export function batchNorm(elements: number, channels: number): CnnCost {
  return { ...ZERO_COST, params: 2 * channels, trafficElements: TRAFFIC.batchNorm * elements, storedElements: elements, kernels: ELEMENTWISE_KERNELS };
}

/**
 * An activation over `elements`. Swish/SiLU stores its input (its gradient needs x); an in-place ReLU
 * (torchvision's `ReLU(inplace=True)`) stores nothing of its own: its backward reads its output, which the next
 * convolution stores anyway.
 */
export function activation(elements: number, storesInput = true): CnnCost {
  return { ...ZERO_COST, trafficElements: TRAFFIC.activation * elements, storedElements: storesInput ? elements : 0, kernels: ELEMENTWISE_KERNELS };
}

/** A residual add of two tensors of `elements`. */
export function residualAdd(elements: number): CnnCost {
  return { ...ZERO_COST, trafficElements: TRAFFIC.residualAdd * elements, kernels: ELEMENTWISE_KERNELS };
}

/** Drop-connect (stochastic depth): a per-image scale of the branch before the residual add. */
export function dropConnect(elements: number): CnnCost {
  return { ...ZERO_COST, trafficElements: TRAFFIC.dropConnect * elements, kernels: ELEMENTWISE_KERNELS };
}

/**
 * Squeeze-and-excitation (Hu et al. 2018, "Squeeze-and-Excitation Networks", §3, arXiv:1709.01507) on a map
 * of `channels` × side²: global average pool (read the map), two 1×1 convolutions with bias (channels →
 * squeeze → channels) on the pooled vector with an activation and a sigmoid between (tiny, latency-bound:
 * counted as kernels), and the channel-wise scale x·s (read x, write y). Backward: the scale's two gradients
 * (dx = dy·s: read dy, write dx; ds = Σ dy·x: read dy and x), the pool's broadcast of its gradient (write a
 * map) and the accumulation of the two gradients of the map (read two, write one): 1 + 2 + 2 + 2 + 1 + 3 = 11
 * passes over the map. The map (input of the scale) is stored by the layer that produced it.
 */
export function squeezeExcite(side: number, channels: number, squeeze: number): CnnCost {
  const map = side * side * channels;
  const fc = conv({ side: 1, cin: channels, cout: squeeze, k: 1, bias: true });
  const fc2 = conv({ side: 1, cin: squeeze, cout: channels, k: 1, bias: true });
  return {
    ...addCost(fc, fc2),
    trafficElements: 11 * map,
    storedElements: map + fc.storedElements + fc2.storedElements,
    kernels: fc.kernels + fc2.kernels + 4 * ELEMENTWISE_KERNELS,
  };
}
