import type { AcceleratorSpec, Catalog, Offer, OfferRow } from '../schema/index.js';
import { catalogDigest } from './digest.js';

/** The key an offer is identified, overridden and de-duplicated by. */
export const offerKey = (o: { provider: string; instance: string }): string => `${o.provider}/${o.instance}`;

/** A validated file row → normalised offer; scale-out falls back to the accelerator's typical NIC bandwidth. */
export function resolveOffer(row: OfferRow, spec: AcceleratorSpec): Offer {
  const offer: Offer = {
    provider: row.provider,
    instance: row.instance,
    accelerator: row.accelerator,
    acceleratorCount: row.acceleratorCount,
    region: row.regions[0]!,
    regions: row.regions,
    usdPerHour: row.usdPerHour,
    interconnect: {
      scaleOutBitsPerSecondPerGpu: row.scaleOutGbpsPerGpu !== undefined ? row.scaleOutGbpsPerGpu * 1e9 : spec.scaleOutBitsPerSecondPerGpu,
      scaleUpDomainSize: row.scaleUpDomainSize ?? null,
    },
    maxInstances: row.maxInstances ?? null,
    priceConfidence: row.priceConfidence ?? 'third-party',
    asOf: row.asOf,
    source: row.source,
  };
  if (row.asOfByPricing) offer.asOfByPricing = row.asOfByPricing;
  if (row.termLimits) offer.termLimits = row.termLimits;
  if (row.notes) offer.notes = row.notes;
  return offer;
}

/** Assemble a catalog: stable order (accelerators by id, offers by key) and its digest. */
export function createCatalog(parts: { accelerators: AcceleratorSpec[]; offers: Offer[]; snapshotDate: string }): Catalog {
  const accelerators = [...parts.accelerators].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const offers = [...parts.offers].sort((a, b) => (offerKey(a) < offerKey(b) ? -1 : offerKey(a) > offerKey(b) ? 1 : 0));
  return { accelerators, offers, snapshotDate: parts.snapshotDate, digest: catalogDigest(accelerators, offers, parts.snapshotDate) };
}

/** Indexes (0-based) of rows whose key already appeared earlier in the list, with the first index. */
export function duplicateKeys<T>(rows: readonly T[], key: (row: T) => string): { index: number; firstIndex: number; key: string }[] {
  const seen = new Map<string, number>();
  const dups: { index: number; firstIndex: number; key: string }[] = [];
  rows.forEach((row, index) => {
    const k = key(row);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, index);
    else dups.push({ index, firstIndex: first, key: k });
  });
  return dups;
}
