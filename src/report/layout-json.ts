import type { ResolvedLayout } from '../schema/index.js';

/** The `layout` object of every JSON document, in the contract's key order. */
export function layoutJson(l: ResolvedLayout) {
  return {
    gpus: l.gpus, tp: l.tp, pp: l.pp, dp: l.dp, cp: l.cp, ep: l.ep, vpp: l.vpp,
    microBatch: l.microBatch, gradientAccumulation: l.gradientAccumulation, zero: l.zero,
    recompute: l.recompute, sequenceParallel: l.sequenceParallel, precision: l.precision,
  };
}
