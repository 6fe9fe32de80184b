import {
  emptyStepPrefix,
  layerTerms,
  stageTerms,
  stagedActivations,
  stagedContext,
  stagedMemoryWith,
  stagedStepPrefix,
  stagedStepWith,
  type Assumptions,
  type LayerTerms,
  type LocalParams,
  type StagedContext,
  type StageTerms,
} from '../estimator/index.js';
import type { ModelConfig, TrainingConfig } from '../schema/index.js';
import type { NetworkGroup, PricePoint, SearchPlan } from './request.js';
import { cpValues, divisorsOf, familiesOf, microBatchValues, RECOMPUTE, tpChoices, zeroValues, type SpaceSpec } from './space.js';

/** A slice of the search that one worker can run on its own: one network group, precision and tp. */
export interface WorkUnit {
  group: number;
  precision: number;
  tp: number;
  /** Relative size, for splitting work evenly. */
  weight: number;
}

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
  overBudget: number;
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

export function spaceSpec(x: SearchInputs, plan: SearchPlan, group: NetworkGroup, precision: number): SpaceSpec {
  const counts = group.points.map((p) => p.acceleratorCount);
  return {
    model: x.model,
    training: x.training,
    domainSize: group.network.scaleUpDomainSize,
    precision: group.precisions[precision]!,
    minGpus: plan.constraints.minGpus,
    maxGpus: plan.constraints.maxGpus,
    gpuCountAllowed: (n) => counts.some((k) => n % k === 0),
    minTokensPerCpRank: plan.constraints.minTokensPerCpRank,
  };
}

/** Every unit of work, in a fixed order. */
export function workUnits(x: SearchInputs, plan: SearchPlan): WorkUnit[] {
  const units: WorkUnit[] = [];
  const cps = cpValues(x.training, plan.constraints.minTokensPerCpRank);
  for (const g of plan.groups) {
    for (let p = 0; p < g.precisions.length; p++) {
      for (const { tp, reason } of tpChoices(x.model, g.network.scaleUpDomainSize)) {
        if (reason) continue;
        let weight = 0;
        for (const cp of cps) weight += Math.max(0, Math.log2(plan.constraints.maxGpus / (tp * cp)) + 1);
        units.push({ group: g.index, precision: p, tp, weight: Math.max(1, weight) });
      }
    }
  }
  return units;
}

/** Price points applicable at a GPU count (whole instances), with their prices ascending. */
export interface PointsAt {
  count: number;
  prices: Float64Array;
  points: PricePoint[];
}

export function pointsAt(group: NetworkGroup, gpus: number): PointsAt {
  const points = group.points.filter((p) => gpus % p.acceleratorCount === 0);
  const prices = Float64Array.from(points.map((p) => p.usdPerGpuHour)).sort();
  return { count: points.length, prices, points };
}

export function emptyPartial(groups: number): PartialSearch {
  return {
    counts: { layouts: 0, estimated: 0, evaluated: 0, feasible: 0, oom: 0, pastDeadline: 0, overBudget: 0 },
    bests: Array.from({ length: groups }, () => new Map()),
  };
}

