import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plan, type PlanInput, type PlannerCatalog, type PlanResult } from '../../src/planner/index.js';
import { loadBuiltinCatalog, loadModelFile } from '../../src/io/index.js';
import type { AcceleratorSpec, Offer } from '../../src/schema/index.js';
import { aModel, aSecondPart, aTraining, anAccelerator } from '../helpers/builders.js';

/**
 * Branch and bound (src/planner/prune.ts) must never change a result: the pruned search and the full
 * one (prune: false) return the same plans, frontier, explanation and constraints, field for field, and
 * what was pruned plus what was evaluated is what the full search evaluated.
 */
function expectSameResult(pruned: PlanResult, full: PlanResult): void {
  expect(pruned.plans).toEqual(full.plans);
  expect(pruned.frontier).toEqual(full.frontier);
  expect(pruned.infeasible).toEqual(full.infeasible);
  expect(pruned.constraints).toEqual(full.constraints);
  const p = pruned.search;
  const f = full.search;
  expect(f.pruned).toEqual({ families: 0, layouts: 0, evaluated: 0, byReason: {} });
  expect(p.evaluated + p.pruned.evaluated).toBe(f.evaluated);
  expect(p.layouts + p.pruned.layouts).toBe(f.layouts);
  expect(Object.values(p.pruned.byReason).reduce((a, b) => a + (b ?? 0), 0)).toBe(p.pruned.evaluated);
  // Pruning skips layouts, never judges them: nothing is feasible or rejected that the full search did not find so.
  expect(p.feasible).toBeLessThanOrEqual(f.feasible);
  expect(p.estimated).toBeLessThanOrEqual(f.estimated);
  for (const [reason, n] of Object.entries(p.rejected.byReason)) expect(n).toBeLessThanOrEqual(f.rejected.byReason[reason as keyof typeof f.rejected.byReason] ?? 0);
  expect(p.rejected.byReason['heads-not-divisible-by-tp']).toBe(f.rejected.byReason['heads-not-divisible-by-tp']);
  expect(p.accelerators).toEqual(f.accelerators);
  expect(p.skipped).toEqual(f.skipped);
}

const both = (input: PlanInput) => [plan(input), plan({ ...input, prune: false })] as const;

describe('pruned search = full search on examples', () => {
  const catalog = loadBuiltinCatalog();
  // The smaller examples (the full search of the big ones takes seconds each); together they prune for every reason.
  for (const [file, extra] of [
    ['examples/startup-1b.yaml', {}],
    ['examples/bert-large-finetune.yaml', {}],
    ['examples/llama3-8b-qlora.yaml', {}],
    ['examples/resnet50-imagenet.yaml', {}],
    // Encoder-decoder (T5) pre-training and LoRA, and a GAN: their own step terms under the same bounds.
    ['examples/t5-large-c4.yaml', {}],
    ['examples/flan-t5-xl-lora.yaml', {}],
    ['examples/stylegan2-ffhq.yaml', {}],
    // Capacity Blocks: a term limit (182 days) and booked-time billing; with and without the deadline.
    ['examples/llama3-8b-capacity-block.yaml', { maxGpus: 256 }],
    ['examples/llama3-8b-capacity-block.yaml', { maxGpus: 64, deadlineDays: null }],
    ['examples/llama3-8b.yaml', { maxGpus: 256, objective: 'time' as const }],
  ] as const) {
    it(`${file} ${JSON.stringify(extra)}`, () => {
      const m = loadModelFile(file);
      const [pruned, full] = both({ model: m.model, training: m.training, catalog, constraints: { ...m.constraints, ...extra } });
      expectSameResult(pruned, full);
      expect(pruned.search.pruned.families).toBeGreaterThan(0);
    }, 60_000);
  }
});

