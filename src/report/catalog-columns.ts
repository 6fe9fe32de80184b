import type { ChalkInstance } from 'chalk';
import { gpuHourPrice, termLimitText } from '../catalog/index.js';
import { GB, type AcceleratorSpec, type Offer, type Pricing } from '../schema/index.js';
import { DEFAULT_TABLE_WIDTH, renderColumns, type Column, type TableView } from './columns.js';
import { keyValueRows, num, renderGrid, type GridFormat } from './grid.js';
import { int } from './human.js';

/**
 * Column sets for `catalog accelerators` and `catalog show` (and for `catalog offers`, whose owner may
 * adopt OFFER_COLUMNS): the default view fits 100 columns, `--wide` shows every column.
 */
type AccRow = { spec: AcceleratorSpec; fromPrice: number | null };
const gb = (bytes: number): string => num(bytes / GB, 0);

export const ACCELERATOR_COLUMNS: Column<AccRow>[] = [
  { id: 'id', header: 'id', cell: (r) => r.spec.id, defaultView: true },
  { id: 'name', header: 'name', cell: (r) => r.spec.name, defaultView: true, shrink: true, minWidth: 14 },
  { id: 'memory', header: 'memory GB', cell: (r) => gb(r.spec.memoryBytes), defaultView: true },
  { id: 'hbm', header: 'HBM TB/s', cell: (r) => num(r.spec.memoryBandwidthBytesPerSecond / 1e12), defaultView: true },
  { id: 'bf16', header: 'bf16 TFLOP/s', cell: (r) => num(r.spec.peakTflops.bf16, 1), defaultView: true },
  { id: 'fp8', header: 'fp8 TFLOP/s', cell: (r) => num(r.spec.peakTflops.fp8, 1), defaultView: true },
  { id: 'fp4', header: 'fp4 TFLOP/s', cell: (r) => num(r.spec.peakTflops.fp4, 1) },
  { id: 'scale-up', header: 'scale-up', cell: (r) => `${r.spec.scaleUp.domainSize} x ${num(r.spec.scaleUp.bandwidthBytesPerSecond / GB, 1)} GB/s`, defaultView: true, dropOrder: 1 },
  { id: 'scale-out', header: 'scale-out Gb/s', cell: (r) => num(r.spec.scaleOutBitsPerSecondPerGpu / 1e9, 1) },
  { id: 'tdp', header: 'TDP W', cell: (r) => num(r.spec.tdpWatts, 0) },
  { id: 'year', header: 'year', cell: (r) => String(r.spec.year) },
  { id: 'price', header: 'from $/GPU-h', cell: (r) => (r.spec.unpriced ? 'unpriced' : num(r.fromPrice)), defaultView: true },
];

type OfferRow = { offer: Offer; pricing: Pricing };
/** Term limits of the offer's term and flex pricing models: "block ≤ 182 d · ≤ 64 inst."; "-" when none. */
const termText = (o: Offer): string => {
  const t = o.termLimits;
  if (!t) return '-';
  const parts = [t.capacityBlock && `block ${termLimitText(t.capacityBlock)}`, t.flexStart && `flex ${termLimitText(t.flexStart)}`].filter(Boolean);
  return parts.length ? parts.join('; ') : '-';
};
const perHour = (v: number | null): string => num(v);

