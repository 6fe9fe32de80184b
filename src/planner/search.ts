import {
  emptyStepPrefix, emptyStageTerms, fillStageTerms, setStageVpp, stageLocalParams, stateBytes, stagedActivations,
  stagedMemoryWith, stagedStepPrefix, stagedStepWith, stackFor, wallClockSeconds, type LayerCompute, type LocalParams, type StagedContext,
} from '../estimator/index.js';
import { betterLayout, emptyPartial, type BestLayout, type PartialSearch, type SearchInputs } from './partial.js';
import type { NetworkGroup, SearchPlan } from './request.js';
import { cpValues, divisorsOf, FamilyCursor, microBatchValues, RECOMPUTE, zeroValues, type Family } from './space.js';
import { billedAt, goodputContextOf, inflationAt, pointsAt, spaceSpec, wallsAt, type PointsAt, type WorkUnit } from './units.js';
import { ModelTerms, type SharedStates } from './shared-terms.js';
import { boundsHold, coarseStageTerms, familyStepBound, LayerRow, rowTerms, sliceStepBound, type StageLayers } from './bounds.js';
import { countPruned, promisingFirst, Pruner } from './prune.js';

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
        runUnit(x, plan, group, u, c, lpCache, pointCache[u.group]!, out, pruner !== null && boundsHold(c) ? pruner : null, shared, terms);
        done++;
        onUnit?.(done);
      }
      return out;
    },
  };
}

/**
 * A collision-free number for (tp, pp, vpp, expert index): mixed radix with pp, vpp ≤ layers and
 * ei < experts' divisor count. (A fixed radix of 1,024 made tp = 2, pp = 1 share tp = 1, pp = 1,025's
 * parameters on 1,500-layer models, so the search ranked with another layout's memory.)
 */
export function lpKey(tp: number, pp: number, vpp: number, ei: number, layers: number, epCount: number): number {
  const r = layers + 1;
  return ((tp * r + pp) * r + vpp) * epCount + ei;
}

/** Runs the given work units and returns counts and bests (`terms`: as createSearcher's). */
export function searchUnits(x: SearchInputs, plan: SearchPlan, units: readonly WorkUnit[], onUnit?: (done: number) => void, terms?: ModelTerms): PartialSearch {
  return createSearcher(x, plan, terms).run(x.prune === false ? units : promisingFirst(plan, units), onUnit);
}

