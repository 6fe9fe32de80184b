import type { AcceleratorSpec, ModelConfig, Precision, Recompute, ResolvedLayout, TrainingConfig } from '../schema/index.js';
import { DEFAULT_ASSUMPTIONS, type Assumptions } from './assumptions.js';
import { allGatherSeconds, allReduceSeconds, groupOf, p2pSeconds, type Fabric } from './comm.js';
import { efficiencyFor, peakFlops, type EfficiencyProfile } from './efficiency.js';
import type { NetworkOverride } from './estimate.js';
import { memorySeconds, type Device } from './kernels.js';
import { denseLayerSeconds, logitsSeconds, moeLayerSeconds, type LayerSeconds } from './layer-time.js';
import { activationBytesPerLayerToken, localParams, modelStateBytes, shardGroups, type LocalParams } from './memory.js';
import { layerComm, type LayerComm } from './parallel-comm.js';
import { countParameters } from './params.js';
import { deriveShapes, stageLayers } from './shapes.js';

/**
 * A staged form of `estimate()` for searches: the same formulas, split by what each term depends on,
 * so a planner can compute per-layer terms once per (tp, cp, micro-batch, ep, recompute), per-stage
 * terms once per (tp, pp, vpp, ep, dp·cp), and combine them per layout without allocating.
 *
 * Every per-layer and per-stage term comes from the estimator's own functions; only the final
 * combination (stepTime's and memoryEstimate's sums) is restated here, in the same order of floating-point
 * operations, so `stepSeconds` and `perGpuBytes` equal `estimate()`'s bit for bit
 * (test/estimator/staged.test.ts checks this over random layouts). Added for the planner
 * (issue 4); when stepTime or memoryEstimate change, change `evaluateStaged` with them.
 */
export interface StagedContext {
  model: ModelConfig;
  training: TrainingConfig;
  accelerator: AcceleratorSpec;
  precision: Precision;
  assumptions: Assumptions;
  fabric: Fabric;
  device: Device;
  capacityBytes: number;
  /** Optimizer step bytes per local parameter. */
  optimizerBytes: number;
  gradBytes: number;
  wBytes: number;
  steps: number;
  moeLayers: number;
}

export interface StagedContextInput {
  model: ModelConfig;
  training: TrainingConfig;
  accelerator: AcceleratorSpec;
  precision: Precision;
  network?: NetworkOverride;
  assumptions?: Partial<Assumptions>;
}

/** Mirrors estimate.ts deviceFor. */
function deviceFor(acc: AcceleratorSpec, precision: Precision, eff: EfficiencyProfile, a: Assumptions): Device {
  const fp8 = precision === 'fp8' && acc.peakTflops.fp8 !== null;
  return {
    gemmPeak: peakFlops(acc, precision),
    attentionPeak: peakFlops(acc, precision === 'fp8' ? 'bf16' : precision),
    memoryBytesPerSecond: acc.memoryBandwidthBytesPerSecond,
    eff,
    gemmEff: fp8 ? eff.gemmFp8 : eff.gemm,
    operandBytes: fp8 ? 1 : precision === 'fp32' ? 4 : 2,
    kernelOverheadSeconds: a.kernelOverheadSeconds,
  };
}

export function stagedContext(x: StagedContextInput): StagedContext {
  const a: Assumptions = { ...DEFAULT_ASSUMPTIONS, ...x.assumptions };
  const acc = x.accelerator;
  const eff = efficiencyFor(acc);
  const domainSize = x.network?.scaleUpDomainSize ?? acc.scaleUp.domainSize;
  const outBits = x.network?.scaleOutBitsPerSecondPerGpu ?? acc.scaleOutBitsPerSecondPerGpu;
  const fabric: Fabric = {
    scaleUpBytesPerSecond: acc.scaleUp.bandwidthBytesPerSecond * eff.scaleUp,
    scaleOutBytesPerSecond: (outBits / 8) * eff.scaleOut,
    domainSize,
    scaleUpLatencySeconds: a.scaleUpLatencySeconds,
    scaleOutLatencySeconds: a.scaleOutLatencySeconds,
  };
  const tr = x.training;
  const p = x.precision;
  return {
    model: x.model,
    training: tr,
    accelerator: acc,
    precision: p,
    assumptions: a,
    fabric,
    device: deviceFor(acc, p, eff, a),
    capacityBytes: acc.memoryBytes,
    optimizerBytes: tr.optimizer === 'adam' ? a.optimizerBytesPerParam : a.optimizerBytesPerParam / 2,
    gradBytes: p === 'fp16' || !a.gradReduceFp32ForBf16 ? 2 : 4,
    wBytes: p === 'fp32' ? 4 : 2,
    steps: Math.ceil(tr.tokens / (tr.globalBatchSize * tr.sequenceLength)),
    moeLayers: countParameters(x.model).moeLayers,
  };
}

