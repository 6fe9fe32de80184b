import type { Estimate } from '../estimator/index.js';
import { roundDeep } from './human.js';
import { layoutJson, type DocumentInputBase } from './layout-json.js';

export interface EstimateDocInput extends DocumentInputBase {
  estimate: Estimate;
  warnings: string[];
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
    warnings: x.warnings,
  };
  return JSON.stringify(roundDeep(doc), null, 2) + '\n';
}
