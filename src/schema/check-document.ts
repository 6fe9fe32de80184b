import { z } from 'zod';
import { warningsSchema } from './warnings.js';
import { recomputeSchema } from './layout.js';
import { planPricingSchema, precisionSchema } from './units.js';
import { catalogRefSchema, schemaVersionSchema, toolSchema } from './document.js';
import { planEntrySchema, planInputSchema, searchSectionSchema } from './plan-document.js';

/** The identity of one plan plus its two headline numbers: what a baseline comparison needs. */
export const planPointSchema = z.strictObject({
  accelerator: z.string(),
  provider: z.string(),
  instance: z.string(),
  pricing: planPricingSchema,
  gpus: z.number().int().positive(),
  layout: z.strictObject({
    tp: z.number().int().positive(), pp: z.number().int().positive(), dp: z.number().int().positive(),
    cp: z.number().int().positive(), ep: z.number().int().positive(), vpp: z.number().int().positive(),
    microBatch: z.number().int().positive(), zero: z.number().int().min(0).max(3),
    recompute: recomputeSchema, precision: precisionSchema,
  }),
  usd: z.number().nonnegative(),
  totalSeconds: z.number().nonnegative(),
});
export type PlanPoint = z.infer<typeof planPointSchema>;

export const gateNameSchema = z.enum(['feasible', 'budget', 'deadline', 'max-increase']);
export type GateName = z.infer<typeof gateNameSchema>;

/** One gate's verdict. `actual`/`limit` are in `unit`; `excess` is how far past the limit (null when within). */
export const gateResultSchema = z.strictObject({
  gate: gateNameSchema,
  /** What max-increase compared: the best plan, or the baseline's offer at its GPU count. Budget and deadline judge the best plan. */
  subject: z.enum(['best-plan', 'same-offer']).nullable(),
  metric: z.enum(['cost', 'time']).nullable(),
  status: z.enum(['pass', 'fail', 'skip']),
  unit: z.enum(['usd', 'days', 'percent']).nullable(),
  limit: z.number().nullable(),
  actual: z.number().nullable(),
  excess: z.number().nullable(),
  /** excess as a percentage of the limit (budget, deadline); null for percentage gates and when within. */
  excessPercent: z.number().nullable(),
  /** Why a gate was skipped, or failed without numbers. */
  note: z.string().nullable(),
  /** The verdict in one sentence. */
  message: z.string(),
});
export type GateResult = z.infer<typeof gateResultSchema>;

const valueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const comparisonSchema = z.strictObject({
  before: planPointSchema.nullable(),
  after: planPointSchema.nullable(),
  costChangePercent: z.number().nullable(),
  timeChangePercent: z.number().nullable(),
});
export type Comparison = z.infer<typeof comparisonSchema>;

/** What changed between the baseline document and this run. */
export const changesSchema = z.strictObject({
  baseline: z.strictObject({ command: z.enum(['plan', 'check']), toolVersion: z.string() }),
  /** Changed model and training fields as dotted paths ("model.layers", "training.tokens"). */
  fields: z.array(z.strictObject({ field: z.string(), before: valueSchema, after: valueSchema })),
  catalog: z.strictObject({ before: z.string().nullable(), after: z.string().nullable(), changed: z.boolean() }),
  /** Best plan then vs best plan now. */
  bestPlan: comparisonSchema.extend({ samePlan: z.boolean() }),
  /** The baseline's best offer (accelerator, provider, instance, pricing): its best plan now, when the offer still exists. */
  sameOffer: comparisonSchema.extend({ offerExists: z.boolean() }).nullable(),
});
export type Changes = z.infer<typeof changesSchema>;

/** `check --json`. Carries `plans`, so a check document can serve as the next run's `--baseline`. */
export const checkDocumentSchema = z.strictObject({
  schemaVersion: schemaVersionSchema,
  tool: toolSchema,
  command: z.literal('check'),
  verdict: z.enum(['pass', 'fail']),
  /** One line: the verdict and the gates that failed. */
  summary: z.string(),
  input: planInputSchema.extend({
    baseline: z.strictObject({ file: z.string(), maxIncreasePercent: z.number().nonnegative().nullable() }).nullable(),
  }),
  gates: z.array(gateResultSchema),
  changes: changesSchema.nullable(),
  plans: z.array(planEntrySchema),
  search: searchSectionSchema,
  /** Baseline notes, how to find a plan, prices, accelerators and sizes to double-check (warnings.ts codes). */
  warnings: warningsSchema,
});
export type CheckDocument = z.infer<typeof checkDocumentSchema>;

const int = z.number().int();

/** The part of a plan entry a baseline comparison reads; other fields may come and go within a schemaVersion. */
export const baselinePlanSchema = z.looseObject({
  accelerator: z.string(),
  provider: z.string(),
  instance: z.string(),
  pricing: planPricingSchema,
  gpus: int.positive(),
  layout: z.looseObject({
    tp: int, pp: int, dp: int, cp: int, ep: int, vpp: int, microBatch: int, zero: int.min(0).max(3),
    recompute: recomputeSchema, precision: precisionSchema,
  }),
  time: z.looseObject({ totalSeconds: z.number().nonnegative() }),
  cost: z.looseObject({ usd: z.number().nonnegative().nullable() }),
});
export type BaselinePlan = z.infer<typeof baselinePlanSchema>;

/** What `--baseline` accepts: a plan or check document of this schemaVersion (extra fields are fine). */
export const baselineDocumentSchema = z.looseObject({
  schemaVersion: schemaVersionSchema,
  tool: z.looseObject({ name: z.literal('trainplan'), version: z.string() }),
  command: z.enum(['plan', 'check']),
  input: z.looseObject({
    /** The model's identity (a baseline is compared with the same model unless --baseline-any-model). */
    model: z.looseObject({ name: z.string().min(1), layers: int.positive(), hiddenSize: int.positive() }),
    training: z.looseObject({ tokens: z.number().positive(), sequenceLength: int.positive() }),
    catalog: catalogRefSchema.nullable(),
  }),
  plans: z.array(baselinePlanSchema),
});
export type BaselineDocument = z.infer<typeof baselineDocumentSchema>;
