import { gpuHourPrice, offerCapacityGpus } from '../catalog/index.js';
import { modelFlopsPerToken, peakFlops } from '../estimator/index.js';
import type { AcceleratorSpec, ModelConfig, Offer, Pricing } from '../schema/index.js';

/** What the bounds read of a catalog. */
export interface BoundsCatalog {
  accelerators: readonly AcceleratorSpec[];
  offers: readonly Offer[];
}

/** Per accelerator: the cheapest price under the pricing models and the most GPUs any of its offers supplies. */
export interface AcceleratorBound {
  id: string;
  peakFlopsPerSecond: number;
  minUsdPerGpuHour: number;
  maxGpus: number;
}

/** Bounds for the accelerators the budget may use (the given ids, providers and pricing; those with no price drop out). */
export function acceleratorBounds(cat: BoundsCatalog, o: { pricing: readonly Pricing[]; providers?: readonly string[]; accelerators?: readonly string[]; maxGpus: number }): AcceleratorBound[] {
  const out: AcceleratorBound[] = [];
  for (const a of cat.accelerators) {
    if (o.accelerators && !o.accelerators.includes(a.id)) continue;
    let price = Infinity;
    let gpus = 0;
    for (const offer of cat.offers) {
      if (offer.accelerator !== a.id || (o.providers && !o.providers.includes(offer.provider))) continue;
      for (const p of o.pricing) {
        const usd = gpuHourPrice(offer, p);
        if (usd === null) continue;
        price = Math.min(price, usd);
        gpus = Math.max(gpus, Math.min(o.maxGpus, offerCapacityGpus(offer) ?? o.maxGpus));
      }
    }
    if (price < Infinity) out.push({ id: a.id, peakFlopsPerSecond: peakFlops(a, 'bf16'), minUsdPerGpuHour: price, maxGpus: gpus });
  }
  return out;
}

/**
 * Lower bounds on any plan's cost and time for `tokens` tokens of `model` on one accelerator. A step can never run
 * faster than its model FLOPs at the dense peak of every GPU (MFU ≤ 1: the estimator's GEMM and attention times are
 * FLOPs ÷ (peak × an efficiency ≤ 1), every other term adds), and the wall clock is never shorter than the
 * failure-free time (estimator/goodput.ts), so cost ≥ FLOPs ÷ peak × min $/GPU-h and days ≥ FLOPs ÷ (peak × max GPUs).
 */
export function lowerBounds(b: AcceleratorBound, model: ModelConfig, sequenceLength: number, tokens: number): { usd: number; days: number } {
  const flops = modelFlopsPerToken(model, sequenceLength) * tokens;
  const gpuSeconds = flops / b.peakFlopsPerSecond;
  return { usd: (gpuSeconds / 3600) * b.minUsdPerGpuHour, days: gpuSeconds / b.maxGpus / 86400 };
}

/** How far a bound or a plan is from the limits: max(cost ÷ budget, days ÷ deadline); ≤ 1 fits. */
export const margin = (usd: number, days: number, limit: { usd: number; days: number }): number => Math.max(usd / limit.usd, days / limit.days);
