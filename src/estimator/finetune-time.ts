import type { FinetuneConfig, ModelConfig } from '../schema/index.js';
import { isAdapterMethod, adaptedModules, frozenBitsPerParam, type AdaptedModule } from './finetune.js';
import { gemmSeconds, memorySeconds, type Device } from './kernels.js';
import type { LayerSeconds } from './layer-time.js';
import type { Shapes } from './shapes.js';

/**
 * Step-time changes for LoRA/QLoRA, applied to the per-layer seconds of layer-time.ts:
 * - frozen weights skip the weight-gradient GEMM (dW = Xᵀ·dY), keep the input-gradient GEMM — the
 *   shapes below mirror layer-time.ts's GEMMs, wgrad = gemmSeconds(in, out, rows) as in kernels.ts;
 * - each adapted module adds A (d_in → r) and B (r → d_out), trained fully [Hu et al. 2021 §4.1];
 * - QLoRA de-quantises every frozen weight to bf16 before the forward and the backward matmul
 *   [Dettmers et al. 2023 §3, Eq. 5–6: doubleDequant(c1, c2, W_NF4) in both passes]: a memory-bound pass
 *   reading the packed weight and writing the 16-bit copy.
 */

/** A frozen base-weight GEMM on one GPU: `rows` tokens × (in → out), `count` times per micro-batch. */
export interface Gemm {
  rows: number;
  in: number;
  out: number;
  count: number;
}

/** The linear GEMMs of one layer on one GPU (layer-time.ts projections, denseMlp, router, experts). */
function layerGemms(m: ModelConfig, s: Shapes, isMoe: boolean): Gemm[] {
  const h = m.hiddenSize;
  const T = s.tokens;
  const t = s.t;
  const g: Gemm[] = [];
  if (m.mla) {
    const a = m.attentionHeads;
    const { qLoraRank: qr, kvLoraRank: kr, qkRopeHeadDim: rope, qkNopeHeadDim: nope, vHeadDim: vd } = m.mla;
    if (qr > 0) g.push({ rows: T, in: h, out: qr, count: 1 }, { rows: T, in: qr, out: (a * (nope + rope)) / t, count: 1 });
    else g.push({ rows: T, in: h, out: (a * (nope + rope)) / t, count: 1 });
    g.push({ rows: T, in: h, out: kr + rope, count: 1 }, { rows: T, in: kr, out: (a * (nope + vd)) / t, count: 1 }, { rows: T, in: (a * vd) / t, out: h, count: 1 });
  } else {
    g.push({ rows: T, in: h, out: s.qWidth / t + 2 * s.kvWidthPerRank, count: 1 }, { rows: T, in: s.qWidth / t, out: h, count: 1 });
  }
  const up = m.ffn === 'swiglu' ? 2 : 1;
  const mlp = (f: number, rows: number, split: number, count: number) => {
    g.push({ rows, in: h, out: (up * f) / split, count }, { rows, in: f / split, out: h, count });
  };
  const moe = m.moe;
  if (isMoe && moe) {
    if (moe.sharedExperts > 0) mlp(moe.sharedExperts * moe.expertFfnHiddenSize, T, t, 1);
    mlp(moe.expertFfnHiddenSize, s.rowsPerExpert, 1, s.localExperts);
  } else {
    mlp(m.ffnHiddenSize, T, t, 1);
  }
  return g;
}

/**
 * One skinny adapter GEMM (one dimension is the rank r ≤ a few hundred): arithmetic intensity ≈ r FLOP per
 * byte, so it is bandwidth-bound and runs as a split-K / narrow-tile kernel rather than as a wave of
 * 128×128 tiles [NVIDIA GEMM guide DU-09799-001, "Math and memory bounds": small-N GEMMs are memory-limited].
 * Time: roofline of the operands and output at HBM speed vs the FLOPs at the large-GEMM efficiency, plus launch.
 */
function skinnyGemmSeconds(d: Device, m: number, n: number, k: number): number {
  const compute = (2 * m * n * k) / (d.gemmPeak * d.gemmEff);
  const memory = (d.operandBytes * (m * k + k * n) + 2 * m * n) / (d.memoryBytesPerSecond * d.eff.memory);
  return Math.max(compute, memory) + d.kernelOverheadSeconds;
}

/** Forward, input-grad and weight-grad GEMMs of an adapter factor (kernels.ts linearTrainSeconds' three GEMMs). */
function skinnyLinear(d: Device, rows: number, inF: number, outF: number): { forward: number; backward: number } {
  return { forward: skinnyGemmSeconds(d, rows, outF, inF), backward: skinnyGemmSeconds(d, rows, inF, outF) + skinnyGemmSeconds(d, inF, outF, rows) };
}

