import type { BaselineDocument, BaselinePlan, Changes, Comparison, GateName, PlanPoint } from '../schema/index.js';

const DAY = 86400;
/** Relative slack so a re-run of identical inputs (rounded JSON vs raw numbers) never reads as an increase. */
const EPSILON_PERCENT = 1e-6;

/** A gate's verdict without prose (the report words it). */
export interface GateOutcome {
  gate: GateName;
  /** best-plan | offer for max-increase; best-plan for budget/deadline; null for feasible. */
  subject: 'best-plan' | 'same-offer' | null;
  metric: 'cost' | 'time' | null;
  status: 'pass' | 'fail' | 'skip';
  unit: 'usd' | 'days' | 'percent' | null;
  limit: number | null;
  actual: number | null;
  excess: number | null;
  excessPercent: number | null;
  /** Why a gate was skipped or failed without numbers (no plan, offer gone, …). */
  note: string | null;
}

/** Everything the gates judge, computed by the caller (planner searches, a parsed baseline). */
export interface GateFacts {
  /** The best plan under every constraint, or null when nothing satisfies them all. */
  best: PlanPoint | null;
  /** From a search without budget and deadline: what the gates measure when `best` is null. */
  relaxed: { fastest: PlanPoint; cheapestInDeadline: PlanPoint | null; cheapest: PlanPoint } | null;
  /** Why nothing fits at all (memory, GPU limits), when `relaxed` is null. */
  infeasibleReason: string | null;
  budgetUsd: number | null;
  deadlineDays: number | null;
  baseline: BaselineFacts | null;
  maxIncreasePercent: number | null;
  current: { model: Record<string, unknown>; training: Record<string, unknown>; catalogDigest: string | null };
  /** The best plan now on the baseline best plan's offer and GPU count; `exists` false when the offer left the catalog. */
  sameOffer: { exists: boolean; plan: PlanPoint | null } | null;
}

export interface BaselineFacts {
  command: 'plan' | 'check';
  toolVersion: string;
  model: Record<string, unknown>;
  training: Record<string, unknown>;
  catalogDigest: string | null;
  best: PlanPoint | null;
}

export interface GateVerdict {
  verdict: 'pass' | 'fail';
  gates: GateOutcome[];
  changes: Changes | null;
}

/** The comparable identity and totals of a plan entry of a plan/check document. */
export function planPointOf(e: BaselinePlan): PlanPoint | null {
  if (e.cost.usd === null) return null;
  const l = e.layout;
  return {
    accelerator: e.accelerator, provider: e.provider, instance: e.instance, pricing: e.pricing, gpus: e.gpus,
    layout: { tp: l.tp, pp: l.pp, dp: l.dp, cp: l.cp, ep: l.ep, vpp: l.vpp, microBatch: l.microBatch, zero: l.zero, recompute: l.recompute, precision: l.precision },
    usd: e.cost.usd,
    totalSeconds: e.time.totalSeconds,
  };
}

/** What a baseline document says, reduced to what the gates compare. */
export function baselineFacts(doc: BaselineDocument): BaselineFacts {
  const first = doc.plans[0];
  return {
    command: doc.command,
    toolVersion: doc.tool.version,
    model: doc.input.model,
    training: doc.input.training,
    catalogDigest: doc.input.catalog?.digest ?? null,
    best: first ? planPointOf(first) : null,
  };
}

const gate = (g: Partial<GateOutcome> & Pick<GateOutcome, 'gate' | 'status'>): GateOutcome => ({
  subject: null, metric: null, unit: null, limit: null, actual: null, excess: null, excessPercent: null, note: null, ...g,
});

/** A ceiling gate: fails when actual > limit; the excess in units and as a percentage of the limit. */
function ceiling(name: 'budget' | 'deadline', unit: 'usd' | 'days', limit: number, actual: number): GateOutcome {
  const over = actual > limit;
  return gate({ gate: name, subject: 'best-plan', metric: name === 'budget' ? 'cost' : 'time', status: over ? 'fail' : 'pass', unit, limit, actual,
    excess: over ? actual - limit : null, excessPercent: over ? ((actual - limit) / limit) * 100 : null });
}

export const changePercent = (before: number, after: number): number | null => (before > 0 ? ((after - before) / before) * 100 : null);

function increaseGates(subject: 'best-plan' | 'same-offer', c: Comparison, max: number, note: string | null): GateOutcome[] {
  return (['cost', 'time'] as const).map((metric) => {
    const change = metric === 'cost' ? c.costChangePercent : c.timeChangePercent;
    // A gate that cannot be evaluated fails (a corrupted baseline must never disable the CI gate);
    // only the baseline's own offer may vanish from the catalog, and the best-plan gate still guards.
    if (change === null) return gate({ gate: 'max-increase', subject, metric, status: subject === 'best-plan' ? 'fail' : 'skip', unit: 'percent', limit: max, note });
    const over = change > max + EPSILON_PERCENT;
    return gate({ gate: 'max-increase', subject, metric, status: over ? 'fail' : 'pass', unit: 'percent', limit: max, actual: change, excess: over ? change - max : null });
  });
}

