import { fullUsdPerHour, usdPerGpuHour, type FullUsdPerHour } from '../catalog/index.js';
import { usdPerEffectivePflopHour } from './offer-compare.js';
import { PRICE_KEYS, PRICING_KEY, pricingSchema, type AcceleratorSpec, type Catalog, type Offer } from '../schema/index.js';

export interface ToolInfo {
  name: string;
  version: string;
}

/** Prices per accelerator-hour are rounded to 1e-6 USD so float noise never reaches the JSON. */
const round6 = (v: number | null): number | null => (v === null ? null : Math.round(v * 1e6) / 1e6);
const roundPrices = (u: FullUsdPerHour): FullUsdPerHour => {
  const out = {} as FullUsdPerHour;
  for (const k of PRICE_KEYS) out[k] = round6(u[k]);
  return out;
};

/** Contract entry for one accelerator (contract fields first, extras after). */
export function acceleratorEntry(a: AcceleratorSpec) {
  return {
    id: a.id,
    name: a.name,
    vendor: a.vendor,
    kind: a.kind,
    memoryBytes: a.memoryBytes,
    memoryBandwidthBytesPerSecond: a.memoryBandwidthBytesPerSecond,
    peakTflops: a.peakTflops,
    scaleUp: a.scaleUp,
    scaleOutBitsPerSecondPerGpu: a.scaleOutBitsPerSecondPerGpu,
    tdpWatts: a.tdpWatts,
    year: a.year,
    asOf: a.asOf,
    sources: a.sources,
    estimatedFields: a.estimatedFields ?? [],
    unpriced: a.unpriced === true,
    notes: a.notes ?? null,
  };
}

/** Contract entry for one offer: prices per instance-hour and per accelerator-hour. */
export function offerEntry(o: Offer) {
  return {
    provider: o.provider,
    instance: o.instance,
    accelerator: o.accelerator,
    acceleratorCount: o.acceleratorCount,
    region: o.region,
    regions: o.regions,
    usdPerHour: fullUsdPerHour(o),
    usdPerGpuHour: roundPrices(usdPerGpuHour(o)),
    interconnect: o.interconnect,
    maxInstances: o.maxInstances,
    priceConfidence: o.priceConfidence,
    asOf: o.asOf,
    asOfByPricing: o.asOfByPricing ?? null,
    termLimits: o.termLimits ?? null,
    source: o.source,
    notes: o.notes ?? null,
  };
}

const catalogInfo = (c: Catalog) => ({ snapshotDate: c.snapshotDate, digest: c.digest });
const doc = (body: object): string => JSON.stringify(body, null, 2) + '\n';

export const acceleratorsDocument = (tool: ToolInfo, c: Catalog, list: AcceleratorSpec[]): string =>
  doc({ schemaVersion: 1, tool, catalog: catalogInfo(c), accelerators: list.map(acceleratorEntry) });

/** USD per hour of one effective dense PFLOP/s for every pricing model (see offer-compare.ts), rounded to 1e-6. */
function effectivePrices(c: Catalog, o: Offer) {
  const spec = c.accelerators.find((a) => a.id === o.accelerator);
  const out = {} as FullUsdPerHour;
  for (const p of pricingSchema.options) out[PRICING_KEY[p]] = round6(usdPerEffectivePflopHour(o, spec, p));
  return out;
}

export const offersDocument = (tool: ToolInfo, c: Catalog, list: Offer[]): string =>
  doc({ schemaVersion: 1, tool, catalog: catalogInfo(c), offers: list.map((o) => ({ ...offerEntry(o), usdPerEffectivePflopHour: effectivePrices(c, o) })) });

export const acceleratorDetailDocument = (tool: ToolInfo, c: Catalog, a: AcceleratorSpec, offers: Offer[]): string =>
  doc({ schemaVersion: 1, tool, catalog: catalogInfo(c), accelerator: acceleratorEntry(a), offers: offers.map(offerEntry) });
