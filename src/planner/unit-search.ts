import {
  emptyStepPrefix, emptyStageTerms, fillStageTerms, setStageVpp, stageLocalParams, stateBytes, stagedActivations,
  stagedMemoryWith, stagedStepPrefix, stagedStepWith, stackFor, type LayerCompute, type LocalParams, type StagedContext,
  type StageTerms, type StepPrefix,
} from '../estimator/index.js';
import { betterLayout, type BestLayout, type PartialSearch, type SearchInputs } from './partial.js';
import type { NetworkGroup, SearchPlan } from './request.js';
import { cpValues, divisorsOf, FamilyCursor, microBatchValues, RECOMPUTE, zeroValues, type Family, type SpaceSpec } from './space.js';
import { goodputContextOf, pointsAt, spaceSpec, type PointsAt, type WorkUnit } from './units.js';
import type { ModelTerms, SharedStates } from './shared-terms.js';
import { coarseStageTerms, familyStepBound, LayerRow, rowTerms, sliceStepBound, type StageLayers } from './bounds.js';
import type { Pruner } from './prune.js';
import { lpKey, UnitCounts } from './unit-counts.js';

/**
 * One work unit (network group, precision, tp) of the search: every (cp, family) of the unit, then per family its
 * vpp × micro-batch × recompute × ZeRO layouts. Split into one small method per level (the family, one vpp, the
 * per-offer deadline/budget verdicts) rather than one function: V8 compiled the single ~240-line function 4–6 times
 * at 100–250 ms each on DeepSeek-V3 (deopts and aborted compiles, issue 15 fifth round); small methods compile once
 * each and cheaply. Counts are fields, summed into the partial search at the end.
 */
export class UnitSearch extends UnitCounts {
  private readonly spec: SpaceSpec;
  private readonly B: number;
  private readonly offeredRecompute: boolean[];
  private readonly nRecompute: number;
  private readonly tp: number;
  private readonly cap: number;
  /** Margin so that floating-point rounding can never make the micro-batch cut-off skip a fitting layout. */
  private readonly capMargin: number;
  private readonly reserve: number;
  private readonly allMb: number[];
  private readonly mbIndex: Map<number, number>;
  private readonly mbLists = new Map<number, number[]>();
  private readonly mbIdxLists = new Map<number, Int32Array>();
  /** The least micro-batch: nothing fits there ⇔ the coarse bound is Infinity. */
  private readonly mbFirst = new Map<number, number[]>();
  private readonly allEp: number[];
  private readonly epIndex: Map<number, number>;
  private readonly s: StageTerms = emptyStageTerms();
  private readonly coarse: StageTerms = emptyStageTerms();
  private readonly layersOf: Array<StageLayers | undefined> = [];
  private readonly family: Family;
  private readonly prefix: StepPrefix = emptyStepPrefix();
  private readonly slice = new Float64Array(2);
  private sliceDp = 0;
  /** The cursor's current (dp, ep) (it moves pp fastest) and what depends on them and cp alone, set by enterRow. */
  private rowDp = 0;
  private rowEp = 0;
  private rowEi = 0;
  private rowSi = 0;
  private rowZeros: readonly (0 | 1 | 2 | 3)[] = [];
  private rowMbs: number[] = [];
  private rowMbIdx: Int32Array = new Int32Array(0);
  private rowMbFirst: number[] = [];
  private sliceEp = 0;
  private readonly zOom = [false, false, false, false];

  private readonly x: SearchInputs;
  private readonly plan: SearchPlan;
  private readonly group: NetworkGroup;
  private readonly u: WorkUnit;
  private readonly c: StagedContext;
  private readonly lpCache: Map<number, LocalParams>;
  private readonly pointCache: Map<number, PointsAt>;
  private readonly out: PartialSearch;

  constructor(x: SearchInputs, plan: SearchPlan, group: NetworkGroup, u: WorkUnit, c: StagedContext, lpCache: Map<number, LocalParams>, pointCache: Map<number, PointsAt>, out: PartialSearch, pruner: Pruner | null) {
    super(plan.constraints.deadlineDays, plan.constraints.budgetUsd, goodputContextOf(x), pruner, out.bests[u.group]!, c.steps, out.counts);
    this.x = x;
    this.plan = plan;
    this.group = group;
    this.u = u;
    this.c = c;
    this.lpCache = lpCache;
    this.pointCache = pointCache;
    this.out = out;
    this.spec = spaceSpec(x, plan, group, u.precision);
    this.B = x.training.globalBatchSize;
    // Only the recompute modes the training stack offers (stacks.ts); the index into RECOMPUTE stays the layout key.
    const rcPin = plan.constraints.pins?.recompute;
    const offered = stackFor(x.training.framework).recompute;
    this.offeredRecompute = RECOMPUTE.map((r) => offered.includes(r) && (rcPin === undefined || r === rcPin));
    this.nRecompute = this.offeredRecompute.filter(Boolean).length;
    this.tp = u.tp;
    this.cap = c.capacityBytes;
    this.capMargin = this.cap * (1 + 1e-9);
    this.reserve = c.assumptions.reserveBytes;
    this.allMb = divisorsOf(this.B);
    this.mbIndex = new Map(this.allMb.map((d, i) => [d, i])); // dp and micro-batch are both divisors of B
    this.allEp = x.model.moe ? divisorsOf(x.model.moe.experts) : [1];
    this.epIndex = new Map(this.allEp.map((d, i) => [d, i]));
    this.family = { tp: u.tp, cp: 1, dp: 1, ep: 1, pp: 1, gpus: 1, vpps: [1] };
  }