/** A resolved layout carrying only the degrees a term depends on (the rest are placeholders). */
function probeLayout(c: StagedContext, d: { tp: number; cp: number; ep: number; pp: number; vpp: number; dp: number; microBatch: number; zero: 0 | 1 | 2 | 3; recompute: Recompute }): ResolvedLayout {
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
    sequenceParallel: d.tp > 1,
    precision: c.precision,
    dp: d.dp,
    gradientAccumulation: 1,
  };
}

/** One layer's per-micro-batch stage terms (step-time.ts layerMicrobatch). */
interface Micro {
  compute: number;
  recompute: number;
  tp: number;
  cp: number;
  ep: number;
  backward: number;
}

function layerMicrobatch(l: LayerSeconds, c: LayerComm, recompute: Recompute, a: Assumptions): Micro {
  const rc = recompute === 'full' ? l.forward : recompute === 'selective' ? l.attentionForward : 0;
  const tpPasses = c.tpForward + c.tpBackward + (recompute === 'full' ? c.tpForward : 0);
  const cpRaw = c.cpForward + c.cpBackward;
  const cp = Math.max(0, cpRaw - a.cpOverlap * (l.attentionForward * (1 + a.attentionBackwardRatio)));
  return {
    compute: l.forward + l.backward,
    recompute: rc,
    tp: tpPasses * (1 - a.tpOverlap),
    cp,
    ep: (c.epForward + c.epBackward + (recompute === 'full' ? c.epForward : 0)) * (1 - a.epOverlap),
    backward: l.backward,
  };
}

/** Terms that depend on (tp, cp, micro-batch, ep, recompute): one layer and the output layer, per micro-batch. */
export interface LayerTerms {
  tp: number;
  cp: number;
  microBatch: number;
  ep: number;
  recompute: Recompute;
  dense: Micro;
  moe: Micro | null;
  logitsCompute: number;
  logitsBackward: number;
  /** Tokens per micro-batch per GPU (b·s/cp). */
  tokens: number;
  /** Stored activation bytes per layer-token, dense and MoE layers. */
  actDense: number;
  actMoe: number;
  /** Full recompute's re-materialised layer, bytes per token (0 otherwise). */
  actFullExtra: number;
  logitsBytes: number;
  p2pLocal: number;
  p2pCross: number;
}

export function layerTerms(c: StagedContext, tp: number, cp: number, microBatch: number, ep: number, recompute: Recompute): LayerTerms {
  const m = c.model;
  const a = c.assumptions;
  const layout = probeLayout(c, { tp, cp, ep, pp: 1, vpp: 1, dp: 1, microBatch, zero: 0, recompute });
  const s = deriveShapes(m, layout, c.training.sequenceLength);
  const o = { seq: c.training.sequenceLength, sequenceParallel: layout.sequenceParallel && tp > 1, attentionBackwardRatio: a.attentionBackwardRatio };
  const dense = layerMicrobatch(denseLayerSeconds(c.device, m, s, o), layerComm(c.fabric, m, layout, s, false), recompute, a);
  const moe = m.moe && c.moeLayers > 0 ? layerMicrobatch(moeLayerSeconds(c.device, m, s, o), layerComm(c.fabric, m, layout, s, true), recompute, a) : null;
  const lg = logitsSeconds(c.device, m, s);
  const p2pBytes = s.tokensSharded * m.hiddenSize * s.activationBytes;
  return {
    tp,
    cp,
    microBatch,
    ep,
    recompute,
    dense,
    moe,
    logitsCompute: lg.forward + lg.backward,
    logitsBackward: lg.backward,
    tokens: s.tokens,
    actDense: activationBytesPerLayerToken(m, layout, s, false),
    actMoe: activationBytesPerLayerToken(m, layout, s, true),
    actFullExtra: recompute === 'full' ? activationBytesPerLayerToken(m, { ...layout, recompute: 'none' }, s, m.moe !== null) : 0,
    logitsBytes: ((s.tokens * m.vocabSize) / layout.tp) * (s.activationBytes + 4),
    p2pLocal: p2pSeconds(c.fabric, p2pBytes, false),
    p2pCross: p2pSeconds(c.fabric, p2pBytes, true),
  };
}

