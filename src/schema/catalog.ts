import { z } from 'zod';
import { acceleratorSpecSchema, efficiencySchema, type AcceleratorSpec } from './hardware.js';
import { GB, GiB } from './units.js';
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
export const priceConfidenceSchema = z.enum(['list', 'reseller', 'third-party']);
export type PriceConfidence = z.infer<typeof priceConfidenceSchema>;
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
});
export type UsdPerHour = z.infer<typeof usdPerHourSchema>;

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
  asOfByPricing: z.strictObject({ onDemand: isoDate.optional(), spot: isoDate.optional(), reserved1y: isoDate.optional(), reserved3y: isoDate.optional() }).optional(),
  source: z.string().min(1),
  notes: z.string().optional(),
};

const atLeastOnePrice = (o: { usdPerHour: UsdPerHour }) => Object.values(o.usdPerHour).some((p) => p !== null);
const priceRule = { message: 'at least one of onDemand, spot, reserved1y, reserved3y must be a price', path: ['usdPerHour'] };

/** A row inside hardware-catalog/offers/<provider>.yaml (the provider is the file's). */
export const offerFileRowSchema = z.strictObject(offerFields).refine(atLeastOnePrice, priceRule);
export const offerFileSchema = z.strictObject({ provider: id, offers: z.array(offerFileRowSchema).min(1) });
export type OfferFile = z.infer<typeof offerFileSchema>;

/** A row in a user catalog: carries its own provider. */
export const offerRowSchema = z.strictObject({ provider: id, ...offerFields }).refine(atLeastOnePrice, priceRule);
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
  /** Every built-in price is at most this many days older than snapshotDate (test/catalog/freshness.test.ts). */
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
  asOfByPricing: z.strictObject({ onDemand: isoDate.optional(), spot: isoDate.optional(), reserved1y: isoDate.optional(), reserved3y: isoDate.optional() }).optional(),
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
