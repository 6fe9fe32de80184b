import { z } from 'zod';
import { recomputeBlockSchema } from './framework.js';
import { precisionSchema } from './units.js';

/**
 * Activation recompute: none; selective (Megatron: the attention core [Korthikanti22 §5]); full (layer input
 * only); op-level (TorchTitan's per-op selective checkpointing: every other matmul output and the attention
 * output kept, the rest re-run [torchtitan activation_checkpoint.py `_op_sac_save_list`]); partial (the
 * sub-blocks of `recomputeBlocks`).
 */
export const recomputeSchema = z.enum(['none', 'selective', 'full', 'op-level', 'partial']);
export type Recompute = z.infer<typeof recomputeSchema>;

/** One parallel layout of a training run (Megatron conventions: dp = gpus / (tp·pp·cp)). */
export const layoutSchema = z.strictObject({
  gpus: z.number().int().positive(),
  tp: z.number().int().positive(),
  pp: z.number().int().positive(),
  cp: z.number().int().positive(),
  /** Expert parallel: divides dp·cp (Megatron folding). */
  ep: z.number().int().positive(),
  /** Virtual pipeline stages (model chunks) per pipeline rank; 1 = plain 1F1B. */
  vpp: z.number().int().positive(),
  microBatch: z.number().int().positive(),
  zero: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]),
  recompute: recomputeSchema,
  /** The sub-blocks re-run under `recompute: partial` (empty or absent otherwise). */
  recomputeBlocks: z.array(recomputeBlockSchema).optional(),
  sequenceParallel: z.boolean(),
  precision: precisionSchema,
});
export type Layout = z.infer<typeof layoutSchema>;

/** A layout with its derived degrees. */
export interface ResolvedLayout extends Layout {
  dp: number;
  gradientAccumulation: number;
}

/** Layout degrees fixed by the user (`plan --tp 8 --pp 16`, `estimate` fields that are not `auto`): the search keeps only these values. */
export const layoutPinsSchema = z.strictObject({
  tp: z.number().int().positive().optional(),
  pp: z.number().int().positive().optional(),
  cp: z.number().int().positive().optional(),
  ep: z.number().int().positive().optional(),
  vpp: z.number().int().positive().optional(),
  microBatch: z.number().int().positive().optional(),
  zero: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
  recompute: z.enum(['none', 'selective', 'full']).optional(),
});
export type LayoutPins = z.infer<typeof layoutPinsSchema>;
