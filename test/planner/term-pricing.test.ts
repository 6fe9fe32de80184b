import { describe, expect, it } from 'vitest';
import { plan, type PlanInput, type PlannerCatalog } from '../../src/planner/index.js';
import { billedSeconds, type Offer, type TermLimit } from '../../src/schema/index.js';
import { aModel, aTraining } from '../helpers/builders.js';
import { fixtureCatalog } from '../fixtures/planner/catalog.js';
import { bruteForce } from './brute-force.js';

const model = aModel({ name: 'term-1b', layers: 16, hiddenSize: 2048, ffnHiddenSize: 8192, attentionHeads: 16, kvHeads: 8, ffn: 'swiglu', vocabSize: 32000 });
const training = aTraining({ tokens: 2e11, sequenceLength: 2048, globalBatchSize: 256 });

/** The planner fixture with a Capacity Block price on aws p5.48xlarge (a third of on-demand) under `limit`. */
function withBlock(limit: TermLimit, usdPerHour = 98.32 / 3): PlannerCatalog {
  const c = fixtureCatalog();
  const offers: Offer[] = c.offers.map((o) =>
    o.instance === 'p5.48xlarge' ? { ...o, usdPerHour: { ...o.usdPerHour, capacityBlock: usdPerHour }, termLimits: { capacityBlock: limit } } : o,
  );
  return { ...c, offers };
}

const input = (catalog: PlannerCatalog, over: Partial<PlanInput['constraints']> = {}): PlanInput => ({
  model, training, catalog, top: 50,
  constraints: { accelerators: ['h100-sxm'], providers: ['aws'], pricing: ['on-demand', 'capacity-block'], maxGpus: 64, deadlineDays: null, ...over },
});

/**
 * The full search (branch and bound off, so its counts are every layout's verdict, prune.ts) after checking that the
 * pruned search returns the same plans and frontier.
 */
function fullSearch(i: PlanInput): ReturnType<typeof plan> {
  const full = plan({ ...i, prune: false });
  const pruned = plan(i);
  expect(pruned.plans).toEqual(full.plans);
  expect(pruned.frontier).toEqual(full.frontier);
  return full;
}

const sumRejected = (r: ReturnType<typeof plan>) => Object.values(r.search.rejected.byReason).reduce((a, b) => a + (b ?? 0), 0);

describe('term pricing models (Capacity Blocks): cheaper within the term, infeasible with a reason beyond it', () => {
  const open = plan(input(withBlock({ maxDays: 3650 })));
  const best = open.plans[0]!;

  it('a capacity-block price a third of on-demand wins when the run fits the term', () => {
    expect(best.pricing).toBe('capacity-block');
    expect(best.usdPerGpuHour).toBeCloseTo(98.32 / 3 / 8, 9);
    const od = open.plans.find((p) => p.pricing === 'on-demand' && p.gpus === best.gpus)!;
    expect(od.estimate.cost.usd!).toBeGreaterThan(best.estimate.cost.usd!);
    expect(open.search.rejected.byReason['past-term-limit']).toBeUndefined();
  });

  it('a term shorter than a plan rejects that plan as past-term-limit; shorter runs (more GPUs) stay', () => {
    const bestDays = best.estimate.time.totalDays;
    const fastestBlock = Math.min(...open.plans.filter((p) => p.pricing === 'capacity-block').map((p) => p.estimate.time.totalDays));
    expect(fastestBlock).toBeLessThan(bestDays);
    const limit = (bestDays + fastestBlock) / 2;
    const r = plan(input(withBlock({ maxDays: limit })));
    expect(r.search.rejected.byReason['past-term-limit']).toBeGreaterThan(0);
    const blocks = r.plans.filter((p) => p.pricing === 'capacity-block');
    expect(blocks.length).toBeGreaterThan(0);
    for (const p of blocks) expect(p.estimate.time.totalDays).toBeLessThanOrEqual(limit);
    expect(r.plans.some((p) => p.pricing === 'capacity-block' && p.gpus === best.gpus)).toBe(false);
    // Every on-demand plan of the open search survives: the term binds only its own pricing model.
    expect(r.plans.filter((p) => p.pricing === 'on-demand').length).toBeGreaterThanOrEqual(Math.min(50 - blocks.length, open.plans.filter((p) => p.pricing === 'on-demand').length));
    expect(r.search.evaluated).toBe(r.search.feasible + sumRejected(r));
  });

  it('beyond every block plan: only on-demand is left; with capacity-block alone the plan is infeasible with the term as the reason', () => {
    const fastestBlock = Math.min(...open.plans.filter((p) => p.pricing === 'capacity-block').map((p) => p.estimate.time.totalDays));
    const limit = fastestBlock * 0.9;
    const both = plan(input(withBlock({ maxDays: limit })));
    expect(both.plans.length).toBeGreaterThan(0);
    expect(both.plans.every((p) => p.pricing === 'on-demand')).toBe(true);
    const only = plan(input(withBlock({ maxDays: limit }), { pricing: ['capacity-block'] }));
    expect(only.plans).toEqual([]);
    expect(only.infeasible!.reason).toMatch(/term limit: capacity-block sells at most [\d.]+ days, the fastest takes [\d.]+ days/);
    expect(only.infeasible!.fixes.map((f) => f.message).join('\n')).toMatch(/--pricing capacity-block,on-demand/);
    expect(only.search.feasible).toBe(0);
    expect(only.search.rejected.byReason['past-term-limit']).toBeGreaterThan(0);
  });

  it("a term's instance limit caps the plan's size like maxInstances (Capacity Blocks: 64 instances)", () => {
    const r = plan(input(withBlock({ maxDays: 3650, maxInstances: 2 }), { objective: 'time' }));
    const blocks = r.plans.filter((p) => p.pricing === 'capacity-block');
    expect(blocks.length).toBeGreaterThan(0);
    for (const p of blocks) {
      expect(p.gpus).toBeLessThanOrEqual(16);
      expect(p.capacity.maxInstances).toBe(2);
    }
    expect(r.plans.some((p) => p.pricing === 'on-demand' && p.gpus > 16)).toBe(true);
  });

  it('the counts equal a brute force through estimate() with the term rule, with and without a deadline', () => {
    const fastestBlock = Math.min(...open.plans.filter((p) => p.pricing === 'capacity-block').map((p) => p.estimate.time.totalDays));
    for (const deadlineDays of [null, fastestBlock * 4]) {
      const i = input(withBlock({ maxDays: fastestBlock * 2 }), { deadlineDays, maxGpus: 32 });
      const fast = fullSearch(i);
      const ref = bruteForce(i);
      expect(fast.search.feasible).toBe(ref.counts.feasible);
      expect(fast.search.rejected.byReason['past-term-limit'] ?? 0).toBe(ref.counts.pastTermLimit);
      expect(fast.search.rejected.byReason['past-deadline'] ?? 0).toBe(ref.counts.pastDeadline);
      expect(ref.counts.pastTermLimit).toBeGreaterThan(0);
      expect(fast.plans[0]!.estimate.cost.usd).toBe(ref.best!.usd);
    }
  });
});

