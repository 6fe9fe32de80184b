import { emptyPartial, type PartialSearch, type SearchInputs } from './partial.js';
import type { SearchPlan } from './request.js';
import { goodputContextOf, type PointsAt, type WorkUnit } from './units.js';
import { ModelTerms } from './shared-terms.js';
import { boundsHold } from './bounds.js';
import { promisingFirst, Pruner } from './prune.js';
import { UnitSearch } from './unit-search.js';

/** A search over one prepared plan that keeps its caches across calls (a worker runs many units). */
export interface Searcher {
  run(units: readonly WorkUnit[], onUnit?: (done: number) => void): PartialSearch;
}

/**
 * `terms`: the model's constraint-free caches (shared-terms.ts ModelTerms), shared by every search of the same
 * model, training and assumptions (prepared.ts); by default this search's own.
 */
export function createSearcher(x: SearchInputs, plan: SearchPlan, terms: ModelTerms = new ModelTerms('', false)): Searcher {
  const lpCache = terms.lpCache;
  const pointCache = plan.groups.map(() => new Map<number, PointsAt>());
  const shared = terms.states(plan.constraints.pins?.zero);
  return {
    run(units, onUnit) {
      const out = emptyPartial(plan.groups.length);
      const k = plan.constraints;
      const pruner = x.prune === false ? null : new Pruner(k.objective, k.top, k.deadlineDays, k.budgetUsd, goodputContextOf(x), k.maxGpus);
      let done = 0;
      for (const u of units) {
        const group = plan.groups[u.group]!;
        const c = terms.context(x, group, u.precision);
        new UnitSearch(x, plan, group, u, c, lpCache, pointCache[u.group]!, out, pruner !== null && boundsHold(c) ? pruner : null).run(shared, terms);
        done++;
        onUnit?.(done);
      }
      return out;
    },
  };
}

export { lpKey } from './unit-counts.js';

/** Runs the given work units and returns counts and bests (`terms`: as createSearcher's). */
export function searchUnits(x: SearchInputs, plan: SearchPlan, units: readonly WorkUnit[], onUnit?: (done: number) => void, terms?: ModelTerms): PartialSearch {
  return createSearcher(x, plan, terms).run(x.prune === false ? units : promisingFirst(plan, units), onUnit);
}