/** Terms that depend on (tp, pp, vpp, ep, dp, cp) but not on micro-batch, recompute or ZeRO stage's time. */
export interface StageTerms {
  tp: number;
  pp: number;
  vpp: number;
  ep: number;
  dp: number;
  cp: number;
  gpus: number;
  lp: LocalParams;
  layersPerStage: number;
  denseLayersPerStage: number;
  moeLayersPerStage: number;
  /** Interleaved-schedule in-flight multiplier (memory-total.ts inFlightFactor without min(m, p)). */
  interleave: number;
  /** Backward window multiplier for the DP reduce (step-time.ts dataParallelSeconds). */
  windowFactor: number;
  crosses: boolean;
  /** Model-state bytes per ZeRO stage 0..3: weights, gradients, optimizer. */
  weights: Float64Array;
  gradients: Float64Array;
  optimizer: Float64Array;
  /** ZeRO-3 gathered-layer buffer bytes. */
  gathered: number;
  /** Optimizer step seconds per ZeRO stage. */
  optimizerSeconds: Float64Array;
  /** True when the data-parallel groups are trivial (no DP communication). */
  noDp: boolean;
  agW: number;
  agG: number;
  arG: number;
}

/** `lp` may be passed in when cached: localParams depends only on (tp, pp, vpp, ep). */
export function stageTerms(c: StagedContext, tp: number, pp: number, vpp: number, ep: number, dp: number, cp: number, cachedLp?: LocalParams): StageTerms {
  const m = c.model;
  const a = c.assumptions;
  const f = c.fabric;
  const base = probeLayout(c, { tp, cp, ep, pp, vpp, dp, microBatch: 1, zero: 0, recompute: 'none' });
  const lp = cachedLp ?? localParams(m, base);
  const sl = stageLayers(m.layers, c.moeLayers, pp, vpp);
  const weights = new Float64Array(4);
  const gradients = new Float64Array(4);
  const optimizer = new Float64Array(4);
  const optimizerSeconds = new Float64Array(4);
  const g = shardGroups(base);
  for (let z = 0; z <= 3; z++) {
    const st = modelStateBytes(lp, { ...base, zero: z as 0 | 1 | 2 | 3 }, a, c.training.optimizer);
    weights[z] = st.weights;
    gradients[z] = st.gradients;
    optimizer[z] = st.optimizer;
    const optParams = z >= 1 ? lp.dense / g.dense + lp.expert / g.expert : lp.dense + lp.expert;
    optimizerSeconds[z] = memorySeconds(c.device, optParams * c.optimizerBytes);
  }
  const denseGroup = groupOf(g.dense, tp, f.domainSize);
  const expertGroup = groupOf(g.expert, tp * ep, f.domainSize);
  const ag = (b: number) => allGatherSeconds(f, lp.dense * b, denseGroup) + allGatherSeconds(f, lp.expert * b, expertGroup);
  const ar = (b: number) => allReduceSeconds(f, lp.dense * b, denseGroup) + allReduceSeconds(f, lp.expert * b, expertGroup);
  return {
    tp,
    pp,
    vpp,
    ep,
    dp,
    cp,
    gpus: tp * pp * cp * dp,
    lp,
    layersPerStage: sl.layersPerStage,
    denseLayersPerStage: sl.denseLayersPerStage,
    moeLayersPerStage: sl.moeLayersPerStage,
    interleave: vpp > 1 ? 1 + (pp - 1) / (pp * vpp) : 1,
    windowFactor: vpp > 1 ? 1 + ((vpp - 1) / vpp) * (pp - 1) : 1,
    crosses: tp * cp * dp >= f.domainSize,
    weights,
    gradients,
    optimizer,
    gathered: 2 * lp.largestLayer * 2 * 2,
    optimizerSeconds,
    noDp: g.dense <= 1 && g.expert <= 1,
    agW: ag(c.wBytes),
    agG: ag(c.gradBytes),
    arG: ar(c.gradBytes),
  };
}

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
  let activations = perToken * l.tokens * (Math.min(ga, s.pp) * s.interleave);
  if (l.recompute === 'full') activations += l.actFullExtra * l.tokens;
  activations += l.logitsBytes;
  return activations;
}

