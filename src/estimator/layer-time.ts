import type { ModelConfig } from '../schema/index.js';
import { elementwiseSeconds, gemmSeconds, linearTrainSeconds, memorySeconds, type Device } from './kernels.js';
import { attentionSeconds, type AttentionKernel } from './attention-time.js';
import type { Shapes } from './shapes.js';

/** Forward seconds of the sub-blocks a partial or op-level recompute re-runs (one layer, one micro-batch). */
export interface RecomputeParts {
  /** All weight GEMMs (projections, MLP/experts, router). */
  gemm: number;
  elementwise: number;
  /** The two RMSNorm/LayerNorms. */
  norm: number;
  /** MLA up-projections (q and kv from their latents). */
  mlaUp: number;
  /** Dense MLP fc1 (gate+up) — what `mlp` recompute re-runs besides the activation. */
  mlpUp: number;
  /** Routed + shared experts' fc1. */
  expertUp: number;
  /** The activation function (GeLU/SwiGLU). */
  act: number;
}

/** Seconds for one layer and one micro-batch on one GPU, split by phase. */
export interface LayerSeconds {
  forward: number;
  backward: number;
  /** Attention-core forward alone (what selective recompute re-runs). */
  attentionForward: number;
  parts: RecomputeParts;
}

const NO_PARTS: RecomputeParts = { gemm: 0, elementwise: 0, norm: 0, mlaUp: 0, mlpUp: 0, expertUp: 0, act: 0 };
const ZERO: LayerSeconds = { forward: 0, backward: 0, attentionForward: 0, parts: NO_PARTS };

function add(a: LayerSeconds, b: { forward: number; backward: number }, part?: Partial<RecomputeParts>): LayerSeconds {
  const q = a.parts;
  if (part === undefined) {
    // A plain GEMM term: the same sums as below with x = { gemm: b.forward }, without building x (hot: issue 15).
    const plain: RecomputeParts = { gemm: q.gemm + b.forward, elementwise: q.elementwise + 0, norm: q.norm + 0, mlaUp: q.mlaUp + 0, mlpUp: q.mlpUp + 0, expertUp: q.expertUp + 0, act: q.act + 0 };
    return { forward: a.forward + b.forward, backward: a.backward + b.backward, attentionForward: a.attentionForward, parts: plain };
  }
  const x = part;
  const parts: RecomputeParts = {
    gemm: q.gemm + (x.gemm ?? 0),
    elementwise: q.elementwise + (x.elementwise ?? 0),
    norm: q.norm + (x.norm ?? 0),
    mlaUp: q.mlaUp + (x.mlaUp ?? 0),
    mlpUp: q.mlpUp + (x.mlpUp ?? 0),
    expertUp: q.expertUp + (x.expertUp ?? 0),
    act: q.act + (x.act ?? 0),
  };
  return { forward: a.forward + b.forward, backward: a.backward + b.backward, attentionForward: a.attentionForward, parts };
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
    const up = (x: { forward: number; backward: number }) => add(r, x, { gemm: x.forward, mlaUp: x.forward });
    if (qr > 0) {
      r = add(r, linearTrainSeconds(d, T, h, qr));
      r = up(linearTrainSeconds(d, T, qr, (a * (nope + rope)) / t));
    } else {
      r = add(r, linearTrainSeconds(d, T, h, (a * (nope + rope)) / t));
    }
    r = add(r, linearTrainSeconds(d, T, h, kr + rope));
    r = up(linearTrainSeconds(d, T, kr, (a * (nope + vd)) / t));
    return add(r, linearTrainSeconds(d, T, (a * vd) / t, h));
  }
  r = add(r, linearTrainSeconds(d, T, h, s.qWidth / t + 2 * s.kvWidthPerRank));
  return add(r, linearTrainSeconds(d, T, s.qWidth / t, h));
}

function attentionCore(d: Device, m: ModelConfig, s: Shapes, o: LayerOptions): LayerSeconds {
  const a = attentionSeconds(o.attentionKernel, d, m, s, o.seq, o.attentionBackwardRatio);
  return { forward: a.forward, backward: a.backward, attentionForward: a.forward, parts: NO_PARTS };
}

/** Dense MLP: fc1 (2f for SwiGLU gate+up) and fc2, split over TP. */
function denseMlp(d: Device, m: ModelConfig, s: Shapes, f: number, tokens: number, split: number): { forward: number; backward: number; upForward: number } {
  const up = linearTrainSeconds(d, tokens, m.hiddenSize, ((m.ffn === 'swiglu' ? 2 : 1) * f) / split);
  const down = linearTrainSeconds(d, tokens, f / split, m.hiddenSize);
  void s;
  return { forward: up.forward + down.forward, backward: up.backward + down.backward, upForward: up.forward };
}

/**
 * Element-wise traffic per token (norms, residual adds, activation function, RoPE), bytes forward;
 * backward streams about 1.2× as much (below). Norm/residual work is replicated across TP ranks unless
 * sequence parallelism shards it [Korthikanti22 §4.2.2].
 */
