import { priceConfidenceSchema, type Offer, type PriceConfidence } from '../schema/index.js';

/** Price confidence classes from the surest: the provider's own list, a reseller or aggregator, a third party. */
export const PRICE_CONFIDENCE_ORDER: readonly PriceConfidence[] = priceConfidenceSchema.options;

/** Whether an offer's price is at least as sure as `min` (`--min-price-confidence`). */
export const meetsPriceConfidence = (o: Pick<Offer, 'priceConfidence'>, min: PriceConfidence): boolean =>
  PRICE_CONFIDENCE_ORDER.indexOf(o.priceConfidence) <= PRICE_CONFIDENCE_ORDER.indexOf(min);

/** An offer left out by `--min-price-confidence`, as plan documents list it. */
export interface SkippedOffer {
  provider: string;
  instance: string;
  accelerator: string;
  priceConfidence: PriceConfidence;
}

/** Offers at or above `min`, and those below it (sorted by provider/instance), for commands that must list what they skipped. */
export function splitByPriceConfidence<T extends Offer>(offers: readonly T[], min: PriceConfidence | undefined): { kept: T[]; skipped: SkippedOffer[] } {
  if (min === undefined) return { kept: [...offers], skipped: [] };
  const kept: T[] = [];
  const skipped: SkippedOffer[] = [];
  for (const o of offers) {
    if (meetsPriceConfidence(o, min)) kept.push(o);
    else skipped.push({ provider: o.provider, instance: o.instance, accelerator: o.accelerator, priceConfidence: o.priceConfidence });
  }
  skipped.sort((a, b) => (a.provider !== b.provider ? (a.provider < b.provider ? -1 : 1) : a.instance < b.instance ? -1 : a.instance > b.instance ? 1 : 0));
  return { kept, skipped };
}
