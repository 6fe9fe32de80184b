import type { ModelConfig, ResolvedLayout, TrainingConfig } from '../schema/index.js';
import type { Assumptions } from './assumptions.js';
import { allGatherSeconds, allReduceSeconds, groupOf, type Fabric } from './comm.js';
import type { Device } from './kernels.js';
import { memorySeconds } from './kernels.js';
import { denseLayerSeconds, logitsSeconds, moeLayerSeconds, type LayerSeconds } from './layer-time.js';
import { layerComm, pipelineP2pSeconds, type LayerComm } from './parallel-comm.js';
import { localParams, shardGroups } from './memory.js';
import type { Shapes } from './shapes.js';

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

interface StageMicrobatch {
  compute: number;
  recompute: number;
  tp: number;
  cp: number;
  ep: number;
  backward: number;
}

function layerMicrobatch(l: LayerSeconds, c: LayerComm, layout: ResolvedLayout, a: Assumptions, tpOverlap: number): StageMicrobatch {
  const recompute = layout.recompute === 'full' ? l.forward : layout.recompute === 'selective' ? l.attentionForward : 0;
  const tpPasses = c.tpForward + c.tpBackward + (layout.recompute === 'full' ? c.tpForward : 0);
  const cpRaw = c.cpForward + c.cpBackward;
  // Ring attention hides the K/V exchange behind the attention blocks it feeds [RingAttn §3].
  const cp = Math.max(0, cpRaw - a.cpOverlap * (l.attentionForward * (1 + a.attentionBackwardRatio)));
  return {
    compute: l.forward + l.backward,
    recompute,
    tp: tpPasses * (1 - tpOverlap),
    cp,
    ep: (c.epForward + c.epBackward + (layout.recompute === 'full' ? c.epForward : 0)) * (1 - a.epOverlap),
    backward: l.backward,
  };
}

function scale(x: StageMicrobatch, k: number): StageMicrobatch {
  return { compute: x.compute * k, recompute: x.recompute * k, tp: x.tp * k, cp: x.cp * k, ep: x.ep * k, backward: x.backward * k };
}
function sum(x: StageMicrobatch, y: StageMicrobatch): StageMicrobatch {
  return { compute: x.compute + y.compute, recompute: x.recompute + y.recompute, tp: x.tp + y.tp, cp: x.cp + y.cp, ep: x.ep + y.ep, backward: x.backward + y.backward };
}
const total = (x: StageMicrobatch) => x.compute + x.recompute + x.tp + x.cp + x.ep;

export interface StepInput {
  model: ModelConfig;
  training: TrainingConfig;
  layout: ResolvedLayout;
  shapes: Shapes;
  device: Device;
  fabric: Fabric;
  assumptions: Assumptions;
}

/**
 * Step time = m·(slowest stage per micro-batch) + (p−1)/v·(mean stage) bubble + exposed P2P, DP,
 * optimizer [Narayanan21 §2.2 (1F1B, interleaved bubble (p−1)/(v·m)); modeling-reference §5.2, §8.1].
 */
