import type { PlannedRun, PlanResult } from '../planner/index.js';
import type { Warning } from '../schema/index.js';
import { roundDeep } from './human.js';
import { layoutJson, type DocumentInputBase } from './layout-json.js';

export interface PlanDocInput extends DocumentInputBase {
  result: PlanResult;
  /** deriveWarnings() for the plans shown (default none). */
  warnings?: readonly Warning[];
}

/** One plan as the contract names it; numbers are the estimator's, rounded like `estimate --json`. */
export function planEntry(p: PlannedRun) {
  const e = p.estimate;
  const l = p.layout;
  return {
    rank: p.rank,
    accelerator: p.accelerator,
    provider: p.provider,
    instance: p.instance,
    pricing: p.pricing,
    gpus: p.gpus,
    instances: p.instances,
    layout: layoutJson(l),
    memory: e.memory,
    time: e.time,
    throughput: e.throughput,
    goodput: e.goodput,
    energy: e.energy,
    cost: e.cost,
    frontier: p.frontier,
    capacity: p.capacity,
  };
}

/** The `plan --json` document: fixed key order, plans best first, no timestamps or absolute paths. */
export function planDocument(x: PlanDocInput): string {
  const r = x.result;
  const doc = {
    schemaVersion: 1,
    tool: x.tool,
    command: 'plan',
    input: { modelFile: x.modelFile, model: x.model, training: x.training, constraints: r.constraints, catalog: x.catalog },
    plans: r.plans.map(planEntry),
    frontier: r.frontier.map(planEntry),
    search: {
      evaluated: r.search.evaluated,
      feasible: r.search.feasible,
      rejected: { byReason: r.search.rejected.byReason },
      pruned: r.search.pruned,
      layouts: r.search.layouts,
      estimated: r.search.estimated,
      accelerators: r.search.accelerators,
      skipped: r.search.skipped,
      ...(r.search.skippedOffers ? { skippedOffers: r.search.skippedOffers } : {}),
    },
    infeasible: r.infeasible,
    warnings: x.warnings ?? [],
  };
  return JSON.stringify(roundDeep(doc), null, 2) + '\n';
}
