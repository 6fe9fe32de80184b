import { PRICING_KEY, pricingSchema, type Offer, type Pricing, type UsdPerHour } from '../schema/index.js';
import { offerKey } from './build.js';

const SLOTS: [keyof UsdPerHour, Pricing][] = pricingSchema.options.map((p) => [PRICING_KEY[p], p]);

export interface PriceChange {
  provider: string;
  instance: string;
  accelerator: string;
  pricing: Pricing;
  /** USD per instance-hour; null = no price on that side. */
  fromUsdPerHour: number | null;
  toUsdPerHour: number | null;
  /** (to − from) / from × 100, rounded to 0.1; null when either side has no price. */
  changePercent: number | null;
  fromAsOf: string;
  toAsOf: string;
}

export interface CatalogDiff {
  added: Offer[];
  removed: Offer[];
  changed: PriceChange[];
  /** Offers in both with every price equal. */
  unchanged: number;
}

const byKey = (a: Offer, b: Offer) => (offerKey(a) < offerKey(b) ? -1 : offerKey(a) > offerKey(b) ? 1 : 0);

/**
 * Offers of `from` and `to` matched by provider/instance: offers only in `to` are added, only in `from`
 * removed; for offers in both, every pricing model whose price differs (including appearing or
 * disappearing) is a change. Prices compare per instance-hour, rounded to 1e-6 USD (float noise).
 */
export function diffOffers(from: readonly Offer[], to: readonly Offer[]): CatalogDiff {
  const a = new Map(from.map((o) => [offerKey(o), o]));
  const b = new Map(to.map((o) => [offerKey(o), o]));
  const added = [...b.values()].filter((o) => !a.has(offerKey(o))).sort(byKey);
  const removed = [...a.values()].filter((o) => !b.has(offerKey(o))).sort(byKey);
  const changed: PriceChange[] = [];
  let unchanged = 0;
  for (const old of [...a.values()].sort(byKey)) {
    const now = b.get(offerKey(old));
    if (!now) continue;
    const before = changed.length;
    for (const [slot, pricing] of SLOTS) {
      const p = old.usdPerHour[slot] ?? null;
      const q = now.usdPerHour[slot] ?? null;
      if (same(p, q)) continue;
      changed.push({
        provider: old.provider, instance: old.instance, accelerator: now.accelerator, pricing,
        fromUsdPerHour: p, toUsdPerHour: q,
        changePercent: p === null || q === null ? null : Math.round(((q - p) / p) * 1000) / 10,
        fromAsOf: old.asOf, toAsOf: now.asOf,
      });
    }
    if (changed.length === before) unchanged++;
  }
  return { added, removed, changed, unchanged };
}

const same = (p: number | null, q: number | null) => (p === null || q === null ? p === q : Math.round(p * 1e6) === Math.round(q * 1e6));
