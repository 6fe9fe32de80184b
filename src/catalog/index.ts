export { sha256Hex } from './sha256.js';
export { canonicalJson, catalogDigest } from './digest.js';
export { offerKey, resolveOffer, createCatalog, duplicateKeys } from './build.js';
export { mergeCatalogs } from './merge.js';
export { usdPerGpuHour, gpuHourPrice } from './price.js';
export { STALE_AFTER_DAYS, epochDay, staleOffers } from './stale.js';
export { acceleratorIds, providerIds, getAccelerator, assertProvider, findOffer, cheapestOffer } from './lookup.js';
export { filterOffers, sortOffersByPrice, filterAccelerators, acceleratorsByPrice, type OfferFilter } from './filter.js';
export { offerScaleUpDomain, offerCapacityGpus } from './topology.js';
