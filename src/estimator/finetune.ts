import type { FinetuneConfig, FinetuneTarget, ModelConfig } from '../schema/index.js';
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
  if (ft.method !== 'qlora') return 16;
  if (ft.quantBits === 8) return 8 + 32 / m.hiddenSize;
  return ft.quantBits + (ft.doubleQuant ? 8 / 64 + 32 / (64 * 256) : 32 / 64);
}

/** Which frozen GEMM inputs autograd need not keep (memory.ts FrozenInputs): none unless the base is frozen (LoRA/QLoRA). */
export function frozenInputs(ft: FinetuneConfig | undefined): FrozenInputs {
  if (!isAdapterMethod(ft)) return NOTHING_FROZEN;
  const t = new Set(ft.targetModules);
  return { qkv: !t.has('q_proj') && !t.has('k_proj') && !t.has('v_proj'), fc1: !t.has('gate_proj') && !t.has('up_proj'), fc2: !t.has('down_proj') };
}
