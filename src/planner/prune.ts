import { wallClockSeconds, type GoodputContext } from '../estimator/index.js';
import type { BestLayout, SearchCounts } from './partial.js';
import type { Objective, PruneReason } from './types.js';
import { billedAt, wallsAt, type PointsAt, type WorkUnit } from './units.js';
import type { SearchPlan } from './request.js';

/**
 * Branch and bound for the layout search (issue 15). A family — (tp, cp, dp, ep, pp) at one GPU count,
 * before its virtual stages, micro-batches, recompute modes and ZeRO stages are enumerated — is skipped
 * whole when a lower bound of every step time it could produce shows that none of its layouts could
 * change the result: the best layout at that GPU count, the top N, the cost–time frontier, or (past the
 * deadline / over the budget) feasibility. Skipped layouts are counted in `search.pruned`, not as
 * evaluated; the plans, frontier and explanation stay exactly what the full search returns
 * (test/planner/prune.test.ts checks pruned against unpruned searches).
 */

/** Relative margin under every bound: the bound sums the estimator's own terms in another order (rounding ~1e-15). */
const MARGIN = 1 - 1e-9;

/** One run's branch-and-bound state: what the found plans already guarantee about the final result. */
export class Pruner {
  /** Some feasible plan exists (so the final result has plans, and the infeasible explanation is not computed). */
  private feasibleFound = false;
  /** The N best objective values over distinct (group, GPU count, price point) plans found so far, ascending. */
  private readonly topVals: number[] = [];
  private readonly topIds: number[] = [];
  /** Frontier witnesses, usd ascending with time strictly descending: (cheapest feasible usd, slowest point's wall) per (group, GPU count). */
  private readonly wUsd: number[] = [];
  private readonly wTime: number[] = [];

  private readonly objective: Objective;
  private readonly top: number;
  private readonly deadlineDays: number | null;
  private readonly budgetUsd: number | null;
  private readonly gctx: GoodputContext;
  /** Radix of the numeric plan ids (group, GPU count, point index < 65,536). */
  private readonly idGpus: number;

  constructor(objective: Objective, top: number, deadlineDays: number | null, budgetUsd: number | null, gctx: GoodputContext, maxGpus: number) {
    this.idGpus = maxGpus + 1;
    this.objective = objective;
    this.top = top;
    this.deadlineDays = deadlineDays;
    this.budgetUsd = budgetUsd;
    this.gctx = gctx;
  }

  /**
   * Records a new best layout at (group, n). Every later best there is at least as fast, so each price
   * point's wall clock and cost only fall: the values kept are upper bounds of the final plans'. A final
   * frontier input at (group, n) (its cheapest feasible point) costs at most the cheapest feasible usd now
   * and takes at most the slowest point's wall clock now — the witness.
   */
  noteBest(group: number, n: number, pts: PointsAt, best: BestLayout): void {
    const walls = wallsAt(pts, this.gctx, n);
    let cheapest = Infinity;
    let slowest = 0;
    for (let i = 0; i < pts.count; i++) {
      const p = pts.points[i]!;
      const wall = wallClockSeconds(walls[i]!, best.totalSeconds);
      // The plan's real cost: term pricing (Capacity Blocks) bills the booked time (units.ts billedAt), so the
      // kept values stay upper bounds of the final plans'; a point past its term is no plan at all.
      const usd = ((billedAt(p, wall) * n) / 3600) * p.usdPerGpuHour;
      if (wall > slowest) slowest = wall;
      if (this.deadlineDays !== null && wall / 86400 > this.deadlineDays) continue;
      if (p.maxDays !== undefined && wall / 86400 > p.maxDays) continue;
      if (this.budgetUsd !== null && usd > this.budgetUsd) continue;
      this.feasibleFound = true;
      if (usd < cheapest) cheapest = usd;
      this.offerTop((group * this.idGpus + n) * 65536 + i, this.objective === 'cost' ? usd : wall);
    }
    if (cheapest < Infinity) this.addWitness(cheapest, slowest);
  }

  private offerTop(id: number, v: number): void {
    const vals = this.topVals;
    const ids = this.topIds;
    let at = ids.indexOf(id);
    if (at >= 0) {
      if (v >= vals[at]!) return;
      vals.splice(at, 1);
      ids.splice(at, 1);
    } else if (vals.length === this.top) {
      if (v >= vals[vals.length - 1]!) return;
      vals.pop();
      ids.pop();
    }
    at = vals.length;
    while (at > 0 && vals[at - 1]! > v) at--;
    vals.splice(at, 0, v);
    ids.splice(at, 0, id);
  }

