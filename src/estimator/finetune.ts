import { encoderDecoderForwardFlops, type EncoderDecoder, type FinetuneConfig, type FinetuneTarget, type ModelConfig } from '../schema/index.js';
import { forwardFlopsPerToken, modelFlopsPerToken } from './flops.js';
import { moeLayerCount } from './params.js';
import { NOTHING_FROZEN, type FrozenInputs } from './memory.js';

/**
 * Parameter-efficient fine-tuning (LoRA, QLoRA): which weights train, how many adapter parameters there
 * are, and the training FLOPs. LoRA [Hu et al. 2021, "LoRA: Low-Rank Adaptation of Large Language
 * Models", §4.1 Eq. 3]: a frozen W (d_in × d_out) gains B·A with A: d_in × r and B: r × d_out, so a
 * targeted module adds r·(d_in + d_out) trainable parameters and 2·r·(d_in + d_out) forward FLOPs per token.
 */

/** True when the base weights are frozen (LoRA or QLoRA); full fine-tuning trains them like pre-training. */
export function isAdapterMethod(ft: FinetuneConfig | undefined): ft is FinetuneConfig {
  return ft !== undefined && ft.method !== 'full';
}

/** One targeted linear module: its input/output width and which side tensor parallelism splits. */
export interface AdaptedModule {
  name: FinetuneTarget;
  in: number;
  out: number;
  /** Column-parallel (output split over TP) or row-parallel (input split) [Shoeybi19 §3]. */
  split: 'out' | 'in';
  /** Belongs to the MLP (so in MoE layers it exists once per routed and shared expert). */
  mlp: boolean;
}

/** The adapted modules of one layer for MLP width `f` (MLA maps q/k/v/o onto its q, kv-down, kv-up and output projections). */
export function adaptedModules(m: ModelConfig, ft: FinetuneConfig, f: number): AdaptedModule[] {
  const h = m.hiddenSize;
  const q = m.attentionHeads * m.headDim;
  const kv = m.kvHeads * m.headDim;
  const dims: Record<FinetuneTarget, [number, number, 'out' | 'in', boolean] | null> = m.mla
    ? {
        q_proj: [h, m.attentionHeads * (m.mla.qkNopeHeadDim + m.mla.qkRopeHeadDim), 'out', false],
        k_proj: [h, m.mla.kvLoraRank + m.mla.qkRopeHeadDim, 'out', false],
        v_proj: [m.mla.kvLoraRank, m.attentionHeads * (m.mla.qkNopeHeadDim + m.mla.vHeadDim), 'out', false],
        o_proj: [m.attentionHeads * m.mla.vHeadDim, h, 'in', false],
        gate_proj: null, up_proj: null, down_proj: null,
      }
    : { q_proj: [h, q, 'out', false], k_proj: [h, kv, 'out', false], v_proj: [h, kv, 'out', false], o_proj: [q, h, 'in', false], gate_proj: null, up_proj: null, down_proj: null };
  dims.gate_proj = m.ffn === 'swiglu' ? [h, f, 'out', true] : null;
  dims.up_proj = [h, f, 'out', true];
  dims.down_proj = [f, h, 'in', true];
  const out: AdaptedModule[] = [];
  for (const name of ft.targetModules) {
    const d = dims[name];
    if (d) out.push({ name, in: d[0], out: d[1], split: d[2], mlp: d[3] });
  }
  return out;
}

const adapterSize = (r: number, mods: AdaptedModule[]) => mods.reduce((s, x) => s + r * (x.in + x.out), 0);

/** An adapted projection of an encoder-decoder: which token rows it runs on, in how many layers. */
export interface StackModule extends AdaptedModule {
  /** Rows are the encoder tokens (encoder layers, and the cross-attention K/V that read the encoder output) or the decoder tokens. */
  rows: 'encoder' | 'decoder';
  layers: number;
}

