import { planPointOf, type GateVerdict } from '../planner/index.js';
import type { CheckDocument, ModelConfig, PlanEntry, ResolvedConstraintsDoc, TrainingConfig } from '../schema/index.js';
import { gateMessage, summaryLine } from './check-text.js';
import { roundDeep } from './human.js';

export interface CheckDocInput {
  tool: { name: string; version: string };
  modelFile: string | null;
  model: ModelConfig;
  training: TrainingConfig;
  catalog: { snapshotDate: string; digest: string } | null;
  constraints: ResolvedConstraintsDoc;
  baseline: { file: string; maxIncreasePercent: number | null } | null;
  result: GateVerdict;
  /** The ranked plans, shaped as in the plan document (so this document can be the next baseline). */
  plans: PlanEntry[];
  search: CheckDocument['search'];
  warnings: string[];
}

/**
 * The `check --json` document as an object: keys in a fixed order, numbers rounded once (roundDeep),
 * no timestamps or absolute paths. The markdown and table renderers print this same object.
 */
export function buildCheckDocument(x: CheckDocInput): CheckDocument {
  const r = x.result;
  const best = r.changes?.bestPlan.after ?? null;
  const doc: CheckDocument = {
    schemaVersion: 1,
    tool: { name: 'trainplan', version: x.tool.version },
    command: 'check',
    verdict: r.verdict,
    summary: summaryLine(r.verdict, r.gates, best ?? (x.plans[0] ? planPointOf(x.plans[0]) : null)),
    input: { modelFile: x.modelFile, model: x.model, training: x.training, catalog: x.catalog, constraints: x.constraints, baseline: x.baseline },
    gates: r.gates.map((g) => ({ gate: g.gate, subject: g.subject, metric: g.metric, status: g.status, unit: g.unit, limit: g.limit, actual: g.actual,
      excess: g.excess, excessPercent: g.excessPercent, note: g.note, message: gateMessage(g) })),
    changes: r.changes,
    plans: x.plans,
    search: x.search,
    warnings: x.warnings,
  };
  return roundDeep(doc);
}

/** The document's bytes: one JSON document, two-space indent, trailing newline. */
export const checkJson = (doc: CheckDocument): string => JSON.stringify(doc, null, 2) + '\n';
