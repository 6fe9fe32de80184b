import { planPointOf, type GateVerdict, type PlanResult } from '../planner/index.js';
import type { CheckDocument, ModelConfig, PlanEntry, TrainingConfig, Warning } from '../schema/index.js';
import { gateMessage, summaryLine } from './check-text.js';
import { roundDeep } from './human.js';
import { planEntry } from './plan-json.js';

export interface CheckDocInput {
  tool: { name: string; version: string };
  modelFile: string | null;
  model: ModelConfig;
  training: TrainingConfig;
  catalog: { snapshotDate: string; digest: string } | null;
  baseline: { file: string; maxIncreasePercent: number | null } | null;
  verdict: GateVerdict;
  /** The gated search, from `checkSearchSection(result)`. */
  search: CheckSearchSection;
  /** Baseline notes (BASELINE_VERSION) and deriveWarnings() for the plans shown. */
  warnings: readonly Warning[];
}

export interface CheckSearchSection {
  constraints: CheckDocument['input']['constraints'];
  /** Printed as in the plan document, so a check document can be the next baseline. */
  plans: PlanEntry[];
  search: CheckDocument['search'];
  fixes: string[];
}

/** The gated search's result in document form. */
export function checkSearchSection(r: PlanResult): CheckSearchSection {
  const s = r.search;
  return {
    constraints: r.constraints,
    plans: r.plans.map(planEntry),
    search: { evaluated: s.evaluated, feasible: s.feasible, rejected: { byReason: s.rejected.byReason }, pruned: s.pruned, layouts: s.layouts, estimated: s.estimated, accelerators: s.accelerators, skipped: s.skipped },
    fixes: r.infeasible?.fixes.map((f) => f.message) ?? [],
  };
}

/**
 * The `check --json` document as an object: keys in a fixed order, numbers rounded once (roundDeep),
 * no timestamps or absolute paths. The markdown and table renderers print this same object.
 */
export function buildCheckDocument(x: CheckDocInput): CheckDocument {
  const r = x.verdict;
  const plans = x.search.plans;
  const best = r.changes?.bestPlan.after ?? null;
  const doc: CheckDocument = {
    schemaVersion: 1,
    tool: { name: 'trainplan', version: x.tool.version },
    command: 'check',
    verdict: r.verdict,
    summary: summaryLine(r.verdict, r.gates, best ?? (plans[0] ? planPointOf(plans[0]) : null)),
    input: { modelFile: x.modelFile, model: x.model, training: x.training, constraints: x.search.constraints, catalog: x.catalog, baseline: x.baseline },
    gates: r.gates.map((g) => ({ gate: g.gate, subject: g.subject, metric: g.metric, status: g.status, unit: g.unit, limit: g.limit, actual: g.actual,
      excess: g.excess, excessPercent: g.excessPercent, note: g.note, message: gateMessage(g) })),
    changes: r.changes,
    plans,
    search: x.search.search,
    warnings: [...x.warnings, ...x.search.fixes.map((f) => ({ code: 'PLAN_FIX', message: `to find a plan: ${f}` }))],
  };
  return roundDeep(doc);
}

/** The document's bytes: one JSON document, two-space indent, trailing newline. */
export const checkJson = (doc: CheckDocument): string => JSON.stringify(doc, null, 2) + '\n';
