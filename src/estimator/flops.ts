import type { ModelConfig, Recompute, RecomputeBlock } from '../schema/index.js';
import { partialLinearFlopsPerToken } from './recompute.js';
import { countParameters } from './params.js';

/** Keys attended per query on average: s/2 under a causal mask (Megatron causal convention, commit 8873b55), s otherwise. */
export function keysAttended(m: ModelConfig, seq: number): number {
  return m.attention === 'causal' ? seq / 2 : seq;
}

/** QK and AV head widths summed over heads: a·(d_qk + d_v). MLA uses nope+rope for QK [DeepSeek-V2 §2.1]. */
export function attentionCoreWidth(m: ModelConfig): number {
  if (m.mla) return m.attentionHeads * (m.mla.qkNopeHeadDim + m.mla.qkRopeHeadDim + m.mla.vHeadDim);
  return 2 * m.attentionHeads * m.headDim;
}

export interface TokenFlops {
  /** Weight GEMMs in transformer layers (attention projections, MLP/experts, router), forward. */
  linearForward: number;
  /** Attention score and value products, forward. */
  attentionForward: number;
  /** Output projection to the vocabulary, forward. */
  logitsForward: number;
}

/** Forward FLOPs per token: 2 per active weight + 2·2·s_kv·a·d attention core [Narayanan21 App.; modeling-reference §2.4]. */
export function forwardFlopsPerToken(m: ModelConfig, seq: number): TokenFlops {
  // Per-sample kinds: a sample is one unit; forward = 1/3 of the training FLOPs (backward ≈ 2× forward) [PaLM App. B].
  if (m.sampleWorkload) return { linearForward: m.sampleWorkload.flopsPerSample / 3, attentionForward: 0, logitsForward: 0 };
  const p = countParameters(m);
  const moe = m.moe;
  const expertMlp = moe ? (m.ffn === 'swiglu' ? 3 : 2) * m.hiddenSize * moe.expertFfnHiddenSize : 0;
  const moeLayerLinear = moe
    ? p.attentionPerLayer + (moe.activeExperts + moe.sharedExperts) * expertMlp + p.routerPerMoeLayer
    : 0;
  const denseLayerLinear = p.attentionPerLayer + p.denseMlpPerLayer;
  const linear = 2 * (p.denseLayers * denseLayerLinear + p.moeLayers * moeLayerLinear);
  const attention = 2 * m.layers * keysAttended(m, seq) * attentionCoreWidth(m);
  return { linearForward: linear, attentionForward: attention, logitsForward: 2 * m.hiddenSize * m.vocabSize };
}

/** Model FLOPs per token for training: 3× forward (forward, input-grad, weight-grad) [PaLM App. B; Korthikanti22 §6]. */
export function modelFlopsPerToken(m: ModelConfig, seq: number): number {
  const f = forwardFlopsPerToken(m, seq);
  return 3 * (f.linearForward + f.attentionForward + f.logitsForward);
}

/**
 * Extra forward FLOPs per token re-run by activation recompute: full = all layers, selective = attention
 * core [Korthikanti22 §4–5]; op-level = every other weight GEMM [torchtitan per-op SAC]; partial = the
 * named blocks' GEMMs (recompute.ts).
 */
export function recomputeFlopsPerToken(m: ModelConfig, seq: number, mode: Recompute, blocks: readonly RecomputeBlock[] = []): number {
  if (mode === 'none') return 0;
  const f = forwardFlopsPerToken(m, seq);
  if (mode === 'full') return f.linearForward + f.attentionForward;
  if (mode === 'selective') return f.attentionForward;
  if (mode === 'op-level') return 0.5 * f.linearForward;
  return partialLinearFlopsPerToken(m, blocks) + (blocks.includes('core-attention') ? f.attentionForward : 0);
}
