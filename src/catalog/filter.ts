import type { Catalog, Offer, Pricing } from '../schema/index.js';
import { offerKey } from './build.js';
import { assertProvider, getAccelerator } from './lookup.js';
import { gpuHourPrice } from './price.js';

export interface OfferFilter {
  providers?: readonly string[];
  accelerators?: readonly string[];
  /** Which price column sorts and filters. */
  pricing: Pricing;
  /** Drop offers that lack a price under `pricing` (implied by maxUsdPerGpuHour). */
  requirePrice?: boolean;
  minMemoryBytes?: number;
  maxUsdPerGpuHour?: number;
  /** Offers listing any of these regions. */
  regions?: readonly string[];
  /** Instances with at least this many accelerators. */
  minGpus?: number;
}

/** Offers matching the filter, cheapest per accelerator-hour first; unknown ids → InputError with did-you-mean. */
export function filterOffers(catalog: Catalog, filter: OfferFilter): Offer[] {
  filter.providers?.forEach((p) => assertProvider(catalog, p));
  filter.accelerators?.forEach((a) => getAccelerator(catalog, a));
  const memory = new Map(catalog.accelerators.map((a) => [a.id, a.memoryBytes]));
  const requirePrice = filter.requirePrice === true || filter.maxUsdPerGpuHour !== undefined;
  const kept = catalog.offers.filter((o) => {
    if (filter.providers && !filter.providers.includes(o.provider)) return false;
    if (filter.accelerators && !filter.accelerators.includes(o.accelerator)) return false;
    if (filter.minMemoryBytes !== undefined && (memory.get(o.accelerator) ?? 0) < filter.minMemoryBytes) return false;
    if (filter.regions && !o.regions.some((r) => filter.regions!.includes(r))) return false;
    if (filter.minGpus !== undefined && o.acceleratorCount < filter.minGpus) return false;
    const price = gpuHourPrice(o, filter.pricing);
    if (price === null) return !requirePrice;
    return filter.maxUsdPerGpuHour === undefined || price <= filter.maxUsdPerGpuHour;
  });
  return sortOffersByPrice(kept, filter.pricing);
}

/** Cheapest per accelerator-hour first; offers without that price last; ties by provider/instance. */
export function sortOffersByPrice(offers: readonly Offer[], pricing: Pricing): Offer[] {
  return [...offers].sort((a, b) => {
    const pa = gpuHourPrice(a, pricing) ?? Infinity;
    const pb = gpuHourPrice(b, pricing) ?? Infinity;
    if (pa !== pb) return pa - pb;
    return offerKey(a) < offerKey(b) ? -1 : offerKey(a) > offerKey(b) ? 1 : 0;
  });
}

/** Accelerators with at least this much memory, cheapest offer irrelevant; sorted by id. */
export function filterAccelerators(catalog: Catalog, filter: { ids?: readonly string[]; minMemoryBytes?: number }) {
  filter.ids?.forEach((a) => getAccelerator(catalog, a));
  return catalog.accelerators.filter(
    (a) => (!filter.ids || filter.ids.includes(a.id)) && (filter.minMemoryBytes === undefined || a.memoryBytes >= filter.minMemoryBytes),
  );
}

/** Accelerators with their cheapest price per accelerator-hour (among `providers` if given), cheapest first, unpriced last. */
export function acceleratorsByPrice(
  catalog: Catalog,
  filter: { ids?: readonly string[]; providers?: readonly string[]; minMemoryBytes?: number; pricing: Pricing },
) {
  filter.providers?.forEach((p) => assertProvider(catalog, p));
  const offers = filter.providers ? catalog.offers.filter((o) => filter.providers!.includes(o.provider)) : catalog.offers;
  return filterAccelerators(catalog, filter)
    .map((spec) => {
      const prices = offers.filter((o) => o.accelerator === spec.id).map((o) => gpuHourPrice(o, filter.pricing));
      const priced = prices.filter((p): p is number => p !== null);
      return { spec, offerCount: prices.length, fromPrice: priced.length ? Math.min(...priced) : null };
    })
    .filter((r) => !filter.providers || r.offerCount > 0)
    .sort((a, b) => (a.fromPrice ?? Infinity) - (b.fromPrice ?? Infinity) || (a.spec.id < b.spec.id ? -1 : 1));
}
