import { describe, expect, it } from 'vitest';
import { createSearchCache, plan, prepareSearch, type PlannerCatalog, type PlanRequest } from '../../src/planner/index.js';
import { loadBuiltinCatalog } from '../../src/io/index.js';
import { aModel, aTraining, SHAPES } from '../helpers/builders.js';

/**
 * A prepared search (src/planner/prepared.ts) keeps the offer expansion and each model's constraint-free terms
 * across searches. Every search through it must return exactly what an independent plan() returns, in any order:
 * the requests below differ in one input each, so a cache keyed without that input (the training, the model's
 * shape beyond its layer count, the assumptions, the ZeRO pin, the precision, the accelerator spec behind an id)
 * hands one request another's numbers and the comparison fails.
 */
const catalog = loadBuiltinCatalog();
const ACCS = ['a100-sxm-80gb', 'h100-sxm', 'mi300x'];
const base = { accelerators: ACCS, maxGpus: 128 };
const dense = aModel({ name: 'dense-a', layers: 24, hiddenSize: 2048, ffnHiddenSize: 5632, attentionHeads: 16, kvHeads: 8, ffn: 'swiglu' });
// Same layer count, other widths: stage local parameters keyed by (tp, pp, vpp, ep) alone would be dense-a's.
const wider = aModel({ name: 'dense-b', layers: 24, hiddenSize: 3072, ffnHiddenSize: 8192, attentionHeads: 24, kvHeads: 8, ffn: 'swiglu' });
const moe = aModel({ name: 'moe-c', layers: 16, hiddenSize: 2048, ffnHiddenSize: 5632, attentionHeads: 16, kvHeads: 8, ffn: 'swiglu', moe: { experts: 8, activeExperts: 2, sharedExperts: 0, expertFfnHiddenSize: 4096, denseLayers: 0, imbalance: 1 } });

const REQUESTS: Array<[string, PlanRequest]> = [
  ['dense, default constraints', { model: dense, training: aTraining({ tokens: 20e9 }), constraints: base }],
  // The same model with more tokens: staged contexts (steps) keyed without the training would be the first's.
  ['dense, 4x the tokens', { model: dense, training: aTraining({ tokens: 80e9 }), constraints: base }],
  ['wider dense', { model: wider, training: aTraining({ tokens: 20e9 }), constraints: base }],
  ['dense, ZeRO pinned to 0', { model: dense, training: aTraining({ tokens: 20e9 }), constraints: base, pins: { zero: 0 } }],
  ['MoE', { model: moe, training: aTraining({ tokens: 10e9 }), constraints: { ...base, deadlineDays: 30 } }],
  ['dense, one GPU count, time objective', { model: dense, training: aTraining({ tokens: 20e9 }), constraints: { ...base, minGpus: 64, maxGpus: 64, objective: 'time' }, top: 1 }],
  ['dense, spot and on-demand, budget', { model: dense, training: aTraining({ tokens: 20e9 }), constraints: { ...base, pricing: ['on-demand', 'spot'], budgetUsd: 20_000, deadlineDays: null } }],
  ['dense, FP8 allowed', { model: dense, training: aTraining({ tokens: 20e9 }), constraints: { ...base, allowFp8: true } }],
  ['dense, other assumptions', { model: dense, training: aTraining({ tokens: 20e9 }), constraints: base, assumptions: { reserveBytes: 20e9 } }],
  ['MoE, fp16 training, two providers', { model: moe, training: aTraining({ tokens: 10e9, precision: 'fp16' }), constraints: { ...base, providers: ['lambda', 'runpod'] } }],
  ['dense again, after the others', { model: dense, training: aTraining({ tokens: 20e9 }), constraints: base }],
];

const independent = (cat: PlannerCatalog, r: PlanRequest) => plan({ ...r, catalog: cat });

