import { encoderDecoderLargestLayer, type ModelConfig, type RecomputeBlock, type ResolvedLayout } from '../schema/index.js';
import type { Assumptions } from './assumptions.js';
import { countParameters } from './params.js';
import { stageLayers, type Shapes } from './shapes.js';

/** Parameters held by one GPU of the most loaded pipeline stage, before ZeRO sharding [Megatron theoretical_memory_usage.py]. */
export interface LocalParams {
  /** TP-sharded and replicated weights (attention, dense MLP, shared experts, norms, embedding/output). */
  dense: number;
  /** Routed-expert weights (sharded over EP). */
  expert: number;
  /** Largest single layer on this GPU (what ZeRO-3 gathers at once). */
  largestLayer: number;
}

export function localParams(m: ModelConfig, layout: ResolvedLayout): LocalParams {
  const p = countParameters(m);
  const t = layout.tp;
  const perStage = stageLayers(m.layers, p.moeLayers, layout.pp, layout.vpp).layersPerStage;
  const moeShare = p.moeLayers / m.layers;
  const denseShare = 1 - moeShare;
  const attn = (p.attentionPerLayer / t) * perStage;
  const mlp = (p.denseMlpPerLayer / t) * perStage * denseShare;
  const shared = ((p.sharedExpertsPerMoeLayer / t + p.routerPerMoeLayer) * perStage) * moeShare;
  const norms = p.normsPerLayer * perStage;
  // First stage holds the embedding; the last the output layer; with pp = 1 one GPU holds both.
  const edges = layout.pp === 1 ? (p.embedding + p.outputLayer) / t : Math.max(p.embedding, p.outputLayer) / t;
  const expert = ((p.routedExpertsPerMoeLayer * perStage * moeShare) / layout.ep);
  const layerDense = p.attentionPerLayer / t + Math.max(p.denseMlpPerLayer / t, p.moeLayers > 0 ? p.sharedExpertsPerMoeLayer / t : 0);
  const layerExpert = p.moeLayers > 0 ? p.routedExpertsPerMoeLayer / layout.ep : 0;
  // An encoder-decoder's parameters are one per-sample block, but ZeRO-3 gathers it a layer at a time.
  if (m.encoderDecoder) return { dense: attn + mlp + shared + norms + edges, expert, largestLayer: encoderDecoderLargestLayer(m.encoderDecoder) / t };
  return { dense: attn + mlp + shared + norms + edges, expert, largestLayer: layerDense + layerExpert };
}

/** Data-parallel sharding groups: dense weights over dp·cp, experts over dp·cp/ep (Megatron folding) [MoE-Folding]. */
export function shardGroups(layout: ResolvedLayout): { dense: number; expert: number } {
  const dense = layout.dp * layout.cp;
  return { dense, expert: Math.max(1, dense / layout.ep) };
}

export interface ModelStateBytes {
  weights: number;
  gradients: number;
  optimizer: number;
}

/** Weights, gradients and optimizer states per GPU by ZeRO stage [ZeRO §5 Fig. 1, with Megatron's 2+4+12 bytes]. */
export function modelStateBytes(lp: LocalParams, layout: ResolvedLayout, a: Assumptions, optimizer: 'adam' | 'sgd'): ModelStateBytes {
  const g = shardGroups(layout);
  const z = layout.zero;
  const share = (dense: number, expert: number, stage: number) =>
    (z >= stage ? lp.dense / g.dense : lp.dense) * dense + (z >= stage ? lp.expert / g.expert : lp.expert) * expert;
  const fp32Training = layout.precision === 'fp32';
  const wBytes = fp32Training ? 4 : a.bytesWeight;
  // FP8 training keeps an fp8 copy (and transpose) of each weight next to the 16-bit one [modeling-reference §3.4].
  const weightBytes = layout.precision === 'fp8' ? wBytes + 1 : wBytes;
  const master = fp32Training ? 0 : a.bytesMaster;
  const moments = optimizer === 'adam' ? a.bytesOptimizerMoments : a.bytesOptimizerMoments / 2;
  // DualPipe keeps two copies of the parameters (and their gradients); one optimizer step updates both [DeepSeek-V3 §3.2.1 Table 2].
  const copies = a.dualPipe && layout.pp > 1 ? 2 : 1;
  return {
    weights: copies * share(weightBytes, weightBytes, 3),
    gradients: copies * share(a.bytesGradient, a.bytesGradient, 2),
    optimizer: share(master + moments, master + moments, 1),
  };
}

/**
 * GEMMs whose weights are frozen and carry no adapter (LoRA/QLoRA): their inputs are kept only for the
 * weight gradient (dW = Xᵀ·dY), which a frozen weight does not need — the input gradient dX = dY·Wᵀ needs W
 * alone — so autograd does not save them (PyTorch's mm/linear backward saves an operand only for the gradient
 * of the other; Transformer Engine's Linear saves its input only when the weight requires a gradient).
 * qkv: the q/k/v projections' shared input (the attention norm output); fc1: the MLP's first GEMM(s)
 * (gate/up); fc2: the down projection.
 */
