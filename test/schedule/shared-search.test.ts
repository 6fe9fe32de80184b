import { describe, expect, it } from 'vitest';
import { loadCatalog, loadFleets } from '../../src/io/index.js';
import { findOffer } from '../../src/catalog/index.js';
import { plan, type PlannerCatalog } from '../../src/planner/index.js';
import { buildPools, buildProblem, type PortfolioJobSpec } from '../../src/schedule/index.js';
import type { ModelConfig, TrainingConfig } from '../../src/schema/index.js';
import { aModel, aTraining } from '../helpers/builders.js';

/**
 * `schedule` plans every job on every pool at several GPU counts through prepared searches that share one cache
 * (src/schedule/options.ts poolSearches). Its options must be exactly those of independent plan() calls: the
 * portfolio mixes jobs of one model and training (shared terms), one model under two trainings, a MoE, pinned
 * accelerators and preemptible work, on an owned fleet, a commitment and rented capacity.
 */
const lab = 'examples/portfolio/lab.yaml';
const catalog = loadCatalog({ files: [lab], env: {} });
const fleets = loadFleets({ files: [lab], env: {}, knownAccelerators: catalog.accelerators.map((a) => a.id) });
const offer = findOffer(catalog, 'gcp', 'a3-highgpu-1g');
const pools = buildPools(catalog, { fleets, commitments: [{ provider: 'gcp', instance: 'a3-highgpu-1g', count: 8, pricing: 'reserved-1y', offer }], rent: true, providers: ['lambda', 'nebius', 'coreweave'], rentPricing: 'on-demand', rentMaxGpus: 256 });

const small = aModel({ name: 'small', layers: 16, hiddenSize: 1024, ffnHiddenSize: 2816, attentionHeads: 16, kvHeads: 8, ffn: 'swiglu', vocabSize: 32000 });
const mid = aModel({ name: 'mid', layers: 24, hiddenSize: 2048, ffnHiddenSize: 5632, attentionHeads: 16, kvHeads: 8, ffn: 'swiglu', vocabSize: 32000 });
const moe = aModel({ name: 'moe', layers: 12, hiddenSize: 1024, ffnHiddenSize: 2816, attentionHeads: 16, kvHeads: 8, ffn: 'swiglu', vocabSize: 32000, moe: { experts: 8, activeExperts: 2, sharedExperts: 0, expertFfnHiddenSize: 2048, denseLayers: 0, imbalance: 1 } });
const job = (id: string, model: ModelConfig, training: TrainingConfig, over: Partial<PortfolioJobSpec> = {}, accelerators = ['h100-sxm', 'a100-sxm-80gb']): PortfolioJobSpec => ({
  id, priority: 1, earliestStartDay: 0, repeat: 1, preemptible: false, after: [], filter: { excludeAccelerators: [], excludeKinds: [] },
  workload: { kind: 'model', spec: { model, training, constraints: { accelerators } } }, ...over,
});
const JOBS: PortfolioJobSpec[] = [
  job('a', small, aTraining({ tokens: 5e9, globalBatchSize: 256 }), { deadlineDays: 20 }),
  job('b', mid, aTraining({ tokens: 20e9 }), { priority: 2 }),
  // Same model and training as a, another deadline and priority: the planner's work is shared, the options equal.
  job('c', small, aTraining({ tokens: 5e9, globalBatchSize: 256 }), { priority: 3, deadlineDays: 40, preemptible: true }),
  // Same model as b with another training: nothing of b's may leak into it.
  job('d', mid, aTraining({ tokens: 60e9, sequenceLength: 4096, globalBatchSize: 256 })),
  job('e', moe, aTraining({ tokens: 5e9 }), {}, ['h100-sxm', 'h200-sxm']),
];
const independent = (c: PlannerCatalog) => ({ plan: (r: Parameters<typeof plan>[0]) => plan({ ...r, catalog: c }) });

describe('schedule options from shared prepared searches', () => {
  it('equal those of independent plan() calls, job for job and pool for pool', () => {
    const shared = buildProblem({ catalog, horizonDays: 120 }, pools, JOBS);
    const alone = buildProblem({ catalog, horizonDays: 120, searchFor: independent }, pools, JOBS);
    expect(shared).toEqual(alone);
    // Every job got options on every kind of pool (so the comparison covers owned, committed and rented searches).
    for (const j of shared.jobs) expect(new Set(j.options.map((o) => o.pool)).size, j.id).toBeGreaterThan(1);
    // Each job planned on its own (no other job's options or searches to reuse) gets the same options.
    for (const j of JOBS) expect(buildProblem({ catalog, horizonDays: 120, searchFor: independent }, pools, [j]).jobs[0]!.options, j.id).toEqual(shared.jobs.find((x) => x.id === j.id)!.options);
    expect(shared.jobs.find((j) => j.id === 'a')!.options).toEqual(shared.jobs.find((j) => j.id === 'c')!.options);
    expect(shared.jobs.find((j) => j.id === 'b')!.options).not.toEqual(shared.jobs.find((j) => j.id === 'd')!.options);
  }, 120_000);
});
