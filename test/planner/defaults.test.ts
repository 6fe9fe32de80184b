import { describe, expect, it } from 'vitest';
import { checkFacts, evaluateGates, DEFAULT_DEADLINE_DAYS, DEFAULT_MAX_GPUS, plan, resolveConstraints, type PlanInput, type PlanOutcome, type PlanRunner } from '../../src/planner/index.js';
import type { PlanPoint } from '../../src/schema/index.js';
import { aModel, aTraining } from '../helpers/builders.js';
import { fixtureCatalog } from '../fixtures/planner/catalog.js';

const model = aModel({ name: 'defaults-1b', layers: 16, hiddenSize: 2048, ffnHiddenSize: 8192, attentionHeads: 16, kvHeads: 8, ffn: 'swiglu', vocabSize: 32000 });
const base = (over: Partial<PlanInput> = {}): PlanInput => ({ model, training: aTraining({ tokens: 2e11, sequenceLength: 2048, globalBatchSize: 256 }), catalog: fixtureCatalog(), ...over });

describe('defaults that protect: deadline and GPU ceiling, with where each constraint came from', () => {
  it('applies a 365-day deadline and the 16,384-GPU ceiling when nothing gives them, and says they are defaults', () => {
    const k = resolveConstraints(base());
    expect(DEFAULT_DEADLINE_DAYS).toBe(365);
    expect(k.deadlineDays).toBe(365);
    expect(k.maxGpus).toBe(DEFAULT_MAX_GPUS);
    expect(Object.values(k.sources).every((s) => s === 'default')).toBe(true);
  });

  it('a given deadline replaces it; null lifts it; the sources say flag, model file or caller', () => {
    const k = resolveConstraints(base({ constraints: { deadlineDays: 30, maxGpus: 64, providers: ['aws'] }, constraintSources: { deadlineDays: 'flag', maxGpus: 'model-file' } }));
    expect(k.deadlineDays).toBe(30);
    expect(k.sources).toMatchObject({ deadlineDays: 'flag', maxGpus: 'model-file', providers: 'caller', budgetUsd: 'default', top: 'default' });
    const lifted = resolveConstraints(base({ constraints: { deadlineDays: null } }));
    expect(lifted.deadlineDays).toBeNull();
    expect(lifted.sources.deadlineDays).toBe('caller');
  });

  it('rejects plans past the default deadline with the usual fix line, naming the default', () => {
    // 2e15 tokens on at most 8 GPUs: years of training on any part in the fixture catalog.
    const slow = base({ training: aTraining({ tokens: 2e15, sequenceLength: 2048, globalBatchSize: 256 }), constraints: { maxGpus: 8 } });
    const r = plan(slow);
    expect(r.plans).toEqual([]);
    expect(r.infeasible!.reason).toMatch(/every plan misses the 365-day deadline \(the default; --deadline-days overrides, none lifts it\)/);
    expect(r.infeasible!.fixes.some((f) => f.kind === 'later-deadline')).toBe(true);
    expect(r.search.rejected.byReason['past-deadline']).toBeGreaterThan(0);
    const lifted = plan({ ...slow, constraints: { maxGpus: 8, deadlineDays: null } });
    expect(lifted.plans.length).toBeGreaterThan(0);
    expect(lifted.plans[0]!.estimate.time.totalDays).toBeGreaterThan(365);
  });
});

describe('check gates on the default deadline', () => {
  const point = (days: number): PlanPoint => ({
    accelerator: 'h100-sxm', provider: 'aws', instance: 'p5.48xlarge', pricing: 'on-demand', gpus: 8,
    layout: { tp: 1, pp: 1, dp: 8, cp: 1, ep: 1, vpp: 1, microBatch: 1, zero: 1, recompute: 'selective', precision: 'bf16' }, usd: 1e6, totalSeconds: days * 86400,
  });
  const current = { model: {}, training: {}, catalogDigest: null };

  it('a 2,808-day best plan fails the deadline gate when no deadline is given', () => {
    const seen: Array<number | null | undefined> = [];
    const run: PlanRunner = (c): PlanOutcome => {
      seen.push(c.deadlineDays);
      // The planner with the default deadline finds nothing; without any deadline, the 2,808-day plan.
      return c.deadlineDays === null ? { best: point(2808), points: [point(2808)], infeasibleReason: null } : { best: null, points: [], infeasibleReason: 'every plan misses the 365-day deadline' };
    };
    const { facts } = checkFacts({ constraints: {}, baseline: null, maxIncreasePercent: null, current, hasOffer: () => true }, run);
    expect(seen).toEqual([undefined, null]);
    expect(facts.deadlineDays).toBe(365);
    expect(facts.relaxed?.fastest.totalSeconds).toBe(2808 * 86400);
    const v = evaluateGates(facts);
    expect(v.verdict).toBe('fail');
    expect(v.gates.find((g) => g.gate === 'deadline')).toMatchObject({ status: 'fail', limit: 365, actual: 2808 });
  });

  it('--deadline-days none (null) removes the gate', () => {
    const run: PlanRunner = () => ({ best: point(2808), points: [point(2808)], infeasibleReason: null });
    const { facts } = checkFacts({ constraints: { deadlineDays: null }, baseline: null, maxIncreasePercent: null, current, hasOffer: () => true }, run);
    expect(facts.deadlineDays).toBeNull();
  });
});
