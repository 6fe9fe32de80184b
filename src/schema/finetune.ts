import { z } from 'zod';
import { FieldError } from './field-error.js';
import type { ModelConfig } from './model.js';
import type { Precision } from './units.js';

/**
 * Linear modules an adapter can target, by their Hugging Face / PEFT names (Llama naming): the attention
 * projections q/k/v/o and the MLP gate/up/down projections (GeLU MLPs have up and down only). On kind
 * encoder-decoder they name T5's modules (Hugging Face modeling_t5.py): q/k/v/o of every self- and
 * cross-attention block, gate_proj = wi_0, up_proj = wi (v1.0) or wi_1 (v1.1), down_proj = wo.
 */
export const FINETUNE_TARGETS = ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'] as const;
export type FinetuneTarget = (typeof FINETUNE_TARGETS)[number];

/** `training.finetune:` as written (contract "Second wave"); defaults are filled by `resolveFinetune`. */
export const finetuneSectionSchema = z.strictObject({
  method: z.enum(['full', 'lora', 'qlora']),
  rank: z.number().int().positive().max(1 << 20).optional(),
  alpha: z.number().positive().max(1e6).optional(),
  targetModules: z.union([z.literal('all-linear'), z.array(z.enum(FINETUNE_TARGETS)).min(1)]).optional(),
  quantBits: z.union([z.literal(4), z.literal(8)]).optional(),
  doubleQuant: z.boolean().optional(),
  pagedOptimizer: z.boolean().optional(),
});
export type FinetuneSection = z.infer<typeof finetuneSectionSchema>;

/** The fine-tuning method with every default filled (as echoed under input.training.finetune). */
export const finetuneConfigSchema = z.strictObject({
  method: z.enum(['full', 'lora', 'qlora']),
  rank: z.number().int().nonnegative(),
  alpha: z.number().nonnegative(),
  targetModules: z.array(z.enum(FINETUNE_TARGETS)),
  /** Bits per frozen base weight as stored (16 = bf16/fp16 for LoRA and full; 4 or 8 for QLoRA). */
  quantBits: z.number().int().positive(),
  doubleQuant: z.boolean(),
  pagedOptimizer: z.boolean(),
});
export type FinetuneConfig = z.infer<typeof finetuneConfigSchema>;

const ALL: FinetuneTarget[] = [...FINETUNE_TARGETS];

/**
 * Defaults. LoRA: W_q and W_v adapted (Hu et al. 2021, "LoRA", §4.2 and §7.1: adapting W_q, W_v is the
 * paper's recommended budget use), rank 8, alpha 16 (§7.2 Table 6 shows r = 8 on W_q, W_v matching larger
 * ranks; alpha is a scale and costs nothing). QLoRA: every linear layer of the block, r = 64, alpha = 16,
 * NF4 storage with double quantisation and paged AdamW (Dettmers et al. 2023, "QLoRA", §3–4 and
 * Appendix B.2 hyper-parameters). Full fine-tuning has no adapters.
 */
export function resolveFinetune(section: FinetuneSection): FinetuneConfig {
  const m = section.method;
  if (m === 'full') {
    return { method: 'full', rank: 0, alpha: 0, targetModules: [], quantBits: 16, doubleQuant: false, pagedOptimizer: section.pagedOptimizer ?? false };
  }
  const qlora = m === 'qlora';
  const targets = section.targetModules === 'all-linear' ? ALL : section.targetModules ?? (qlora ? ALL : ['q_proj', 'v_proj']);
  return {
    method: m,
    rank: section.rank ?? (qlora ? 64 : 8),
    alpha: section.alpha ?? 16,
    targetModules: [...new Set(targets)].sort((a, b) => ALL.indexOf(a) - ALL.indexOf(b)),
    quantBits: qlora ? (section.quantBits ?? 4) : 16,
    doubleQuant: qlora ? (section.doubleQuant ?? true) : false,
    pagedOptimizer: section.pagedOptimizer ?? qlora,
  };
}

/** Cross-field rules that need the model and the precision; throws a FieldError naming the field. */
export function checkFinetune(section: FinetuneSection | undefined, ft: FinetuneConfig | undefined, m: ModelConfig, precision: Precision): void {
  if (!ft || !section) return;
  // Kind encoder-decoder has real transformer stacks (m.encoderDecoder) behind its per-sample totals.
  if (m.sampleWorkload && !m.encoderDecoder) {
    throw new FieldError('TRAINING_INVALID', ['training', 'finetune'], `fine-tuning methods need transformer layers; kind ${m.kind} has none`);
  }
  if (ft.method !== 'qlora' && section.quantBits !== undefined) {
    throw new FieldError('TRAINING_INVALID', ['training', 'finetune', 'quantBits'], `quantBits applies to method qlora only (the base weights of ${ft.method} stay in ${precision})`);
  }
  if (ft.method === 'full' && (section.rank !== undefined || section.targetModules !== undefined)) {
    throw new FieldError('TRAINING_INVALID', ['training', 'finetune', section.rank !== undefined ? 'rank' : 'targetModules'], 'full fine-tuning trains every weight: rank and targetModules apply to lora and qlora only');
  }
  const width = m.encoderDecoder?.hidden ?? m.hiddenSize;
  if (ft.method !== 'full' && ft.rank > width) {
    throw new FieldError('TRAINING_INVALID', ['training', 'finetune', 'rank'], `rank ${ft.rank} exceeds hiddenSize ${width} (a low-rank adapter has rank ≤ the width it adapts)`, { suggestion: `use a rank ≤ ${width}, e.g. ${Math.min(64, width)}` });
  }
  if (ft.method === 'qlora' && precision !== 'bf16' && precision !== 'fp16') {
    throw new FieldError('TRAINING_INVALID', ['training', 'precision'], `QLoRA de-quantises its 4/8-bit weights to a 16-bit compute dtype; precision ${precision} is not supported`, { suggestion: 'use precision: bf16' });
  }
  const ungated = m.encoderDecoder ? m.encoderDecoder.ffn === 'relu' : m.ffn === 'gelu';
  if (ft.method !== 'full' && ungated && ft.targetModules.includes('gate_proj') && section.targetModules !== undefined && section.targetModules !== 'all-linear') {
    throw new FieldError('TRAINING_INVALID', ['training', 'finetune', 'targetModules'], `gate_proj exists only in gated MLPs (SwiGLU, T5 v1.1's gated-GELU); this model has a ${m.encoderDecoder ? 'ReLU' : 'GeLU'} MLP (up_proj, down_proj)`);
  }
}