describe('whole-step billing of a term (Capacity Blocks: days up to 14, then weeks up to 182)', () => {
  const STEPS = [{ upToDays: 14, stepDays: 1 }, { upToDays: 182, stepDays: 7 }];
  it('billedSeconds rounds up to the next bookable duration', () => {
    const d = (x: number) => billedSeconds(x * 86400, STEPS) / 86400;
    expect(d(0.1)).toBe(1);
    expect(d(1)).toBe(1);
    expect(d(13.2)).toBe(14);
    expect(d(14)).toBe(14);
    expect(d(15.2)).toBe(21);
    expect(d(21)).toBe(21);
    expect(d(181)).toBe(182);
    expect(d(200)).toBe(200); // past the term: not billable (the planner rejects it)
    expect(billedSeconds(5000)).toBe(5000);
  });

  it('a capacity-block plan pays its booked days; estimate() and the planner agree bit for bit', () => {
    const r = plan(input(withBlock({ maxDays: 182, billingSteps: STEPS }), { pricing: ['capacity-block'] }));
    expect(r.plans.length).toBeGreaterThan(0);
    for (const p of r.plans) {
      const booked = billedSeconds(p.estimate.time.totalSeconds, STEPS);
      expect(booked).toBeGreaterThanOrEqual(p.estimate.time.totalSeconds);
      expect(p.estimate.cost.usd).toBeCloseTo(((booked * p.gpus) / 3600) * p.usdPerGpuHour, 6);
      expect(Number.isInteger(booked / 86400)).toBe(true);
    }
    // Without steps the same block is paid by the second: never more.
    const unrounded = plan(input(withBlock({ maxDays: 182 }), { pricing: ['capacity-block'] }));
    expect(r.plans[0]!.estimate.cost.usd!).toBeGreaterThan(unrounded.plans[0]!.estimate.cost.usd!);
  });

  it.each([[undefined], [[{ upToDays: 14, stepDays: 1 }, { upToDays: 182, stepDays: 7 }]]])('budget verdicts use the booked cost: brute force agrees (steps %j)', (steps) => {
    const STEPS = steps;
    const lim = { maxDays: 182, ...(STEPS ? { billingSteps: STEPS } : {}) };
    const open = plan(input(withBlock(lim), { pricing: ['capacity-block'], maxGpus: 32 }));
    const budgetUsd = open.plans[0]!.estimate.cost.usd! * 1.05;
    const i = input(withBlock(lim), { pricing: ['capacity-block'], maxGpus: 32, budgetUsd });
    const fast = fullSearch(i);
    const ref = bruteForce(i);
    expect(fast.search.feasible).toBe(ref.counts.feasible);
    expect(fast.search.rejected.byReason['over-budget'] ?? 0).toBe(ref.counts.overBudget);
    expect(ref.counts.overBudget).toBeGreaterThan(0);
  });
});
