import { offerCapacityGpus } from '../catalog/index.js';
import { createSearchCache, prepareSearch, type PlannedRun, type PlannerCatalog, type PlanRequest, type PreparedSearch } from '../planner/index.js';
import type { Estimate, gridFor } from '../estimator/index.js';
import { InputError, type AcceleratorSpec, type Catalog, type Constraints, type ModelConfig, type TrainingConfig } from '../schema/index.js';
import type { PoolSpec } from './pools.js';
import type { JobOption } from './types.js';

/** Which accelerators a job may run on: the job's pins and exclusions, then its model file's `constraints.accelerators`. */
export interface AcceleratorFilter {
  accelerators?: readonly string[];
  excludeAccelerators: readonly string[];
  kinds?: readonly string[];
  excludeKinds: readonly string[];
}

export function allowsAccelerator(f: AcceleratorFilter, fileConstraints: Constraints, acc: AcceleratorSpec): boolean {
  if (f.accelerators && !f.accelerators.includes(acc.id)) return false;
  if (fileConstraints.accelerators && !fileConstraints.accelerators.includes(acc.id)) return false;
  if (f.excludeAccelerators.includes(acc.id)) return false;
  if (f.kinds && !f.kinds.includes(acc.kind)) return false;
  return !f.excludeKinds.includes(acc.kind);
}

export interface ModelWorkload {
  model: ModelConfig;
  training: TrainingConfig;
  constraints: Constraints;
}

/** GPU counts offered to the allocator: powers of two up to the pool size, and the pool size itself (few, to stay fast). */
export function candidateCounts(maxGpus: number, minGpus = 1): number[] {
  const out = new Set<number>();
  for (let g = 1; g <= Math.min(maxGpus, 1 << 20); g *= 2) if (g >= minGpus) out.add(g);
  if (Number.isFinite(maxGpus) && maxGpus >= minGpus) out.add(maxGpus);
  return [...out].sort((a, b) => a - b);
}

const days = (e: Estimate) => e.time.totalSeconds / 86400;

function toOption(pool: PoolSpec, run: PlannedRun): JobOption {
  const e = run.estimate;
  const gpuHours = e.cost.gpuHours;
  const costUsd = e.cost.usd ?? gpuHours * run.usdPerGpuHour;
  const l = run.layout;
  return {
    pool: pool.pool.id,
    gpus: run.gpus,
    days: days(e),
    gpuHours,
    costUsd,
    marginalUsd: pool.pool.source === 'owned' ? gpuHours * pool.marginalUsdPerGpuHour : pool.pool.source === 'committed' ? 0 : costUsd,
    accelerator: run.accelerator,
    provider: run.provider,
    instance: run.instance,
    pricing: run.pricing,
    usdPerGpuHour: run.usdPerGpuHour,
    // A planned yield saves a checkpoint, then the resume pays the restart time [goodput.ts: checkpointSeconds, restartSeconds].
    resumeDays: (e.goodput.checkpointSeconds + e.goodput.restartSeconds) / 86400,
    layout: `tp${l.tp} pp${l.pp} dp${l.dp}${l.cp > 1 ? ` cp${l.cp}` : ''}${l.ep > 1 ? ` ep${l.ep}` : ''}`,
    ...(pool.pool.source === 'rented' ? { offerCapacityGpus: rentedSupply(pool, run) } : {}),
  };
}

/** GPUs the rented offer behind a run can supply at once (maxInstances × GPUs per instance); null when the catalog sets no limit. */
function rentedSupply(pool: PoolSpec, run: PlannedRun): number | null {
  const offer = pool.catalog.offers.find((o) => o.provider === run.provider && o.instance === run.instance);
  return offer ? offerCapacityGpus(offer) : null;
}

/** Drops options another option of the same pool beats on GPUs, days and marginal cost at once. */
export function pruneDominated(options: readonly JobOption[]): JobOption[] {
  return options.filter((o) => !options.some((p) => p !== o && p.pool === o.pool && p.gpus <= o.gpus && p.days <= o.days && p.marginalUsd <= o.marginalUsd && (p.gpus < o.gpus || p.days < o.days || p.marginalUsd < o.marginalUsd)));
}