export function stepTime(x: StepInput): StepBreakdown {
  const { model: m, layout, shapes: s, device: d, fabric: f, assumptions: a } = x;
  const tpOv = a.tpOverlap ?? d.eff.tpOverlap;
  const o = { seq: x.training.sequenceLength, sequenceParallel: layout.sequenceParallel && layout.tp > 1, attentionBackwardRatio: a.attentionBackwardRatio, attentionKernel: a.attentionKernel };
  const dense = layerMicrobatch(denseLayerSeconds(d, m, s, o), layerComm(f, m, layout, s, false), layout, a, tpOv);
  let stage = scale(dense, s.denseLayersPerStage);
  if (m.moe && s.moeLayersPerStage > 0) {
    const moe = layerMicrobatch(moeLayerSeconds(d, m, s, o), layerComm(f, m, layout, s, true), layout, a, tpOv);
    stage = sum(stage, scale(moe, s.moeLayersPerStage));
  }
  const lg = logitsSeconds(d, m, s);
  const logits: StageMicrobatch = { compute: lg.forward + lg.backward, recompute: 0, tp: 0, cp: 0, ep: 0, backward: lg.backward };
  const mb = layout.gradientAccumulation;
  const p = layout.pp;
  const v = layout.vpp;
  // The last stage also runs the output layer: it is the slowest and sets the 1F1B steady state.
  const slowest = sum(stage, logits);
  const mean = (total(stage) * m.layers) / (p * s.layersPerStage) + total(logits) / p;
  const steady = scale(slowest, mb);
  const bubble = p > 1 ? ((p - 1) / v) * mean : 0;
  const p2p = p > 1 ? 2 * mb * v * pipelineP2pSeconds(f, m, layout, s) : 0;

  const dp = dataParallelSeconds(x, slowest, mb);
  const lp = localParams(m, layout);
  const g = shardGroups(layout);
  const optParams = layout.zero >= 1 ? lp.dense / g.dense + lp.expert / g.expert : lp.dense + lp.expert;
  // Adam is memory-bound: bytes touched per parameter over sustained HBM bandwidth [modeling-reference §7.4].
  const optimizer = memorySeconds(d, optParams * (x.training.optimizer === 'adam' ? a.optimizerBytesPerParam : a.optimizerBytesPerParam / 2));
  return {
    compute: steady.compute,
    recompute: steady.recompute,
    tpComm: steady.tp,
    cpComm: steady.cp,
    epComm: steady.ep,
    pipelineBubble: bubble,
    pipelineP2p: p2p,
    dpComm: dp,
    optimizer,
    overhead: a.stepOverheadSeconds,
  };
}

/**
 * Exposed data-parallel communication. ZeRO-0/1/2: one gradient reduce (+ parameter all-gather for
 * ZeRO ≥ 1) per step, overlapped with the last micro-batch's backward [Calculon DP overlap; Megatron
 * --overlap-grad-reduce]. ZeRO-3/FSDP: per micro-batch AG fwd + AG bwd + RS grads, prefetched behind
 * layer compute [ZeRO §7; FSDP]. DeepSpeed/FSDP ZeRO-2 reduce-scatter every micro-batch [DeepSpeed #2252].
 */
function dataParallelSeconds(x: StepInput, stageMb: StageMicrobatch, mb: number): number {
  const { layout, fabric: f, assumptions: a } = x;
  const g = shardGroups(layout);
  if (g.dense <= 1 && g.expert <= 1) return 0;
  const lp = localParams(x.model, layout);
  const gradBytes = layout.precision === 'fp16' || !a.gradReduceFp32ForBf16 ? 2 : 4;
  const wBytes = layout.precision === 'fp32' ? 4 : 2;
  const denseGroup = groupOf(g.dense, layout.tp, f.domainSize);
  const expertGroup = groupOf(g.expert, layout.tp * layout.ep, f.domainSize);
  const ag = (bytesPerParam: number) =>
    allGatherSeconds(f, lp.dense * bytesPerParam, denseGroup) + allGatherSeconds(f, lp.expert * bytesPerParam, expertGroup);
  const ar = (bytesPerParam: number) =>
    allReduceSeconds(f, lp.dense * bytesPerParam, denseGroup) + allReduceSeconds(f, lp.expert * bytesPerParam, expertGroup);
  const window = stageMb.backward * (layout.vpp > 1 ? 1 + ((layout.vpp - 1) / layout.vpp) * (layout.pp - 1) : 1);
  if (layout.zero === 3) {
    const perMb = 2 * ag(wBytes) + ag(gradBytes);
    const hidden = a.fsdpOverlap * total(stageMb);
    return mb * Math.max(perMb - hidden, (1 - a.fsdpOverlap) * perMb);
  }
  if (layout.zero === 2) {
    const rsPerMb = ag(gradBytes);
    const exposedRs = mb * Math.max(rsPerMb - a.dpOverlap * stageMb.backward, (1 - a.dpOverlap) * rsPerMb);
    return exposedRs + ag(wBytes) * (1 - a.dpOverlap);
  }
  const reduce = layout.zero === 0 ? ar(gradBytes) : ag(gradBytes);
  const exposedReduce = Math.max(reduce - a.dpOverlap * window, (1 - a.dpOverlap) * reduce);
  const gather = layout.zero === 1 ? ag(wBytes) * (1 - a.dpOverlap) : 0;
  return exposedReduce + gather;
}
