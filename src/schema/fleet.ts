import { z } from 'zod';
import { boundedNumber, calendarDate } from './bounds.js';

const id = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'expected a lower-case id such as h100-sxm');
const isoDate = calendarDate;
const nonNegativeUsd = (what: string) => z.number().min(0, `${what} cannot be negative`).max(1e9);

/**
 * An owned cluster in a user catalog's `fleets:` section. Capex is per GPU or per node (give exactly one);
 * `networkingCapexUsdPerGpu` adds the GPU's share of the fabric, storage and racks when the capex figure excludes it.
 */
export const fleetSchema = z
  .strictObject({
    name: id,
    accelerator: id,
    count: z.number().int('count must be a whole number of GPUs').min(1, 'a fleet needs at least one GPU (count ≥ 1)').max(10_000_000),
    capexUsdPerGpu: nonNegativeUsd('capexUsdPerGpu').optional(),
    capexUsdPerNode: nonNegativeUsd('capexUsdPerNode').optional(),
    gpusPerNode: z.number().int().positive().max(1024).default(8),
    networkingCapexUsdPerGpu: nonNegativeUsd('networkingCapexUsdPerGpu').default(0),
    depreciationYears: z.number().positive('depreciationYears must be greater than 0').max(30),
    /** Average draw per GPU under training load, host share (CPU, memory, NICs, fans) included. */
    wattsPerGpu: z.number().positive('wattsPerGpu must be greater than 0').max(20_000).optional(),
    pue: z.number().min(1, 'PUE cannot be below 1 (facility power ÷ IT power)').max(5),
    usdPerKwh: z.number().positive('usdPerKwh must be greater than 0').max(10_000),
    opsUsdPerGpuHour: nonNegativeUsd('opsUsdPerGpuHour').default(0),
    /** Grid region for carbon (an id in hardware-catalog/grid-intensity.yaml); or give the intensity directly. */
    region: z.string().min(1).optional(),
    gridGCo2ePerKwh: z.number().min(0).max(2000).optional(),
    scaleOutGbpsPerGpu: boundedNumber('scaleOutGbpsPerGpu').optional(),
    asOf: isoDate.optional(),
    source: z.string().min(1).optional(),
  })
  .refine((f) => (f.capexUsdPerGpu === undefined) !== (f.capexUsdPerNode === undefined), {
    message: 'give exactly one of capexUsdPerGpu or capexUsdPerNode',
    path: ['capexUsdPerGpu'],
  });
export type Fleet = z.infer<typeof fleetSchema>;
export type FleetInput = z.input<typeof fleetSchema>;

/** Plausible ranges: outside them a value is legal but probably in the wrong unit, so the CLI warns. */
export const FLEET_PLAUSIBLE = {
  /** EIA Table 5.6.B (2024): US industrial 6.8–18 ¢/kWh; wide margin for other countries. */
  usdPerKwh: [0.02, 1],
  pue: [1, 2.5],
  depreciationYears: [1, 10],
  capexUsdPerGpu: [500, 200_000],
} as const;

/** One warning line per implausible-but-legal field of a fleet. */
export function fleetWarnings(f: Fleet, capexPerGpu: number): string[] {
  const out: string[] = [];
  const check = (field: keyof typeof FLEET_PLAUSIBLE, value: number, hint: string) => {
    const [lo, hi] = FLEET_PLAUSIBLE[field];
    if (value < lo || value > hi) out.push(`fleet ${f.name}: ${field} ${value} is outside the plausible ${lo}–${hi}${hint}`);
  };
  check('usdPerKwh', f.usdPerKwh, ' (is it in cents, or per MWh?)');
  check('pue', f.pue, '');
  check('depreciationYears', f.depreciationYears, '');
  check('capexUsdPerGpu', capexPerGpu, ' per GPU (is capex per node given as per GPU?)');
  return out;
}

/** One row of hardware-catalog/grid-intensity.yaml: location-based grid carbon intensity of a region. */
export const gridRegionSchema = z.strictObject({
  /** Omitted: the row applies to this region id under any provider (and to owned fleets). */
  provider: id.optional(),
  region: z.string().min(1),
  location: z.string().min(1),
  gCo2ePerKwh: z.number().min(0).max(2000),
  asOf: isoDate,
  source: z.string().min(1),
});
export type GridRegion = z.infer<typeof gridRegionSchema>;

export const gridIntensityFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  regions: z.array(gridRegionSchema).min(1),
});
export type GridIntensityFile = z.infer<typeof gridIntensityFileSchema>;

/** Built-in purchase assumptions per accelerator (hardware-catalog/purchase-prices.yaml), used when no fleet is given. */
export const purchasePriceSchema = z.strictObject({
  accelerator: id,
  capexUsdPerGpu: z.number().positive(),
  what: z.string().min(1),
  asOf: isoDate,
  source: z.string().min(1),
});
export const purchasePricesFileSchema = z.strictObject({
  schemaVersion: z.literal(1),
  facility: z.strictObject({
    depreciationYears: z.number().positive(),
    pue: z.number().min(1),
    usdPerKwh: z.number().positive(),
    opsUsdPerGpuHour: z.number().min(0),
    sources: z.array(z.string().min(1)).min(1),
  }),
  prices: z.array(purchasePriceSchema).min(1),
});
export type PurchasePricesFile = z.infer<typeof purchasePricesFileSchema>;
