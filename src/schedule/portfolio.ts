import type { gridFor } from '../estimator/index.js';
import type { Catalog } from '../schema/index.js';
import { advise, type AdviceReport } from './advise.js';
import { buildPools, type CapacitySpec } from './pools.js';
import { buildProblem, type PortfolioJobSpec } from './problem.js';
import { solve, type SolveOptions } from './solve.js';
import { summarise, type ScheduleReport } from './summary.js';

export interface PortfolioInput {
  horizonDays: number;
  capacity: CapacitySpec;
  jobs: readonly PortfolioJobSpec[];
  catalog: Catalog;
  gridRegions?: Parameters<typeof gridFor>[0];
  solve?: SolveOptions;
  /** Also sweep each owned fleet and commitment from 0 to 2× its size (--advise). */
  advise?: boolean;
}

/** Plans every job on every pool, allocates capacity over the horizon, and reports jobs, pools and costs. Pure. */
export function schedulePortfolio(input: PortfolioInput): { report: ScheduleReport; advice?: AdviceReport[] } {
  const ctx = { catalog: input.catalog, horizonDays: input.horizonDays, ...(input.gridRegions ? { gridRegions: input.gridRegions } : {}) };
  const pools = buildPools(input.catalog, input.capacity);
  const problem = buildProblem(ctx, pools, input.jobs);
  const report = summarise(problem, solve(problem, input.solve));
  if (!input.advise) return { report };
  // Plan the options once at twice each size, then re-solve at every size swept (options that no longer fit are dropped).
  const doubled: CapacitySpec = {
    ...input.capacity,
    fleets: input.capacity.fleets.map((f) => ({ ...f, count: f.count * 2 })),
    commitments: input.capacity.commitments.map((c) => ({ ...c, count: c.count * 2 })),
  };
  const bigSpecs = buildPools(input.catalog, doubled);
  const current = new Map(pools.map((p) => [p.pool.id, p.pool.capacityGpus]));
  const planned = buildProblem(ctx, bigSpecs, input.jobs);
  // Capacity back to the real sizes; options above a size cannot be placed there (advise's resize drops them per size).
  const big = { ...planned, pools: planned.pools.map((p) => ({ ...p, capacityGpus: current.get(p.id) ?? p.capacityGpus })) };
  const specs = bigSpecs.map((s) => ({ ...s, pool: { ...s.pool, capacityGpus: pools.find((p) => p.pool.id === s.pool.id)!.pool.capacityGpus } }));
  const rent = { rentPricing: input.capacity.rentPricing, ...(input.capacity.providers ? { providers: input.capacity.providers } : {}) };
  // The sweep re-solves many times: list scheduling only (the MILP's solver is left out), the same method at every size.
  const { milp: _milp, ...listOnly } = input.solve ?? {};
  return { report, advice: advise(big, specs, input.catalog, { ...listOnly, ...rent }) };
}
