import type { ChalkInstance } from 'chalk';
import { gpuHourPrice, offerKey } from '../catalog/index.js';
import { efficiencyFor, peakFlops } from '../estimator/index.js';
import type { AcceleratorSpec, Catalog, Offer, Pricing } from '../schema/index.js';
import { num, renderGrid, type GridFormat } from './grid.js';

export type OfferSort = 'gpu-hour' | 'pflop-hour';

/**
 * Effective dense PFLOP/s of one accelerator: the dense bf16 peak (fp16 where bf16 is absent; catalog
 * peakTflops, never the sparse figure) × the achievable GEMM fraction the estimator uses for that part
 * (efficiencyFor(spec).gemm, src/estimator/efficiency.ts, sourced there; the generic fallback for parts
 * without measurements). So $/effective-PFLOP-h = $/GPU-h ÷ that, comparable across vendors.
 */
export function effectivePflops(spec: AcceleratorSpec): number {
  return (peakFlops(spec, 'bf16') * efficiencyFor(spec).gemm) / 1e15;
}

/** USD per hour of one effective dense PFLOP/s under `pricing`; null without that price. */
export function usdPerEffectivePflopHour(o: Offer, spec: AcceleratorSpec | undefined, pricing: Pricing): number | null {
  const p = gpuHourPrice(o, pricing);
  if (p === null || !spec) return null;
  const pf = effectivePflops(spec);
  return pf > 0 ? p / pf : null;
}

/** Offers ordered by $/GPU-h or $/effective-PFLOP-h under `pricing`; unpriced last; ties by provider/instance. */
export function sortOffers(catalog: Catalog, offers: readonly Offer[], pricing: Pricing, sort: OfferSort): Offer[] {
  const specs = new Map(catalog.accelerators.map((a) => [a.id, a]));
  const key = (o: Offer) => (sort === 'gpu-hour' ? gpuHourPrice(o, pricing) : usdPerEffectivePflopHour(o, specs.get(o.accelerator), pricing)) ?? Infinity;
  return [...offers].sort((a, b) => key(a) - key(b) || (offerKey(a) < offerKey(b) ? -1 : offerKey(a) > offerKey(b) ? 1 : 0));
}

/** Cuts a cell to `max` characters with a trailing "…" so the default table stays within 100 columns. */
export const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

const CONF: Record<Offer['priceConfidence'], string> = { list: 'list', reseller: 'resl', 'third-party': '3rd' };

/**
 * The default `catalog offers` table (à la `sky show-gpus`), at most 100 columns: 8 cells of at most
 * 11+18+13+4+7+9+9+4 = 75 characters, plus 2 padding each (16) and 9 borders = 100 (tested). Long
 * instance and region names are clipped with "…"; `--wide` (and csv/markdown) give every column.
 */
export function renderOffersCompact(catalog: Catalog, offers: readonly Offer[], pricing: Pricing, format: GridFormat, chalk: ChalkInstance): string {
  const specs = new Map(catalog.accelerators.map((a) => [a.id, a]));
  const headers = ['provider', 'instance', 'accelerator', 'GPUs', '$/GPU-h', '$/PFLOP-h', 'region', 'conf'];
  const rows = offers.map((o) => [
    clip(o.provider, 11), clip(o.instance, 18), clip(o.accelerator, 13), String(o.acceleratorCount),
    num(gpuHourPrice(o, pricing), 2), num(usdPerEffectivePflopHour(o, specs.get(o.accelerator), pricing), 2),
    clip(o.region, 9), CONF[o.priceConfidence],
  ]);
  const legend = format === 'table'
    ? `${pricing} prices; $/PFLOP-h = $/GPU-h ÷ (dense bf16 peak × GEMM efficiency)\n` +
      `conf: list = provider's price, resl = reseller, 3rd = third-party; --wide: all columns\n`
    : '';
  return renderGrid(headers, rows, format, chalk) + legend;
}