/** Runs the given work units (all of them by default) and returns counts and bests. */
export function searchUnits(x: SearchInputs, plan: SearchPlan, units: readonly WorkUnit[], onUnit?: (done: number) => void): PartialSearch {
  const out = emptyPartial(plan.groups.length);
  const contexts = new Map<string, StagedContext>();
  const lpCaches = new Map<string, Map<number, LocalParams>>();
  const pointCache = plan.groups.map(() => new Map<number, PointsAt>());
  let done = 0;
  for (const u of units) {
    const group = plan.groups[u.group]!;
    const ck = `${u.group}/${u.precision}`;
    let c = contexts.get(ck);
    if (!c) {
      c = stagedContext({
        model: x.model,
        training: x.training,
        accelerator: group.accelerator,
        precision: group.precisions[u.precision]!,
        network: group.network,
        ...(x.assumptions ? { assumptions: x.assumptions } : {}),
      });
      contexts.set(ck, c);
    }
    let lps = lpCaches.get(`${u.group}/${u.tp}`);
    if (!lps) {
      lps = new Map();
      lpCaches.set(`${u.group}/${u.tp}`, lps);
    }
    runUnit(x, plan, group, u, c, lps, pointCache[u.group]!, out);
    done++;
    onUnit?.(done);
  }
  return out;
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
): void {
  const spec = spaceSpec(x, plan, group, u.precision);
  const model = x.model;
  const B = x.training.globalBatchSize;
  const tp = u.tp;
  const cap = c.capacityBytes;
  // Margin so that floating-point rounding can never make the micro-batch cut-off skip a fitting layout.
  const capMargin = cap * (1 + 1e-9);
  const reserve = c.assumptions.reserveBytes;
  const deadlineDays = plan.constraints.deadlineDays;
  const budget = plan.constraints.budgetUsd;
  const steps = c.steps;
  const bests = out.bests[u.group]!;
  const allMb = divisorsOf(B);
  const mbIndex = new Map(allMb.map((d, i) => [d, i]));
  const mbLists = new Map<number, number[]>();
  const allEp = model.moe ? divisorsOf(model.moe.experts) : [1];
  const epIndex = new Map(allEp.map((d, i) => [d, i]));
  const stageCache = new Map<number, StageTerms>();
  const prefix = emptyStepPrefix();
  const zOom = [false, false, false, false];
  const acts = new Float64Array(3);
  let layouts = 0;
  let estimated = 0;
  let oom = 0;
  let pastDeadline = 0;
  let overBudget = 0;
  let feasible = 0;

  for (const cp of cpValues(x.training, plan.constraints.minTokensPerCpRank)) {
    // Per-layer terms of this (tp, cp), indexed [ep][micro-batch][recompute].
    const layerCache: Array<Array<LayerTerms | undefined>> = allEp.map(() => new Array<LayerTerms | undefined>(allMb.length * 3));
    for (const f of familiesOf(spec, tp, cp)) {
      const n = f.gpus;
      let pts = pointCache.get(n);
      if (!pts) {
        pts = pointsAt(group, n);
        pointCache.set(n, pts);
      }
      const count = pts.count;
      const prices = pts.prices;
      const ei = epIndex.get(f.ep)!;
      // Stage terms depend on dp and cp only through dp·cp.
      const sKey = ((f.dp * cp * 1024 + f.pp) * 1024 + f.vpp) * 64 + ei;
      let s = stageCache.get(sKey);
      if (!s) {
        const lpKey = (f.pp * 1024 + f.vpp) * 64 + ei;
        const lp = lpCache.get(lpKey);
        s = stageTerms(c, tp, f.pp, f.vpp, f.ep, f.dp, cp, lp);
        if (!lp) lpCache.set(lpKey, s.lp);
        stageCache.set(sKey, s);
      }
      const zeros = zeroValues(f.dp, cp);
      const nz = zeros.length;
      let mbs = mbLists.get(f.dp);
      if (!mbs) {
        mbs = microBatchValues(x.training, f.dp);
        mbLists.set(f.dp, mbs);
      }
      const famLayouts = mbs.length * 3 * nz;
      layouts += famLayouts;
      let allOom = true;
      for (let zi = 0; zi < nz; zi++) {
        const z = zeros[zi]!;
        zOom[z] = s.weights[z]! + s.gradients[z]! + s.optimizer[z]! + reserve > cap;
        if (!zOom[z]) allOom = false;
      }
      if (allOom) {
        oom += famLayouts * count;
        continue;
      }
      let fits = 0;
      let famStep = Infinity;
      let famTotal = 0;
      let famMem = 0;
      let famMb = 0;
      let famR = 0;
      let famZ = 0;
      const row = layerCache[ei]!;
      for (let mi = 0; mi < mbs.length; mi++) {
        const mb = mbs[mi]!;
        const ga = B / (f.dp * mb);
        const base = mbIndex.get(mb)! * 3;
        let anyBelow = false;
        for (let r = 0; r < 3; r++) {
          let l = row[base + r];
          if (!l) {
            l = layerTerms(c, tp, cp, mb, f.ep, RECOMPUTE[r]!);
            row[base + r] = l;
          }
          acts[r] = stagedActivations(l, s, ga);
          let prefixDone = false;
          for (let zi = 0; zi < nz; zi++) {
            const z = zeros[zi]!;
            if (zOom[z]) continue;
            const mem = stagedMemoryWith(c, s, acts[r]!, z);
            if (mem <= capMargin) anyBelow = true;
            if (mem > cap) continue;
            fits++;
            if (!prefixDone) {
              stagedStepPrefix(c, l, s, ga, prefix);
              prefixDone = true;
            }
            const step = stagedStepWith(c, s, prefix, ga, z);
            const total = steps * step;
            if (deadlineDays !== null && total / 86400 > deadlineDays) {
              pastDeadline += count;
            } else if (budget !== null) {
              const gpuHours = (total * n) / 3600;
              let over = 0;
              for (let i = prices.length - 1; i >= 0 && gpuHours * prices[i]! > budget; i--) over++;
              overBudget += over;
              feasible += count - over;
            } else {
              feasible += count;
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
      oom += (famLayouts - fits) * count;
      if (famStep < Infinity) {
        const cand: BestLayout = { stepSeconds: famStep, totalSeconds: famTotal, perGpuBytes: famMem, key: [u.precision, tp, cp, f.dp, f.ep, f.pp, f.vpp, famMb, famR, famZ] };
        const prev = bests.get(n);
        if (!prev || betterLayout(cand, prev)) bests.set(n, cand);
      }
    }
  }
  const k = out.counts;
  k.layouts += layouts;
  k.estimated += estimated;
  k.oom += oom;
  k.pastDeadline += pastDeadline;
  k.overBudget += overBudget;
  k.feasible += feasible;
  k.evaluated += feasible + oom + pastDeadline + overBudget;
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
