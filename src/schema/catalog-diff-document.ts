import { z } from 'zod';
import { pricingSchema } from './units.js';

const toolSchema = z.object({ name: z.string(), version: z.string() });
const priceOrNull = z.number().nullable();

/** One offer as listed by `catalog diff` (instance-hour prices). */
const diffOfferSchema = z.object({
  provider: z.string(),
  instance: z.string(),
  accelerator: z.string(),
  acceleratorCount: z.number().int().positive(),
  usdPerHour: z.object({ onDemand: priceOrNull, spot: priceOrNull, reserved1y: priceOrNull, reserved3y: priceOrNull, capacityBlock: priceOrNull, flexStart: priceOrNull }),
  asOf: z.string(),
  source: z.string(),
});

/** `trainplan catalog diff --json`: what changes going from catalog `from` to catalog `to`. */
export const catalogDiffDocumentSchema = z.object({
  schemaVersion: z.literal(1),
  tool: toolSchema,
  from: z.object({ label: z.string(), offers: z.number().int().nonnegative() }),
  to: z.object({ label: z.string(), offers: z.number().int().nonnegative() }),
  /** Providers compared (the built-in side is restricted to the providers the other side lists). */
  providers: z.array(z.string()),
  added: z.array(diffOfferSchema),
  removed: z.array(diffOfferSchema),
  changed: z.array(
    z.object({
      provider: z.string(),
      instance: z.string(),
      accelerator: z.string(),
      pricing: pricingSchema,
      fromUsdPerHour: priceOrNull,
      toUsdPerHour: priceOrNull,
      changePercent: z.number().nullable(),
      fromAsOf: z.string(),
      toAsOf: z.string(),
    }),
  ),
  unchanged: z.number().int().nonnegative(),
});
export type CatalogDiffDocument = z.infer<typeof catalogDiffDocumentSchema>;