/**
 * The adapted modules of a T5-style encoder-decoder (PEFT on T5ForConditionalGeneration wraps every
 * nn.Linear whose name matches, so q/v adapt the encoder self-attention, the decoder self-attention and
 * the decoder cross-attention alike): attention h → heads·headDim (o the reverse) in every block, the
 * cross-attention's K/V on the encoder tokens; FFN wi_0 (gate, gated-GELU only), wi/wi_1 (up), wo (down).
 */
export function encoderDecoderAdaptedModules(e: EncoderDecoder, ft: FinetuneConfig): StackModule[] {
  const i = e.heads * e.headDim;
  const h = e.hidden;
  const t = new Set(ft.targetModules);
  const out: StackModule[] = [];
  const attention = (rows: 'encoder' | 'decoder', kvRows: 'encoder' | 'decoder', layers: number) => {
    if (t.has('q_proj')) out.push({ name: 'q_proj', in: h, out: i, split: 'out', mlp: false, rows, layers });
    if (t.has('k_proj')) out.push({ name: 'k_proj', in: h, out: i, split: 'out', mlp: false, rows: kvRows, layers });
    if (t.has('v_proj')) out.push({ name: 'v_proj', in: h, out: i, split: 'out', mlp: false, rows: kvRows, layers });
    if (t.has('o_proj')) out.push({ name: 'o_proj', in: i, out: h, split: 'in', mlp: false, rows, layers });
  };
  const ffn = (rows: 'encoder' | 'decoder', layers: number) => {
    if (t.has('gate_proj') && e.ffn === 'gated-gelu') out.push({ name: 'gate_proj', in: h, out: e.ffnHidden, split: 'out', mlp: true, rows, layers });
    if (t.has('up_proj')) out.push({ name: 'up_proj', in: h, out: e.ffnHidden, split: 'out', mlp: true, rows, layers });
    if (t.has('down_proj')) out.push({ name: 'down_proj', in: e.ffnHidden, out: h, split: 'in', mlp: true, rows, layers });
  };
  attention('encoder', 'encoder', e.encoderLayers);
  ffn('encoder', e.encoderLayers);
  attention('decoder', 'decoder', e.decoderLayers);
  attention('decoder', 'encoder', e.decoderLayers);
  ffn('decoder', e.decoderLayers);
  return out;
}

/** Forward FLOPs of an encoder-decoder's adapters per sample: 2·r·(d_in + d_out) per row of each adapted module (Hu et al. 2021 §4.1). */
function encoderDecoderAdapterFlops(e: EncoderDecoder, ft: FinetuneConfig): number {
  return encoderDecoderAdaptedModules(e, ft).reduce((s, x) => s + 2 * ft.rank * (x.in + x.out) * x.layers * (x.rows === 'encoder' ? e.encoderTokens : e.decoderTokens), 0);
}

export interface AdapterCounts {
  /** Adapter parameters per layer: attention modules, the dense MLP, one expert's MLP (MoE). */
  attentionPerLayer: number;
  denseMlpPerLayer: number;
  perExpert: number;
  /** All adapter parameters (what trains), and those a token passes through (active experts only). */
  total: number;
  active: number;
}

export function countAdapters(m: ModelConfig, ft: FinetuneConfig): AdapterCounts {
  const r = ft.rank;
  if (m.encoderDecoder) {
    // One per-sample "layer" (ModelConfig.layers = 1) holding both stacks: its attention and FFN adapters.
    const mods = encoderDecoderAdaptedModules(m.encoderDecoder, ft);
    const size = (mlp: boolean) => mods.filter((x) => x.mlp === mlp).reduce((s, x) => s + r * (x.in + x.out) * x.layers, 0);
    const attention = size(false);
    const mlp = size(true);
    return { attentionPerLayer: attention, denseMlpPerLayer: mlp, perExpert: 0, total: attention + mlp, active: attention + mlp };
  }
  const attn = adapterSize(r, adaptedModules(m, ft, m.ffnHiddenSize).filter((x) => !x.mlp));
  const denseMlp = adapterSize(r, adaptedModules(m, ft, m.ffnHiddenSize).filter((x) => x.mlp));
  const perExpert = m.moe ? adapterSize(r, adaptedModules(m, ft, m.moe.expertFfnHiddenSize).filter((x) => x.mlp)) : 0;
  const moeLayers = moeLayerCount(m);
  const denseLayers = m.layers - moeLayers;
  const moe = m.moe;
  const total = m.layers * attn + denseLayers * denseMlp + (moe ? moeLayers * (moe.experts + moe.sharedExperts) * perExpert : 0);
  const active = m.layers * attn + denseLayers * denseMlp + (moe ? moeLayers * (moe.activeExperts + moe.sharedExperts) * perExpert : 0);
  return { attentionPerLayer: attn, denseMlpPerLayer: denseMlp, perExpert, total, active };
}