  /** Runs every layout of the unit and adds its counts to the partial search. */
  run(share: SharedStates, terms: ModelTerms): void {
    const pins = this.plan.constraints.pins ?? {};
    const nMb = this.allMb.length;
    for (const cp of cpValues(this.x.training, this.plan.constraints.minTokensPerCpRank, pins.cp)) {
      // Per-layer terms of this (tp, cp), indexed [ep][micro-batch][recompute].
      // Built on first use: many (ep) rows of a slice never reach the layer terms.
      const layerCache = terms.layerRows(this.c, this.tp, cp, this.allEp.length);
      // One first-computed layer per micro-batch, lent across the ep rows of this (tp, cp); rows kept from an earlier
      // search of the same model (prepared search) bring theirs.
      const sameTokens = layerCache.find((r) => r !== undefined)?.sameTokens ?? new Array<LayerCompute | undefined>(nMb);
      const statesRow = share.states(this.c.precision, this.tp, cp, nMb * this.allEp.length * (this.x.model.layers + 1));
      this.sliceDp = 0;
      this.rowDp = 0;
      for (const cursor = new FamilyCursor(this.spec, this.tp, cp, this.family); cursor.next(); ) {
        this.runFamily(cp, layerCache, sameTokens, statesRow);
      }
    }
    this.addTo();
  }

  private localParams(pp: number, vpp: number, ep: number, ei: number): LocalParams {
    const key = lpKey(this.tp, pp, vpp, ei, this.x.model.layers, this.allEp.length);
    let lp = this.lpCache.get(key);
    if (!lp) {
      lp = stageLocalParams(this.c, this.tp, pp, vpp, ep);
      this.lpCache.set(key, lp);
    }
    return lp;
  }

  /** A new (dp, ep) row of the cursor: its expert index, ZeRO stages, micro-batches and states slot base. */
  private enterRow(cp: number): void {
    const f = this.family;
    this.rowDp = f.dp;
    this.rowEp = f.ep;
    this.rowEi = this.epIndex.get(f.ep)!;
    this.rowZeros = zeroValues(f.dp, cp, this.plan.constraints.pins?.zero);
    let mbs = this.mbLists.get(f.dp);
    if (!mbs) {
      mbs = microBatchValues(this.x.training, f.dp, this.plan.constraints.pins?.microBatch);
      this.mbLists.set(f.dp, mbs);
      this.mbIdxLists.set(f.dp, Int32Array.from(mbs, (m) => this.mbIndex.get(m)!));
      this.mbFirst.set(f.dp, mbs.slice(0, 1));
    }
    this.rowMbs = mbs;
    this.rowMbIdx = this.mbIdxLists.get(f.dp)!;
    this.rowMbFirst = this.mbFirst.get(f.dp)!;
    this.rowSi = (this.mbIndex.get(f.dp)! * this.allEp.length + this.rowEi) * (this.x.model.layers + 1);
  }

