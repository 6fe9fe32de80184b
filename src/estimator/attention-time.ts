import type { ModelConfig } from '../schema/index.js';
import { attentionCoreWidth, keysAttended } from './flops.js';
import { gemmSeconds, memorySeconds, type Device } from './kernels.js';
import type { Shapes } from './shapes.js';

export type AttentionKernel = 'flash' | 'unfused';

export interface AttentionSeconds {
  forward: number;
  backward: number;
}

/** Fused (FlashAttention) core: 4·T·s_kv·a·d/t FLOPs forward at the attention efficiency, backward ≈ ratio × forward [Dao23 FlashAttention-2 §3]. */
function flashSeconds(d: Device, m: ModelConfig, s: Shapes, seq: number, bwdRatio: number): AttentionSeconds {
  const flops = (2 * s.tokens * keysAttended(m, seq) * attentionCoreWidth(m)) / s.t;
  const forward = flops / (d.attentionPeak * d.eff.attention) + d.kernelOverheadSeconds;
  return { forward, backward: bwdRatio * forward };
}

/**
 * Unfused core (Megatron before FlashAttention): QKᵀ and AV as batched GEMMs over the full s×s score
 * matrix (the causal mask skips nothing), plus fused scale-mask-softmax (read 2 B, write 2 B) and
 * attention dropout (read 2, write 2, mask 1) per score forward; backward runs two GEMMs per product and
 * streams ≈11 B per score [Korthikanti22 §4.1 (the 5·a·s²·b activation term); Shoeybi19 FusedScaleMaskSoftmax].
 */
function unfusedSeconds(d: Device, m: ModelConfig, s: Shapes, seq: number): AttentionSeconds {
  const heads = m.attentionHeads / s.t;
  const dqk = m.mla ? m.mla.qkNopeHeadDim + m.mla.qkRopeHeadDim : m.headDim;
  const dv = m.mla ? m.mla.vHeadDim : m.headDim;
  const rows = s.tokens * heads;
  const qk = gemmSeconds(d, rows, seq, dqk);
  const av = gemmSeconds(d, rows, dv, seq);
  const scores = rows * seq;
  const forward = qk + av + memorySeconds(d, 9 * scores);
  const backward = 2 * (qk + av) + memorySeconds(d, 11 * scores);
  return { forward, backward };
}

/** Attention core time for one layer and one micro-batch on one GPU. */
export function attentionSeconds(kernel: AttentionKernel, d: Device, m: ModelConfig, s: Shapes, seq: number, bwdRatio: number): AttentionSeconds {
  return kernel === 'flash' ? flashSeconds(d, m, s, seq, bwdRatio) : unfusedSeconds(d, m, s, seq);
}