function compare(before: PlanPoint | null, after: PlanPoint | null): Comparison {
  const both = before && after;
  return {
    before,
    after,
    costChangePercent: both ? changePercent(before.usd, after.usd) : null,
    timeChangePercent: both ? changePercent(before.totalSeconds, after.totalSeconds) : null,
  };
}

const sameIdentity = (a: PlanPoint, b: PlanPoint): boolean =>
  a.accelerator === b.accelerator && a.provider === b.provider && a.instance === b.instance && a.pricing === b.pricing && a.gpus === b.gpus &&
  JSON.stringify(a.layout) === JSON.stringify(b.layout);

/** Flattens nested objects to dotted paths; arrays and scalars are leaves. */
function flatten(prefix: string, value: unknown, out: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(`${prefix}.${k}`, v, out);
  } else out.set(prefix, value);
}

const leaf = (v: unknown): string | number | boolean | null =>
  v === undefined || v === null ? null : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);

/** Changed model/training fields between the baseline and now, in the current document's key order. */
export function fieldChanges(before: { model: unknown; training: unknown }, after: { model: unknown; training: unknown }): Changes['fields'] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten('model', before.model, a);
  flatten('training', before.training, a);
  flatten('model', after.model, b);
  flatten('training', after.training, b);
  const keys = [...b.keys(), ...[...a.keys()].filter((k) => !b.has(k))];
  return keys.filter((k) => JSON.stringify(leaf(a.get(k))) !== JSON.stringify(leaf(b.get(k)))).map((field) => ({ field, before: leaf(a.get(field)), after: leaf(b.get(field)) }));
}

function changesOf(f: GateFacts, base: BaselineFacts): Changes {
  const bestPlan = compare(base.best, f.best);
  return {
    baseline: { command: base.command, toolVersion: base.toolVersion },
    fields: fieldChanges(base, f.current),
    catalog: { before: base.catalogDigest, after: f.current.catalogDigest, changed: base.catalogDigest !== f.current.catalogDigest },
    bestPlan: { ...bestPlan, samePlan: Boolean(base.best && f.best && sameIdentity(base.best, f.best)) },
    sameOffer: f.sameOffer && base.best ? { ...compare(base.best, f.sameOffer.plan), offerExists: f.sameOffer.exists } : null,
  };
}

/**
 * The CI gates of `trainplan check`: a feasible plan exists, the best plan is within budget and deadline,
 * and cost and time did not rise more than --max-increase percent against the baseline — on the best plan,
 * and on the baseline's own offer and GPU count when that offer still exists. Pure.
 */
export function evaluateGates(f: GateFacts): GateVerdict {
  const gates: GateOutcome[] = [];
  const anyPlan = f.best !== null || f.relaxed !== null;
  gates.push(gate({ gate: 'feasible', status: anyPlan ? 'pass' : 'fail', note: anyPlan ? null : f.infeasibleReason ?? 'no layout fits' }));
  const noPlan = 'no plan fits in memory within the GPU limits';
  if (f.budgetUsd !== null) {
    const measured = f.best ?? f.relaxed?.cheapestInDeadline ?? f.relaxed?.cheapest ?? null;
    gates.push(measured ? ceiling('budget', 'usd', f.budgetUsd, measured.usd) : gate({ gate: 'budget', subject: 'best-plan', metric: 'cost', status: 'skip', unit: 'usd', limit: f.budgetUsd, note: noPlan }));
  }
  if (f.deadlineDays !== null) {
    const measured = f.best ?? f.relaxed?.fastest ?? null;
    gates.push(measured ? ceiling('deadline', 'days', f.deadlineDays, measured.totalSeconds / DAY) : gate({ gate: 'deadline', subject: 'best-plan', metric: 'time', status: 'skip', unit: 'days', limit: f.deadlineDays, note: noPlan }));
  }
  const changes = f.baseline ? changesOf(f, f.baseline) : null;
  if (changes && f.maxIncreasePercent !== null) {
    const bestNote = !f.baseline?.best ? 'the baseline has no priced plan' : 'no plan satisfies the constraints now';
    gates.push(...increaseGates('best-plan', changes.bestPlan, f.maxIncreasePercent, bestNote));
    if (changes.sameOffer) {
      const note = changes.sameOffer.offerExists ? 'no layout fits on that offer at that GPU count now' : 'the offer is no longer in the catalog';
      gates.push(...increaseGates('same-offer', changes.sameOffer, f.maxIncreasePercent, note));
    }
  }
  return { verdict: gates.some((g) => g.status === 'fail') ? 'fail' : 'pass', gates, changes };
}