  /** One family (tp, cp, dp, ep, pp at one GPU count, the cursor's): the states check, the bounds, then its layouts. */
  private runFamily(cp: number, layerCache: Array<LayerRow | undefined>, sameTokens: Array<LayerCompute | undefined>, statesRow: Float64Array): void {
    const f = this.family;
    const c = this.c;
    const tp = this.tp;
    const n = f.gpus;
    let pts = this.pointCache.get(n);
    if (!pts) {
      pts = pointsAt(this.group, n);
      this.pointCache.set(n, pts);
    }
    const count = pts.count;
    if (f.dp !== this.rowDp || f.ep !== this.rowEp) this.enterRow(cp);
    const ei = this.rowEi;
    const zeros = this.rowZeros;
    const nz = zeros.length;
    const mbs = this.rowMbs;
    const mbIdx = this.rowMbIdx;
    const perVpp = mbs.length * this.nRecompute * nz;
    const familyLayouts = perVpp * f.vpps.length;
    this.layouts += familyLayouts;
    // Model states do not depend on vpp (the slowest rank holds ⌈L/p⌉ layers) and never grow
    // with the ZeRO stage: if the highest stage overflows at vpp = 1, every layout of this pp is OOM.
    const zMax = zeros[nz - 1]!;
    const si = this.rowSi + f.pp;
    let leastStates = statesRow[si]!;
    if (Number.isNaN(leastStates)) statesRow[si] = leastStates = stateBytes(c, this.localParams(f.pp, 1, f.ep, ei), tp, f.pp, 1, f.ep, f.dp, cp, zMax);
    if (leastStates + this.reserve > this.cap) {
      this.oom += familyLayouts * count;
      return;
    }
    const row = (layerCache[ei] ??= new LayerRow(this.allMb.length * 3, sameTokens));
    const pruner = this.pruner;
    const B = this.B;
    const offered = this.offeredRecompute;
    if (pruner) {
      const slice = this.slice;
      if (f.dp !== this.sliceDp || f.ep !== this.sliceEp) {
        this.sliceDp = f.dp;
        this.sliceEp = f.ep;
        sliceStepBound(c, f, mbs, mbIdx, offered, B / f.dp, row, this.capMargin, Math.floor(this.spec.maxGpus / (tp * cp * f.dp)), slice);
      }
      // Branch and bound per slice first (bounds.ts sliceStepBound: O(1) a family, never above the coarse bound, and decide()
      // is monotone in the bound, so it skips only families the coarse bound skips). When it skips, the coarse bound at the
      // least micro-batch alone tells whether anything fits (if not, the family is OOM, counted as before); only the pruned
      // reason may differ from the coarse bound's (over-deadline where that says slower-at-gpu-count, for instance).
      const why = slice[0]! < Infinity ? pruner.decide(this.bests.get(n), n, pts, slice[0]! / f.pp + slice[1]!, this.steps) : null;
      if (why !== null) {
        const lb = familyStepBound(c, coarseStageTerms(c, f.pp, leastStates, this.coarse, this.layersOf), f, this.rowMbFirst, mbIdx, offered, zeros, B / f.dp, row, this.capMargin, false);
        if (this.boundSkips(lb, n, pts, familyLayouts, count, lb === Infinity ? null : why)) return;
      }
      // Branch and bound, coarse (bounds.ts): the least model states, no stage terms of its own yet.
      const coarseLb = familyStepBound(c, coarseStageTerms(c, f.pp, leastStates, this.coarse, this.layersOf), f, mbs, mbIdx, offered, zeros, B / f.dp, row, this.capMargin, false);
      if (this.boundSkips(coarseLb, n, pts, familyLayouts, count)) return;
    }
    // Everything in the stage terms but the interleave factor and the DP window is the same for every vpp.
    const s = this.s;
    fillStageTerms(c, tp, f.pp, 1, f.ep, f.dp, cp, this.localParams(f.pp, 1, f.ep, ei), s);
    // Branch and bound, exact stage terms (bounds.ts): a lower bound of every step this family could take.
    if (pruner && this.boundSkips(familyStepBound(c, s, f, mbs, mbIdx, offered, zeros, B / f.dp, row, this.capMargin, true), n, pts, familyLayouts, count)) return;
    for (const vpp of f.vpps) this.runVpp(cp, vpp, row, mbs, mbIdx, zeros, perVpp, pts);
  }

  /** Every (micro-batch, recompute, ZeRO) layout of the current family at one vpp; the fastest fitting one may become the best. */
  private runVpp(cp: number, vpp: number, row: LayerRow, mbs: number[], mbIdx: Int32Array, zeros: readonly number[], perVpp: number, pts: PointsAt): void {
    const f = this.family;
    const c = this.c;
    const s = this.s;
    const n = f.gpus;
    const count = pts.count;
    const nz = zeros.length;
    const cap = this.cap;
    const capMargin = this.capMargin;
    const reserve = this.reserve;
    const zOom = this.zOom;
    setStageVpp(s, vpp);
    let allOom = true;
    for (let zi = 0; zi < nz; zi++) {
      const z = zeros[zi]!;
      zOom[z] = s.states[z]! + reserve > cap;
      if (!zOom[z]) allOom = false;
    }
    if (allOom) {
      this.oom += perVpp * count;
      return;
    }
    const tp = this.tp;
    const B = this.B;
    const steps = this.steps;
    const offered = this.offeredRecompute;
    const prefix = this.prefix;
    const plainCount = this.deadlineDays === null && this.budget === null && !pts.termLimited;
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
        if (!offered[r]) continue;
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
          if (plainCount) this.feasible += count;
          else this.countOffers(total, pts, n);
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
    this.estimated += fits;
    this.oom += (perVpp - fits) * count;
    if (famStep < Infinity) {
      const u = this.u;
      const cand: BestLayout = { stepSeconds: famStep, totalSeconds: famTotal, perGpuBytes: famMem, key: [u.precision, tp, cp, f.dp, f.ep, f.pp, vpp, famMb, famR, famZ] };
      const prev = this.bests.get(n);
      if (!prev || betterLayout(cand, prev)) {
        this.bests.set(n, cand);
        this.pruner?.noteBest(u.group, n, pts, cand);
      }
    }
  }
}
