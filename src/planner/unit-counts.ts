import { wallClockSeconds, type GoodputContext } from '../estimator/index.js';
import type { BestLayout, SearchCounts } from './partial.js';
import { countPruned, type Pruner } from './prune.js';
import type { PruneReason } from './types.js';
import { billedAt, inflationAt, wallsAt, type PointsAt } from './units.js';

/**
 * A collision-free number for (tp, pp, vpp, expert index): mixed radix with pp, vpp ≤ layers and
 * ei < experts' divisor count. (A fixed radix of 1,024 made tp = 2, pp = 1 share tp = 1, pp = 1,025's
 * parameters on 1,500-layer models, so the search ranked with another layout's memory.)
 */
export function lpKey(tp: number, pp: number, vpp: number, ei: number, layers: number, epCount: number): number {
  const r = layers + 1;
  return ((tp * r + pp) * r + vpp) * epCount + ei;
}

/**
 * The counts of one work unit's layouts (unit-search.ts UnitSearch extends it), added to the search's at the end, and
 * the verdicts that only count: per-offer deadline/budget, and branch-and-bound skips.
 */
export class UnitCounts {
  layouts = 0;
  estimated = 0;
  oom = 0;
  pastDeadline = 0;
  pastTermLimit = 0;
  overBudget = 0;
  feasible = 0;
  protected readonly deadlineDays: number | null;
  protected readonly budget: number | null;
  protected readonly gctx: GoodputContext;
  protected readonly pruner: Pruner | null;
  protected readonly bests: Map<number, BestLayout>;
  protected readonly steps: number;
  private readonly counts: SearchCounts;

  constructor(deadlineDays: number | null, budget: number | null, gctx: GoodputContext, pruner: Pruner | null, bests: Map<number, BestLayout>, steps: number, counts: SearchCounts) {
    this.deadlineDays = deadlineDays;
    this.budget = budget;
    this.gctx = gctx;
    this.pruner = pruner;
    this.bests = bests;
    this.steps = steps;
    this.counts = counts;
  }

  /**
   * Whether branch and bound skips a family whose steps are at least `lb` (familyStepBound): when no (micro-batch,
   * recompute) fits even at the memory lower bound (lb = Infinity) all its layouts are OOM, as the layout loop (UnitSearch.runVpp) would
   * find; otherwise when the pruner shows it cannot change the result (prune.ts; `why` when already decided), counted
   * as pruned with the reason.
   */
  protected boundSkips(lb: number, n: number, pts: PointsAt, familyLayouts: number, count: number, known?: PruneReason | null): boolean {
    if (lb === Infinity) {
      this.oom += familyLayouts * count;
      return true;
    }
    const why = known !== undefined ? known : this.pruner!.decide(this.bests.get(n), n, pts, lb, this.steps);
    if (why === null) return false;
    this.layouts -= familyLayouts;
    countPruned(this.counts, why, familyLayouts, count);
    return true;
  }

  /** The deadline, term-limit and budget verdicts of one fitting layout taking `total` seconds, over the offers at n GPUs. */
  protected countOffers(total: number, pts: PointsAt, n: number): void {
    const count = pts.count;
    const deadlineDays = this.deadlineDays;
    const budget = this.budget;
    if (deadlineDays !== null && !pts.termLimited) {
      // Wall clock is linear in the work (Daly): bounds over the offers decide most layouts at once,
      // with a relative margin far above rounding, so the verdicts equal the per-offer ones below.
      const inf = inflationAt(pts, this.gctx, n);
      if (budget === null && total <= (deadlineDays * 86400) / (inf.max * (1 + 1e-9))) {
        this.feasible += count;
        return;
      }
      if (total > (deadlineDays * 86400) / (inf.min * (1 - 1e-9))) {
        this.pastDeadline += count;
        return;
      }
    }
    // Wall clock per offer (estimator/goodput.ts): the same expression estimate() evaluates.
    const walls = wallsAt(pts, this.gctx, n);
    for (let i = 0; i < count; i++) {
      const wall = wallClockSeconds(walls[i]!, total);
      const termDays = pts.points[i]!.maxDays;
      if (deadlineDays !== null && wall / 86400 > deadlineDays) this.pastDeadline++;
      else if (termDays !== undefined && wall / 86400 > termDays) this.pastTermLimit++;
      else if (budget !== null && ((billedAt(pts.points[i]!, wall) * n) / 3600) * pts.points[i]!.usdPerGpuHour > budget) this.overBudget++;
      else this.feasible++;
    }
  }

  /** Adds this unit's counts to the search's. */
  addTo(): void {
    const k = this.counts;
    k.layouts += this.layouts;
    k.estimated += this.estimated;
    k.oom += this.oom;
    k.pastDeadline += this.pastDeadline;
    k.pastTermLimit += this.pastTermLimit;
    k.overBudget += this.overBudget;
    k.feasible += this.feasible;
    k.evaluated += this.feasible + this.oom + this.pastDeadline + this.pastTermLimit + this.overBudget;
  }
}
