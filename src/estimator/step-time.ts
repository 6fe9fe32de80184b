import type { StagedContext, StageTerms } from './staged-terms.js';
import { stagedDpSeconds, type StepPrefix } from './staged.js';

/** Where one optimizer step's wall time goes, in seconds (exposed terms only). */
export interface StepBreakdown {
  compute: number;
  recompute: number;
  tpComm: number;
  cpComm: number;
  epComm: number;
  pipelineBubble: number;
  pipelineP2p: number;
  dpComm: number;
  optimizer: number;
  overhead: number;
}

/**
 * The step breakdown of one layout: m·(slowest stage per micro-batch) + (p−1)/v·(mean stage) bubble +
 * exposed P2P, DP, optimizer and host overhead [Narayanan21 §2.2 (1F1B, interleaved bubble (p−1)/(v·m));
 * modeling-reference §5.2, §8.1] — the parts whose sum is `stagedStepWith`.
 */
export function stepBreakdown(c: StagedContext, s: StageTerms, x: StepPrefix, ga: number, zero: number): StepBreakdown {
  return {
    compute: x.compute,
    recompute: x.recompute,
    tpComm: x.tp,
    cpComm: x.cp,
    epComm: x.ep,
    pipelineBubble: x.bubble,
    pipelineP2p: x.p2p,
    dpComm: stagedDpSeconds(c, s, x, ga, zero),
    optimizer: s.optimizerSeconds[zero]!,
    overhead: c.assumptions.stepOverheadSeconds,
  };
}