function elementwise(d: Device, m: ModelConfig, s: Shapes, sp: boolean, mlpWidth: number): { forward: number; backward: number; norm: number; act: number } {
  const h = m.hiddenSize;
  const rows = sp ? s.tokensSharded : s.tokens;
  const replicated = 10 * h * rows;
  const actElems = m.ffn === 'swiglu' ? 3 * mlpWidth : 2 * mlpWidth;
  const split = ((actElems + 2 * (s.qWidth + s.kvWidthPerRank * s.t)) * s.tokens) / s.t;
  const fwd = elementwiseSeconds(d, s.activationBytes * (replicated + split));
  // Two norms each read and write h values per row; the activation reads and writes its elements.
  const norm = elementwiseSeconds(d, s.activationBytes * 4 * h * rows);
  const act = elementwiseSeconds(d, (s.activationBytes * actElems * s.tokens) / s.t);
  // Backward: norm grads read x and dy and write dx; residual grads pass through; ≈1.2× forward traffic [Korthikanti22 Table 4: SP saves 0.5 ms forward but 0.1 ms backward per 22B layer].
  return { forward: fwd, backward: 1.2 * fwd, norm, act };
}

export interface LayerOptions {
  seq: number;
  sequenceParallel: boolean;
  attentionBackwardRatio: number;
  attentionKernel: AttentionKernel;
}

/**
 * The attention half of a layer (projections, then the attention core), the same in dense and MoE layers: a caller
 * timing both at one shape passes it to each (the sums that follow are the same operations either way).
 */
export function attentionBlockSeconds(d: Device, m: ModelConfig, s: Shapes, o: LayerOptions): LayerSeconds {
  const r = projections(d, m, s);
  const core = attentionCore(d, m, s, o);
  return { forward: r.forward + core.forward, backward: r.backward + core.backward, attentionForward: core.attentionForward, parts: r.parts };
}

/** One dense transformer layer, one micro-batch, compute only (communication is added by the caller). */
export function denseLayerSeconds(d: Device, m: ModelConfig, s: Shapes, o: LayerOptions, attention = attentionBlockSeconds(d, m, s, o)): LayerSeconds {
  let r = attention;
  const mlp = denseMlp(d, m, s, m.ffnHiddenSize, s.tokens, s.t);
  r = add(r, mlp, { gemm: mlp.forward, mlpUp: mlp.upForward });
  const ew = elementwise(d, m, s, o.sequenceParallel, m.ffnHiddenSize);
  return add(r, ew, { elementwise: ew.forward, norm: ew.norm, act: ew.act });
}

/**
 * The part of an MoE layer that does not depend on expert parallelism (shapes.ts: ep sets only the routed experts'
 * local count and rows): the attention half, the router and the shared experts (TP-split), summed in that order.
 */
export function moeSharedSeconds(d: Device, m: ModelConfig, s: Shapes, attention: LayerSeconds): LayerSeconds {
  const moe = m.moe!;
  const router = gemmSeconds(d, s.tokensSharded, moe.experts, m.hiddenSize);
  let r = add(attention, { forward: router, backward: 2 * router });
  if (moe.sharedExperts > 0) {
    const sh = denseMlp(d, m, s, moe.sharedExperts * moe.expertFfnHiddenSize, s.tokens, s.t);
    r = add(r, sh, { gemm: sh.forward, expertUp: sh.upForward });
  }
  return r;
}

/**
 * One MoE layer: attention as dense, router, shared experts (TP-split) and local routed experts as grouped GEMMs
 * [Megatron MoE README]. `shared`: moeSharedSeconds at the same (tp, cp, micro-batch), from any ep.
 */
export function moeLayerSeconds(d: Device, m: ModelConfig, s: Shapes, o: LayerOptions, shared = moeSharedSeconds(d, m, s, attentionBlockSeconds(d, m, s, o))): LayerSeconds {
  const moe = m.moe!;
  let r = shared;
  const one = denseMlp(d, m, s, moe.expertFfnHiddenSize, s.rowsPerExpert, 1);
  const e = s.localExperts;
  r = add(r, { forward: one.forward * e, backward: one.backward * e }, { gemm: one.forward * e, expertUp: one.upForward * e });
  const routedWidth = moe.activeExperts * moe.expertFfnHiddenSize * moe.imbalance;
  const ew = elementwise(d, m, s, o.sequenceParallel, routedWidth + moe.sharedExperts * moe.expertFfnHiddenSize);
  // Token permutation and un-permutation copy k·h values per token each way.
  const permute = memorySeconds(d, 4 * moe.activeExperts * m.hiddenSize * s.tokensSharded * s.activationBytes);
  return add(r, { forward: ew.forward + permute, backward: ew.backward + permute }, { elementwise: ew.forward + permute, norm: ew.norm, act: ew.act });
}

/** Output layer and loss for one micro-batch: the V/t logits GEMMs plus fp32 softmax/cross-entropy traffic [modeling-reference §4.3]. */
export function logitsSeconds(d: Device, m: ModelConfig, s: Shapes): { forward: number; backward: number } {
  const g = linearTrainSeconds(d, s.tokens, m.hiddenSize, m.vocabSize / s.t);
  const ce = memorySeconds(d, ((s.tokens * m.vocabSize) / s.t) * (s.activationBytes + 4));
  return { forward: g.forward + ce, backward: g.backward + 2 * ce };
}
