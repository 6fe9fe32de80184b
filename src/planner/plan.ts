import { estimate, gridFor, wallClockSeconds } from '../estimator/index.js';
import type { Layout, Recompute } from '../schema/index.js';
import { buildSearchPlan, resolveConstraints, type SearchPlan } from './request.js';
import { compareCandidates, compareIdentity, paretoFrontier, TopK, type Candidate } from './rank.js';
import { emptyPartial, mergePartial, type PartialSearch, type SearchCounts, type SearchInputs } from './partial.js';
import { billedAt, goodputContextOf, pointsAt, priceOfPoint, wallsAt } from './units.js';
import { RECOMPUTE, tpChoices } from './space.js';
import type { Fix, PlanCapacity, PlanInput, PlannedRun, PlanResult, PruneReason, RejectReason, SearchStats } from './types.js';

/** Everything a search needs, resolved and validated once (throws InputError on bad input). */
export interface PreparedPlan {
  input: PlanInput;
  search: SearchPlan;
}

export function preparePlan(input: PlanInput): PreparedPlan {
  const constraints = resolveConstraints(input);
  return { input, search: buildSearchPlan(input, constraints) };
}

export function searchInputs(input: PlanInput): SearchInputs {
  return { model: input.model, training: input.training, ...(input.assumptions ? { assumptions: input.assumptions } : {}), ...(input.prune === false ? { prune: false } : {}) };
}

function layoutOf(p: PreparedPlan, c: Candidate): Layout {
  const [prec, tp, cp, , ep, pp, vpp, microBatch, r, zero] = c.best.key as [number, number, number, number, number, number, number, number, number, 0 | 1 | 2 | 3];
  const g = p.search.groups[c.group]!;
  return { gpus: c.gpus, tp, pp, cp, ep, vpp, microBatch, zero, recompute: RECOMPUTE[r] as Recompute, sequenceParallel: tp > 1, precision: g.precisions[prec]! };
}

/** Re-runs the estimator on a chosen candidate: the numbers a plan reports are estimate()'s own. */
function toRun(p: PreparedPlan, c: Candidate, rank: number | null, frontier: boolean): PlannedRun {
  const g = p.search.groups[c.group]!;
  const layout = layoutOf(p, c);
  const r = estimate({
    model: p.input.model,
    training: p.input.training,
    accelerator: g.accelerator,
    layout,
    network: g.network,
    price: priceOfPoint(c.point),
    ...(p.input.gridRegions ? { overheads: { grid: gridFor(p.input.gridRegions, c.point.offer.provider, c.point.offer.region) } } : {}),
    ...(p.input.assumptions ? { assumptions: p.input.assumptions } : {}),
  });
  if (!r.ok) throw new Error(`planner bug: a searched layout was rejected by the estimator (${r.problem.reason}: ${r.problem.message})`);
  const e = r.estimate;
  if (e.time.stepSeconds !== c.best.stepSeconds || e.memory.perGpuBytes !== c.best.perGpuBytes || e.cost.usd !== c.usd) {
    throw new Error(`planner bug: staged numbers differ from estimate() for ${JSON.stringify(layout)} on ${g.accelerator.id}`);
  }
  return {
    rank,
    accelerator: g.accelerator.id,
    provider: c.point.offer.provider,
    instance: c.point.offer.instance,
    pricing: c.point.pricing,
    instances: c.gpus / c.point.acceleratorCount,
    gpus: c.gpus,
    usdPerGpuHour: c.point.usdPerGpuHour,
    layout: { ...e.layout, precision: layout.precision },
    estimate: e,
    frontier,
    capacity: capacityOf(c.point, c.gpus),
  };
}

function capacityOf(point: Candidate['point'], gpus: number): PlanCapacity {
  const maxGpus = point.maxGpus ?? null;
  return { maxInstances: point.maxInstances ?? null, maxGpus, atLimit: maxGpus !== null && gpus + point.acceleratorCount > maxGpus };
}

