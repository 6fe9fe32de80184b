import type { EstimateDocument, PlanDocument } from '../schema/index.js';
import type { ExportInput } from './types.js';

export type FromDocument = { ok: true; input: ExportInput } | { ok: false; field: string; reason: string };

/** Plan N of a plan document (rank 1 = best), as export input. */
export function exportInputFromPlan(doc: PlanDocument, rank: number, modelFile: string | null): FromDocument {
  const ranked = doc.plans.filter((p) => p.rank !== null);
  if (ranked.length === 0) return { ok: false, field: 'plans', reason: `the plan document has no plans${doc.infeasible ? ` (${doc.infeasible.reason})` : ''}` };
  const p = ranked.find((q) => q.rank === rank);
  if (!p) return { ok: false, field: '--rank', reason: `rank ${rank} is not in the document (it holds ranks 1–${ranked.length})` };
  const perInstance = p.gpus / p.instances;
  if (!Number.isInteger(p.instances) || !Number.isInteger(perInstance)) return { ok: false, field: 'plans', reason: `plan ${rank} uses ${p.gpus} GPUs on ${p.instances} instances, not whole instances` };
  return {
    ok: true,
    input: {
      source: { command: 'plan', modelFile: doc.input.modelFile ?? modelFile, rank },
      model: doc.input.model,
      training: doc.input.training,
      layout: p.layout,
      accelerator: p.accelerator,
      provider: p.provider,
      instance: p.instance,
      pricing: p.pricing,
      instances: p.instances,
      gpusPerInstance: perInstance,
      steps: p.time.steps,
    },
  };
}

/** An estimate document as export input; `gpusPerInstance` comes from its offer in the catalog. */
export function exportInputFromEstimate(doc: EstimateDocument, gpusPerInstance: number | undefined): FromDocument {
  const l = doc.layout;
  if (gpusPerInstance === undefined) {
    return { ok: false, field: 'cost.instance', reason: `the estimate's offer (${doc.cost.provider ?? 'none'} ${doc.cost.instance ?? ''}) is not in the catalog, so the GPUs per instance are unknown; rerun estimate with --provider and --instance` };
  }
  const per = Math.min(gpusPerInstance, l.gpus);
  if (l.gpus % per !== 0) return { ok: false, field: 'layout.gpus', reason: `${l.gpus} GPUs are not a whole number of ${doc.cost.instance} instances (${gpusPerInstance} GPUs each)` };
  return {
    ok: true,
    input: {
      source: { command: 'estimate', modelFile: doc.input.modelFile, rank: null },
      model: doc.input.model,
      training: doc.input.training,
      layout: l,
      accelerator: doc.input.accelerator,
      provider: doc.cost.provider,
      instance: doc.cost.instance,
      pricing: doc.cost.pricing,
      instances: l.gpus / per,
      gpusPerInstance: per,
      steps: doc.time.steps,
    },
  };
}