/** Two accelerators, spot and capacity-limited offers, small memories: bounds, deadlines and budgets all bite. */
function tinyCatalog(memA: number, memB: number, spotA: number | null, termDays: number | null = null, stepped = false): PlannerCatalog {
  const a: AcceleratorSpec = anAccelerator({ id: 'part-a', memoryBytes: memA });
  const b: AcceleratorSpec = aSecondPart(memB, 4);
  const offer = (provider: string, instance: string, accelerator: string, n: number, od: number, spot: number | null, maxInstances: number | null = null): Offer => ({
    provider, instance, accelerator, acceleratorCount: n, region: 'r1', regions: ['r1'],
    usdPerHour: { onDemand: od, spot, reserved1y: null, reserved3y: null },
    interconnect: { scaleOutBitsPerSecondPerGpu: 200e9, scaleUpDomainSize: null },
    maxInstances, priceConfidence: 'list', asOf: '2026-01-01', source: 'test',
  });
  return {
    accelerators: [a, b],
    offers: [
      offer('alpha', 'a-8x', 'part-a', 8, 24, spotA), offer('beta', 'a-2x', 'part-a', 2, 7, null, 3), offer('beta', 'b-4x', 'part-b', 4, 6, 3),
      // A cheap capacity block with a term (and maybe whole-step billing): a point past its term is no plan, and its
      // booked cost exceeds the used time's, so neither may serve as a pruning witness (prune.ts noteBest).
      ...(termDays === null ? [] : [{
        ...offer('gamma', 'b-8x-block', 'part-b', 8, 20, null),
        usdPerHour: { onDemand: 20, spot: null, reserved1y: null, reserved3y: null, capacityBlock: 4 },
        termLimits: { capacityBlock: { maxDays: termDays, ...(stepped ? { billingSteps: [{ upToDays: 14, stepDays: 1 }, { upToDays: 182, stepDays: 7 }] } : {}) } },
      } as Offer]),
    ],
  };
}

describe('pruned search = full search on random small requests', () => {
  it('identical plans, frontier and explanation; counts add up', () => {
    let prunedSome = 0;
    fc.assert(
      fc.property(
        fc.record({
          layers: fc.integer({ min: 2, max: 8 }),
          heads: fc.constantFrom(4, 8, 16),
          seq: fc.constantFrom(1024, 2048, 4096),
          batch: fc.constantFrom(8, 16, 32, 64),
          tokens: fc.constantFrom(1e9, 2e10, 3e11),
          memA: fc.integer({ min: 20, max: 80 }).map((x) => x * 1e8),
          memB: fc.integer({ min: 20, max: 80 }).map((x) => x * 1e8),
          spotA: fc.constantFrom(null, 9),
          maxGpus: fc.constantFrom(16, 32, 64),
          objective: fc.constantFrom('cost' as const, 'time' as const),
          top: fc.integer({ min: 1, max: 6 }),
          deadline: fc.option(fc.double({ min: 0.2, max: 60, noNaN: true }), { nil: undefined }),
          budget: fc.option(fc.double({ min: 20, max: 20000, noNaN: true }), { nil: undefined }),
          moe: fc.boolean(),
          termDays: fc.option(fc.double({ min: 0.05, max: 30, noNaN: true }), { nil: null }),
          stepped: fc.boolean(),
        }),
        (x) => {
          const model = aModel({
            layers: x.layers, hiddenSize: x.heads * 64, ffnHiddenSize: x.heads * 256, attentionHeads: x.heads, kvHeads: x.heads / 2, vocabSize: 8000, ffn: 'swiglu',
            ...(x.moe ? { moe: { experts: 8, activeExperts: 2, expertFfnHiddenSize: x.heads * 128, sharedExperts: 0, denseLayers: 1, imbalance: 1 } } : {}),
          });
          const input: PlanInput = {
            model,
            training: aTraining({ tokens: x.tokens, sequenceLength: x.seq, globalBatchSize: x.batch }),
            catalog: tinyCatalog(x.memA, x.memB, x.spotA, x.termDays, x.stepped),
            constraints: {
              maxGpus: x.maxGpus, objective: x.objective, pricing: ['on-demand', 'spot', 'capacity-block'], top: x.top,
              deadlineDays: x.deadline ?? null,
              ...(x.budget !== undefined ? { budgetUsd: x.budget } : {}),
            },
            minTokensPerCpRank: 256,
          };
          const [pruned, full] = both(input);
          expectSameResult(pruned, full);
          if (pruned.search.pruned.families > 0) prunedSome++;
        },
      ),
      { numRuns: 60, seed: 20261201 },
    );
    // The property is only worth something if pruning happens in most cases.
    expect(prunedSome).toBeGreaterThan(30);
  }, 180_000);
});
