import { z } from 'zod';

/** Decimal suffixes accepted in model files: K/M/B/T = 10^3 … 10^12 (SI-style counts, not binary). */
const SUFFIX: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9, G: 1e9, T: 1e12 };

/** Parse "15T", "2.5B", "100M", 1e9 or "1_000" into a number; undefined when it is not a count. */
export function parseCount(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*([0-9][0-9_]*(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?)\s*([KMBGT]?)\s*$/i.exec(value);
  if (!m) return undefined;
  const base = Number(m[1]!.replace(/_/g, ''));
  const mult = m[2] ? SUFFIX[m[2].toUpperCase()]! : 1;
  return base * mult;
}

/** A positive finite count that may be written with a K/M/B/T suffix. */
export function countSchema(max: number) {
  return z
    .union([z.number(), z.string()])
    .transform((v, ctx) => {
      const n = parseCount(v);
      if (n === undefined || !Number.isFinite(n)) {
        ctx.addIssue({ code: 'custom', message: `expected a number such as 300B or 1.5e12, got ${JSON.stringify(v)}` });
        return z.NEVER;
      }
      return n;
    })
    .pipe(z.number().positive().max(max));
}

export const GiB = 2 ** 30;
export const GB = 1e9;
export const bytesToGiB = (bytes: number): number => bytes / GiB;
export const gbToBytes = (gb: number): number => gb * GB;
export const SECONDS_PER_HOUR = 3600;
export const SECONDS_PER_DAY = 86400;

/** Where a price comes from, surest first: the provider's own list/API, a reseller or aggregator, a third party. */
export const priceConfidenceSchema = z.enum(['list', 'reseller', 'third-party']);
export type PriceConfidence = z.infer<typeof priceConfidenceSchema>;

export const precisionSchema = z.enum(['fp32', 'fp16', 'bf16', 'fp8']);
export type Precision = z.infer<typeof precisionSchema>;

/**
 * Cloud pricing models. `capacity-block`: capacity booked ahead for a fixed window (AWS EC2 Capacity Blocks for ML);
 * `flex-start`: queued, discounted capacity with a limited run time (GCP Dynamic Workload Scheduler Flex-start).
 * Both carry term limits on the offer (`termLimits`), which the planner enforces.
 */
export const pricingSchema = z.enum(['on-demand', 'spot', 'reserved-1y', 'reserved-3y', 'capacity-block', 'flex-start']);
export type Pricing = z.infer<typeof pricingSchema>;

/** Pricing models a plan can use: the cloud ones plus `owned` (a user catalog's fleets:, priced by economics/owned.ts). */
export const planPricingSchema = z.enum(['on-demand', 'spot', 'reserved-1y', 'reserved-3y', 'capacity-block', 'flex-start', 'owned']);
export type PlanPricing = z.infer<typeof planPricingSchema>;

/** Map a pricing model to its key in `usdPerHour`. */
export const PRICING_KEY = {
  'on-demand': 'onDemand',
  spot: 'spot',
  'reserved-1y': 'reserved1y',
  'reserved-3y': 'reserved3y',
  'capacity-block': 'capacityBlock',
  'flex-start': 'flexStart',
} as const satisfies Record<Pricing, string>;
