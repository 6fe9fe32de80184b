import type { AcceleratorSpec, ModelConfig, ResolvedLayout } from '../schema/index.js';
import type { Assumptions } from './assumptions.js';
import { activationBytesPerLayerToken, localParams, modelStateBytes } from './memory.js';
import type { Shapes } from './shapes.js';

export interface MemoryEstimate {
  perGpuBytes: number;
  capacityBytes: number;
  fits: boolean;
  headroomBytes: number;
  breakdown: { weights: number; gradients: number; optimizer: number; activations: number; other: number };
}

/** Micro-batches whose activations stage 0 holds: min(m, p)·(1 + (p−1)/(p·v)) layers' worth ÷ p per layer [Korthikanti22 §4.2.3; modeling-reference §4.2]. */
export function inFlightFactor(layout: ResolvedLayout): number {
  const p = layout.pp;
  const v = layout.vpp;
  const m = layout.gradientAccumulation;
  const interleave = v > 1 ? 1 + (p - 1) / (p * v) : 1;
  return Math.min(m, p) * interleave;
}

/** Peak memory per GPU on the most loaded stage: model states + stored activations + buffers + reserve. */
export function memoryEstimate(m: ModelConfig, layout: ResolvedLayout, s: Shapes, acc: AcceleratorSpec, a: Assumptions, optimizer: 'adam' | 'sgd'): MemoryEstimate {
  const lp = localParams(m, layout);
  const states = modelStateBytes(lp, layout, a, optimizer);
  const perToken =
    s.denseLayersPerStage * activationBytesPerLayerToken(m, layout, s, false, a.attentionKernel) +
    s.moeLayersPerStage * activationBytesPerLayerToken(m, layout, s, true, a.attentionKernel);
  let activations = perToken * s.tokens * inFlightFactor(layout);
  // Full recompute re-materialises one layer at a time: add that layer's working set.
  if (layout.recompute === 'full') {
    activations += activationBytesPerLayerToken(m, { ...layout, recompute: 'none' }, s, m.moe !== null, a.attentionKernel) * s.tokens;
  }
  // Logits in bf16 plus their fp32 softmax/grad on the last stage [modeling-reference §4.3].
  const logits = ((s.tokens * m.vocabSize) / layout.tp) * (s.activationBytes + 4);
  activations += logits;
  // ZeRO-3 materialises the current and the prefetched layer (16-bit params and grads) when it actually shards.
  const gathered = layout.zero === 3 && layout.dp * layout.cp > 1 ? 2 * lp.largestLayer * 2 * 2 : 0;
  const other = a.reserveBytes + gathered + a.fragmentation * activations;
  const perGpuBytes = states.weights + states.gradients + states.optimizer + activations + other;
  return {
    perGpuBytes,
    capacityBytes: acc.memoryBytes,
    fits: perGpuBytes <= acc.memoryBytes,
    headroomBytes: acc.memoryBytes - perGpuBytes,
    breakdown: { weights: states.weights, gradients: states.gradients, optimizer: states.optimizer, activations, other },
  };
}
