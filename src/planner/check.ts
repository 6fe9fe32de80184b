import type { Constraints, PlanPoint } from '../schema/index.js';
import { checkRunInput } from '../schema/index.js';
import { DEFAULT_DEADLINE_DAYS } from './request.js';
import { evaluateGates, type BaselineFacts, type GateFacts, type GateVerdict } from './gates.js';
import { createSearchCache, prepareSearch } from './prepared.js';
import type { PlanConstraints, PlanInput, PlannedRun, PlanResult } from './types.js';

/** One planner run as check sees it: the best plan, every plan it reported (ranked + frontier), and why none. */
export interface PlanOutcome {
  best: PlanPoint | null;
  points: PlanPoint[];
  infeasibleReason: string | null;
}

/** Runs the planner under the given constraints (injected: the real `plan()` in the CLI, a fake in tests). */
export type PlanRunner = (constraints: PlanConstraints) => PlanOutcome;

export interface CheckRequest {
  /** The constraints of the gated search: the model file's, with flags merged over them (no deadline: the default applies). */
  constraints: PlanConstraints;
  baseline: BaselineFacts | null;
  maxIncreasePercent: number | null;
  current: GateFacts['current'];
  /** Whether the catalog still has this offer (provider + instance carrying the accelerator). */
  hasOffer: (p: Pick<PlanPoint, 'accelerator' | 'provider' | 'instance'>) => boolean;
}

const DAY = 86400;

const minBy = (xs: PlanPoint[], key: (p: PlanPoint) => number): PlanPoint | null =>
  xs.reduce<PlanPoint | null>((best, p) => (best === null || key(p) < key(best) ? p : best), null);

/** Budget and deadline (the default one too) removed: what would the gates measure if nothing qualifies? */
function relax(c: PlanConstraints): PlanConstraints {
  const { budgetUsd: _b, deadlineDays: _d, ...rest } = c;
  return { ...rest, deadlineDays: null };
}

/**
 * The facts `check` gates on, from at most three planner runs: the gated search; when it finds nothing,
 * the same search without budget and deadline (to say by how much they are missed); and, with a baseline,
 * the baseline best plan's offer at its GPU count (to compare like for like). Pure given `run`.
 */
export function checkFacts(req: CheckRequest, run: PlanRunner): { facts: GateFacts; main: PlanOutcome } {
  const c = req.constraints;
  // The deadline in effect: the given one, none when lifted (null), else the planner's default.
  const deadline = c.deadlineDays === undefined ? DEFAULT_DEADLINE_DAYS : c.deadlineDays;
  const main = run(c);
  let relaxed: GateFacts['relaxed'] = null;
  let infeasibleReason = main.infeasibleReason;
  if (main.best === null) {
    const r = run(relax(c));
    const fastest = minBy(r.points, (p) => p.totalSeconds);
    const cheapest = minBy(r.points, (p) => p.usd);
    const inDeadline = deadline === null ? r.points : r.points.filter((p) => p.totalSeconds / DAY <= deadline);
    if (fastest && cheapest) relaxed = { fastest, cheapest, cheapestInDeadline: minBy(inDeadline, (p) => p.usd) };
    else infeasibleReason = r.infeasibleReason ?? infeasibleReason;
  }
  let sameOffer: GateFacts['sameOffer'] = null;
  const b = req.baseline?.best;
  if (b) {
    const exists = req.hasOffer(b);
    const r = exists
      ? run({ accelerators: [b.accelerator], providers: [b.provider], pricing: b.pricing, minGpus: b.gpus, maxGpus: b.gpus, deadlineDays: null, ...(c.objective ? { objective: c.objective } : {}), ...(c.allowFp8 !== undefined ? { allowFp8: c.allowFp8 } : {}) })
      : null;
    const plan = r?.points.filter((p) => p.instance === b.instance && p.gpus === b.gpus).sort((x, y) => x.usd - y.usd)[0] ?? null;
    sameOffer = { exists, plan };
  }
  const facts: GateFacts = {
    best: main.best, relaxed, infeasibleReason,
    budgetUsd: c.budgetUsd ?? null, deadlineDays: deadline,
    baseline: req.baseline, maxIncreasePercent: req.maxIncreasePercent, current: req.current, sameOffer,
  };
  return { facts, main };
}

/** JSON documents carry 6 significant digits (report's roundDeep); compare at that precision so a re-run of a baseline reads as exactly 0%. */
const sig6 = (x: number): number => Number(x.toPrecision(6));

/** A planned run as the gates compare it. */
export function pointOfRun(r: PlannedRun): PlanPoint {
  const l = r.layout;
  return {
    accelerator: r.accelerator, provider: r.provider, instance: r.instance, pricing: r.pricing, gpus: r.gpus,
    layout: { tp: l.tp, pp: l.pp, dp: l.dp, cp: l.cp, ep: l.ep, vpp: l.vpp, microBatch: l.microBatch, zero: l.zero, recompute: l.recompute, precision: l.precision },
    usd: sig6(r.estimate.cost.usd ?? r.gpus * r.usdPerGpuHour * (r.estimate.time.totalSeconds / 3600)),
    totalSeconds: sig6(r.estimate.time.totalSeconds),
  };
}

export interface CheckInput extends Omit<PlanInput, 'constraints'> {
  constraints: PlanConstraints;
  baseline: BaselineFacts | null;
  maxIncreasePercent: number | null;
  catalogDigest: string | null;
}

/** `trainplan check`: the planner searches, the gates judge. Returns the gated search's result for the report. */
export function runCheck(input: CheckInput): { verdict: GateVerdict; result: PlanResult } {
  checkRunInput(input, 'runCheck');
  const { constraints, baseline, maxIncreasePercent, catalogDigest, catalog, ...search } = input;
  // Up to three searches of one model (checkFacts): one prepared search shares its offer expansion and model terms
  // (without the per-layer rows, which would stay alive to the last search: whole-catalog MoE memory).
  const prepared = prepareSearch(catalog, createSearchCache());
  let first: PlanResult | null = null;
  const run: PlanRunner = (c) => {
    const r = prepared.plan({ ...search, constraints: c });
    first ??= r;
    const points = [...r.plans, ...r.frontier].map(pointOfRun);
    return { best: r.plans[0] ? pointOfRun(r.plans[0]) : null, points, infeasibleReason: r.infeasible?.reason ?? null };
  };
  const offers = input.catalog.offers;
  const { facts } = checkFacts({
    constraints, baseline, maxIncreasePercent,
    current: { model: { ...input.model }, training: { ...input.training }, catalogDigest },
    hasOffer: (p) => offers.some((o) => o.provider === p.provider && o.instance === p.instance && o.accelerator === p.accelerator),
  }, run);
  return { verdict: evaluateGates(facts), result: first! };
}