  private addWitness(usd: number, time: number): void {
    const u = this.wUsd;
    const t = this.wTime;
    let i = 0;
    while (i < u.length && u[i]! <= usd) i++;
    // Dominated (weakly) by a cheaper-or-equal witness that is no slower: nothing to add.
    if (i > 0 && t[i - 1]! <= time) return;
    let j = i;
    while (j < u.length && t[j]! >= time) j++;
    u.splice(i, j - i, usd);
    t.splice(i, j - i, time);
  }

  /** Whether some witness is strictly cheaper and strictly faster (then no final frontier plan can be this one). */
  private dominated(usd: number, time: number): boolean {
    // The first witness not cheaper than usd, by bisection (wUsd is ascending; the frontier holds thousands of
    // witnesses on a whole-catalog MoE plan, and this runs per point of every family the bounds reach: issue 15).
    const u = this.wUsd;
    let lo = 0;
    let hi = u.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (u[mid]! < usd) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && this.wTime[lo - 1]! < time;
  }

  /**
   * Why the family at (group, n) with a step lower bound `stepLb` cannot change the result, or null.
   * Each of its plans (n, point) is at least as slow and as costly as the bound says (wall clock and cost
   * grow with the failure-free time), so: slower than the best already found at n → the best at n stays;
   * otherwise, once a feasible plan exists, every point must be past the deadline, over the budget, or
   * both outside the top N (N distinct plans already do better) and strictly dominated by a witness.
   */
  decide(best: BestLayout | undefined, n: number, pts: PointsAt, stepLb: number, steps: number): PruneReason | null {
    if (best !== undefined && stepLb * MARGIN > best.stepSeconds) return 'slower-at-gpu-count';
    if (!this.feasibleFound) return null;
    const total = steps * stepLb * MARGIN;
    const walls = wallsAt(pts, this.gctx, n);
    const full = this.topVals.length === this.top;
    const threshold = full ? this.topVals[this.top - 1]! : Infinity;
    let allPast = true;
    let allInfeasible = true;
    for (let i = 0; i < pts.count; i++) {
      const wall = wallClockSeconds(walls[i]!, total);
      if (this.deadlineDays !== null && wall / 86400 > this.deadlineDays) continue;
      allPast = false;
      // Unbilled time: a lower bound of a term price's booked cost. A point past its term counts as feasible here,
      // which only makes pruning rarer (never wrong).
      const usd = ((wall * n) / 3600) * pts.points[i]!.usdPerGpuHour;
      if (this.budgetUsd !== null && usd > this.budgetUsd) continue;
      allInfeasible = false;
      if (!full || !((this.objective === 'cost' ? usd : wall) > threshold) || !this.dominated(usd, wall)) return null;
    }
    return allPast ? 'over-deadline' : allInfeasible ? 'over-budget' : 'cannot-beat-top-n';
  }
}

/**
 * The work units reordered so that plans likely to rank well are found first (the bounds then skip more):
 * by the group's cheapest $/GPU-hour per dense bf16 TFLOP/s for the cost objective, by TFLOP/s (fastest
 * first) for time. Only the order of work changes; the result does not depend on it (the merge and the
 * ranking are total orders), the pruned counts do.
 */
export function promisingFirst(plan: SearchPlan, units: readonly WorkUnit[]): WorkUnit[] {
  const score = plan.groups.map((g) => {
    const peak = g.accelerator.peakTflops.bf16 ?? g.accelerator.peakTflops.fp16 ?? g.accelerator.peakTflops.fp32 ?? 1;
    const price = g.points.reduce((m, p) => Math.min(m, p.usdPerGpuHour), Infinity);
    return plan.constraints.objective === 'cost' ? price / peak : -peak;
  });
  return units.map((u, i) => [u, i] as const).sort((a, b) => score[a[0].group]! - score[b[0].group]! || a[1] - b[1]).map(([u]) => u);
}

/** Adds a pruned family to the counts: `layouts` layouts on `points` price points, under `why`. */
export function countPruned(k: SearchCounts, why: PruneReason, layouts: number, points: number): void {
  const candidates = layouts * points;
  k.prunedFamilies += 1;
  k.prunedLayouts += layouts;
  k.prunedEvaluated += candidates;
  if (why === 'slower-at-gpu-count') k.prunedSlower += candidates;
  else if (why === 'over-deadline') k.prunedDeadline += candidates;
  else if (why === 'over-budget') k.prunedBudget += candidates;
  else k.prunedTopN += candidates;
}
