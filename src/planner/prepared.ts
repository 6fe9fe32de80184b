import { checkRunInput } from '../schema/index.js';
import { finishPlan, searchInputs, type PreparedPlan } from './plan.js';
import { buildSearchPlan, resolveConstraints, type SearchPlan } from './request.js';
import { searchUnits } from './search.js';
import { ModelTerms } from './shared-terms.js';
import type { PlanInput, PlannerCatalog, PlanResult, ResolvedConstraints } from './types.js';
import { workUnits } from './units.js';

/**
 * A prepared search (issue 15): one catalog, many searches. `budget` probes many model sizes, `schedule` plans every
 * job on every pool at several GPU counts; each search used to rebuild what the one before had built. A prepared
 * search keeps, across its searches:
 * - the offer / price expansion (request.ts buildSearchPlan: network groups, price points, confidence filtering,
 *   skipped accelerators), per the few inputs it reads (`planKey`);
 * - per model (SearchCache: staged contexts, local parameters, least model states, optionally the per-layer
 *   terms), for any constraints (shared-terms.ts ModelTerms says why each is constraint-free).
 * Every result is the one `plan()` returns for the same input (test/planner/prepared-search.test.ts).
 */
export interface PreparedSearch {
  /** One search of `input` over the prepared catalog: equal to plan({ ...input, catalog }). */
  plan(input: PlanRequest): PlanResult;
}

/** A plan() input without its catalog (the prepared search's). */
export type PlanRequest = Omit<PlanInput, 'catalog'>;

/** What survives between searches: the constraint-free terms of the last `models` models searched. */
export interface SearchCache {
  /** The terms of this model, training and assumptions (the least recently used model's are dropped past capacity). */
  terms(x: Parameters<typeof ModelTerms.keyOf>[0]): ModelTerms;
  /** Reuse counts: model terms found, and created; search plans found, and built. */
  readonly stats: { modelHits: number; modelMisses: number; planHits: number; planMisses: number };
}

export interface SearchCacheOptions {
  /** Models whose terms are kept (default 1: consecutive searches of one model share them). */
  models?: number;
  /** Also keep each model's per-layer terms (ModelTerms `layerRows`; default false: memory grows with them). */
  layerRows?: boolean;
}

export function createSearchCache(o: SearchCacheOptions = {}): SearchCache {
  const capacity = Math.max(1, o.models ?? 1);
  const byKey = new Map<string, ModelTerms>();
  const stats = { modelHits: 0, modelMisses: 0, planHits: 0, planMisses: 0 };
  return {
    stats,
    terms(x) {
      const key = ModelTerms.keyOf(x);
      let t = byKey.get(key);
      if (t) {
        stats.modelHits++;
        byKey.delete(key); // most recently used last
      } else {
        stats.modelMisses++;
        t = new ModelTerms(key, o.layerRows ?? false);
        while (byKey.size >= capacity) byKey.delete(byKey.keys().next().value!);
      }
      byKey.set(key, t);
      return t;
    },
  };
}

/**
 * Everything buildSearchPlan reads besides the catalog: the accelerator, provider, pricing, FP8 and price-confidence
 * constraints, the training precision and whether it is QLoRA (16-bit compute only). Not the GPU range, deadline,
 * budget, top N, objective, pins or sources: those reach the search through `constraints`, set per search.
 */
function planKey(input: PlanInput, k: ResolvedConstraints): string {
  return JSON.stringify([k.accelerators, k.providers, k.pricing, k.allowFp8, k.minPriceConfidence ?? null, input.training.precision, input.training.finetune?.method === 'qlora']);
}

/** A search over `catalog` whose searches share `cache` (by default one of their own). */
export function prepareSearch(catalog: PlannerCatalog, cache: SearchCache = createSearchCache()): PreparedSearch {
  const run = searcherOf(catalog, cache);
  return { plan: (request) => run({ ...request, catalog }) };
}

/**
 * The searches of a prepared catalog. The catalog is checked on the first search only (the same object every time:
 * a prepared search assumes its catalog is not changed in place); model and training on every search.
 */
function searcherOf(catalog: PlannerCatalog, cache: SearchCache): (input: PlanInput, checked?: boolean) => PlanResult {
  let catalogChecked = false;
  const plans = new Map<string, Omit<SearchPlan, 'constraints'>>();
  const prepare = (input: PlanInput): PreparedPlan => {
    const constraints = resolveConstraints(input);
    const key = planKey(input, constraints);
    let sp = plans.get(key);
    if (sp) cache.stats.planHits++;
    else {
      // Bad ids and "no offer matches" throw here, every time (nothing is remembered for them).
      const { constraints: _, ...rest } = buildSearchPlan(input, constraints);
      plans.set(key, (sp = rest));
      cache.stats.planMisses++;
    }
    // Fresh arrays for what the result echoes, so that a caller changing one result cannot change the next.
    const search: SearchPlan = { ...sp, constraints, accelerators: [...sp.accelerators], skipped: sp.skipped.map((s) => ({ ...s })), ...(sp.skippedOffers ? { skippedOffers: sp.skippedOffers.map((s) => ({ ...s })) } : {}) };
    return { input, search };
  };
  return (input, checked = false) => {
    if (!checked) checkRunInput(input, 'plan', { catalog: !catalogChecked });
    catalogChecked = true;
    const prepared = prepare(input);
    const x = searchInputs(input);
    const units = workUnits(x, prepared.search);
    const onProgress = input.onProgress;
    const partial = searchUnits(x, prepared.search, units, onProgress ? (d) => onProgress(d, units.length) : undefined, cache.terms(x));
    return finishPlan(prepared, [partial]);
  };
}

/**
 * Searches every layout of every allowed accelerator, offer, pricing model and GPU count, and returns
 * the best plans by cost (or time), the cost–time Pareto frontier, and why candidates were rejected.
 * Pure: no I/O; bad input throws InputError; "nothing feasible" is a value (`infeasible`).
 */
export function plan(input: PlanInput): PlanResult {
  checkRunInput(input, 'plan');
  return searcherOf(input.catalog, createSearchCache())(input, true);
}