function runUnit(
  x: SearchInputs,
  plan: SearchPlan,
  group: NetworkGroup,
  u: WorkUnit,
  c: StagedContext,
  lpCache: Map<number, LocalParams>,
  pointCache: Map<number, PointsAt>,
  out: PartialSearch,
  pruner: Pruner | null,
  share: SharedStates,
  terms: ModelTerms,
): void {
  const spec = spaceSpec(x, plan, group, u.precision);
  const model = x.model;
  const B = x.training.globalBatchSize;
  // Only the recompute modes the training stack offers (stacks.ts); the index into RECOMPUTE stays the layout key.
  const rcPin = plan.constraints.pins?.recompute;
  const offeredRecompute = RECOMPUTE.map((r) => stackFor(x.training.framework).recompute.includes(r) && (rcPin === undefined || r === rcPin));
  const nRecompute = offeredRecompute.filter(Boolean).length;
  const tp = u.tp;
  const cap = c.capacityBytes;
  // Margin so that floating-point rounding can never make the micro-batch cut-off skip a fitting layout.
  const capMargin = cap * (1 + 1e-9);
  const reserve = c.assumptions.reserveBytes;
  const deadlineDays = plan.constraints.deadlineDays;
  const budget = plan.constraints.budgetUsd;
  const steps = c.steps;
  const gctx = goodputContextOf(x);
  const bests = out.bests[u.group]!;
  const allMb = divisorsOf(B);
  const mbIndex = new Map(allMb.map((d, i) => [d, i])); // dp and micro-batch are both divisors of B
  const mbLists = new Map<number, number[]>();
  const mbIdxLists = new Map<number, Int32Array>();
  const mbFirst = new Map<number, number[]>(); // the least micro-batch: nothing fits there ⇔ the coarse bound is Infinity
  const allEp = model.moe ? divisorsOf(model.moe.experts) : [1];
  const epIndex = new Map(allEp.map((d, i) => [d, i]));
  const s = emptyStageTerms();
  const coarse = emptyStageTerms();
  const layersOf: Array<StageLayers | undefined> = [];
  const family: Family = { tp, cp: 1, dp: 1, ep: 1, pp: 1, gpus: 1, vpps: [1] };
  const prefix = emptyStepPrefix();
  const slice = new Float64Array(2);
  let sliceDp = 0, sliceEp = 0;
  const zOom = [false, false, false, false];
  const localParamsOf = (pp: number, vpp: number, ep: number, ei: number): LocalParams => {
    const key = lpKey(tp, pp, vpp, ei, model.layers, allEp.length);
    let lp = lpCache.get(key);
    if (!lp) {
      lp = stageLocalParams(c, tp, pp, vpp, ep);
      lpCache.set(key, lp);
    }
    return lp;
  };
  let layouts = 0, estimated = 0, oom = 0, pastDeadline = 0, pastTermLimit = 0, overBudget = 0, feasible = 0;

  /**
   * Whether branch and bound skips a family whose steps are at least `lb` (familyStepBound): when no (micro-batch,
   * recompute) fits even at the memory lower bound (lb = Infinity) all its layouts are OOM, as the loop below would
   * find; otherwise when the pruner shows it cannot change the result (prune.ts; `why` when already decided), counted
   * as pruned with the reason.
   */
  const boundSkips = (lb: number, n: number, pts: PointsAt, familyLayouts: number, count: number, why = lb === Infinity ? null : pruner!.decide(bests.get(n), n, pts, lb, steps)): boolean => {
    if (lb === Infinity) {
      oom += familyLayouts * count;
      return true;
    }
    if (why === null) return false;
    layouts -= familyLayouts;
    countPruned(out.counts, why, familyLayouts, count);
    return true;
  };

  const pins = plan.constraints.pins ?? {};
  for (const cp of cpValues(x.training, plan.constraints.minTokensPerCpRank, pins.cp)) {
    // Per-layer terms of this (tp, cp), indexed [ep][micro-batch][recompute].
    // Built on first use: many (ep) rows of a slice never reach the layer terms.
    const layerCache = terms.layerRows(c, tp, cp, allEp.length);
    // One first-computed layer per micro-batch, lent across the ep rows of this (tp, cp); rows kept from an earlier
    // search of the same model (prepared search) bring theirs.
    const sameTokens = layerCache.find((r) => r !== undefined)?.sameTokens ?? new Array<LayerCompute | undefined>(allMb.length);
    const statesRow = share.states(c.precision, tp, cp, allMb.length * allEp.length * (model.layers + 1));
    sliceDp = 0;
    for (const cursor = new FamilyCursor(spec, tp, cp, family); cursor.next(); ) {
      const f = family;
      const n = f.gpus;
      let pts = pointCache.get(n);
      if (!pts) {
        pts = pointsAt(group, n);
        pointCache.set(n, pts);
      }
      const count = pts.count;
      let cutsReady = false;
      let allWithin = -1;
      let allPast = Infinity;
      const ei = epIndex.get(f.ep)!;
      const zeros = zeroValues(f.dp, cp, pins.zero);
      const nz = zeros.length;
      let mbs = mbLists.get(f.dp);
      if (!mbs) {
        mbs = microBatchValues(x.training, f.dp, pins.microBatch);
        mbLists.set(f.dp, mbs);
        mbIdxLists.set(f.dp, Int32Array.from(mbs, (m) => mbIndex.get(m)!));
        mbFirst.set(f.dp, mbs.slice(0, 1));
      }
      const mbIdx = mbIdxLists.get(f.dp)!;
      const perVpp = mbs.length * nRecompute * nz;
      layouts += perVpp * f.vpps.length;
      // Model states do not depend on vpp (the slowest rank holds ⌈L/p⌉ layers) and never grow
      // with the ZeRO stage: if the highest stage overflows at vpp = 1, every layout of this pp is OOM.
      const zMax = zeros[nz - 1]!;
      const si = (mbIndex.get(f.dp)! * allEp.length + ei) * (model.layers + 1) + f.pp;
      let leastStates = statesRow[si]!;
      if (Number.isNaN(leastStates)) statesRow[si] = leastStates = stateBytes(c, localParamsOf(f.pp, 1, f.ep, ei), tp, f.pp, 1, f.ep, f.dp, cp, zMax);
      if (leastStates + reserve > cap) {
        oom += perVpp * f.vpps.length * count;
        continue;
      }
      const row = (layerCache[ei] ??= new LayerRow(allMb.length * 3, sameTokens));
      if (pruner && (f.dp !== sliceDp || f.ep !== sliceEp)) {
        sliceDp = f.dp;
        sliceEp = f.ep;
        sliceStepBound(c, f, mbs, mbIdx, offeredRecompute, B / f.dp, row, capMargin, Math.floor(spec.maxGpus / (tp * cp * f.dp)), slice);
      }
      // Branch and bound per slice first (bounds.ts sliceStepBound: O(1) a family, never above the coarse bound, and decide()
      // is monotone in the bound, so it skips only families the coarse bound skips). When it skips, the coarse bound at the
      // least micro-batch alone tells whether anything fits (if not, the family is OOM, counted as before); only the pruned
      // reason may differ from the coarse bound's (over-deadline where that says slower-at-gpu-count, for instance).
      const why = pruner && slice[0]! < Infinity ? pruner.decide(bests.get(n), n, pts, slice[0]! / f.pp + slice[1]!, steps) : null;
      if (why !== null && boundSkips(familyStepBound(c, coarseStageTerms(c, f.pp, leastStates, coarse, layersOf), f, mbFirst.get(f.dp)!, mbIdx, offeredRecompute, zeros, B / f.dp, row, capMargin, false), n, pts, perVpp * f.vpps.length, count, why)) continue;
      // Branch and bound, coarse (bounds.ts): the least model states, no stage terms of its own yet.
      if (pruner && boundSkips(familyStepBound(c, coarseStageTerms(c, f.pp, leastStates, coarse, layersOf), f, mbs, mbIdx, offeredRecompute, zeros, B / f.dp, row, capMargin, false), n, pts, perVpp * f.vpps.length, count)) continue;
      // Everything in the stage terms but the interleave factor and the DP window is the same for every vpp.
      fillStageTerms(c, tp, f.pp, 1, f.ep, f.dp, cp, localParamsOf(f.pp, 1, f.ep, ei), s);
      // Branch and bound, exact stage terms (bounds.ts): a lower bound of every step this family could take.
      if (pruner && boundSkips(familyStepBound(c, s, f, mbs, mbIdx, offeredRecompute, zeros, B / f.dp, row, capMargin, true), n, pts, perVpp * f.vpps.length, count)) continue;
      for (const vpp of f.vpps) {
        setStageVpp(s, vpp);
        let allOom = true;
        for (let zi = 0; zi < nz; zi++) {
          const z = zeros[zi]!;
          zOom[z] = s.states[z]! + reserve > cap;
          if (!zOom[z]) allOom = false;
        }
        if (allOom) {
          oom += perVpp * count;
          continue;
        }
        let fits = 0;
        let famStep = Infinity;
        let famTotal = 0;
        let famMem = 0;
        let famMb = 0;
        let famR = 0;
        let famZ = 0;
        for (let mi = 0; mi < mbs.length; mi++) {
          const mb = mbs[mi]!;
          const ga = B / (f.dp * mb);
          const base = mbIdx[mi]! * 3;
          let anyBelow = false;
          for (let r = 0; r < 3; r++) {
            if (!offeredRecompute[r]) continue;
            const l = rowTerms(row, base + r, c, tp, cp, mb, f.ep, r);
            const act = stagedActivations(l, s, ga);
            let prefixDone = false;
            for (let zi = 0; zi < nz; zi++) {
              const z = zeros[zi]!;
              if (zOom[z]) continue;
              const mem = stagedMemoryWith(c, s, act, z);
              if (mem <= capMargin) anyBelow = true;
              if (mem > cap) continue;
              fits++;
              if (!prefixDone) {
                stagedStepPrefix(c, l, s, ga, prefix);
                prefixDone = true;
              }
              const step = stagedStepWith(c, s, prefix, ga, z);
              const total = steps * step;
              if (deadlineDays === null && budget === null && !pts.termLimited) {
                feasible += count;
              } else {
                if (!cutsReady && deadlineDays !== null && !pts.termLimited) {
                  // Wall clock is linear in the work (Daly): bounds over the offers decide most layouts at once,
                  // with a relative margin far above rounding, so the verdicts equal the per-offer ones below.
                  const inf = inflationAt(pts, gctx, n);
                  allWithin = budget === null ? (deadlineDays * 86400) / (inf.max * (1 + 1e-9)) : -1;
                  allPast = (deadlineDays * 86400) / (inf.min * (1 - 1e-9));
                }
                cutsReady = true;
                if (total <= allWithin) feasible += count;
                else if (total > allPast) pastDeadline += count;
                else {
                  // Wall clock per offer (estimator/goodput.ts): the same expression estimate() evaluates.
                  const walls = wallsAt(pts, gctx, n);
                  for (let i = 0; i < count; i++) {
                    const wall = wallClockSeconds(walls[i]!, total);
                    const termDays = pts.points[i]!.maxDays;
                    if (deadlineDays !== null && wall / 86400 > deadlineDays) pastDeadline++;
                    else if (termDays !== undefined && wall / 86400 > termDays) pastTermLimit++;
                    else if (budget !== null && ((billedAt(pts.points[i]!, wall) * n) / 3600) * pts.points[i]!.usdPerGpuHour > budget) overBudget++;
                    else feasible++;
                  }
                }
              }
              if (step < famStep) {
                famStep = step;
                famTotal = total;
                famMem = mem;
                famMb = mb;
                famR = r;
                famZ = z;
              }
            }
          }
          // Memory never falls as the micro-batch grows (tokens·min(m, p) is non-decreasing): the rest are OOM.
          if (!anyBelow) break;
        }
        estimated += fits;
        oom += (perVpp - fits) * count;
        if (famStep < Infinity) {
          const cand: BestLayout = { stepSeconds: famStep, totalSeconds: famTotal, perGpuBytes: famMem, key: [u.precision, tp, cp, f.dp, f.ep, f.pp, vpp, famMb, famR, famZ] };
          const prev = bests.get(n);
          if (!prev || betterLayout(cand, prev)) {
            bests.set(n, cand);
            pruner?.noteBest(u.group, n, pts, cand);
          }
        }
      }
    }
  }
  const k = out.counts;
  k.layouts += layouts;
  k.estimated += estimated;
  k.oom += oom;
  k.pastDeadline += pastDeadline;
  k.pastTermLimit += pastTermLimit;
  k.overBudget += overBudget;
  k.feasible += feasible;
  k.evaluated += feasible + oom + pastDeadline + pastTermLimit + overBudget;
}