const days = (s: number) => s / 86400;
const PRICING_WITHOUT_TERM = ['on-demand', 'spot', 'reserved-1y', 'reserved-3y'] as const;
const usd = (x: number) => (x >= 1e6 ? `$${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `$${(x / 1e3).toFixed(1)}K` : `$${x.toFixed(2)}`);

/** Merges partial searches (in any order) and ranks: the result is the same for any split of the work. */
export function finishPlan(p: PreparedPlan, partials: readonly PartialSearch[]): PlanResult {
  const sp = p.search;
  const k = sp.constraints;
  const merged = partials.reduce((a, b) => mergePartial(a, b), emptyPartial(sp.groups.length));
  const byReason: Partial<Record<RejectReason, number>> = {};
  const add = (r: RejectReason, n: number) => {
    if (n > 0) byReason[r] = (byReason[r] ?? 0) + n;
  };
  add('oom', merged.counts.oom);
  add('past-deadline', merged.counts.pastDeadline);
  add('past-term-limit', merged.counts.pastTermLimit);
  add('over-budget', merged.counts.overBudget);
  let tpRejected = 0;
  for (const g of sp.groups) {
    for (let i = 0; i < g.precisions.length; i++) {
      for (const t of tpChoices(p.input.model, g.network.scaleUpDomainSize, k.pins?.tp)) {
        if (t.reason) {
          add(t.reason, 1);
          tpRejected++;
        }
      }
    }
  }

  const top = new TopK(k.top, k.objective);
  const frontierInput: Candidate[] = [];
  let fastest: Candidate | null = null;
  let cheapest: Candidate | null = null;
  let cheapestInDeadline: Candidate | null = null;
  let fastestInBudget: Candidate | null = null;
  // The fastest plan that a term or flex pricing model cannot sell (longer than its maxDays), for the explanation.
  let pastTerm: Candidate | null = null;
  let feasible = 0;
  const gctx = goodputContextOf(p.input);
  const deadline = k.deadlineDays;
  const budget = k.budgetUsd;
  const gpuCounts = new Set<number>();
  sp.groups.forEach((g, gi) => {
    const entries = [...merged.bests[gi]!.entries()].sort((a, b) => a[0] - b[0]);
    for (const [n, best] of entries) {
      gpuCounts.add(n);
      let cheapestHere: Candidate | null = null;
      const at = pointsAt(g, n);
      const pts = at.points;
      const walls = wallsAt(at, gctx, n);
      for (let pi = 0; pi < pts.length; pi++) {
        const point = pts[pi]!;
        // best.totalSeconds is failure-free; the wall clock adds goodput losses for this offer (spot: preemptions).
        const wall = wallClockSeconds(walls[pi]!, best.totalSeconds);
        const c: Candidate = { group: gi, gpus: n, point, pointIndex: pi, best, totalSeconds: wall, usd: ((billedAt(point, wall) * n) / 3600) * point.usdPerGpuHour };
        if (point.maxDays !== undefined && days(wall) > point.maxDays) {
          if (!pastTerm || compareCandidates('time', c, pastTerm) < 0) pastTerm = c;
          continue;
        }
        if (!fastest || compareCandidates('time', c, fastest) < 0) fastest = c;
        if (!cheapest || compareCandidates('cost', c, cheapest) < 0) cheapest = c;
        const inDeadline = deadline === null || days(c.totalSeconds) <= deadline;
        const inBudget = budget === null || c.usd <= budget;
        if (inDeadline && (!cheapestInDeadline || compareCandidates('cost', c, cheapestInDeadline) < 0)) cheapestInDeadline = c;
        if (inBudget && (!fastestInBudget || compareCandidates('time', c, fastestInBudget) < 0)) fastestInBudget = c;
        if (!inDeadline || !inBudget) continue;
        feasible++;
        top.offer(c);
        if (!cheapestHere || c.usd < cheapestHere.usd || (c.usd === cheapestHere.usd && compareIdentity(c, cheapestHere) < 0)) cheapestHere = c;
      }
      if (cheapestHere) frontierInput.push(cheapestHere);
    }
  });
  const frontierCands = paretoFrontier(frontierInput);
  const onFrontier = new Set(frontierCands);
  const plans = top.items.map((c, i) => toRun(p, c, i + 1, onFrontier.has(c)));
  const topIndex = new Map(top.items.map((c, i) => [c, i]));
  const frontier = frontierCands.map((c) => (topIndex.has(c) ? plans[topIndex.get(c)!]! : toRun(p, c, null, true)));

  const search: SearchStats = {
    evaluated: merged.counts.evaluated + tpRejected,
    feasible: merged.counts.feasible,
    rejected: { byReason: Object.fromEntries(Object.entries(byReason).sort(([a], [b]) => (a < b ? -1 : 1))) },
    pruned: prunedOf(merged.counts),
    layouts: merged.counts.layouts,
    estimated: merged.counts.estimated,
    accelerators: sp.accelerators,
    skipped: sp.skipped,
    ...(sp.skippedOffers ? { skippedOffers: sp.skippedOffers } : {}),
  };
  void feasible;
  return {
    constraints: k,
    plans,
    frontier,
    search,
    infeasible: plans.length ? null : explain(p, fastest, cheapest, cheapestInDeadline, fastestInBudget, gpuCounts, pastTerm),
  };
}

function prunedOf(k: SearchCounts): SearchStats['pruned'] {
  const byReason: Partial<Record<PruneReason, number>> = {};
  // Fixed (alphabetical) key order; reasons with nothing pruned are left out.
  const add = (r: PruneReason, n: number) => {
    if (n > 0) byReason[r] = n;
  };
  add('cannot-beat-top-n', k.prunedTopN);
  add('over-budget', k.prunedBudget);
  add('over-deadline', k.prunedDeadline);
  add('slower-at-gpu-count', k.prunedSlower);
  return { families: k.prunedFamilies, layouts: k.prunedLayouts, evaluated: k.prunedEvaluated, byReason };
}

function describe(p: PreparedPlan, c: Candidate): string {
  const g = p.search.groups[c.group]!;
  return `${c.gpus} × ${g.accelerator.id} on ${c.point.offer.provider} ${c.point.offer.instance} (${c.point.pricing})`;
}

/** Why nothing is feasible and what would change that, from the best candidates the search saw. */
function explain(
  p: PreparedPlan,
  fastest: Candidate | null,
  cheapest: Candidate | null,
  cheapestInDeadline: Candidate | null,
  fastestInBudget: Candidate | null,
  gpuCounts: Set<number>,
  pastTerm: Candidate | null,
): { reason: string; fixes: Fix[] } {
  const k = p.search.constraints;
  const fixes: Fix[] = [];
  const allowedMemory = Math.max(...p.search.groups.map((g) => g.accelerator.memoryBytes));
  const bigger = p.input.catalog.accelerators
    .filter((a) => a.memoryBytes > allowedMemory && !p.search.accelerators.includes(a.id) && p.input.catalog.offers.some((o) => o.accelerator === a.id))
    .sort((a, b) => b.memoryBytes - a.memoryBytes || (a.id < b.id ? -1 : 1))
    .map((a) => a.id);
  if ((!fastest || !cheapest) && pastTerm) {
    // Every fitting layout ran longer than its pricing model sells (a Capacity Block's 182 days, Flex-start's 7).
    const limit = pastTerm.point.maxDays!;
    const others = PRICING_WITHOUT_TERM.filter((x) => !k.pricing.includes(x));
    fixes.push({ kind: 'more-gpus', message: `more GPUs to finish within ${limit} days (the fastest, ${describe(p, pastTerm)}, takes ${days(pastTerm.totalSeconds).toFixed(2)} days)` });
    if (others.length) fixes.push({ kind: 'other', message: `a pricing model without a term limit: --pricing ${[...k.pricing, others[0]!].join(',')}` });
    return { reason: `every plan runs past its pricing model's term limit: ${pastTerm.point.pricing} sells at most ${limit} days, the fastest takes ${days(pastTerm.totalSeconds).toFixed(2)} days`, fixes };
  }
  if (!fastest || !cheapest) {
    fixes.push({ kind: 'more-gpus', message: `raise --max-gpus above ${k.maxGpus} (more GPUs shard the model further)` });
    if (bigger.length) fixes.push({ kind: 'larger-memory-accelerator', message: `allow a larger-memory accelerator: ${bigger.slice(0, 4).join(', ')}` });
    return { reason: `no layout fits in memory on ${p.search.accelerators.join(', ')} with at most ${k.maxGpus} GPUs`, fixes };
  }
  if (k.deadlineDays !== null && !cheapestInDeadline) {
    const maxSeen = Math.max(...gpuCounts);
    fixes.push({ kind: 'later-deadline', message: `a deadline of at least ${Math.ceil(days(fastest.totalSeconds) * 100) / 100} days (fastest: ${describe(p, fastest)})` });
    const cap = capacityOf(fastest.point, fastest.gpus);
    if (cap.atLimit) {
      fixes.push({ kind: 'other', message: `the fastest offer is capacity-bound: ${fastest.point.offer.provider} ${fastest.point.offer.instance} supplies at most ${cap.maxGpus} GPUs${cap.maxInstances !== null ? ` (maxInstances ${cap.maxInstances})` : ''}; a catalog row with more capacity would be faster` });
    } else if (fastest.gpus >= maxSeen * 0.5) fixes.push({ kind: 'more-gpus', message: `raise --max-gpus above ${k.maxGpus}` });
    const dflt = k.sources.deadlineDays === 'default' ? ' (the default; --deadline-days overrides, none lifts it)' : '';
    return { reason: `every plan misses the ${k.deadlineDays}-day deadline${dflt}: the fastest takes ${days(fastest.totalSeconds).toFixed(2)} days`, fixes };
  }
  if (k.budgetUsd !== null && cheapestInDeadline) {
    fixes.push({ kind: 'bigger-budget', message: `a budget of at least ${usd(Math.ceil(cheapestInDeadline.usd))} (cheapest: ${describe(p, cheapestInDeadline)})` });
    if (k.deadlineDays !== null && cheapest.usd < cheapestInDeadline.usd && cheapest.usd <= k.budgetUsd) {
      fixes.push({ kind: 'later-deadline', message: `a deadline of ${Math.ceil(days(cheapest.totalSeconds) * 100) / 100} days fits the budget (${describe(p, cheapest)})` });
    }
    void fastestInBudget;
    return { reason: `every plan${k.deadlineDays !== null ? ' within the deadline' : ''} exceeds the ${usd(k.budgetUsd)} budget: the cheapest costs ${usd(cheapestInDeadline.usd)}`, fixes };
  }
  return { reason: 'no plan satisfies the constraints', fixes };
}