describe('prepared search = independent plan() calls', () => {
  it('for every request in turn, sharing every cache (per-layer terms kept, several models)', () => {
    const cache = createSearchCache({ models: 4, layerRows: true });
    const search = prepareSearch(catalog, cache);
    for (const [name, r] of REQUESTS) {
      const got = search.plan(r);
      expect(got, name).toEqual(independent(catalog, r));
      // FP8 on H100/MI300X is faster, so cheaper: a staged context keyed without its precision would time fp8 as bf16 (and tie-break to bf16).
      if (r.constraints?.allowFp8) expect(got.plans.some((p) => p.layout.precision === 'fp8'), name).toBe(true);
    }
    // The caches were used: model terms found again (the last request, the ZeRO pin's shared contexts) and search plans reused.
    expect(cache.stats.modelHits).toBeGreaterThan(0);
    expect(cache.stats.planHits).toBeGreaterThan(0);
  }, 120_000);

  it('with one model kept (least recently used dropped) and in reverse order', () => {
    const cache = createSearchCache({ models: 1, layerRows: true });
    const search = prepareSearch(catalog, cache);
    for (const [name, r] of [...REQUESTS].reverse()) expect(search.plan(r), name).toEqual(independent(catalog, r));
    expect(cache.stats.modelMisses).toBeGreaterThan(cache.stats.modelHits);
  }, 120_000);

  it('across two catalogs sharing one cache, where the second redefines an accelerator under the same id', () => {
    // A user catalog's h100-sxm with half the memory: a staged context keyed by the accelerator id would be the first's.
    const small = { ...catalog, accelerators: catalog.accelerators.map((a) => (a.id === 'h100-sxm' ? { ...a, memoryBytes: 40e9 } : a)) };
    const cache = createSearchCache({ models: 2, layerRows: true });
    const first = prepareSearch(catalog, cache);
    const second = prepareSearch(small, cache);
    const r: PlanRequest = { model: wider, training: aTraining({ tokens: 20e9 }), constraints: { accelerators: ['h100-sxm'], maxGpus: 64 } };
    const a = first.plan(r);
    const b = second.plan(r);
    expect(a).toEqual(independent(catalog, r));
    expect(b).toEqual(independent(small, r));
    expect(b).not.toEqual(a);
    expect(cache.stats.modelHits).toBe(1);
  }, 60_000);

  it('a ZeRO pin first, then the same model unpinned: the least states of ZeRO 0 are not the unpinned search\'s', () => {
    // Llama 3 8B's ZeRO-0 states (~16 B/parameter) overflow 80 GB at tp 1 where ZeRO 3 fits: shared states keyed without the pin skip those families as OOM.
    const search = prepareSearch(catalog, createSearchCache({ layerRows: true }));
    const r: PlanRequest = { model: SHAPES.llama3_8b, training: aTraining({ tokens: 20e9, globalBatchSize: 256 }), constraints: { accelerators: ['h100-sxm'], maxGpus: 32 } };
    const pinned = { ...r, pins: { zero: 0 as const } };
    expect(search.plan(pinned)).toEqual(independent(catalog, pinned));
    expect(search.plan(r)).toEqual(independent(catalog, r));
  }, 60_000);

  it('bad input still throws on every call, and a result changed by its caller does not change the next', () => {
    const search = prepareSearch(catalog);
    const bad: PlanRequest = { model: dense, training: aTraining(), constraints: { accelerators: ['h100-sxmm'] } };
    expect(() => search.plan(bad)).toThrow(/unknown accelerator/);
    expect(() => search.plan(bad)).toThrow(/unknown accelerator/);
    const r: PlanRequest = { model: dense, training: aTraining({ tokens: 20e9 }), constraints: { ...base, accelerators: [...ACCS, 'gaudi2'] } };
    const first = search.plan(r);
    expect(first.search.skipped.length).toBeGreaterThan(0);
    first.search.skipped.length = 0;
    first.search.accelerators.push('changed');
    expect(search.plan(r)).toEqual(independent(catalog, r));
  }, 60_000);
});
