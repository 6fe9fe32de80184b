import type { ModelConfig } from '../schema/index.js';

/** Query width a·d_h and key/value width n_kv·d_h. */
export function attentionWidths(m: ModelConfig): { q: number; kv: number } {
  return { q: m.attentionHeads * m.headDim, kv: m.kvHeads * m.headDim };
}

/** Attention weights per layer: GQA h·(h_q + 2h_kv) + h_q·h, or the MLA projections [DeepSeek-V2, Sec. 2.1.2]. */
export function attentionParams(m: ModelConfig): number {
  const h = m.hiddenSize;
  if (m.mla) {
    const a = m.attentionHeads;
    const { qLoraRank: qr, kvLoraRank: kr, qkRopeHeadDim: rope, qkNopeHeadDim: nope, vHeadDim: vd } = m.mla;
    const q = qr > 0 ? h * qr + qr * a * (nope + rope) : h * a * (nope + rope);
    const kv = h * (kr + rope) + kr * a * (nope + vd);
    return q + kv + a * vd * h;
  }
  const { q, kv } = attentionWidths(m);
  return h * (q + 2 * kv) + q * h;
}

/** MLP weights for hidden width f: 2hf (GeLU) or 3hf (SwiGLU gate/up/down) [modeling-reference §1]. */
export function mlpParams(m: ModelConfig, f: number): number {
  return (m.ffn === 'swiglu' ? 3 : 2) * m.hiddenSize * f;
}

/** Number of MoE layers (the first `denseLayers` stay dense). */
export function moeLayerCount(m: ModelConfig): number {
  return m.moe ? Math.max(0, m.layers - m.moe.denseLayers) : 0;
}

export interface ParameterCounts {
  total: number;
  active: number;
  /** Per-layer pieces, for sharding: attention (TP), dense MLP (TP), routed experts (EP), shared experts (TP). */
  attentionPerLayer: number;
  denseMlpPerLayer: number;
  routedExpertsPerMoeLayer: number;
  sharedExpertsPerMoeLayer: number;
  routerPerMoeLayer: number;
  normsPerLayer: number;
  embedding: number;
  outputLayer: number;
  moeLayers: number;
  denseLayers: number;
}

/** Parameter count of a decoder transformer, embeddings included [modeling-reference §1; Megatron theoretical_memory_usage.py]. */
export function countParameters(m: ModelConfig): ParameterCounts {
  // Per-sample kinds (cnn, generic): one opaque block of parameters, all dense and active.
  if (m.sampleWorkload) {
    const n = m.sampleWorkload.parameters;
    return { total: n, active: n, attentionPerLayer: 0, denseMlpPerLayer: n, routedExpertsPerMoeLayer: 0, sharedExpertsPerMoeLayer: 0, routerPerMoeLayer: 0, normsPerLayer: 0, embedding: 0, outputLayer: 0, moeLayers: 0, denseLayers: 1 };
  }
  const h = m.hiddenSize;
  const attention = attentionParams(m);
  const norms = m.ffn === 'gelu' ? 4 * h : 2 * h;
  const moeLayers = moeLayerCount(m);
  const denseLayers = m.layers - moeLayers;
  const denseMlp = mlpParams(m, m.ffnHiddenSize);
  const moe = m.moe;
  const routed = moe ? moe.experts * mlpParams(m, moe.expertFfnHiddenSize) : 0;
  const shared = moe ? moe.sharedExperts * mlpParams(m, moe.expertFfnHiddenSize) : 0;
  const router = moe ? h * moe.experts : 0;
  const embedding = m.vocabSize * h;
  const outputLayer = m.tiedEmbeddings ? 0 : m.vocabSize * h;
  const perDense = attention + denseMlp + norms;
  const perMoe = attention + routed + shared + router + norms;
  const finalNorm = m.ffn === 'gelu' ? 2 * h : h;
  const total = denseLayers * perDense + moeLayers * perMoe + embedding + outputLayer + finalNorm;
  const activeRouted = moe ? moe.activeExperts * mlpParams(m, moe.expertFfnHiddenSize) : 0;
  const active = total - moeLayers * (routed - activeRouted);
  return {
    total,
    active,
    attentionPerLayer: attention,
    denseMlpPerLayer: denseMlp,
    routedExpertsPerMoeLayer: routed,
    sharedExpertsPerMoeLayer: shared,
    routerPerMoeLayer: router,
    normsPerLayer: norms,
    embedding,
    outputLayer,
    moeLayers,
    denseLayers,
  };
}