export interface OptionContext {
  catalog: Catalog;
  horizonDays: number;
  gridRegions?: Parameters<typeof gridFor>[0];
  /** The prepared search of a pool's catalog (poolSearches: shared by every job and GPU count); absent, each search stands alone. */
  searchFor?: (catalog: PlannerCatalog) => PreparedSearch;
}

/**
 * Prepared searches for a portfolio: one per pool catalog, all sharing one cache, so a job's model terms (staged
 * contexts, local parameters, states, per-layer terms) are built once for all its pools and GPU counts (planner
 * prepared.ts). buildProblem plans job by job and jobs equal in workload share their options there, so the cache
 * holds the last `models` models (default 1: the per-layer terms of a whole-catalog MoE job are ~40 MB).
 */
export function poolSearches(models = 1): (catalog: PlannerCatalog) => PreparedSearch {
  const cache = createSearchCache({ models, layerRows: true });
  const byCatalog = new Map<PlannerCatalog, PreparedSearch>();
  return (catalog) => {
    let s = byCatalog.get(catalog);
    if (!s) byCatalog.set(catalog, (s = prepareSearch(catalog, cache)));
    return s;
  };
}

/** Rented capacity also honours the model file's `constraints.providers`; a fixed pool is its own provider. */
function providersFor(pool: PoolSpec, c: Constraints): string[] | undefined {
  if (pool.pool.source !== 'rented' || !c.providers) return pool.providers ? [...pool.providers] : undefined;
  return pool.providers ? pool.providers.filter((p) => c.providers!.includes(p)) : [...c.providers];
}

function planSafely(search: PreparedSearch, args: PlanRequest): PlannedRun[] {
  try {
    return search.plan(args).plans;
  } catch (err) {
    if (err instanceof InputError && err.code === 'NO_OFFERS') return [];
    throw err;
  }
}

/**
 * The job's options on one pool, from the real planner: for each candidate GPU count, the cheapest plan
 * (so days and cost are estimate()'s). Runs longer than the horizon are left out by the planner's deadline.
 */
export function poolOptions(ctx: OptionContext, pool: PoolSpec, w: ModelWorkload, filter: AcceleratorFilter): JobOption[] {
  const allowed = ctx.catalog.accelerators.filter((a) => allowsAccelerator(filter, w.constraints, a)).map((a) => a.id);
  const accs = pool.pool.accelerator === null ? allowed : allowed.filter((a) => a === pool.pool.accelerator);
  if (accs.length === 0 || providersFor(pool, w.constraints)?.length === 0) return [];
  const maxGpus = Math.min(pool.maxGpus, w.constraints.maxGpus ?? Infinity);
  const minGpus = w.constraints.minGpus ?? 1;
  const counts = candidateCounts(maxGpus, minGpus);
  if (counts.length === 0) return [];
  const base = {
    model: w.model,
    training: w.training,
    ...(ctx.gridRegions ? { gridRegions: ctx.gridRegions } : {}),
  };
  const search = (ctx.searchFor ?? ((c: PlannerCatalog) => prepareSearch(c)))(pool.catalog);
  const constraints: Constraints = {
    accelerators: accs,
    pricing: pool.pool.pricing as Constraints['pricing'],
    deadlineDays: ctx.horizonDays,
    objective: 'cost',
    ...(providersFor(pool, w.constraints) ? { providers: providersFor(pool, w.constraints)! } : {}),
    ...(w.constraints.allowFp8 !== undefined ? { allowFp8: w.constraints.allowFp8 } : {}),
  };
  const runs: PlannedRun[] = [];
  if (pool.pool.accelerator !== null) {
    // One accelerator, one offer: one search over the whole range returns the best layout per GPU count.
    const all = planSafely(search, { ...base, constraints: { ...constraints, minGpus, maxGpus: Math.max(minGpus, maxGpus) }, top: 100_000 });
    for (const g of counts) {
      const r = all.find((p) => p.gpus === g);
      if (r) runs.push(r);
    }
  } else {
    for (const g of counts) {
      const r = planSafely(search, { ...base, constraints: { ...constraints, minGpus: g, maxGpus: g }, top: 1 })[0];
      if (r) runs.push(r);
    }
  }
  return pruneDominated(runs.map((r) => toOption(pool, r)));
}
