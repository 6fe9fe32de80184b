import { z } from 'zod';
import { ISO_DATE } from './dates.js';

/**
 * One warning in a JSON document's top-level `warnings` array: a stable `code`, a sentence for people,
 * and the facts behind it (provider, instance, accelerator, ageDays, …) as further keys.
 * Codes: PRICE_LOW_CONFIDENCE, PRICE_STALE, ACCELERATOR_UNMEASURED, OUTSIDE_VALIDATED_RANGE,
 * ESTIMATE_NOTE, BASELINE_VERSION, PLAN_FIX.
 */
export const warningSchema = z.looseObject({
  code: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  message: z.string().min(1),
});
export type Warning = z.infer<typeof warningSchema> & Record<string, unknown>;

export const warningsSchema = z.array(warningSchema);

/** A YYYY-MM-DD calendar date (the run date, a price's asOf). */
export const isoDateSchema = z.string().regex(ISO_DATE);
