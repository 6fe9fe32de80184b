import type { Assumptions } from '../estimator/index.js';
import type { ModelConfig, TrainingConfig } from '../schema/index.js';

/** The best (fastest-step) memory-fitting layout for one network group and GPU count. */
export interface BestLayout {
  stepSeconds: number;
  totalSeconds: number;
  perGpuBytes: number;
  /** Total-order key: [precision index, tp, cp, dp, ep, pp, vpp, micro-batch, recompute index, zero]. */
  key: number[];
}

export interface SearchCounts {
  layouts: number;
  estimated: number;
  evaluated: number;
  feasible: number;
  oom: number;
  pastDeadline: number;
  /** Past the longest run a term or flex pricing model sells (PricePoint.maxDays). */
  pastTermLimit: number;
  overBudget: number;
  /** Branch and bound (prune.ts): families skipped whole, their layouts and candidate plans, and the candidates by reason. */
  prunedFamilies: number;
  prunedLayouts: number;
  prunedEvaluated: number;
  prunedSlower: number;
  prunedDeadline: number;
  prunedBudget: number;
  prunedTopN: number;
}

/** What a run over some work units returns: counts and per-(group, GPU count) bests; mergeable in any order. */
export interface PartialSearch {
  counts: SearchCounts;
  /** bests[group] maps a GPU count to its best layout. */
  bests: Array<Map<number, BestLayout>>;
}

export interface SearchInputs {
  model: ModelConfig;
  training: TrainingConfig;
  assumptions?: Partial<Assumptions>;
  /** false: no branch and bound (every family is enumerated; the tests compare both). Default true. */
  prune?: boolean;
}

export function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** Whether `a` beats `b`: shorter step, then the smaller layout key. */
export function betterLayout(a: BestLayout, b: BestLayout): boolean {
  return a.stepSeconds < b.stepSeconds || (a.stepSeconds === b.stepSeconds && compareKeys(a.key, b.key) < 0);
}

export function emptyPartial(groups: number): PartialSearch {
  return {
    counts: { layouts: 0, estimated: 0, evaluated: 0, feasible: 0, oom: 0, pastDeadline: 0, pastTermLimit: 0, overBudget: 0, prunedFamilies: 0, prunedLayouts: 0, prunedEvaluated: 0, prunedSlower: 0, prunedDeadline: 0, prunedBudget: 0, prunedTopN: 0 },
    bests: Array.from({ length: groups }, () => new Map()),
  };
}

/** Adds `b` into `a` (counts summed, bests kept by the total order): the result does not depend on order. */
export function mergePartial(a: PartialSearch, b: PartialSearch): PartialSearch {
  for (const k of Object.keys(a.counts) as Array<keyof SearchCounts>) a.counts[k] += b.counts[k];
  b.bests.forEach((m, g) => {
    const into = a.bests[g]!;
    for (const [n, best] of m) {
      const prev = into.get(n);
      if (!prev || betterLayout(best, prev)) into.set(n, best);
    }
  });
  return a;
}
