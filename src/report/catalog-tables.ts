import type { ChalkInstance } from 'chalk';
import { gpuHourPrice, offerKey, type staleOffers } from '../catalog/index.js';
import { GB, type AcceleratorSpec, type Offer, type Pricing } from '../schema/index.js';
import { num, renderGrid, wrapText, type GridFormat } from './grid.js';
import { renderAcceleratorCard } from './catalog-columns.js';
import type { TableView } from './columns.js';

const gb = (bytes: number): string => num(bytes / GB, 0);

/** Accelerator list; `fromPrice` is the cheapest price per accelerator-hour (or null). */
export function renderAcceleratorsTable(list: { spec: AcceleratorSpec; fromPrice: number | null }[], format: GridFormat, chalk: ChalkInstance): string {
  const headers = ['id', 'name', 'memory GB', 'HBM TB/s', 'bf16 TFLOP/s', 'fp8 TFLOP/s', 'fp4 TFLOP/s', 'scale-up', 'scale-out Gb/s', 'TDP W', 'year', 'from $/GPU-h'];
  const rows = list.map(({ spec: a, fromPrice }) => [
    a.id, a.name, gb(a.memoryBytes), num(a.memoryBandwidthBytesPerSecond / 1e12), num(a.peakTflops.bf16, 1), num(a.peakTflops.fp8, 1),
    num(a.peakTflops.fp4, 1), `${a.scaleUp.domainSize} x ${num(a.scaleUp.bandwidthBytesPerSecond / GB, 1)} GB/s`,
    num(a.scaleOutBitsPerSecondPerGpu / 1e9, 1), num(a.tdpWatts, 0), String(a.year), a.unpriced ? 'unpriced' : num(fromPrice),
  ]);
  return renderGrid(headers, rows, format, chalk);
}

/** Offer list, priced per accelerator-hour under `pricing` plus every instance-hour price. */
export function renderOffersTable(offers: Offer[], pricing: Pricing, format: GridFormat, chalk: ChalkInstance): string {
  const headers = ['provider', 'instance', 'accelerator', 'count', `$/GPU-h (${pricing})`, 'on-demand $/h', 'spot $/h', '1y $/h', '3y $/h', 'block $/h', 'flex $/h', 'scale-out Gb/s/GPU', 'region', 'asOf'];
  const rows = offers.map((o) => [
    o.provider, o.instance, o.accelerator, String(o.acceleratorCount), num(gpuHourPrice(o, pricing), 3),
    num(o.usdPerHour.onDemand), num(o.usdPerHour.spot), num(o.usdPerHour.reserved1y), num(o.usdPerHour.reserved3y),
    num(o.usdPerHour.capacityBlock ?? null), num(o.usdPerHour.flexStart ?? null),
    num(o.interconnect.scaleOutBitsPerSecondPerGpu / 1e9, 1), o.regions.join(' '), o.asOf,
  ]);
  return renderGrid(headers, rows, format, chalk);
}

/** Everything about one accelerator, then the offers that carry it. */
export function renderAcceleratorDetail(a: AcceleratorSpec, offers: Offer[], pricing: Pricing, format: GridFormat, chalk: ChalkInstance, view?: TableView): string {
  const p = a.peakTflops;
  const facts: [string, string][] = [
    ['id', a.id], ['name', a.name], ['vendor', a.vendor], ['kind', a.kind], ['memory', `${gb(a.memoryBytes)} GB (${a.memoryBytes} bytes)`],
    ['memory bandwidth', `${num(a.memoryBandwidthBytesPerSecond / 1e12, 3)} TB/s`],
    ['dense TFLOP/s', `fp32 ${num(p.fp32, 1)}, tf32 ${num(p.tf32, 1)}, bf16 ${num(p.bf16, 1)}, fp16 ${num(p.fp16, 1)}, fp8 ${num(p.fp8, 1)}, fp4 ${num(p.fp4, 1)}`],
    ['scale-up', `${a.scaleUp.domainSize} devices, ${num(a.scaleUp.bandwidthBytesPerSecond / GB, 1)} GB/s per direction per device`],
    ['scale-out', `${num(a.scaleOutBitsPerSecondPerGpu / 1e9, 1)} Gb/s per device (typical)`],
    ['TDP', `${a.tdpWatts} W`], ['year', String(a.year)], ['asOf', a.asOf],
    ['estimated fields', a.estimatedFields?.join(', ') || 'none'], ['notes', a.notes ?? ''],
    ...a.sources.map((s, i): [string, string] => [`source ${i + 1}`, s]),
  ];
  if (format === 'table' && view) return renderAcceleratorCard(facts, a, offers, pricing, chalk, view);
  const head = renderGrid(['field', 'value'], facts.map(([k, v]) => [k, v]), format, chalk);
  const title = format === 'table' ? chalk.bold(`\nOffers carrying ${a.id} (${offers.length}):\n`) : '\n';
  return head + title + renderOffersTable(offers, pricing, format, chalk);
}

/** The stale-price warning of `catalog offers|show`, wrapped at `width` columns (continuation lines indented 2). */
export function formatStaleWarning(stale: ReturnType<typeof staleOffers>, snapshotDate: string, maxAgeDays: number, width = 100): string {
  if (stale.length === 0) return '';
  const oldest = stale[0]!;
  const text = `trainplan: warning: ${stale.length} offer(s) have prices more than ${maxAgeDays} days older than the catalog snapshot ${snapshotDate} (oldest: ${offerKey(oldest.offer)}, ${oldest.offer.asOf}); check them before relying on them`;
  return `${wrapText(text, width, 2)}\n`;
}
