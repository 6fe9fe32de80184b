import { z } from 'zod';
import { precisionSchema } from './units.js';

export const recomputeSchema = z.enum(['none', 'selective', 'full']);
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
  sequenceParallel: z.boolean(),
  precision: precisionSchema,
});
export type Layout = z.infer<typeof layoutSchema>;

/** A layout with its derived degrees. */
export interface ResolvedLayout extends Layout {
  dp: number;
  gradientAccumulation: number;
}
