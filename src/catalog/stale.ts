import type { Catalog, Offer } from '../schema/index.js';

export const STALE_AFTER_DAYS = 180;

/** Days since 1970-01-01 for a YYYY-MM-DD date (proleptic Gregorian; no Date object). */
export function epochDay(isoDate: string): number {
  const [y0, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Offers whose asOf is more than `maxAgeDays` before the catalog's snapshot date, oldest first. */
export function staleOffers(catalog: Catalog, maxAgeDays = STALE_AFTER_DAYS): { offer: Offer; ageDays: number }[] {
  const snap = epochDay(catalog.snapshotDate);
  return catalog.offers
    .map((offer) => ({ offer, ageDays: snap - epochDay(offer.asOf) }))
    .filter((s) => s.ageDays > maxAgeDays)
    .sort((a, b) => b.ageDays - a.ageDays);
}
