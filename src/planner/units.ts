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

export function spaceSpec(x: SearchInputs, plan: SearchPlan, group: NetworkGroup, precision: number): SpaceSpec {
  const points = group.points;
  // Asked once per (dp, ep, pp) of a search, ~10⁷ times on a whole-catalog MoE plan: remembered per GPU count.
  const allowed = new Map<number, boolean>();
  return {
    model: x.model,
    training: x.training,
    domainSize: group.network.scaleUpDomainSize,
    precision: group.precisions[precision]!,
    minGpus: plan.constraints.minGpus,
    maxGpus: plan.constraints.maxGpus,
    gpuCountAllowed: (n) => {
      let ok = allowed.get(n);
      if (ok === undefined) allowed.set(n, (ok = points.some((p) => fitsPoint(p, n))));
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
  return { params: countParameters(x.model), assumptions: { ...DEFAULT_ASSUMPTIONS, ...x.assumptions }, training: x.training, model: x.model };
}

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
    // instance name): points that agree on those share one model (computed once, not once per offer).
    const seen = new Map<string, WallClockModel>();
    pts.walls = pts.points.map((p) => {
      const key = `${p.pricing}/${p.offer.provider}/${p.acceleratorCount}`;
      let w = seen.get(key);
      if (!w) {
        w = wallClockFor(g, gpus, priceOfPoint(p));
        seen.set(key, w);
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

