import type { EfficiencyProfile } from './efficiency.js';

/** Hardware numbers one kernel-time evaluation needs, resolved once per estimate. */
export interface Device {
  /** Dense peak FLOP/s for GEMMs at the training precision, and for 16-bit attention. */
  gemmPeak: number;
  attentionPeak: number;
  memoryBytesPerSecond: number;
  eff: EfficiencyProfile;
  /** GEMM efficiency in use (fp8 or 16-bit). */
  gemmEff: number;
  /** Bytes per GEMM operand element (1 for fp8, 2 for 16-bit, 4 for fp32). */
  operandBytes: number;
  kernelOverheadSeconds: number;
  /** GEMM size (FLOPs) at which the size ramp reaches half of the large-GEMM efficiency. */
  gemmHalfFlops: number;
  /** Multiplier on the element-wise traffic model (fusion level of the software stack). */
  elementwiseFactor: number;
}

/**
 * Wave-quantisation efficiency: output tiles over SM waves, best of common tile shapes (m × n: 256×128, 128×128,
 * 128×64) [NVIDIA GEMM guide DU-09799-001 §"Wave quantization"].
 */
export function waveEfficiency(m: number, n: number, computeUnits: number): number {
  // The three tile shapes in order, unrolled (hot: several calls per GEMM of every per-layer term set; issue 15).
  // Smaller tiles reuse less data; charge 4% per halving of tile area [NVIDIA GEMM guide, tile-size trade-off].
  let best = Math.max(0, tileEfficiency(m, n, computeUnits, 256, 128) * 1);
  best = Math.max(best, tileEfficiency(m, n, computeUnits, 128, 128) * 0.96);
  return Math.max(best, tileEfficiency(m, n, computeUnits, 128, 64) * 0.92);
}

/** One tile shape's useful fraction: real work over the padded tile grid, times busy SMs over the rounded-up waves. */
function tileEfficiency(m: number, n: number, computeUnits: number, tm: number, tn: number): number {
  const tiles = Math.ceil(m / tm) * Math.ceil(n / tn);
  const waves = tiles / computeUnits;
  const padding = (m * n) / (tiles * tm * tn);
  return (padding * waves) / Math.ceil(waves);
}

/** Short reduction dimensions amortise the GEMM prologue/epilogue poorly: K/(K+K0), K0 = 64 (one k-tile pipeline fill). */
function depthEfficiency(k: number): number {
  return k / (k + 64);
}

/** Time of one (m×k)·(k×n) GEMM: roofline of 2mnk FLOPs at shape-dependent efficiency vs operand bytes at HBM speed [NV GEMM guide; Williams09 roofline]. */
export function gemmSeconds(d: Device, m: number, n: number, k: number): number {
  if (m <= 0 || n <= 0 || k <= 0) return 0;
  const flops = 2 * m * n * k;
  // Size ramp: small GEMMs do not fill the pipelines; F/(F+F0) reproduces Calculon's A100 step table (≈0.6 at 1 GFLOP, ≈0.95 at 16 GFLOP).
  const eff = d.gemmEff * waveEfficiency(m, n, d.eff.computeUnits) * depthEfficiency(k) * (flops / (flops + d.gemmHalfFlops));
  const compute = flops / (d.gemmPeak * eff);
  const bytes = d.operandBytes * (m * k + k * n) + 2 * m * n;
  const memory = bytes / (d.memoryBytesPerSecond * d.eff.memory);
  return Math.max(compute, memory) + d.kernelOverheadSeconds;
}

/** Forward + input-grad + weight-grad of one linear layer with `m` tokens: three GEMMs of the same FLOPs [Narayanan21 App.]. */
export function linearTrainSeconds(d: Device, tokens: number, inFeatures: number, outFeatures: number): { forward: number; backward: number } {
  const forward = gemmSeconds(d, tokens, outFeatures, inFeatures);
  const dgrad = gemmSeconds(d, tokens, inFeatures, outFeatures);
  const wgrad = gemmSeconds(d, inFeatures, outFeatures, tokens);
  if (d.operandBytes !== 1) return { forward, backward: dgrad + wgrad };
  // FP8 (Transformer Engine): quantise the input (and its transpose) forward and the output grad backward: read 2 B, write 1 B + 1 B [modeling-reference §10].
  const castIn = memorySeconds(d, 4 * tokens * inFeatures);
  const castGrad = memorySeconds(d, 4 * tokens * outFeatures);
  return { forward: forward + castIn, backward: dgrad + wgrad + castGrad };
}

/** Seconds to stream `bytes` through HBM at sustained bandwidth (element-wise ops, optimizer). */
export function memorySeconds(d: Device, bytes: number): number {
  return bytes / (d.memoryBytesPerSecond * d.eff.memory);
}

/** Element-wise traffic, scaled by how fused the software stack is (Assumptions.elementwiseFactor). */
export function elementwiseSeconds(d: Device, bytes: number): number {
  return (d.elementwiseFactor * bytes) / (d.memoryBytesPerSecond * d.eff.memory);
}