/** Adapter GEMMs: column-parallel modules split B's output over TP, row-parallel ones A's input. */
function adapterSeconds(d: Device, mod: AdaptedModule, rows: number, r: number, t: number, count: number): { forward: number; backward: number } {
  const inLocal = mod.split === 'in' ? mod.in / t : mod.in;
  const outLocal = mod.split === 'out' ? mod.out / t : mod.out;
  const a = skinnyLinear(d, rows, inLocal, r);
  const b = skinnyLinear(d, rows, r, outLocal);
  return { forward: count * (a.forward + b.forward), backward: count * (a.backward + b.backward) };
}

/** One adapter applied `count` times per micro-batch on `rows` tokens, its frozen module split over a TP group of `t`. */
export interface AdapterRun {
  mod: AdaptedModule;
  rows: number;
  t: number;
  count: number;
}

/**
 * The LoRA/QLoRA rules on any set of frozen GEMMs — decoder layers here, encoder-decoder stacks in
 * encoder-decoder-time.ts: from the pre-training seconds `l`, drop each frozen GEMM's weight gradient (and
 * `extraWgrad`, weight-gradient seconds the caller's GEMM list does not hold), add the adapters, and under
 * QLoRA one de-quantisation pass over the frozen weights in forward and in backward.
 */
export function frozenGemmSeconds(d: Device, ft: FinetuneConfig, bitsPerParam: number, l: { forward: number; backward: number }, gemms: Gemm[], extraWgrad: number, adapters: AdapterRun[]): { forward: number; backward: number } {
  let forward = l.forward;
  let backward = l.backward;
  let frozenLocal = 0;
  for (const x of gemms) {
    backward -= x.count * gemmSeconds(d, x.in, x.out, x.rows);
    frozenLocal += x.count * x.in * x.out;
  }
  backward -= extraWgrad;
  for (const p of adapters) {
    const a = adapterSeconds(d, p.mod, p.rows, ft.rank, p.t, p.count);
    forward += a.forward;
    backward += a.backward;
  }
  if (ft.method === 'qlora') {
    const dequant = memorySeconds(d, frozenLocal * (bitsPerParam / 8 + 2));
    forward += dequant;
    backward += dequant;
  }
  return { forward, backward };
}

/** The layer's seconds under LoRA/QLoRA (unchanged for pre-training and full fine-tuning). */
export function finetuneLayerSeconds(d: Device, m: ModelConfig, s: Shapes, ft: FinetuneConfig | undefined, isMoe: boolean, l: LayerSeconds): LayerSeconds {
  if (!isAdapterMethod(ft)) return l;
  // The router is a frozen linear too: its backward (2× forward in layer-time.ts) keeps only the input gradient.
  const router = isMoe && m.moe ? gemmSeconds(d, s.tokensSharded, m.moe.experts, m.hiddenSize) : 0;
  const moe = isMoe ? m.moe : null;
  const f = moe ? moe.expertFfnHiddenSize : m.ffnHiddenSize;
  const runs: AdapterRun[] = [];
  for (const mod of adaptedModules(m, ft, f)) {
    const parts = !mod.mlp || !moe
      ? [{ rows: s.tokens, t: s.t, count: 1 }]
      : [{ rows: s.rowsPerExpert, t: 1, count: s.localExperts }, ...(moe.sharedExperts > 0 ? [{ rows: s.tokens, t: s.t, count: moe.sharedExperts }] : [])];
    for (const p of parts) runs.push({ mod, ...p });
  }
  const { forward, backward } = frozenGemmSeconds(d, ft, frozenBitsPerParam(ft, m), l, layerGemms(m, s, isMoe), router, runs);
  // What the adapters and de-quantisation add to the forward pass is GEMM-like work a recompute re-runs.
  return { forward, backward, attentionForward: l.attentionForward, parts: { ...l.parts, gemm: l.parts.gemm + (forward - l.forward) } };
}

/** The output layer under LoRA/QLoRA: the frozen vocabulary projection keeps only its input gradient (it stays 16-bit in QLoRA). */
export function finetuneLogitsSeconds(d: Device, m: ModelConfig, s: Shapes, ft: FinetuneConfig | undefined, lg: { forward: number; backward: number }): { forward: number; backward: number } {
  if (!isAdapterMethod(ft)) return lg;
  return { forward: lg.forward, backward: lg.backward - gemmSeconds(d, m.hiddenSize, m.vocabSize / s.t, s.tokens) };
}
