import type { ModelConfig, ResolvedLayout } from '../schema/index.js';

/** Per-GPU tensor shapes that the time and memory models share, derived once per estimate. */
export interface Shapes {
  /** Tokens per micro-batch seen by one GPU's GEMMs: b·s/cp. */
  tokens: number;
  /** Tokens per micro-batch stored per GPU under sequence parallelism: b·s/(cp·t). */
  tokensSharded: number;
  t: number;
  qWidth: number;
  /** K/V width actually held per TP rank ×t: KV heads are replicated when t > n_kv [llm-analysis; modeling-reference §1]. */
  kvWidthPerRank: number;
  activationBytes: number;
  /** Local routed experts and rows per expert GEMM (balanced routing × imbalance). */
  localExperts: number;
  rowsPerExpert: number;
  moeLayersPerStage: number;
  denseLayersPerStage: number;
  layersPerStage: number;
}

export function deriveShapes(m: ModelConfig, layout: ResolvedLayout, seq: number): Shapes {
  const t = layout.tp;
  const tokens = (layout.microBatch * seq) / layout.cp;
  const kvHeadsPerRank = Math.max(1, m.kvHeads / t);
  const moe = m.moe;
  const moeLayers = moe ? m.layers - moe.denseLayers : 0;
  const localExperts = moe ? moe.experts / layout.ep : 0;
  const rowsPerExpert = moe ? ((tokens / t) * moe.activeExperts * layout.ep * moe.imbalance) / moe.experts : 0;
  return {
    tokens,
    tokensSharded: tokens / t,
    t,
    qWidth: m.attentionHeads * m.headDim,
    kvWidthPerRank: kvHeadsPerRank * m.headDim,
    activationBytes: layout.precision === 'fp32' ? 4 : 2,
    localExperts,
    rowsPerExpert,
    ...stageLayers(m.layers, moeLayers, layout.pp, layout.vpp),
  };
}

/**
 * Layers on the most loaded pipeline rank: with L not divisible by p, the split is as even as whole
 * layers allow, so the slowest rank holds ⌈L/p⌉ (its v chunks differ by at most one layer; Llama 3 used
 * uneven stages) [modeling-reference §5.2, §5.4]. `vpp` only has to leave every chunk one layer.
 * Dense layers come first, so the dense share of the slowest rank is taken proportionally.
 */
export function stageLayers(layers: number, moeLayers: number, pp: number, vpp: number): { layersPerStage: number; denseLayersPerStage: number; moeLayersPerStage: number } {
  void vpp;
  const perStage = Math.ceil(layers / pp);
  const moeShare = moeLayers / layers;
  return { layersPerStage: perStage, denseLayersPerStage: perStage * (1 - moeShare), moeLayersPerStage: perStage * moeShare };
}
