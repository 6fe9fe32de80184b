import type { Estimate } from '../estimator/index.js';
import type { Warning } from '../schema/index.js';
import { roundDeep } from './human.js';
import { layoutJson, type DocumentInputBase } from './layout-json.js';

export interface EstimateDocInput extends DocumentInputBase {
  estimate: Estimate;
  warnings: readonly Warning[];
  /** The layout fields given as `auto` and the values the search chose for them. */
  auto?: { fields: string[]; chosen: Record<string, number | string> };
}

/** The `estimate --json` document: keys in a fixed order, numbers rounded once, no timestamps or paths. */
export function estimateDocument(x: EstimateDocInput): string {
  const e = x.estimate;
  const l = e.layout;
  const doc = {
    schemaVersion: 1,
    tool: x.tool,
    command: 'estimate',
    input: { modelFile: x.modelFile, model: x.model, training: x.training, accelerator: e.accelerator, catalog: x.catalog },
    model: e.model,
    ...(e.finetune ? { finetune: e.finetune } : {}),
    layout: layoutJson(l),
    flops: e.flops,
    memory: e.memory,
    time: e.time,
    throughput: e.throughput,
    goodput: e.goodput,
    energy: e.energy,
    cost: e.cost,
    assumptions: e.assumptions,
    ...(x.auto ? { auto: { fields: x.auto.fields, chosen: x.auto.chosen, how: 'the fastest layout that fits, as trainplan plan would choose for this accelerator, GPU count and the given fields' } } : {}),
    warnings: x.warnings,
  };
  return JSON.stringify(roundDeep(doc), null, 2) + '\n';
}
