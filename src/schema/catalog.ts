import { z } from 'zod';
import { acceleratorSpecSchema, efficiencySchema, type AcceleratorSpec } from './hardware.js';
import { GB, GiB, priceConfidenceSchema } from './units.js';
import { fleetSchema } from './fleet.js';
import { boundedNumber, calendarDate, efficiencyFloor, peakTflopsFileSchema } from './bounds.js';

/**
 * Catalog files are written in vendor units and normalised here to SI base units.
 * Convention: 1 GB = 1e9 bytes and 1 TB/s = 1e12 bytes/s (as vendors print them); memoryGiB = 2^30 bytes.
 * Bandwidths in files: GB/s per direction (scale-up), Gb/s per accelerator (scale-out).
 */
const isoDate = calendarDate;
const id = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'expected a lower-case id such as h100-sxm');
const positive = z.number().positive();
const price = z.number().gt(0, 'a price must be greater than 0 (use null when not offered)').max(1e6).nullable();

export const acceleratorFileSchema = z
  .strictObject({
    id,
    name: z.string().min(1),
    vendor: z.string().min(1),
    kind: z.enum(['gpu', 'tpu', 'trainium', 'gaudi']),
    memoryGB: boundedNumber('memoryGB').optional(),
    memoryGiB: boundedNumber('memoryGiB').optional(),
    memoryBandwidthTBs: boundedNumber('memoryBandwidthTBs'),
    peakTflops: peakTflopsFileSchema,
    scaleUp: z.strictObject({
      fabric: z.string().min(1),
      domainSize: boundedNumber('scaleUpDomainSize', { int: true }),
      bandwidthGBsPerDirection: boundedNumber('scaleUpGBsPerDirection'),
    }),
    scaleOutGbpsPerGpu: boundedNumber('scaleOutGbpsPerGpu'),
    tdpWatts: boundedNumber('tdpWatts'),
    year: z.number().int().min(2010).max(2100),
    estimatedFields: z.array(z.string().min(1)).optional(),
    /** No public rental price was found: listed by `catalog accelerators`, skipped by the planner's offer search. */
    unpriced: z.literal(true).optional(),
    /** Achievable fractions of peak; filled by the estimator's calibration, not by the catalog. */
    efficiency: efficiencySchema.superRefine(efficiencyFloor).optional(),
    asOf: isoDate,
    sources: z.array(z.string().min(1)).min(1),
    notes: z.string().optional(),
  })
  .refine((a) => (a.memoryGB === undefined) !== (a.memoryGiB === undefined), {
    message: 'give exactly one of memoryGB or memoryGiB',
    path: ['memoryGB'],
  });
export type AcceleratorFile = z.infer<typeof acceleratorFileSchema>;

/** Human-unit accelerator file → the normalised spec the estimator consumes. */
export function normaliseAccelerator(a: AcceleratorFile): AcceleratorSpec {
  const spec: AcceleratorSpec = {
    id: a.id,
    name: a.name,
    vendor: a.vendor,
    kind: a.kind,
    memoryBytes: a.memoryGB !== undefined ? a.memoryGB * GB : a.memoryGiB! * GiB,
    memoryBandwidthBytesPerSecond: a.memoryBandwidthTBs * 1e12,
    peakTflops: a.peakTflops,
    scaleUp: { domainSize: a.scaleUp.domainSize, bandwidthBytesPerSecond: a.scaleUp.bandwidthGBsPerDirection * GB },
    scaleOutBitsPerSecondPerGpu: a.scaleOutGbpsPerGpu * 1e9,
    tdpWatts: a.tdpWatts,
    year: a.year,
    asOf: a.asOf,
    sources: a.sources,
  };
  if (a.estimatedFields) spec.estimatedFields = a.estimatedFields;
  if (a.unpriced) spec.unpriced = true;
  if (a.efficiency) spec.efficiency = a.efficiency;
  if (a.notes) spec.notes = a.notes;
  return acceleratorSpecSchema.parse(spec);
}

