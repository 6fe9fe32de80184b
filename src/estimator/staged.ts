import type { LayerTerms, StageTerms, StagedContext } from './staged-terms.js';

export * from './staged-terms.js';

/**
 * The composition of a step and of peak memory from per-layer and per-stage terms (staged-terms.ts):
 * used by `evaluateLayout` (hence `estimate()`) for one layout and by the planner for many. Written
 * into caller-owned scratch objects so that a search allocates nothing per layout.
 */
/** What `evaluateStaged` writes: the numbers a search ranks and filters on. */
export interface StagedResult {
  stepSeconds: number;
  totalSeconds: number;
  perGpuBytes: number;
  fits: boolean;
}

export function emptyStagedResult(): StagedResult {
  return { stepSeconds: 0, totalSeconds: 0, perGpuBytes: 0, fits: false };
}

/** Activation bytes per GPU (memory-total.ts memoryEstimate up to the logits); `ga` = B/(dp·b). */
export function stagedActivations(l: LayerTerms, s: StageTerms, ga: number): number {
  const perToken = s.denseLayersPerStage * l.actDense + s.moeLayersPerStage * l.actMoe;
  // Micro-batches in flight on the first rank: min(m, p) for 1F1B; interleaved, rank 0 warms up
  // 2(p−1) + (v−1)p chunks [Megatron schedules.py get_pp_rank_microbatches] so it holds
  // min(m·v, vp + p − 1) chunks of L/(pv) layers = min(m, p·(1 + (p−1)/(pv))) stage-micro-batches — the
  // Korthikanti22 §4.2.3 factor, but never more than the m micro-batches a step has.
  let activations = perToken * l.tokens * Math.min(ga, s.pp * s.interleave);
  if (l.recompute === 'full') activations += l.actFullExtra * l.tokens;
  activations += l.logitsBytes;
  return activations;
}

/** Memory per GPU given the activations, for one ZeRO stage (memoryEstimate's sum, same order). */
export function stagedMemoryWith(c: StagedContext, s: StageTerms, activations: number, zero: number): number {
  return s.states[zero]! + activations + otherBytes(c, s, activations, zero);
}

/** Reserve (CUDA context, NCCL, allocator), ZeRO-3's gathered layers and fragmentation [modeling-reference §4.8]. */
export function otherBytes(c: StagedContext, s: StageTerms, activations: number, zero: number): number {
  const gathered = zero === 3 ? s.gathered : 0;
  return c.assumptions.reserveBytes + gathered + c.assumptions.fragmentation * activations;
}

/** Memory per GPU of one layout (memory-total.ts memoryEstimate), without allocating. */
export function stagedMemory(c: StagedContext, l: LayerTerms, s: StageTerms, ga: number, zero: number): number {
  return stagedMemoryWith(c, s, stagedActivations(l, s, ga), zero);
}

/** The ZeRO-independent part of a step: steady state, bubble and P2P (written into a reusable scratch). */
export interface StepPrefix {
  /** 0 + compute + recompute + tp + cp + ep + bubble + p2p, summed in that order. */
  prefix: number;
  /** The exposed parts over the whole step (m micro-batches), as in the step breakdown. */
  compute: number;
  recompute: number;
  tp: number;
  cp: number;
  ep: number;
  bubble: number;
  p2p: number;
  /** Slowest stage's backward and total per micro-batch (what the DP overlap windows use). */
  backward: number;
  total: number;
}

export function emptyStepPrefix(): StepPrefix {
  return { prefix: 0, compute: 0, recompute: 0, tp: 0, cp: 0, ep: 0, bubble: 0, p2p: 0, backward: 0, total: 0 };
}

