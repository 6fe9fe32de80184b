import { PRICE_KEYS, PRICING_KEY, type Offer, type Pricing, type TermLimit, type UsdPerHour } from '../schema/index.js';

/** Every usdPerHour key present, null where the offer lacks that pricing model (term keys may be left out in files). */
export type FullUsdPerHour = { [K in keyof UsdPerHour]-?: number | null };

/** Every price per instance-hour, null where the offer lacks that pricing model (the stable shape JSON documents print). */
export function fullUsdPerHour(offer: Offer): FullUsdPerHour {
  const out = {} as FullUsdPerHour;
  for (const k of PRICE_KEYS) out[k] = offer.usdPerHour[k] ?? null;
  return out;
}

/** "≤ 182 d · ≤ 64 inst." for a term limit (tables). */
export function termLimitText(t: TermLimit): string {
  return `≤ ${t.maxDays} d${t.maxInstances !== undefined ? ` · ≤ ${t.maxInstances} inst.` : ''}`;
}

/** Price per accelerator-hour for each pricing model (instance price ÷ accelerators); null stays null. */
export function usdPerGpuHour(offer: Offer): FullUsdPerHour {
  const out = {} as FullUsdPerHour;
  for (const k of PRICE_KEYS) {
    const p = offer.usdPerHour[k] ?? null;
    out[k] = p === null ? null : p / offer.acceleratorCount;
  }
  return out;
}

/** Price per accelerator-hour under one pricing model, or null when the offer lacks it. */
export function gpuHourPrice(offer: Offer, pricing: Pricing): number | null {
  const p = offer.usdPerHour[PRICING_KEY[pricing]] ?? null;
  return p === null ? null : p / offer.acceleratorCount;
}

/** Price per instance-hour under one pricing model, or null when the offer lacks it. */
export function instancePrice(offer: Offer, pricing: Pricing): number | null {
  return offer.usdPerHour[PRICING_KEY[pricing]] ?? null;
}

/** The term limit of an offer's pricing model (Capacity Block, Flex-start …), or null when it has none. */
export function termLimit(offer: Offer, pricing: Pricing): TermLimit | null {
  return offer.termLimits?.[PRICING_KEY[pricing]] ?? null;
}
