import { cheapestOffer, gpuHourPrice } from '../catalog/index.js';
import { breakEvenUtilization } from '../economics/index.js';
import type { Catalog } from '../schema/index.js';
import type { PoolSpec } from './pools.js';
import { solve, type SolveOptions } from './solve.js';
import { summarise, type ScheduleReport } from './summary.js';
import type { ScheduleProblem } from './types.js';

export interface AdviceReport {
  pool: string;
  source: 'owned' | 'committed';
  currentGpus: number;
  bestGpus: number;
  sweep: Array<{ gpus: number; totalCostUsd: number; utilisation: number | null; unscheduled: number; missedDeadlines: number }>;
  breakEvenUtilisation: number | null;
  rentUsdPerGpuHour: number | null;
  note: string;
}

/** Sizes swept: 0 … 2× the current size in quarters, rounded to whole nodes / instances. */
export function sweepSizes(current: number, step: number): number[] {
  const out = new Set<number>();
  for (let k = 0; k <= 8; k++) out.add(Math.round((current * k) / 4 / step) * step);
  return [...out].sort((a, b) => a - b);
}

/** The problem with one pool resized: options that no longer fit are dropped (the options were planned at the largest size). */
export function resize(problem: ScheduleProblem, pool: string, gpus: number): ScheduleProblem {
  return {
    ...problem,
    pools: problem.pools.map((p) => (p.id === pool ? { ...p, capacityGpus: gpus } : p)),
    jobs: problem.jobs.map((j) => ({ ...j, options: j.options.filter((o) => o.pool !== pool || o.gpus <= gpus) })),
  };
}

const missed = (r: ScheduleReport) => r.jobs.filter((j) => !j.meetsDeadline).length;

/**
 * `--advise`: for each owned fleet and commitment, re-schedules the portfolio at 0 … 2× its size (others as
 * given) and picks the cheapest size over the horizon among those with the fewest unscheduled jobs and missed
 * deadlines. Break-even utilisation against the cheapest rented offer of the same accelerator is economics'
 * buy-vs-rent u* = f / (p − e) (buy-vs-rent.ts), with a commitment as a purchase of no capex.
 */
export function advise(problem: ScheduleProblem, specs: readonly PoolSpec[], catalog: Catalog, opts: SolveOptions & { rentPricing: 'on-demand' | 'spot'; providers?: readonly string[] }): AdviceReport[] {
  const out: AdviceReport[] = [];
  const rentCatalog = opts.providers ? { ...catalog, offers: catalog.offers.filter((o) => opts.providers!.includes(o.provider)) } : catalog;
  for (const spec of specs) {
    const p = spec.pool;
    if (p.source === 'rented' || p.accelerator === null) continue;
    const current = p.capacityGpus;
    const sweep = sweepSizes(current, spec.stepGpus).map((gpus) => {
      const r = summarise(resize(problem, p.id, gpus), solve(resize(problem, p.id, gpus), opts));
      return { gpus, totalCostUsd: r.totalCostUsd.total, utilisation: r.fleets.find((f) => f.name === p.id)?.utilisation ?? null, unscheduled: r.unscheduled.length, missedDeadlines: missed(r) };
    });
    const bestService = Math.min(...sweep.map((s) => s.unscheduled * 1e6 + s.missedDeadlines));
    const eligible = sweep.filter((s) => s.unscheduled * 1e6 + s.missedDeadlines === bestService);
    const best = eligible.reduce((a, b) => (b.totalCostUsd < a.totalCostUsd - 1e-6 ? b : a));
    const offer = cheapestOffer(rentCatalog, p.accelerator, opts.rentPricing);
    const rent = offer ? gpuHourPrice(offer, opts.rentPricing) : null;
    const be = spec.terms && rent !== null ? breakEvenUtilization(spec.terms, rent) : null;
    const now = sweep.find((s) => s.gpus === current);
    const saving = now ? now.totalCostUsd - best.totalCostUsd : 0;
    const note = best.gpus === current
      ? `the current size is the cheapest that keeps the same service`
      : `${best.gpus > current ? 'growing' : 'shrinking'} to ${best.gpus} GPUs saves ${Math.round(saving)} USD over the horizon`;
    out.push({
      pool: p.id, source: p.source, currentGpus: current, bestGpus: best.gpus, sweep, breakEvenUtilisation: be, rentUsdPerGpuHour: rent,
      note: `${note}; ${be === null ? 'renting is never dearer than this capacity' : `this capacity beats renting ${offer!.provider}/${offer!.instance} above ${(be * 100).toFixed(1)}% utilisation`}`,
    });
  }
  return out;
}