export function stagedStepPrefix(c: StagedContext, l: LayerTerms, s: StageTerms, ga: number, out: StepPrefix): StepPrefix {
  const nd = s.denseLayersPerStage;
  const d = l.dense;
  let compute = d.compute * nd;
  let recompute = d.recompute * nd;
  let tp = d.tp * nd;
  let cp = d.cp * nd;
  let ep = d.ep * nd;
  let backward = d.backward * nd;
  const moe = l.moe;
  if (moe !== null && s.moeLayersPerStage > 0) {
    const nm = s.moeLayersPerStage;
    compute = compute + moe.compute * nm;
    recompute = recompute + moe.recompute * nm;
    tp = tp + moe.tp * nm;
    cp = cp + moe.cp * nm;
    ep = ep + moe.ep * nm;
    backward = backward + moe.backward * nm;
  }
  const stageTotal = compute + recompute + tp + cp + ep;
  // slowest = sum(stage, logits): the logits adds 0 to the communication and recompute terms.
  const sCompute = compute + l.logitsCompute;
  const sRecompute = recompute + 0;
  const sTp = tp + 0;
  const sCp = cp + 0;
  const sEp = ep + 0;
  const p = s.pp;
  const v = s.vpp;
  const mean = (stageTotal * c.model.layers) / (p * s.layersPerStage) + (l.logitsCompute + 0 + 0 + 0 + 0) / p;
  const bubble = p > 1 ? s.bubbleStages * mean : 0;
  const p2p = p > 1 ? 2 * ga * v * (s.crosses ? l.p2pCross : l.p2pLocal) : 0;
  out.compute = sCompute * ga;
  out.recompute = sRecompute * ga;
  out.tp = sTp * ga;
  out.cp = sCp * ga;
  out.ep = sEp * ga;
  out.bubble = bubble;
  out.p2p = p2p;
  out.prefix = 0 + out.compute + out.recompute + out.tp + out.cp + out.ep + bubble + p2p;
  out.backward = backward + l.logitsBackward;
  out.total = sCompute + sRecompute + sTp + sCp + sEp;
  return out;
}

/**
 * Exposed data-parallel communication. ZeRO-0/1/2: one gradient reduce (+ parameter all-gather for
 * ZeRO ≥ 1) per step, overlapped with the last micro-batch's backward [Calculon DP overlap; Megatron
 * --overlap-grad-reduce]. ZeRO-3/FSDP: per micro-batch AG fwd + AG bwd + RS grads, prefetched behind
 * layer compute [ZeRO §7; FSDP]. DeepSpeed/FSDP ZeRO-2 reduce-scatter every micro-batch [DeepSpeed #2252].
 */
export function stagedDpSeconds(c: StagedContext, s: StageTerms, x: StepPrefix, ga: number, zero: number): number {
  const a = c.assumptions;
  if (s.noDp) return 0;
  if (zero === 3 && !s.zero3Unsharded) {
    const perMb = 2 * s.agWGathered + s.agG;
    const hidden = a.fsdpOverlap * x.total;
    return ga * Math.max(perMb - hidden, (1 - a.fsdpOverlap) * perMb);
  }
  if (zero >= 2) {
    // Each micro-batch's reduce-scatter runs on its own stream while the next micro-batch computes
    // (forward and backward); only the last one has just its own backward to hide behind [PyTorch FSDP
    // SHARD_GRAD_OP; DeepSpeed ZeRO-2 overlap_comm].
    const rs = s.agG;
    const floor = (1 - a.dpOverlap) * rs;
    const exposedRs = (ga - 1) * Math.max(rs - a.dpOverlap * x.total, floor) + Math.max(rs - a.dpOverlap * x.backward, floor);
    return exposedRs + s.agW * (1 - a.dpOverlap);
  }
  const window = x.backward * s.windowFactor;
  const reduce = zero === 0 ? s.arG : s.agG;
  const exposedReduce = Math.max(reduce - a.dpOverlap * window, (1 - a.dpOverlap) * reduce);
  const gather = zero === 1 ? s.agW * (1 - a.dpOverlap) : 0;
  return exposedReduce + gather;
}

/** Step seconds for one ZeRO stage given the prefix: + exposed DP, the memory-bound optimizer step and host overhead. */
export function stagedStepWith(c: StagedContext, s: StageTerms, x: StepPrefix, ga: number, zero: number): number {
  return x.prefix + stagedDpSeconds(c, s, x, ga, zero) + s.optimizerSeconds[zero]! + c.assumptions.stepOverheadSeconds;
}

const scratch = emptyStepPrefix();

/** Step seconds of one layout (step-time.ts stepTime, summed in estimate.ts's order), without allocating. */
export function stagedStepSeconds(c: StagedContext, l: LayerTerms, s: StageTerms, ga: number, zero: number): number {
  return stagedStepWith(c, s, stagedStepPrefix(c, l, s, ga, scratch), ga, zero);
}

/** Memory, fit, step and total seconds of one layout into `out`. */
export function evaluateStaged(c: StagedContext, l: LayerTerms, s: StageTerms, ga: number, zero: number, out: StagedResult): StagedResult {
  out.perGpuBytes = stagedMemory(c, l, s, ga, zero);
  out.fits = out.perGpuBytes <= c.capacityBytes;
  out.stepSeconds = stagedStepSeconds(c, l, s, ga, zero);
  out.totalSeconds = c.steps * out.stepSeconds;
  return out;
}
