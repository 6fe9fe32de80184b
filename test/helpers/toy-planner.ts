import { cheapestOffer, getAccelerator, gpuHourPrice } from '../../src/catalog/index.js';
import type { PlanFn, PlanLike } from '../../src/economics/index.js';
import { estimate } from '../../src/estimator/index.js';
import type { Catalog, Pricing } from '../../src/schema/index.js';

/**
 * A deliberately tiny stand-in for the planner in unit tests of fleet economics: one accelerator, ZeRO-1 data
 * parallel with tp = min(8, heads) and pp = 1, GPU counts 8·2^k; cheapest plan that fits, meets the deadline and the budget.
 */
export function toyPlanFn(catalog: Catalog, accelerator: string): PlanFn {
  const acc = getAccelerator(catalog, accelerator);
  return ({ model, training, constraints }) => {
    const pricing = (Array.isArray(constraints.pricing) ? constraints.pricing[0] : constraints.pricing) ?? 'on-demand';
    const offer = cheapestOffer(catalog, accelerator, pricing as Pricing);
    const price = offer ? gpuHourPrice(offer, pricing as Pricing) : null;
    if (!offer || price === null) return { plans: [], infeasible: { reason: 'no offer' } };
    const tp = [8, 4, 2, 1].find((t) => model.attentionHeads % t === 0 && model.kvHeads % t === 0)!;
    let best: PlanLike | null = null;
    // Every candidate that fits the limits (a superset of its Pareto frontier: the minimum over it is the same).
    const frontier: PlanLike[] = [];
    for (let gpus = 8; gpus <= (constraints.maxGpus ?? 4096); gpus *= 2) {
      const dp = gpus / tp;
      if (training.globalBatchSize % dp !== 0) continue;
      const r = estimate({ model, training, accelerator: acc, price: { usdPerGpuHour: price, provider: offer.provider, instance: offer.instance, pricing, gpusPerInstance: offer.acceleratorCount },
        layout: { gpus, tp, pp: 1, cp: 1, ep: 1, vpp: 1, microBatch: 1, zero: 1, recompute: 'full', sequenceParallel: tp > 1, precision: 'bf16' } });
      if (!r.ok || !r.estimate.memory.fits) continue;
      const e = r.estimate;
      if (constraints.deadlineDays != null && e.time.totalDays > constraints.deadlineDays) continue;
      if (constraints.budgetUsd !== undefined && (e.cost.usd ?? Infinity) > constraints.budgetUsd) continue;
      const p: PlanLike = { accelerator, provider: offer.provider, instance: offer.instance, pricing, gpus, usdPerGpuHour: price, estimate: e };
      frontier.push(p);
      if (!best || (e.cost.usd ?? 0) < (best.estimate.cost.usd ?? 0)) best = p;
    }
    return best ? { plans: [best], frontier, infeasible: null } : { plans: [], frontier, infeasible: { reason: 'nothing fits the deadline and budget' } };
  };
}
