import type { StagedContext, LayerTerms, StageTerms } from './staged-terms.js';
import { otherBytes, stagedActivations, stagedMemoryWith } from './staged.js';

export interface MemoryEstimate {
  perGpuBytes: number;
  capacityBytes: number;
  fits: boolean;
  headroomBytes: number;
  breakdown: { weights: number; gradients: number; optimizer: number; activations: number; other: number };
}

/**
 * Peak memory per GPU on the most loaded stage: model states + stored activations (× the micro-batches
 * in flight, min(m, p)·(1 + (p−1)/(p·v)) [Korthikanti22 §4.2.3]) + logits + ZeRO-3 gathered layers +
 * reserve and fragmentation [modeling-reference §3–4] — the parts whose sum is `stagedMemoryWith`.
 */
export function memoryFromTerms(c: StagedContext, l: LayerTerms, s: StageTerms, ga: number, zero: number): MemoryEstimate {
  const activations = stagedActivations(l, s, ga);
  const perGpuBytes = stagedMemoryWith(c, s, activations, zero);
  return {
    perGpuBytes,
    capacityBytes: c.capacityBytes,
    fits: perGpuBytes <= c.capacityBytes,
    headroomBytes: c.capacityBytes - perGpuBytes,
    breakdown: { weights: s.weights[zero]!, gradients: s.gradients[zero]!, optimizer: s.optimizer[zero]!, activations, other: otherBytes(c, s, activations, zero) },
  };
}
