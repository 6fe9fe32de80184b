import { z } from 'zod';
import { layoutPinsSchema } from './layout.js';
import { modelConfigSchema } from './model.js';
import { planPricingSchema, priceConfidenceSchema } from './units.js';
import { warningsSchema } from './warnings.js';
import {
  catalogRefSchema, resolvedLayoutSchema, runSections, schemaVersionSchema, toolSchema, trainingConfigSchema,
} from './document.js';

const count = z.number().int().nonnegative();

/** One ranked plan: an offer, a pricing model, a GPU count and a layout, with estimate's numbers for it. */
export const planEntrySchema = z.strictObject({
  /** 1 = best by the objective; null for frontier plans outside the top list. */
  rank: z.number().int().positive().nullable(),
  accelerator: z.string().min(1),
  provider: z.string().min(1),
  instance: z.string().min(1),
  pricing: planPricingSchema,
  gpus: z.number().int().positive(),
  instances: z.number().positive(),
  layout: resolvedLayoutSchema,
  ...runSections,
  /** On the cost–time Pareto frontier of every feasible plan. */
  frontier: z.boolean(),
  /** The offer's capacity (owned fleet size or maxInstances × GPUs per instance; null = not stated); atLimit: the plan uses all of it. */
  capacity: z.strictObject({ maxInstances: z.number().int().positive().nullable(), maxGpus: z.number().int().positive().nullable(), atLimit: z.boolean() }),
});
export type PlanEntry = z.infer<typeof planEntrySchema>;

export const searchSectionSchema = z.strictObject({
  evaluated: count,
  feasible: count,
  rejected: z.strictObject({ byReason: z.record(z.string(), count) }),
  /**
   * Branch and bound: families skipped whole (a lower bound shows they cannot change the result);
   * evaluated + pruned.evaluated is the full search's count. Always written; optional so that documents
   * of earlier versions (check --baseline, export, report --from) still read.
   */
  pruned: z.strictObject({
    families: count,
    layouts: count,
    evaluated: count,
    byReason: z.strictObject({ 'cannot-beat-top-n': count.optional(), 'over-budget': count.optional(), 'over-deadline': count.optional(), 'slower-at-gpu-count': count.optional() }),
  }).optional(),
  layouts: count,
  estimated: count,
  accelerators: z.array(z.string()),
  skipped: z.array(z.strictObject({ accelerator: z.string(), reason: z.string() })),
  /** Offers left out by `--min-price-confidence` (present only when it is given). */
  skippedOffers: z.array(z.strictObject({ provider: z.string(), instance: z.string(), accelerator: z.string(), priceConfidence: priceConfidenceSchema })).optional(),
});

export const constraintSourceSchema = z.enum(['flag', 'model-file', 'caller', 'default']);
const src = constraintSourceSchema;

/** The model file's constraints with flags merged over them and defaults filled in. */
export const resolvedConstraintsSchema = z.strictObject({
  objective: z.enum(['cost', 'time']),
  accelerators: z.array(z.string()),
  providers: z.array(z.string()).nullable(),
  pricing: z.array(planPricingSchema),
  minGpus: z.number().int().positive(),
  maxGpus: z.number().int().positive(),
  deadlineDays: z.number().positive().nullable(),
  budgetUsd: z.number().positive().nullable(),
  allowFp8: z.boolean(),
  top: z.number().int().positive(),
  minTokensPerCpRank: z.number().int().positive(),
  /** Where each constraint in effect came from: a flag, the model file, a library caller, or the default (deadline 365 days, 16,384 GPUs, …). */
  sources: z.strictObject({
    objective: src, accelerators: src, providers: src, pricing: src, minGpus: src, maxGpus: src, deadlineDays: src, budgetUsd: src, allowFp8: src, top: src,
  }),
  /** Layout degrees pinned by flags (present only when some are). */
  pins: layoutPinsSchema.optional(),
  /** `--min-price-confidence` (present only when given): offers with less sure prices were skipped (search.skippedOffers). */
  minPriceConfidence: priceConfidenceSchema.optional(),
});
export type ResolvedConstraintsDoc = z.infer<typeof resolvedConstraintsSchema>;

export const planInputSchema = z.strictObject({
  /** The model file's name as given (no directory), or null. */
  modelFile: z.string().nullable(),
  model: modelConfigSchema,
  training: trainingConfigSchema,
  constraints: resolvedConstraintsSchema,
  catalog: catalogRefSchema.nullable(),
});

/** Why no plan is feasible and what would change that. */
export const infeasibleSchema = z.strictObject({
  reason: z.string(),
  fixes: z.array(z.strictObject({ kind: z.enum(['more-gpus', 'later-deadline', 'bigger-budget', 'larger-memory-accelerator', 'other']), message: z.string() })),
});

/** `plan --json`: plans sorted best first by the objective, the Pareto frontier, search statistics. */
export const planDocumentSchema = z.strictObject({
  schemaVersion: schemaVersionSchema,
  tool: toolSchema,
  command: z.literal('plan'),
  input: planInputSchema,
  plans: z.array(planEntrySchema),
  frontier: z.array(planEntrySchema),
  search: searchSectionSchema,
  infeasible: infeasibleSchema.nullable(),
  /** Low-confidence or stale prices, unmeasured accelerators, sizes outside the validated range (warnings.ts). */
  warnings: warningsSchema,
});
export type PlanDocument = z.infer<typeof planDocumentSchema>;
