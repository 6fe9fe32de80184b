import type { Recompute, RecomputeBlock, ResolvedLayout } from '../schema/index.js';
import type { Assumptions } from './assumptions.js';
import type { LayerSeconds } from './layer-time.js';
import type { LayerComm } from './parallel-comm.js';
import { recomputeSeconds } from './recompute.js';
import type { StagedContext } from './staged-terms.js';

/** A resolved layout carrying only the degrees a term depends on (the rest are placeholders). */
export function probeLayout(c: StagedContext, d: { tp: number; cp: number; ep: number; pp: number; vpp: number; dp: number; microBatch: number; zero: 0 | 1 | 2 | 3; recompute: Recompute; sp?: boolean }): ResolvedLayout {
  return {
    gpus: d.tp * d.pp * d.cp * d.dp,
    tp: d.tp,
    pp: d.pp,
    cp: d.cp,
    ep: d.ep,
    vpp: d.vpp,
    microBatch: d.microBatch,
    zero: d.zero,
    recompute: d.recompute,
    sequenceParallel: (d.sp ?? true) && d.tp > 1,
    precision: c.precision,
    dp: d.dp,
    gradientAccumulation: 1,
  };
}

/** One layer's per-micro-batch stage terms (step-time.ts layerMicrobatch). */
export interface Micro {
  compute: number;
  recompute: number;
  tp: number;
  cp: number;
  ep: number;
  backward: number;
}

export function layerMicrobatch(l: LayerSeconds, c: LayerComm, recompute: Recompute, a: Assumptions, tpOverlap: number, blocks: readonly RecomputeBlock[], isMoe: boolean): Micro {
  const rc = recomputeSeconds(l, recompute, blocks, isMoe);
  const tpPasses = c.tpForward + c.tpBackward + (recompute === 'full' ? c.tpForward : 0);
  const cpRaw = c.cpForward + c.cpBackward;
  const cp = Math.max(0, cpRaw - a.cpOverlap * (l.attentionForward * (1 + a.attentionBackwardRatio)));
  return {
    compute: l.forward + l.backward,
    recompute: rc,
    tp: tpPasses * (1 - tpOverlap),
    cp,
    ep: (c.epForward + c.epBackward + (recompute === 'full' ? c.epForward : 0)) * (1 - a.epOverlap),
    backward: l.backward,
  };
}

