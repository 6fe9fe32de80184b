import { InputError, didYouMean, type AcceleratorSpec, type Catalog, type Offer, type Pricing } from '../schema/index.js';
import { offerKey } from './build.js';
import { gpuHourPrice } from './price.js';

const hint = (name: string, candidates: readonly string[]): { suggestion?: string } => {
  const best = didYouMean(name, candidates);
  return best ? { suggestion: `did you mean ${best}?` } : {};
};

/** All accelerator ids, sorted. */
export const acceleratorIds = (catalog: Catalog): string[] => catalog.accelerators.map((a) => a.id);

/** All provider ids that have at least one offer, sorted. */
export const providerIds = (catalog: Catalog): string[] => [...new Set(catalog.offers.map((o) => o.provider))].sort();

/** The accelerator with this id; InputError CATALOG_UNKNOWN_ACCELERATOR (with did-you-mean) otherwise. */
export function getAccelerator(catalog: Catalog, id: string): AcceleratorSpec {
  const spec = catalog.accelerators.find((a) => a.id === id);
  if (!spec) throw new InputError('CATALOG_UNKNOWN_ACCELERATOR', `unknown accelerator "${id}"`, hint(id, acceleratorIds(catalog)));
  return spec;
}

/** Throws InputError CATALOG_UNKNOWN_PROVIDER (with did-you-mean) unless some offer has this provider. */
export function assertProvider(catalog: Catalog, provider: string): void {
  const ids = providerIds(catalog);
  if (!ids.includes(provider)) throw new InputError('CATALOG_UNKNOWN_PROVIDER', `unknown provider "${provider}"`, hint(provider, ids));
}

/** The offer provider/instance; InputError CATALOG_UNKNOWN_PROVIDER or CATALOG_UNKNOWN_OFFER otherwise. */
export function findOffer(catalog: Catalog, provider: string, instance: string): Offer {
  assertProvider(catalog, provider);
  const offer = catalog.offers.find((o) => o.provider === provider && o.instance === instance);
  if (offer) return offer;
  const instances = catalog.offers.filter((o) => o.provider === provider).map((o) => o.instance);
  throw new InputError('CATALOG_UNKNOWN_OFFER', `unknown instance "${instance}" for provider ${provider}`, hint(instance, instances));
}

/**
 * The offer with the lowest price per accelerator-hour for this accelerator under `pricing`
 * (ties broken by provider/instance), or undefined when no offer has that price.
 */
export function cheapestOffer(catalog: Catalog, acceleratorId: string, pricing: Pricing): Offer | undefined {
  getAccelerator(catalog, acceleratorId);
  let best: { offer: Offer; price: number } | undefined;
  for (const offer of catalog.offers) {
    if (offer.accelerator !== acceleratorId) continue;
    const price = gpuHourPrice(offer, pricing);
    if (price === null) continue;
    if (!best || price < best.price || (price === best.price && offerKey(offer) < offerKey(best.offer))) best = { offer, price };
  }
  return best?.offer;
}