export const usdPerHourSchema = z.strictObject({
  onDemand: price,
  spot: price,
  reserved1y: price,
  reserved3y: price,
  /** AWS EC2 Capacity Blocks for ML: the reservation fee per instance-hour, paid up front (left out = not offered). */
  capacityBlock: price.optional(),
  /** GCP Dynamic Workload Scheduler Flex-start: the discounted per-hour price (left out = not offered). */
  flexStart: price.optional(),
});
export type UsdPerHour = z.infer<typeof usdPerHourSchema>;
/** Every key of usdPerHour, in the order tables and diffs show them. */
export const PRICE_KEYS = ['onDemand', 'spot', 'reserved1y', 'reserved3y', 'capacityBlock', 'flexStart'] as const satisfies ReadonlyArray<keyof UsdPerHour>;

/**
 * What a pricing model allows (term and flex products): a run longer than maxDays or larger than maxInstances
 * cannot be bought under it, so the planner rejects such plans with a reason.
 */
export const termLimitSchema = z.strictObject({
  /** The longest reservation or run, in days (Capacity Blocks: 182; Flex-start VMs: 7). */
  maxDays: z.number().positive().max(3650),
  /** The most instances one purchase may hold (Capacity Blocks: 64). */
  maxInstances: z.number().int().positive().max(100000).optional(),
  /**
   * Whole-step billing (schema/term-billing.ts): segments in ascending order, each continuing from the previous one's
   * end; a run is billed up to the next step (Capacity Blocks: [{ upToDays: 14, stepDays: 1 }, { upToDays: 182, stepDays: 7 }]).
   */
  billingSteps: z.array(z.strictObject({ upToDays: z.number().positive().max(3650), stepDays: z.number().positive().max(3650) })).min(1).max(10)
    .refine((a) => a.every((s, i) => i === 0 || s.upToDays > a[i - 1]!.upToDays), { message: 'billingSteps must be in ascending upToDays' })
    .optional(),
  /** How the duration is sold, for the reader (e.g. "1-14 days in 1-day steps, then 7-day steps"). */
  durations: z.string().min(1).optional(),
});
export type TermLimit = z.infer<typeof termLimitSchema>;
const termLimitsSchema = z.strictObject(Object.fromEntries(PRICE_KEYS.map((k) => [k, termLimitSchema.optional()])) as Record<(typeof PRICE_KEYS)[number], z.ZodOptional<typeof termLimitSchema>>);
export type TermLimits = z.infer<typeof termLimitsSchema>;
const asOfByPricingSchema = z.strictObject(Object.fromEntries(PRICE_KEYS.map((k) => [k, isoDate.optional()])) as Record<(typeof PRICE_KEYS)[number], z.ZodOptional<typeof isoDate>>);

const offerFields = {
  instance: z.string().min(1).max(200),
  accelerator: id,
  acceleratorCount: z.number().int().positive().max(100000),
  regions: z.array(z.string().min(1)).min(1),
  usdPerHour: usdPerHourSchema,
  /** Overrides the accelerator's typical scale-out bandwidth for this instance. */
  scaleOutGbpsPerGpu: boundedNumber('scaleOutGbpsPerGpu').optional(),
  /** Overrides the accelerator's scale-up domain size (e.g. a 64-chip UltraServer). */
  scaleUpDomainSize: boundedNumber('scaleUpDomainSize', { int: true }).optional(),
  /** How many instances of this type can be had at once (marketplace listings, single-node products). */
  maxInstances: z.number().int().positive().max(100000).optional(),
  /** Where the price comes from: the provider's own list/API, a reseller or aggregator, or a third party. */
  priceConfidence: priceConfidenceSchema.optional(),
  /** The row's oldest price date (the catalog's staleness rule). */
  asOf: isoDate,
  /** Where pricing models were read on different days: the date of each (spot snapshots, commitments). */
  asOfByPricing: asOfByPricingSchema.optional(),
  /** Limits of term and flex pricing models, by usdPerHour key (schema/catalog.ts termLimitSchema). */
  termLimits: termLimitsSchema.optional(),
  source: z.string().min(1),
  notes: z.string().optional(),
};

