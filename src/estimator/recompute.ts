import type { ModelConfig, Recompute, RecomputeBlock } from '../schema/index.js';
import type { LayerSeconds } from './layer-time.js';

/**
 * Forward seconds one layer re-runs in backward under each recompute mode (one micro-batch):
 * full = the whole layer [Chen16]; selective = the attention core [Korthikanti22 §5]; op-level = every
 * other weight GEMM plus the element-wise ops (TorchTitan's per-op policy saves every second mm, the
 * attention output and collectives, and re-runs the rest [torchtitan activation_checkpoint.py
 * `_op_sac_save_list`]); partial = the named sub-blocks [Megatron-Core --recompute-modules].
 */
export function recomputeSeconds(l: LayerSeconds, mode: Recompute, blocks: readonly RecomputeBlock[], isMoe: boolean): number {
  if (mode === 'none') return 0;
  if (mode === 'full') return l.forward;
  if (mode === 'selective') return l.attentionForward;
  const p = l.parts;
  if (mode === 'op-level') return 0.5 * p.gemm + p.elementwise;
  let s = 0;
  for (const b of blocks) {
    if (b === 'core-attention') s += l.attentionForward;
    else if (b === 'norm') s += p.norm;
    else if (b === 'mla-up-projection') s += p.mlaUp;
    else if (b === 'mlp' && !isMoe) s += p.mlpUp + p.act;
    else if (b === 'moe-expert-ffn' && isMoe) s += p.expertUp + p.act;
    else if (b === 'moe-act' && isMoe && !blocks.includes('moe-expert-ffn')) s += p.act;
  }
  return s;
}

/** Linear forward FLOPs per token of the sub-blocks a partial recompute re-runs (for hardware FLOPs / HFU). */
export function partialLinearFlopsPerToken(m: ModelConfig, blocks: readonly RecomputeBlock[]): number {
  const upShare = m.ffn === 'swiglu' ? 2 / 3 : 1 / 2;
  const moe = m.moe;
  const moeLayers = moe ? m.layers - moe.denseLayers : 0;
  const denseLayers = m.layers - moeLayers;
  const mlpPerLayer = (m.ffn === 'swiglu' ? 3 : 2) * m.hiddenSize * m.ffnHiddenSize;
  let f = 0;
  if (blocks.includes('mlp')) f += 2 * denseLayers * upShare * mlpPerLayer;
  if (moe && blocks.includes('moe-expert-ffn')) {
    f += 2 * moeLayers * (moe.activeExperts + moe.sharedExperts) * upShare * (m.ffn === 'swiglu' ? 3 : 2) * m.hiddenSize * moe.expertFfnHiddenSize;
  }
  if (m.mla && blocks.includes('mla-up-projection')) {
    const { qLoraRank: qr, kvLoraRank: kr, qkRopeHeadDim: rope, qkNopeHeadDim: nope, vHeadDim: vd } = m.mla;
    f += 2 * m.layers * m.attentionHeads * (qr * (nope + rope) + kr * (nope + vd));
  }
  return f;
}
