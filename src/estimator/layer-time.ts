import type { ModelConfig } from '../schema/index.js';
import { elementwiseSeconds, gemmSeconds, linearTrainSeconds, memorySeconds, type Device } from './kernels.js';
import { attentionSeconds, type AttentionKernel } from './attention-time.js';
import type { Shapes } from './shapes.js';

/** Seconds for one layer and one micro-batch on one GPU, split by phase. */
export interface LayerSeconds {
  forward: number;
  backward: number;
  /** Attention-core forward alone (what selective recompute re-runs). */
  attentionForward: number;
}

const ZERO: LayerSeconds = { forward: 0, backward: 0, attentionForward: 0 };

function add(a: LayerSeconds, b: { forward: number; backward: number }): LayerSeconds {
  return { forward: a.forward + b.forward, backward: a.backward + b.backward, attentionForward: a.attentionForward };
}

/** Attention projections: QKV (or MLA down/up projections) and the output projection, column/row split over TP [Shoeybi19 §3; DeepSeek-V2 §2.1]. */
function projections(d: Device, m: ModelConfig, s: Shapes): LayerSeconds {
  const h = m.hiddenSize;
  const T = s.tokens;
  const t = s.t;
  let r = ZERO;
  if (m.mla) {
    const a = m.attentionHeads;
    const { qLoraRank: qr, kvLoraRank: kr, qkRopeHeadDim: rope, qkNopeHeadDim: nope, vHeadDim: vd } = m.mla;
    if (qr > 0) {
      r = add(r, linearTrainSeconds(d, T, h, qr));
      r = add(r, linearTrainSeconds(d, T, qr, (a * (nope + rope)) / t));
    } else {
      r = add(r, linearTrainSeconds(d, T, h, (a * (nope + rope)) / t));
    }
    r = add(r, linearTrainSeconds(d, T, h, kr + rope));
    r = add(r, linearTrainSeconds(d, T, kr, (a * (nope + vd)) / t));
    return add(r, linearTrainSeconds(d, T, (a * vd) / t, h));
  }
  r = add(r, linearTrainSeconds(d, T, h, s.qWidth / t + 2 * s.kvWidthPerRank));
  return add(r, linearTrainSeconds(d, T, s.qWidth / t, h));
}

function attentionCore(d: Device, m: ModelConfig, s: Shapes, o: LayerOptions): LayerSeconds {
  const a = attentionSeconds(o.attentionKernel, d, m, s, o.seq, o.attentionBackwardRatio);
  return { forward: a.forward, backward: a.backward, attentionForward: a.forward };
}

/** Dense MLP: fc1 (2f for SwiGLU gate+up) and fc2, split over TP. */
function denseMlp(d: Device, m: ModelConfig, s: Shapes, f: number, tokens: number, split: number): { forward: number; backward: number } {
  const up = linearTrainSeconds(d, tokens, m.hiddenSize, ((m.ffn === 'swiglu' ? 2 : 1) * f) / split);
  const down = linearTrainSeconds(d, tokens, f / split, m.hiddenSize);
  void s;
  return { forward: up.forward + down.forward, backward: up.backward + down.backward };
}

/**
 * Element-wise traffic per token (norms, residual adds, activation function, RoPE), bytes forward;
 * backward streams about 1.2× as much (below). Norm/residual work is replicated across TP ranks unless
 * sequence parallelism shards it [Korthikanti22 §4.2.2].
 */
function elementwise(d: Device, m: ModelConfig, s: Shapes, sp: boolean, mlpWidth: number): { forward: number; backward: number } {
  const h = m.hiddenSize;
  const replicated = 10 * h * (sp ? s.tokensSharded : s.tokens);
  const actElems = m.ffn === 'swiglu' ? 3 * mlpWidth : 2 * mlpWidth;
  const split = ((actElems + 2 * (s.qWidth + s.kvWidthPerRank * s.t)) * s.tokens) / s.t;
  const fwd = elementwiseSeconds(d, s.activationBytes * (replicated + split));
  // Backward: norm grads read x and dy and write dx; residual grads pass through; ≈1.2× forward traffic [Korthikanti22 Table 4: SP saves 0.5 ms forward but 0.1 ms backward per 22B layer].
  return { forward: fwd, backward: 1.2 * fwd };
}

export interface LayerOptions {
  seq: number;
  sequenceParallel: boolean;
  attentionBackwardRatio: number;
  attentionKernel: AttentionKernel;
}

/** One dense transformer layer, one micro-batch, compute only (communication is added by the caller). */
export function denseLayerSeconds(d: Device, m: ModelConfig, s: Shapes, o: LayerOptions): LayerSeconds {
  let r = projections(d, m, s);
  const core = attentionCore(d, m, s, o);
  r = { forward: r.forward + core.forward, backward: r.backward + core.backward, attentionForward: core.attentionForward };
  r = add(r, denseMlp(d, m, s, m.ffnHiddenSize, s.tokens, s.t));
  return add(r, elementwise(d, m, s, o.sequenceParallel, m.ffnHiddenSize));
}

/** One MoE layer: attention as dense, router, shared experts (TP-split) and local routed experts as grouped GEMMs [Megatron MoE README]. */
export function moeLayerSeconds(d: Device, m: ModelConfig, s: Shapes, o: LayerOptions): LayerSeconds {
  const moe = m.moe!;
  let r = projections(d, m, s);
  const core = attentionCore(d, m, s, o);
  r = { forward: r.forward + core.forward, backward: r.backward + core.backward, attentionForward: core.attentionForward };
  const router = gemmSeconds(d, s.tokensSharded, moe.experts, m.hiddenSize);
  r = add(r, { forward: router, backward: 2 * router });
  if (moe.sharedExperts > 0) r = add(r, denseMlp(d, m, s, moe.sharedExperts * moe.expertFfnHiddenSize, s.tokens, s.t));
  const one = denseMlp(d, m, s, moe.expertFfnHiddenSize, s.rowsPerExpert, 1);
  r = add(r, { forward: one.forward * s.localExperts, backward: one.backward * s.localExperts });
  const routedWidth = moe.activeExperts * moe.expertFfnHiddenSize * moe.imbalance;
  const ew = elementwise(d, m, s, o.sequenceParallel, routedWidth + moe.sharedExperts * moe.expertFfnHiddenSize);
  // Token permutation and un-permutation copy k·h values per token each way.
  const permute = memorySeconds(d, 4 * moe.activeExperts * m.hiddenSize * s.tokensSharded * s.activationBytes);
  return add(r, { forward: ew.forward + permute, backward: ew.backward + permute });
}

/** Output layer and loss for one micro-batch: the V/t logits GEMMs plus fp32 softmax/cross-entropy traffic [modeling-reference §4.3]. */
export function logitsSeconds(d: Device, m: ModelConfig, s: Shapes): { forward: number; backward: number } {
  const g = linearTrainSeconds(d, s.tokens, m.hiddenSize, m.vocabSize / s.t);
  const ce = memorySeconds(d, ((s.tokens * m.vocabSize) / s.t) * (s.activationBytes + 4));
  return { forward: g.forward + ce, backward: g.backward + 2 * ce };
}
