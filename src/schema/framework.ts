import { z } from 'zod';

/** The training stack whose conventions apply (contract, second wave): gradient dtypes, overlaps, recompute granularities. */
export const frameworkSchema = z.enum(['megatron', 'nemo', 'deepspeed', 'fsdp', 'torchtitan', 'maxtext']);
export type Framework = z.infer<typeof frameworkSchema>;

/**
 * Sub-blocks a `partial` recompute may name (Megatron-Core `--recompute-modules`: core_attn, layernorm,
 * mla_up_proj, mlp, moe, moe_act [megatron/training/arguments.py, 2025]; DeepSeek-V3 §3.2.3 recomputes
 * RMSNorm and the MLA up-projections).
 */
export const recomputeBlockSchema = z.enum(['norm', 'core-attention', 'mla-up-projection', 'mlp', 'moe-expert-ffn', 'moe-act']);
export type RecomputeBlock = z.infer<typeof recomputeBlockSchema>;

/**
 * Overlap knobs of the model file's `training.overlap` (defaults per framework): the share of the
 * data-parallel reduce hidden behind backward, the share of the expert all-to-all hidden behind compute,
 * and DeepSeek's DualPipe schedule (which hides the all-to-all completely [DeepSeek-V3 §3.2.1]).
 */
export const overlapSchema = z
  .strictObject({
    dataParallel: z.number().min(0).max(1).optional(),
    expertAllToAll: z.number().min(0).max(1).optional(),
    dualPipe: z.boolean().optional(),
  })
  .refine((o) => !(o.dualPipe === true && o.expertAllToAll !== undefined && o.expertAllToAll < 1), {
    message: 'dualPipe: true hides the expert all-to-all completely (DeepSeek-V3 §3.2.1); it contradicts expertAllToAll below 1 — drop one of them',
    path: ['expertAllToAll'],
  });

export type OverlapConfig = z.infer<typeof overlapSchema>;