export interface FrozenInputs { qkv: boolean; fc1: boolean; fc2: boolean }
export const NOTHING_FROZEN: FrozenInputs = { qkv: false, fc1: false, fc2: false };

/**
 * Stored activations per layer per token (bytes) for FlashAttention-era layers [Korthikanti22 Table 2;
 * modeling-reference §4.7]: norm and GEMM inputs (÷t only with SP), Q/K/V and attention output (÷t),
 * MLA latents, MLP intermediates (÷t); dropout masks for GeLU-era models; full recompute keeps the layer
 * input only. `partial` drops the named sub-blocks' internals (recompute.ts); `op-level` keeps the layer
 * input, every other GEMM output and the attention output (TorchTitan per-op SAC).
 */
export function activationBytesPerLayerToken(m: ModelConfig, layout: ResolvedLayout, s: Shapes, isMoe: boolean, attentionKernel: 'flash' | 'unfused' = 'flash', blocks: readonly RecomputeBlock[] = [], frozen: FrozenInputs = NOTHING_FROZEN): number {
  const h = m.hiddenSize;
  const t = layout.tp;
  const sp = layout.sequenceParallel && t > 1 ? t : 1;
  const b = s.activationBytes;
  const gemmIn = layout.precision === 'fp8' ? 1 : b;
  const mode = layout.recompute;
  if (mode === 'full') return (b * h) / sp;
  const drop = (x: RecomputeBlock) => mode === 'partial' && blocks.includes(x);
  const dropout = m.ffn === 'gelu' ? (2 * h) / sp : 0;
  const normOut = drop('norm') ? 0 : gemmIn * h;
  const qkv = b * (s.qWidth / t + 2 * s.kvWidthPerRank);
  // MLA keeps its latents (inputs of the up-projections) [DeepSeek-V2 §2.1]; recomputing the up-projections drops Q, K, V [DeepSeek-V3 §3.2.3].
  const latents = m.mla ? gemmIn * (m.mla.qLoraRank + m.mla.kvLoraRank + m.mla.qkRopeHeadDim) : 0;
  const qkvStored = m.mla && drop('mla-up-projection') ? 0 : qkv;
  // Unfused attention keeps softmax output (2 B), dropout mask (1 B) and dropout output (2 B) per score: 5·a·s per token unless selective recompute drops them [Korthikanti22 §4.1].
  const dropsScores = mode === 'selective' || drop('core-attention');
  const scores = attentionKernel === 'unfused' ? (dropsScores ? 0 : (5 * m.attentionHeads * s.tokens * layout.cp) / (t * layout.microBatch)) : (4 * m.attentionHeads) / t;
  const inner = (f: number) => (m.ffn === 'swiglu' ? 3 * f : 2 * f);
  if (mode === 'op-level') {
    // Layer input, every other GEMM output (q k v o fc1 fc2 outputs, halved), the attention output and its log-sum-exp.
    const mlpOut = isMoe && m.moe ? m.moe.activeExperts * m.moe.imbalance * (inner(m.moe.expertFfnHiddenSize) / 1.5 + h) / t + (m.moe.sharedExperts * inner(m.moe.expertFfnHiddenSize)) / (1.5 * t) : ((inner(m.ffnHiddenSize) / 1.5) / t + h / sp);
    return b * (h / sp + 0.5 * (s.qWidth / t + 2 * s.kvWidthPerRank + h / sp + mlpOut) + s.qWidth / t) + latents + scores;
  }
  const attention = (b * h + (frozen.qkv && !m.mla ? 0 : normOut)) / sp + qkvStored + latents + gemmIn * (s.qWidth / t) + scores;
  const mlpIn = frozen.fc1 ? 0 : normOut;
  let mlp: number;
  if (isMoe && m.moe) {
    const k = m.moe.activeExperts * m.moe.imbalance;
    const fe = m.moe.expertFfnHiddenSize;
    // moe-expert-ffn drops all of fc1's outputs; moe-act drops the activation output (fc2 input) and keeps
    // the activation's inputs, cached in FP8 under FP8 training [DeepSeek-V3 §3.3.3, "inputs of the SwiGLU operator in MoE"].
    const expertBytes = drop('moe-expert-ffn') ? 0 : drop('moe-act') ? gemmIn * (inner(fe) - fe) : b * (inner(fe) - (frozen.fc2 ? fe : 0));
    mlp = (b * h + mlpIn) / sp + (k * ((frozen.fc1 ? 0 : gemmIn * h) + expertBytes)) / t + (m.moe.sharedExperts * expertBytes) / t;
  } else {
    const f = m.ffnHiddenSize;
    const fc2In = frozen.fc2 ? 0 : gemmIn * f;
    const intermediate = drop('mlp') ? 0 : m.ffn === 'swiglu' ? 2 * b * f + fc2In : b * f + fc2In;
    mlp = (b * h + mlpIn) / sp + intermediate / t;
  }
  return attention + mlp + dropout;
}