export const OFFER_COLUMNS: Column<OfferRow>[] = [
  { id: 'provider', header: 'provider', cell: (r) => r.offer.provider, defaultView: true },
  { id: 'instance', header: 'instance', cell: (r) => r.offer.instance, defaultView: true, shrink: true, minWidth: 14 },
  { id: 'accelerator', header: 'accelerator', cell: (r) => r.offer.accelerator },
  { id: 'count', header: 'GPUs', cell: (r) => int(r.offer.acceleratorCount), defaultView: true },
  { id: 'price', header: '$/GPU-h', cell: (r) => num(gpuHourPrice(r.offer, r.pricing), 3), defaultView: true },
  { id: 'on-demand', header: 'on-demand $/h', cell: (r) => perHour(r.offer.usdPerHour.onDemand), defaultView: true },
  { id: 'spot', header: 'spot $/h', cell: (r) => perHour(r.offer.usdPerHour.spot), defaultView: true, dropOrder: 2 },
  { id: 'reserved-1y', header: '1y $/h', cell: (r) => perHour(r.offer.usdPerHour.reserved1y) },
  { id: 'reserved-3y', header: '3y $/h', cell: (r) => perHour(r.offer.usdPerHour.reserved3y) },
  { id: 'capacity-block', header: 'block $/h', cell: (r) => perHour(r.offer.usdPerHour.capacityBlock ?? null) },
  { id: 'flex-start', header: 'flex $/h', cell: (r) => perHour(r.offer.usdPerHour.flexStart ?? null) },
  { id: 'term', header: 'term', cell: (r) => termText(r.offer) },
  { id: 'scale-out', header: 'Gb/s/GPU', cell: (r) => num(r.offer.interconnect.scaleOutBitsPerSecondPerGpu / 1e9, 1), defaultView: true, dropOrder: 1 },
  { id: 'confidence', header: 'price from', cell: (r) => r.offer.priceConfidence, defaultView: true },
  { id: 'region', header: 'region', cell: (r) => r.offer.regions.join(' ') },
  { id: 'as-of', header: 'asOf', cell: (r) => r.offer.asOf, defaultView: true },
];

/** Accelerator list in columns (default view ≤ width; `--wide` all; `--columns` picks). */
export function renderAcceleratorColumns(list: AccRow[], format: GridFormat, chalk: ChalkInstance, view: TableView = { width: DEFAULT_TABLE_WIDTH }): string {
  if (format === 'csv') return renderGrid(ACCELERATOR_CSV_HEADERS, list.map(acceleratorCsvRow), 'csv', chalk);
  return renderColumns(ACCELERATOR_COLUMNS, list, format, chalk, view);
}

/** CSV: raw SI numbers, the unit in each header; empty for a format the part lacks. */
const ACCELERATOR_CSV_HEADERS = ['id', 'name', 'memoryBytes', 'memoryBandwidthBytesPerSecond', 'bf16Tflops', 'fp8Tflops', 'fp4Tflops', 'scaleUpDomainSize',
  'scaleUpBandwidthBytesPerSecond', 'scaleOutBitsPerSecondPerGpu', 'tdpWatts', 'year', 'fromUsdPerGpuHour'];
const raw = (v: number | null): string => (v === null ? '' : String(v));
const acceleratorCsvRow = ({ spec: a, fromPrice }: AccRow): string[] => [a.id, a.name, raw(a.memoryBytes), raw(a.memoryBandwidthBytesPerSecond), raw(a.peakTflops.bf16),
  raw(a.peakTflops.fp8), raw(a.peakTflops.fp4), raw(a.scaleUp.domainSize), raw(a.scaleUp.bandwidthBytesPerSecond), raw(a.scaleOutBitsPerSecondPerGpu), raw(a.tdpWatts), String(a.year),
  fromPrice === null ? '' : String(Math.round(fromPrice * 1e6) / 1e6)];

/** Offers in columns, priced per accelerator-hour under `pricing`. */
export function renderOfferColumns(offers: Offer[], pricing: Pricing, format: GridFormat, chalk: ChalkInstance, view: TableView = { width: DEFAULT_TABLE_WIDTH }): string {
  return renderColumns(OFFER_COLUMNS, offers.map((offer) => ({ offer, pricing })), format, chalk, view);
}

/** `catalog show` for a terminal: the facts as wrapped key–value lines, then the offers in columns. */
export function renderAcceleratorCard(facts: [string, string][], a: AcceleratorSpec, offers: Offer[], pricing: Pricing, chalk: ChalkInstance, view: TableView): string {
  const title = chalk.bold(`\nOffers carrying ${a.id} (${offers.length}), $/GPU-h ${pricing}:\n`);
  return keyValueRows(facts, view.width) + '\n' + title + renderOfferColumns(offers, pricing, 'table', chalk, { ...view, ...(view.columns ? { columns: view.columns } : {}) });
}
