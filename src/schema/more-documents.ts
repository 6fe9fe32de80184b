import { z } from 'zod';
import { acceleratorSpecSchema, peakTflopsSchema } from './hardware.js';
import { offerSchema, usdPerHourSchema } from './catalog.js';
import { modelConfigSchema } from './model.js';
import { catalogRefSchema, costSectionSchema, resolvedLayoutSchema, runSections, schemaVersionSchema, timeSectionSchema, toolSchema } from './document.js';
import { energySectionSchema } from './goodput-document.js';
import { planPricingSchema, priceConfidenceSchema } from './units.js';
import { warningsSchema } from './warnings.js';

/**
 * Output documents of `presets`, `catalog accelerators|offers|show`, `fleet` and `budget` (the others are in
 * document.ts, plan-document.ts, check-document.ts). Published as JSON Schemas (json-schemas.ts); tests
 * validate every command's real output against the published files.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const nn = z.number().nonnegative();
const usdOrNull = z.number().nonnegative().nullable();

/** `presets --json`. */
export const presetsDocumentSchema = z.strictObject({
  schemaVersion: schemaVersionSchema,
  tool: toolSchema,
  presets: z.array(z.strictObject({
    id: z.string().min(1),
    title: z.string().min(1),
    source: z.string().min(1),
    notes: z.string().nullable(),
    model: modelConfigSchema.omit({ name: true }),
  })),
});

/** One accelerator in catalog documents: the catalog entry in SI units (dense peaks; null = not supported). */
export const acceleratorEntrySchema = z.strictObject({
  id: acceleratorSpecSchema.shape.id,
  name: z.string(),
  vendor: z.string(),
  kind: acceleratorSpecSchema.shape.kind,
  memoryBytes: nn,
  memoryBandwidthBytesPerSecond: nn,
  peakTflops: peakTflopsSchema,
  scaleUp: acceleratorSpecSchema.shape.scaleUp,
  scaleOutBitsPerSecondPerGpu: nn,
  tdpWatts: nn,
  year: z.number().int(),
  asOf: isoDate,
  sources: z.array(z.string()),
  estimatedFields: z.array(z.string()),
  notes: z.string().nullable(),
});

/** One offer in catalog documents: prices per instance-hour and per accelerator-hour (null = not offered). */
export const offerEntrySchema = z.strictObject({
  provider: z.string().min(1),
  instance: z.string().min(1),
  accelerator: z.string().min(1),
  acceleratorCount: z.number().int().positive(),
  region: z.string(),
  regions: z.array(z.string()),
  usdPerHour: usdPerHourSchema,
  usdPerGpuHour: z.strictObject({ onDemand: usdOrNull, spot: usdOrNull, reserved1y: usdOrNull, reserved3y: usdOrNull, capacityBlock: usdOrNull, flexStart: usdOrNull }),
  interconnect: z.strictObject({ scaleOutBitsPerSecondPerGpu: nn, scaleUpDomainSize: z.number().int().positive().nullable() }),
  maxInstances: z.number().int().positive().nullable(),
  priceConfidence: priceConfidenceSchema,
  asOf: isoDate,
  asOfByPricing: offerSchema.shape.asOfByPricing.unwrap().nullable(),
  /** Term and flex pricing models' limits by usdPerHour key (capacityBlock: maxDays 182, maxInstances 64 …); null when none. */
  termLimits: offerSchema.shape.termLimits.unwrap().nullable(),
  source: z.string(),
  notes: z.string().nullable(),
  /** `catalog offers` only: USD per hour of one effective dense PFLOP/s under each pricing model. */
  usdPerEffectivePflopHour: z.strictObject({ onDemand: usdOrNull, spot: usdOrNull, reserved1y: usdOrNull, reserved3y: usdOrNull, capacityBlock: usdOrNull, flexStart: usdOrNull }).optional(),
});

const catalogHead = { schemaVersion: schemaVersionSchema, tool: toolSchema, catalog: catalogRefSchema };

/** `catalog accelerators --json`. */
export const catalogAcceleratorsDocumentSchema = z.strictObject({ ...catalogHead, accelerators: z.array(acceleratorEntrySchema) });
/** `catalog offers --json`. */
export const catalogOffersDocumentSchema = z.strictObject({ ...catalogHead, offers: z.array(offerEntrySchema) });
/** `catalog show <id> --json`. */
export const catalogShowDocumentSchema = z.strictObject({ ...catalogHead, accelerator: acceleratorEntrySchema, offers: z.array(offerEntrySchema) });

const rentKey = z.enum(['on-demand', 'spot', 'reserved-1y', 'reserved-3y', 'buy', 'owned']);

/** `fleet --json`: runs sized by the cheapest plan meeting each deadline, then buy vs rent vs commit. */
export const fleetDocumentSchema = z.strictObject({
  schemaVersion: schemaVersionSchema,
  tool: toolSchema,
  command: z.literal('fleet'),
  input: z.object({ models: z.array(z.string()), runsPerYear: z.number().positive(), horizonYears: z.number().positive(), catalog: catalogRefSchema, accelerator: z.string() }),
  runs: z.array(z.object({
    name: z.string(),
    gpus: z.number().int().positive(),
    runsPerYear: z.number().positive(),
    deadlineDays: z.number().positive().nullable(),
    hoursPerRun: z.partialRecord(rentKey, nn),
    goodput: z.object({ onDemand: z.number().nullable(), spot: z.number().nullable() }),
    plan: z.object({
      provider: z.string(), instance: z.string(), pricing: planPricingSchema, usdPerGpuHour: nn, layout: resolvedLayoutSchema,
      time: timeSectionSchema.pick({ stepSeconds: true, failureFreeSeconds: true, totalSeconds: true }), cost: costSectionSchema, energy: energySectionSchema,
    }),
  })),
  prices: z.object({ rent: z.record(z.string(), z.object({ usdPerGpuHour: nn, label: z.string() })), buy: z.object({ capexUsdPerGpu: nn, label: z.string() }).nullable() }),
  options: z.array(z.object({ kind: z.string(), label: z.string(), gpus: z.number(), utilization: z.number(), totalUsd: nn, meetsDeadlines: z.boolean(), cumulativeUsdByMonth: z.array(z.number()) })),
  cheapest: z.string(),
  breakEvenUtilization: z.record(z.string(), z.number().nullable()),
  recommendedMix: z.object({ totalUsd: nn, slices: z.array(z.object({ kind: z.string(), gpus: z.number(), busyFraction: z.number() })) }),
  notes: z.array(z.string()),
  warnings: warningsSchema,
});

/** `budget --json`: the largest compute-optimal model (or most tokens for --params) a budget and a deadline buy. */
export const budgetDocumentSchema = z.strictObject({
  schemaVersion: schemaVersionSchema,
  tool: toolSchema,
  command: z.literal('budget'),
  input: z.object({ usd: z.number().positive(), days: z.number().positive(), params: z.number().positive().nullable(), constraints: z.record(z.string(), z.unknown()), catalog: catalogRefSchema }),
  rule: z.string(),
  model: modelConfigSchema,
  parameters: nn,
  tokens: nn,
  tokensPerParameter: nn,
  plan: z.object({ accelerator: z.string(), provider: z.string(), instance: z.string(), pricing: planPricingSchema, gpus: z.number().int().positive(), usdPerGpuHour: nn, layout: resolvedLayoutSchema, ...runSections }),
  search: z.object({ planCalls: z.number().int().nonnegative() }),
  warnings: warningsSchema,
});
