import type { ModelConfig, ResolvedLayout, TrainingConfig } from '../schema/index.js';

/** What every model-based JSON document echoes as its input. */
export interface DocumentInputBase {
  tool: { name: string; version: string };
  modelFile: string | null;
  model: ModelConfig;
  training: TrainingConfig;
  catalog: { snapshotDate: string; digest: string } | null;
}

/** The `layout` object of every JSON document, in the contract's key order. */
export function layoutJson(l: ResolvedLayout) {
  return {
    gpus: l.gpus, tp: l.tp, pp: l.pp, dp: l.dp, cp: l.cp, ep: l.ep, vpp: l.vpp,
    microBatch: l.microBatch, gradientAccumulation: l.gradientAccumulation, zero: l.zero,
    recompute: l.recompute,
    ...(l.recompute === 'partial' ? { recomputeBlocks: l.recomputeBlocks ?? [] } : {}),
    sequenceParallel: l.sequenceParallel, precision: l.precision,
  };
}