const atLeastOnePrice = (o: { usdPerHour: UsdPerHour }) => Object.values(o.usdPerHour).some((p) => p !== null && p !== undefined);
const priceRule = { message: `at least one of ${PRICE_KEYS.join(', ')} must be a price`, path: ['usdPerHour'] };
/** A term limit without a price under the same key would never apply: refuse it, naming the key. */
const limitsPriced = (o: { usdPerHour: UsdPerHour; termLimits?: TermLimits | undefined }, ctx: z.RefinementCtx) => {
  for (const k of PRICE_KEYS) {
    if (o.termLimits?.[k] !== undefined && (o.usdPerHour[k] ?? null) === null) {
      ctx.addIssue({ code: 'custom', message: `termLimits.${k} is given but usdPerHour.${k} has no price`, path: ['termLimits', k] });
    }
  }
};

/** A row inside hardware-catalog/offers/<provider>.yaml (the provider is the file's). */
export const offerFileRowSchema = z.strictObject(offerFields).refine(atLeastOnePrice, priceRule).superRefine(limitsPriced);
export const offerFileSchema = z.strictObject({ provider: id, offers: z.array(offerFileRowSchema).min(1) });
export type OfferFile = z.infer<typeof offerFileSchema>;

/** A row in a user catalog: carries its own provider. */
export const offerRowSchema = z.strictObject({ provider: id, ...offerFields }).refine(atLeastOnePrice, priceRule).superRefine(limitsPriced);
export type OfferRow = z.infer<typeof offerRowSchema>;

/** A user catalog (`--catalog`, TRAINPLAN_CATALOG). Strict, so new sections (fleets:) are added deliberately. */
export const userCatalogFileSchema = z.strictObject({
  accelerators: z.array(acceleratorFileSchema).optional(),
  offers: z.array(offerRowSchema).optional(),
  /** Owned clusters (fleet.ts): priced by their own capex, power and operations. */
  fleets: z.array(fleetSchema).optional(),
});
export type UserCatalogFile = z.infer<typeof userCatalogFileSchema>;

export const catalogManifestSchema = z.strictObject({
  schemaVersion: z.literal(1),
  snapshotDate: isoDate,
  /** Every built-in price is at most this many days older than snapshotDate (test/catalog/freshness-coverage.test.ts). */
  freshnessDays: z.number().int().positive().optional(),
});

/** One rentable instance type, normalised (SI units, prices per instance-hour). */
export const offerSchema = z.strictObject({
  provider: id,
  instance: z.string().min(1),
  accelerator: id,
  acceleratorCount: z.number().int().positive(),
  region: z.string().min(1),
  regions: z.array(z.string().min(1)).min(1),
  usdPerHour: usdPerHourSchema,
  interconnect: z.strictObject({
    scaleOutBitsPerSecondPerGpu: positive,
    scaleUpDomainSize: z.number().int().positive().nullable(),
  }),
  /** null: not stated (no capacity limit is known). */
  maxInstances: z.number().int().positive().nullable(),
  /** 'third-party' when the row does not say. */
  priceConfidence: priceConfidenceSchema,
  asOf: isoDate,
  asOfByPricing: asOfByPricingSchema.optional(),
  termLimits: termLimitsSchema.optional(),
  source: z.string().min(1),
  notes: z.string().optional(),
});
export type Offer = z.infer<typeof offerSchema>;

export interface Catalog {
  accelerators: AcceleratorSpec[];
  offers: Offer[];
  /** The built-in catalog's date; staleness is measured against it, never the clock. */
  snapshotDate: string;
  /** "sha256:<hex>" of the canonical JSON of accelerators + offers. */
  digest: string;
}

/** Accelerators and offers from one source (a user file), merged over a catalog. */
export interface CatalogFragment {
  accelerators: AcceleratorSpec[];
  offers: Offer[];
}
