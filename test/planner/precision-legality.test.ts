import { describe, expect, it } from 'vitest';
import { buildSearchPlan, plan, resolveConstraints, type PlanInput } from '../../src/planner/index.js';
import { loadBuiltinCatalog } from '../../src/io/index.js';
import { aModel, aTraining } from '../helpers/builders.js';

// FP8 only where the part has FP8 tensor units (estimator/efficiency.ts precisionSupport): TPU v5p's
// catalog fp8 figure equals its bf16 rate, and the planner must never consider fp8 there.
const catalog = loadBuiltinCatalog();
const model = aModel({ name: 'p', layers: 8, hiddenSize: 1024, ffnHiddenSize: 4096, attentionHeads: 8, kvHeads: 8, vocabSize: 32000 });
const input = (precision: 'bf16' | 'fp8', allowFp8: boolean): PlanInput => ({
  model,
  training: aTraining({ tokens: 1e9, sequenceLength: 2048, globalBatchSize: 64, precision }),
  catalog,
  constraints: { accelerators: ['tpu-v5p', 'tpu-v6e', 'h100-sxm', 'a100-sxm-80gb'], maxGpus: 16, pricing: ['on-demand'], allowFp8 },
  top: 50,
});

describe('precision legality in the planner', () => {
  it('--allow-fp8 adds fp8 only on parts with FP8 units', () => {
    const i = input('bf16', true);
    const sp = buildSearchPlan(i, resolveConstraints(i));
    const precisions = new Map(sp.groups.map((g) => [g.accelerator.id, g.precisions]));
    expect(precisions.get('h100-sxm')).toEqual(['bf16', 'fp8']);
    expect(precisions.get('tpu-v5p')).toEqual(['bf16']);
    expect(precisions.get('tpu-v6e')).toEqual(['bf16']);
    expect(precisions.get('a100-sxm-80gb')).toEqual(['bf16']);
    const r = plan(i);
    expect(r.plans.some((p) => p.accelerator.startsWith('tpu') && p.layout.precision === 'fp8')).toBe(false);
  });

  it('a model file that trains in fp8 skips parts without FP8 units, saying why', () => {
    const i = input('fp8', false);
    const sp = buildSearchPlan(i, resolveConstraints(i));
    expect([...new Set(sp.groups.map((g) => g.accelerator.id))]).toEqual(['h100-sxm']);
    const reasons = Object.fromEntries(sp.skipped.map((s) => [s.accelerator, s.reason]));
    for (const id of ['tpu-v5p', 'tpu-v6e', 'a100-sxm-80gb']) expect(reasons[id]).toMatch(/no FP8 tensor units/);
  });
});
