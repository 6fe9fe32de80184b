import type { NetworkGroup, PricePoint, SearchPlan } from './request.js';
import type { SearchInputs } from './partial.js';
import { cpValues, tpChoices, type SpaceSpec } from './space.js';
import { countParameters, DEFAULT_ASSUMPTIONS, wallClockFor, type Assumptions, type GoodputContext, type WallClockModel } from '../estimator/index.js';
import { billedSeconds, type ModelConfig, type TrainingConfig } from '../schema/index.js';

/** A slice of the search that one worker can run on its own: one network group, precision and tp. */
export interface WorkUnit {
  group: number;
  precision: number;
  tp: number;
  /** Relative size, for splitting work evenly. */
  weight: number;
}

/** Whether a group's points can supply a GPU count, remembered per group across its work units (see spaceSpec). */
const allowedByGroup = new WeakMap<NetworkGroup, Map<number, boolean>>();

export function spaceSpec(x: SearchInputs, plan: SearchPlan, group: NetworkGroup, precision: number): SpaceSpec {
  const points = group.points;
  // Asked once per (dp, ep, pp) of a search, ~10⁷ times on a whole-catalog MoE plan: remembered per GPU count, for
  // every unit of the group (it reads the group's points only; a Map per unit was ~0.3 GB of allocation, issue 15).
  let allowed = allowedByGroup.get(group);
  if (!allowed) allowedByGroup.set(group, (allowed = new Map<number, boolean>()));
  return {
    model: x.model,
    training: x.training,
    domainSize: group.network.scaleUpDomainSize,
    precision: group.precisions[precision]!,
    minGpus: plan.constraints.minGpus,
    maxGpus: plan.constraints.maxGpus,
    gpuCountAllowed: (n) => {
      let ok = allowed.get(n);
      if (ok === undefined) allowed!.set(n, (ok = points.some((p) => fitsPoint(p, n))));
      return ok;
    },
    minTokensPerCpRank: plan.constraints.minTokensPerCpRank,
    pins: plan.constraints.pins ?? {},
  };
}

/** Whether a point can supply `gpus` GPUs: whole instances, never past its capacity (owned fleet size or maxInstances). */
export const fitsPoint = (p: PricePoint, gpus: number): boolean => gpus % p.acceleratorCount === 0 && (p.maxGpus === undefined || gpus <= p.maxGpus);

/** Every unit of work, in a fixed order. */
export function workUnits(x: SearchInputs, plan: SearchPlan): WorkUnit[] {
  const units: WorkUnit[] = [];
  const pins = plan.constraints.pins ?? {};
  const cps = cpValues(x.training, plan.constraints.minTokensPerCpRank, pins.cp);
  for (const g of plan.groups) {
    for (let p = 0; p < g.precisions.length; p++) {
      for (const { tp, reason } of tpChoices(x.model, g.network.scaleUpDomainSize, pins.tp)) {
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
  /** Daly's wall-clock model per point (spot points add preemptions), filled by wallsAt. */
  walls?: WallClockModel[];
  /** Whether any point has a term limit (maxDays): the deadline bounds then do not decide for all points at once. */
  termLimited: boolean;
  /** Smallest and largest wall-clock ÷ failure-free ratio over the points (wall clock is linear in the work), filled by inflationAt. */
  inflation?: { min: number; max: number };
}

/** What goodput needs of a run (model parameters, byte sizes, optimizer), built once per search. */
export function goodputContextOf(x: { model: ModelConfig; training: TrainingConfig; assumptions?: Partial<Assumptions> }): GoodputContext {
  // One object per inputs (while their model, training and assumptions are the same objects), so that the wall-clock
  // models below are shared by every unit of a search and its pruner.
  const known = goodputContexts.get(x);
  if (known && known.model === x.model && known.training === x.training && known.assumptions === x.assumptions) return known.ctx;
  const ctx: GoodputContext = { params: countParameters(x.model), assumptions: { ...DEFAULT_ASSUMPTIONS, ...x.assumptions }, training: x.training, model: x.model };
  goodputContexts.set(x, { model: x.model, training: x.training, assumptions: x.assumptions, ctx });
  return ctx;
}
const goodputContexts = new WeakMap<object, { model: ModelConfig; training: TrainingConfig; assumptions: Partial<Assumptions> | undefined; ctx: GoodputContext }>();

/**
 * Wall-clock models per goodput context, by what wallClockFor reads of a price (estimator/run-overheads.ts: the
 * spot provider and GPUs per instance for spot; nothing for every other pricing model) and GPU count: one model
 * serves every offer, pricing model and network group that agree on those (issue 15: ~10 per (group, GPU count)
 * were built before, each the same numbers).
 */
const wallModels = new WeakMap<GoodputContext, Map<string, Map<number, WallClockModel>>>();
const wallClass = (p: PricePoint): string => (p.pricing === 'spot' ? `spot/${p.offer.provider}/${p.acceleratorCount}` : '');

/** The price an estimate() call sees for a point: spot preemption reclaims whole instances. */
export const priceOfPoint = (p: PricePoint) => ({
  usdPerGpuHour: p.usdPerGpuHour, provider: p.offer.provider, instance: p.offer.instance, pricing: p.pricing, gpusPerInstance: p.acceleratorCount,
  ...(p.billingSteps ? { billingSteps: p.billingSteps } : {}),
});

/** Seconds a point bills for a run of `wallSeconds`: the wall clock, or the booked whole steps of a term (schema/term-billing.ts). */
export const billedAt = (p: PricePoint, wallSeconds: number): number => (p.billingSteps ? billedSeconds(wallSeconds, p.billingSteps) : wallSeconds);

/** Wall-clock models of every point at `gpus` GPUs (cached on the PointsAt). */
export function wallsAt(pts: PointsAt, g: GoodputContext, gpus: number): WallClockModel[] {
  if (!pts.walls) {
    // wallClockFor reads the pricing model, provider and GPUs per instance of a price (not its $/GPU-hour or
    // instance name): points that agree on those share one model (wallModels above).
    let byClass = wallModels.get(g);
    if (!byClass) wallModels.set(g, (byClass = new Map()));
    const models = byClass;
    pts.walls = pts.points.map((p) => {
      const key = wallClass(p);
      let perGpus = models.get(key);
      if (!perGpus) models.set(key, (perGpus = new Map()));
      let w = perGpus.get(gpus);
      if (!w) {
        w = wallClockFor(g, gpus, priceOfPoint(p));
        perGpus.set(gpus, w);
      }
      return w;
    });
  }
  return pts.walls;
}

/**
 * Bounds on wall clock ÷ failure-free time over the points at `gpus`: Daly's wall clock is factor·T/τ (or T), linear
 * in T, so every point's wall clock lies within [min·T, max·T] (up to rounding; callers keep a relative margin).
 */
export function inflationAt(pts: PointsAt, g: GoodputContext, gpus: number): { min: number; max: number } {
  if (!pts.inflation) {
    let min = Infinity;
    let max = 0;
    for (const w of wallsAt(pts, g, gpus)) {
      const r = Number.isFinite(w.tau) ? w.factor / w.tau : 1;
      min = Math.min(min, r);
      max = Math.max(max, r);
    }
    pts.inflation = { min, max };
  }
  return pts.inflation;
}

export function pointsAt(group: NetworkGroup, gpus: number): PointsAt {
  const points = group.points.filter((p) => fitsPoint(p, gpus));
  const prices = Float64Array.from(points.map((p) => p.usdPerGpuHour)).sort();
  return { count: points.length, prices, points, termLimited: points.some((p) => p.maxDays !== undefined) };
}

