import type { Estimate } from '../estimator/index.js';
import type { ModelConfig, TrainingConfig } from '../schema/index.js';
import { roundDeep } from './human.js';

export interface EstimateDocInput {
  tool: { name: string; version: string };
  modelFile: string | null;
  model: ModelConfig;
  training: TrainingConfig;
  catalog: { snapshotDate: string; digest: string } | null;
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
    layout: {
      gpus: l.gpus, tp: l.tp, pp: l.pp, dp: l.dp, cp: l.cp, ep: l.ep, vpp: l.vpp,
      microBatch: l.microBatch, gradientAccumulation: l.gradientAccumulation, zero: l.zero,
      recompute: l.recompute, sequenceParallel: l.sequenceParallel, precision: l.precision,
    },
    flops: e.flops,
    memory: e.memory,
    time: e.time,
    throughput: e.throughput,
    cost: e.cost,
    assumptions: e.assumptions,
    warnings: x.warnings,
  };
  return JSON.stringify(roundDeep(doc), null, 2) + '\n';
}