/**
 * Model FLOPs per token. Full fine-tuning: as pre-training, 3× forward. LoRA/QLoRA: frozen weights need
 * no weight gradient, but the activation gradient still flows through them, so a frozen linear costs
 * forward + input-grad = 2× forward (≈ 4N instead of 6N per token) [Hu et al. 2021 §4.2; PaLM App. B's
 * 6N = 2N forward + 2N input-grad + 2N weight-grad]; the attention core (no weights) keeps 3×; the
 * adapters train fully (3 × 2·r·(d_in + d_out)).
 */
export function finetuneFlopsPerToken(m: ModelConfig, seq: number, ft: FinetuneConfig | undefined): number {
  if (!isAdapterMethod(ft)) return modelFlopsPerToken(m, seq);
  if (m.encoderDecoder) {
    // Per sample (a "token" of a sample-sized run), from the kind's own split of linear, attention-core and LM-head FLOPs.
    const e = encoderDecoderForwardFlops(m.encoderDecoder);
    return 2 * e.linear + 3 * e.attention + 2 * e.logits + 3 * encoderDecoderAdapterFlops(m.encoderDecoder, ft);
  }
  const f = forwardFlopsPerToken(m, seq);
  const adapters = 2 * countAdapters(m, ft).active;
  return 2 * f.linearForward + 3 * f.attentionForward + 2 * f.logitsForward + 3 * adapters;
}

/**
 * Bits per frozen base weight as stored. 16-bit for LoRA; QLoRA NF4 with block-wise absmax constants:
 * one fp32 constant per 64 weights adds 32/64 = 0.5 bit; double quantisation stores them as fp8 in
 * blocks of 256 with fp32 second-level constants, 8/64 + 32/(64·256) = 0.127 bit, so 4.127 bits per
 * weight [Dettmers et al. 2023, "QLoRA", §3 Double Quantization]. 8-bit storage uses LLM.int8()'s one fp32
 * scale per row [Dettmers et al. 2022 §3.1]: 8 + 32/hiddenSize bits.
 */
export function frozenBitsPerParam(ft: FinetuneConfig, m: ModelConfig): number {
  return storedBitsPerParam(ft, m.encoderDecoder?.hidden ?? m.hiddenSize);
}

/** frozenBitsPerParam for a model of width `hidden` (the int8 row length). */
export function storedBitsPerParam(ft: FinetuneConfig, hidden: number): number {
  if (ft.method !== 'qlora') return 16;
  if (ft.quantBits === 8) return 8 + 32 / hidden;
  return ft.quantBits + (ft.doubleQuant ? 8 / 64 + 32 / (64 * 256) : 32 / 64);
}

/** Which frozen GEMM inputs autograd need not keep (memory.ts FrozenInputs): none unless the base is frozen (LoRA/QLoRA). */
export function frozenInputs(ft: FinetuneConfig | undefined): FrozenInputs {
  if (!isAdapterMethod(ft)) return NOTHING_FROZEN;
  const t = new Set(ft.targetModules);
  return { qkv: !t.has('q_proj') && !t.has('k_proj') && !t.has('v_proj'), fc1: !t.has('gate_proj') && !t.has('up_proj'), fc2: !t.has('down_proj') };
}
