import { z } from 'zod';
import { modelConfigSchema } from './model.js';
import { pricingSchema } from './units.js';
import {
  catalogRefSchema, costSectionSchema, memorySectionSchema, resolvedLayoutSchema, schemaVersionSchema,
  throughputSectionSchema, timeSectionSchema, toolSchema, trainingConfigSchema,
} from './document.js';

/** One ranked plan: an offer, a pricing model, a GPU count and a layout, with estimate's numbers for it. */
export const planEntrySchema = z.looseObject({
  rank: z.number().int().nonnegative(),
  accelerator: z.string().min(1),
  provider: z.string().min(1),
  instance: z.string().min(1),
  pricing: pricingSchema,
  gpus: z.number().int().positive(),
  layout: resolvedLayoutSchema,
  memory: memorySectionSchema,
  time: timeSectionSchema,
  throughput: throughputSectionSchema,
  cost: costSectionSchema,
});
export type PlanEntry = z.infer<typeof planEntrySchema>;

export const searchSectionSchema = z.looseObject({
  evaluated: z.number().int().nonnegative(),
  feasible: z.number().int().nonnegative(),
  rejected: z.looseObject({ byReason: z.record(z.string(), z.number().int().nonnegative()) }),
});

/** The model file's constraints with flags merged over them and defaults filled in. */
export const resolvedConstraintsSchema = z.looseObject({
  objective: z.enum(['cost', 'time']),
  accelerators: z.array(z.string()),
  providers: z.array(z.string()).nullable(),
  pricing: z.array(pricingSchema),
  minGpus: z.number().int().positive(),
  maxGpus: z.number().int().positive(),
  deadlineDays: z.number().positive().nullable(),
  budgetUsd: z.number().positive().nullable(),
});
export type ResolvedConstraintsDoc = z.infer<typeof resolvedConstraintsSchema>;

export const planInputSchema = z.looseObject({
  modelFile: z.string().nullable(),
  model: modelConfigSchema,
  training: trainingConfigSchema,
  catalog: catalogRefSchema.nullable(),
  constraints: resolvedConstraintsSchema,
});

/** `plan --json`: plans sorted best first by the objective. */
export const planDocumentSchema = z.looseObject({
  schemaVersion: schemaVersionSchema,
  tool: toolSchema,
  command: z.literal('plan'),
  input: planInputSchema,
  plans: z.array(planEntrySchema),
  search: searchSectionSchema,
  warnings: z.array(z.string()).optional(),
});
export type PlanDocument = z.infer<typeof planDocumentSchema>;