/** Memory per GPU given the activations, for one ZeRO stage (memoryEstimate's sum, same order). */
export function stagedMemoryWith(c: StagedContext, s: StageTerms, activations: number, zero: number): number {
  const gathered = zero === 3 ? s.gathered : 0;
  const other = c.assumptions.reserveBytes + gathered + c.assumptions.fragmentation * activations;
  return s.weights[zero]! + s.gradients[zero]! + s.optimizer[zero]! + activations + other;
}

/** Memory per GPU of one layout (memory-total.ts memoryEstimate), without allocating. */
export function stagedMemory(c: StagedContext, l: LayerTerms, s: StageTerms, ga: number, zero: number): number {
  return stagedMemoryWith(c, s, stagedActivations(l, s, ga), zero);
}

/** The ZeRO-independent part of a step: steady state, bubble and P2P (written into a reusable scratch). */
export interface StepPrefix {
  /** 0 + compute + recompute + tp + cp + ep + bubble + p2p, in estimate.ts's summation order. */
  prefix: number;
  /** Slowest stage's backward and total per micro-batch (what the DP overlap windows use). */
  backward: number;
  total: number;
}

export function emptyStepPrefix(): StepPrefix {
  return { prefix: 0, backward: 0, total: 0 };
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
  const bubble = p > 1 ? ((p - 1) / v) * mean : 0;
  const p2p = p > 1 ? 2 * ga * v * (s.crosses ? l.p2pCross : l.p2pLocal) : 0;
  out.prefix = 0 + sCompute * ga + sRecompute * ga + sTp * ga + sCp * ga + sEp * ga + bubble + p2p;
  out.backward = backward + l.logitsBackward;
  out.total = sCompute + sRecompute + sTp + sCp + sEp;
  return out;
}

/** Step seconds for one ZeRO stage given the prefix (step-time.ts dataParallelSeconds and optimizer). */
export function stagedStepWith(c: StagedContext, s: StageTerms, x: StepPrefix, ga: number, zero: number): number {
  const a = c.assumptions;
  let dpComm = 0;
  if (!s.noDp) {
    if (zero === 3) {
      const perMb = 2 * s.agW + s.agG;
      const hidden = a.fsdpOverlap * x.total;
      dpComm = ga * Math.max(perMb - hidden, (1 - a.fsdpOverlap) * perMb);
    } else if (zero === 2) {
      const rsPerMb = s.agG;
      const exposedRs = ga * Math.max(rsPerMb - a.dpOverlap * x.backward, (1 - a.dpOverlap) * rsPerMb);
      dpComm = exposedRs + s.agW * (1 - a.dpOverlap);
    } else {
      const window = x.backward * s.windowFactor;
      const reduce = zero === 0 ? s.arG : s.agG;
      const exposedReduce = Math.max(reduce - a.dpOverlap * window, (1 - a.dpOverlap) * reduce);
      const gather = zero === 1 ? s.agW * (1 - a.dpOverlap) : 0;
      dpComm = exposedReduce + gather;
    }
  }
  return x.prefix + dpComm + s.optimizerSeconds[zero]! + a.stepOverheadSeconds;
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
