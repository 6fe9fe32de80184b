import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plan, type PlannerCatalog } from '../../src/planner/index.js';
import type { AcceleratorSpec, Offer } from '../../src/schema/index.js';
import { aModel, aSecondPart, aTraining, anAccelerator } from '../helpers/builders.js';
import { bruteForce } from '../planner/brute-force.js';

/** A two-accelerator catalog whose memory is small enough that OOM boundaries matter for tiny models. */
function tinyCatalog(memA: number, memB: number, domainB: number, capBeta: number | null): PlannerCatalog {
  const a: AcceleratorSpec = anAccelerator({ id: 'part-a', memoryBytes: memA });
  const b: AcceleratorSpec = aSecondPart(memB, domainB);
  const offer = (provider: string, instance: string, accelerator: string, n: number, od: number, spot: number | null, bits: number, maxInstances: number | null = null): Offer => ({
    provider,
    instance,
    accelerator,
    acceleratorCount: n,
    region: 'r1',
    regions: ['r1'],
    usdPerHour: { onDemand: od, spot, reserved1y: null, reserved3y: null },
    interconnect: { scaleOutBitsPerSecondPerGpu: bits, scaleUpDomainSize: null },
    maxInstances,
    priceConfidence: 'list',
    asOf: '2026-01-01',
    source: 'test',
  });
  return {
    accelerators: [a, b],
    offers: [
      offer('alpha', 'a-8x', 'part-a', 8, 24, 10, 400e9),
      // Capacity-limited (maxInstances) and a 2-GPU scale-up domain: exercises instance-true topology.
      offer('beta', 'a-2x', 'part-a', 2, 7, null, 100e9, capBeta),
      offer('beta', 'b-4x', 'part-b', 4, 6, 3, 100e9),
    ],
  };
}

const caseArb = fc.record({
  layers: fc.integer({ min: 2, max: 5 }),
  heads: fc.constantFrom(4, 8, 12),
  kvDiv: fc.constantFrom(1, 2, 4),
  seq: fc.constantFrom(1024, 2048),
  batch: fc.constantFrom(4, 6, 8),
  tokens: fc.constantFrom(1e9, 5e10),
  memA: fc.integer({ min: 28, max: 60 }).map((x) => x * 1e8),
  memB: fc.integer({ min: 26, max: 50 }).map((x) => x * 1e8),
  domainB: fc.constantFrom(2, 4),
  capBeta: fc.constantFrom(null, 1, 3),
  maxGpus: fc.constantFrom(8, 12, 16),
  objective: fc.constantFrom('cost' as const, 'time' as const),
  pricing: fc.constantFrom(['on-demand' as const], ['on-demand' as const, 'spot' as const]),
  deadline: fc.option(fc.double({ min: 0.5, max: 40, noNaN: true }), { nil: undefined }),
  budget: fc.option(fc.double({ min: 50, max: 3000, noNaN: true }), { nil: undefined }),
  allowFp8: fc.boolean(),
  // Layout pins (plan --tp … --recompute) and training stacks restrict the space; the brute force must agree.
  pins: fc.option(fc.record({ tp: fc.constantFrom(1, 2), pp: fc.constantFrom(1, 2), zero: fc.constantFrom(0 as const, 1 as const, 3 as const), recompute: fc.constantFrom('none' as const, 'full' as const) }, { requiredKeys: [] }), { nil: undefined }),
  framework: fc.constantFrom('megatron' as const, 'torchtitan' as const, 'fsdp' as const),
});

describe('pruned search = brute force over every layout via estimate()', () => {
  it('finds the same best plan and the same counts', () => {
    fc.assert(
      fc.property(caseArb, (x) => {
        const heads = x.heads;
        const model = aModel({ layers: x.layers, hiddenSize: heads * 64, ffnHiddenSize: heads * 256, attentionHeads: heads, kvHeads: heads / x.kvDiv, vocabSize: 8000, ffn: 'swiglu' });
        const input = {
          model,
          training: aTraining({ tokens: x.tokens, sequenceLength: x.seq, globalBatchSize: x.batch, framework: x.framework }),
          catalog: tinyCatalog(x.memA, x.memB, x.domainB, x.capBeta),
          constraints: {
            maxGpus: x.maxGpus,
            objective: x.objective,
            pricing: x.pricing,
            allowFp8: x.allowFp8,
            ...(x.deadline !== undefined ? { deadlineDays: x.deadline } : {}),
            ...(x.budget !== undefined ? { budgetUsd: x.budget } : {}),
          },
          minTokensPerCpRank: 512,
          ...(x.pins ? { pins: x.pins } : {}),
        };
        const fast = plan(input);
        // Counts: the search without branch and bound judges every layout, as the brute force does;
        // with it, what it skipped (search.pruned) plus what it judged is the same total.
        const full = plan({ ...input, prune: false });
        const ref = bruteForce(input);
        if (process.env.PLANNER_PROP_DEBUG) console.log(JSON.stringify(ref.counts), ref.best?.gpus ?? null);
        const tpRejected = (full.search.rejected.byReason['heads-not-divisible-by-tp'] ?? 0) + (full.search.rejected.byReason['kv-heads-not-divisible-by-tp'] ?? 0);
        expect(full.search.evaluated - tpRejected).toBe(ref.counts.evaluated);
        expect(full.search.feasible).toBe(ref.counts.feasible);
        expect(full.search.rejected.byReason.oom ?? 0).toBe(ref.counts.oom);
        expect(full.search.rejected.byReason['past-deadline'] ?? 0).toBe(ref.counts.pastDeadline);
        expect(full.search.rejected.byReason['over-budget'] ?? 0).toBe(ref.counts.overBudget);
        expect(fast.search.evaluated + fast.search.pruned.evaluated).toBe(full.search.evaluated);
        if (!ref.best) {
          expect(fast.plans).toEqual([]);
          expect(fast.infeasible).not.toBeNull();
          return;
        }
        const top = fast.plans[0]!;
        const { sequenceParallel: _sp, dp: _dp, gradientAccumulation: _ga, ...layout } = top.layout;
        expect({ acc: top.accelerator, provider: top.provider, instance: top.instance, pricing: top.pricing, gpus: top.gpus, layout }).toEqual({
          acc: ref.best.accelerator,
          provider: ref.best.provider,
          instance: ref.best.instance,
          pricing: ref.best.pricing,
          gpus: ref.best.gpus,
          layout: (({ sequenceParallel: _s, ...rest }) => rest)(ref.best.layout),
        });
        expect(top.estimate.cost.usd).toBe(ref.best.usd);
        expect(top.estimate.time.totalSeconds).toBe(ref.best.totalSeconds);
      }),
      { numRuns: 25, seed: 20260401 },
    );
  }, 120_000);
});
