import type { AcceleratorSpec, ModelConfig, Precision, Recompute, RecomputeBlock, ResolvedLayout, TrainingConfig } from '../schema/index.js';
import type { Assumptions } from './assumptions.js';
import { allGatherSeconds, allReduceSeconds, groupOf, p2pSeconds, type Fabric } from './comm.js';
import { prepareEstimate, type EstimateContext, type NetworkOverride } from './context.js';
import { memorySeconds, type Device } from './kernels.js';
import { layerCompute, type LayerCompute } from './layer-compute.js';
import { activationBytesPerLayerToken, localParams, modelStateBytes, shardGroups, type LocalParams } from './memory.js';
import { layerComm } from './parallel-comm.js';
import { layerMicrobatch, probeLayout, type Micro } from './staged-micro.js';
import { deriveShapes, stageLayers } from './shapes.js';
import { frozenInputs } from './finetune.js';
import { sampleLayerTerms } from './sample-workload.js';
import { encoderDecoderLayerTerms } from './encoder-decoder-time.js';
import { finetuneStateBytes, storedWeightBytes, trainableLocal } from './finetune-memory.js';

/**
 * A staged form of `estimate()` for searches: the same formulas, split by what each term depends on,
 * so a planner can compute per-layer terms once per (tp, cp, micro-batch, ep, recompute), per-stage
 * terms once per (tp, pp, vpp, ep, dp·cp), and combine them per layout without allocating.
 *
 * This is the estimator's only composition of a step and of peak memory: `evaluateLayout` (and so
 * `estimate()`) builds these terms for one layout and combines them with the functions of staged.ts,
 * and the planner reuses the same terms across many layouts — one model, two call patterns.
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

export function stagedContext(x: StagedContextInput): StagedContext {
  const ctx = prepareEstimate({
    model: x.model,
    training: x.training,
    accelerator: x.accelerator,
    ...(x.network ? { network: x.network } : {}),
    ...(x.assumptions ? { assumptions: x.assumptions } : {}),
  });
  return stagedContextFrom(ctx, x.precision);
}

/** The staged view of a prepared estimate context for one precision. */
export function stagedContextFrom(ctx: EstimateContext, p: Precision): StagedContext {
  const a = ctx.assumptions;
  const tr = ctx.training;
  return {
    model: ctx.model,
    training: tr,
    accelerator: ctx.accelerator,
    precision: p,
    assumptions: a,
    fabric: ctx.fabric,
    device: ctx.device(p),
    capacityBytes: ctx.accelerator.memoryBytes,
    optimizerBytes: tr.optimizer === 'adam' ? a.optimizerBytesPerParam : a.optimizerBytesPerParam / 2,
    gradBytes: p === 'fp16' || !a.gradReduceFp32ForBf16 ? 2 : 4,
    wBytes: p === 'fp32' ? 4 : 2,
    steps: Math.ceil(tr.tokens / ctx.tokensPerStep),
    moeLayers: ctx.params.moeLayers,
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

/** `sp`: sequence parallelism (on by default whenever tp > 1; `estimate --no-sequence-parallel` turns it off); `blocks`: the sub-blocks of a partial recompute. */
export function layerTerms(c: StagedContext, tp: number, cp: number, microBatch: number, ep: number, recompute: Recompute, sp = true, blocks: readonly RecomputeBlock[] = [], compute?: LayerCompute): LayerTerms {
  const m = c.model;
  if (m.encoderDecoder) return encoderDecoderLayerTerms(c, tp, microBatch, recompute, sp);
  // True fp32 (no TF32) for a preset's fp32Fraction, at the stack's kernel efficiency like every peak (context.ts).
  if (m.sampleWorkload) return sampleLayerTerms(c.device, m, microBatch, recompute, (c.accelerator.peakTflops.fp32 ?? 0) * 1e12 * c.assumptions.kernelEfficiency || c.device.attentionPeak);
  const a = c.assumptions;
  const layout = probeLayout(c, { tp, cp, ep, pp: 1, vpp: 1, dp: 1, microBatch, zero: 0, recompute, sp });
  const s = deriveShapes(m, layout, c.training.sequenceLength);
  const tpOv = a.tpOverlap ?? c.device.eff.tpOverlap;
  const ft = c.training.finetune;
  // The compute seconds (layer-compute.ts), shared by the caller across recompute modes or computed here.
  const k = compute ?? layerCompute(c, tp, cp, microBatch, ep, sp)!;
  const dense = layerMicrobatch(k.dense, layerComm(c.fabric, m, layout, s, false), recompute, a, tpOv, blocks, false);
  const moe = k.moe ? layerMicrobatch(k.moe, layerComm(c.fabric, m, layout, s, true), recompute, a, tpOv, blocks, true) : null;
  const lg = k.logits;
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
    actDense: activationBytesPerLayerToken(m, layout, s, false, a.attentionKernel, blocks, frozenInputs(ft)),
    actMoe: activationBytesPerLayerToken(m, layout, s, true, a.attentionKernel, blocks, frozenInputs(ft)),
    actFullExtra: recompute === 'full' ? activationBytesPerLayerToken(m, { ...layout, recompute: 'none' }, s, m.moe !== null, a.attentionKernel) : 0,
    logitsBytes: ((s.tokens * m.vocabSize) / layout.tp) * (s.activationBytes + 4),
    p2pLocal: p2pSeconds(c.fabric, p2pBytes, false),
    p2pCross: p2pSeconds(c.fabric, p2pBytes, true),
  };
}

/**
 * Terms that depend on (tp, pp, vpp, ep, dp·cp) but not on micro-batch or recompute. Mutable and
 * reusable: `fillStageTerms` overwrites one object per family so a search allocates nothing per family.
 */
export interface StageTerms {
  tp: number;
  pp: number;
  vpp: number;
  ep: number;
  lp: LocalParams;
  layersPerStage: number;
  denseLayersPerStage: number;
  moeLayersPerStage: number;
  /** Interleaved-schedule in-flight multiplier (memory-total.ts inFlightFactor without min(m, p)). */
  interleave: number;
  /** Backward window multiplier for the DP reduce (step-time.ts dataParallelSeconds). */
  windowFactor: number;
  /** Bubble length in mean stage-micro-batches: (p−1)/v, or DualPipe's p/2−1. */
  bubbleStages: number;
  /** DualPipe schedule (Assumptions.dualPipe) with p > 1. */
  dualPipe: boolean;
  /** ZeRO-3 runs as ZeRO-2 here: FSDP under PP keeps parameters gathered (Assumptions.unshardedParamsWithPp). */
  zero3Unsharded: boolean;
  crosses: boolean;
  /** weights + gradients + optimizer bytes per GPU for ZeRO stage 0..3, and the three parts. */
  states: number[];
  weights: number[];
  gradients: number[];
  optimizer: number[];
  /** ZeRO-3 gathered-layer buffer bytes (0 when nothing is sharded). */
  gathered: number;
  /** Optimizer step seconds per ZeRO stage. */
  optimizerSeconds: number[];
  /** True when the data-parallel groups are trivial (no DP communication). */
  noDp: boolean;
  agW: number;
  /** ZeRO-3's per-micro-batch weight gather: agW, or every stored weight when frozen weights are not updated (fine-tuning). */
  agWGathered: number;
  agG: number;
  arG: number;
}

export function emptyStageTerms(): StageTerms {
  return {
    tp: 0, pp: 0, vpp: 0, ep: 0, lp: { dense: 0, expert: 0, largestLayer: 0 }, layersPerStage: 0, denseLayersPerStage: 0, moeLayersPerStage: 0,
    interleave: 1, windowFactor: 1, bubbleStages: 0, dualPipe: false, zero3Unsharded: false, crosses: false, states: [0, 0, 0, 0], weights: [0, 0, 0, 0], gradients: [0, 0, 0, 0], optimizer: [0, 0, 0, 0], gathered: 0, optimizerSeconds: [0, 0, 0, 0], noDp: true, agW: 0, agWGathered: 0, agG: 0, arG: 0,
  };
}

/** localParams (memory.ts) for these degrees: depends on (tp, pp, vpp, ep) only, so callers may cache it. */
export function stageLocalParams(c: StagedContext, tp: number, pp: number, vpp: number, ep: number): LocalParams {
  return localParams(c.model, probeLayout(c, { tp, cp: 1, ep, pp, vpp, dp: 1, microBatch: 1, zero: 0, recompute: 'none' }));
}

/** weights + gradients + optimizer bytes per GPU (memory.ts modelStateBytes), summed in memoryEstimate's order. */
export function stateBytes(c: StagedContext, lp: LocalParams, tp: number, pp: number, vpp: number, ep: number, dp: number, cp: number, zero: 0 | 1 | 2 | 3): number {
  const st = finetuneStateBytes(c.model, c.training, lp, probeLayout(c, { tp, cp, ep, pp, vpp, dp, microBatch: 1, zero, recompute: 'none' }), c.assumptions);
  return st.weights + st.gradients + st.optimizer;
}

/** Fills `out` with the stage terms of (tp, pp, vpp, ep, dp, cp); `lp` from stageLocalParams. */
export function fillStageTerms(c: StagedContext, tp: number, pp: number, vpp: number, ep: number, dp: number, cp: number, lp: LocalParams, out: StageTerms): StageTerms {
  const m = c.model;
  const f = c.fabric;
  const base = probeLayout(c, { tp, cp, ep, pp, vpp, dp, microBatch: 1, zero: 0, recompute: 'none' });
  const sl = stageLayers(m.layers, c.moeLayers, pp, vpp);
  const g = shardGroups(base);
  // Trainable parameters (all of them, or the adapters when fine-tuning: finetune-memory.ts).
  const tl = trainableLocal(m, c.training, lp, base);
  for (let z = 0; z <= 3; z++) {
    base.zero = z as 0 | 1 | 2 | 3;
    const st = finetuneStateBytes(m, c.training, lp, base, c.assumptions);
    out.states[z] = st.weights + st.gradients + st.optimizer;
    out.weights[z] = st.weights;
    out.gradients[z] = st.gradients;
    out.optimizer[z] = st.optimizer;
    const optParams = z >= 1 ? tl.dense / g.dense + tl.expert / g.expert : tl.dense + tl.expert;
    out.optimizerSeconds[z] = memorySeconds(c.device, optParams * c.optimizerBytes);
  }
  const denseGroup = groupOf(g.dense, tp, f.domainSize);
  const expertGroup = groupOf(g.expert, tp * ep, f.domainSize);
  const ag = (b: number) => allGatherSeconds(f, tl.dense * b, denseGroup) + allGatherSeconds(f, tl.expert * b, expertGroup);
  const ar = (b: number) => allReduceSeconds(f, tl.dense * b, denseGroup) + allReduceSeconds(f, tl.expert * b, expertGroup);
  out.tp = tp;
  out.pp = pp;
  out.vpp = vpp;
  out.ep = ep;
  out.lp = lp;
  out.layersPerStage = sl.layersPerStage;
  out.denseLayersPerStage = sl.denseLayersPerStage;
  out.moeLayersPerStage = sl.moeLayersPerStage;
  out.dualPipe = c.assumptions.dualPipe && pp > 1;
  out.zero3Unsharded = c.assumptions.unshardedParamsWithPp && pp > 1;
  if (out.zero3Unsharded) {
    // FSDP2 under PP (reshard_after_forward=False): parameters stay gathered for the whole step, so
    // "ZeRO-3" holds and moves what ZeRO-2 does [torchtitan docs/fsdp.md; Llama 3 §3.3.2].
    out.states[3] = out.states[2]!;
    out.weights[3] = out.weights[2]!;
    out.gradients[3] = out.gradients[2]!;
    out.optimizer[3] = out.optimizer[2]!;
    out.optimizerSeconds[3] = out.optimizerSeconds[2]!;
  }
  setStageVpp(out, vpp);
  out.crosses = tp * cp * dp >= f.domainSize;
  out.gathered = dp * cp > 1 && !out.zero3Unsharded ? 2 * lp.largestLayer * 2 * 2 : 0;
  out.noDp = g.dense <= 1 && g.expert <= 1;
  out.agW = ag(c.wBytes);
  if (c.training.finetune && c.training.finetune.method !== 'full') {
    const w = storedWeightBytes(m, c.training, lp, base, c.assumptions);
    out.agWGathered = allGatherSeconds(f, w.dense, denseGroup) + allGatherSeconds(f, w.expert, expertGroup);
  } else out.agWGathered = out.agW;
  out.agG = ag(c.gradBytes);
  out.arG = ar(c.gradBytes);
  return out;
}

/**
 * The only stage terms that depend on the virtual-stage count (the slowest rank holds ⌈L/p⌉ layers
 * whatever v is): interleaved in-flight activations ×(1 + (p−1)/(p·v)) [Korthikanti22 §4.2.3] and the
 * DP overlap window, which grows with the v−1 earlier chunks' backward [Calculon DP overlap].
 * A search may fill a family once and call this for each v.
 */
export function setStageVpp(out: StageTerms, vpp: number): StageTerms {
  const pp = out.pp;
  out.vpp = vpp;
  out.interleave = vpp > 1 ? 1 + (pp - 1) / (pp * vpp) : 1;
  out.windowFactor = vpp > 1 ? 1 + ((vpp - 1) / vpp) * (pp - 1) : 1;
  out.bubbleStages = pp > 1 ? (pp - 1) / vpp : 0;
  if (out.dualPipe) {
    // DualPipe: bubble (p/2 − 1)(F&B + B − 3W) ≈ (p/2 − 1)(F + B) with W ≈ B/2, and p + 1 micro-batches in flight [DeepSeek-V3 §3.2.1 Table 2].
    out.interleave = (pp + 1) / pp;
    out.bubbleStages = Math.max(0, pp / 2 - 1);
  }
  return out;
}

/** The stage terms of (tp, pp, vpp, ep, dp, cp) in a fresh object. */
export function stageTerms(c: StagedContext, tp: number, pp: number, vpp: number, ep: number, dp: number, cp: number): StageTerms {
  return fillStageTerms(c, tp, pp, vpp, ep, dp, cp, stageLocalParams(c, tp, pp, vpp, ep), emptyStageTerms());
}
