import { describe, expect, it } from 'vitest';
import { CHINCHILLA_TOKENS_PER_PARAM, denseShape, largestComputeOptimal, mostTokens, shapeForParams } from '../../src/economics/index.js';
import { countParameters } from '../../src/estimator/index.js';
import { loadBuiltinCatalog } from '../../src/io/index.js';
import { toyPlanFn } from '../helpers/toy-planner.js';

const catalog = loadBuiltinCatalog();
const planFn = toyPlanFn(catalog, 'h100-sxm');

describe('dense shape family', () => {
  it('depth 32 is Llama-3-8B-like (4096 hidden, 14336 FFN, 8 KV heads) ≈ 8.0B parameters', () => {
    const m = denseShape(32);
    expect([m.hiddenSize, m.ffnHiddenSize, m.kvHeads]).toEqual([4096, 14336, 8]);
    expect(countParameters(m).total / 1e9).toBeCloseTo(8.03, 1);
  });
  it('picks the closest member for a parameter count', () => {
    expect(shapeForParams(8e9).layers).toBe(32);
  });
});

describe('largestComputeOptimal', () => {
  const usd = 50_000;
  const days = 14;
  const r = largestComputeOptimal({ usd, days, planFn })!;
  it('finds a model with D = 20·N whose plan fits the money and the time', () => {
    expect(r.tokensPerParameter).toBeCloseTo(CHINCHILLA_TOKENS_PER_PARAM, 9);
    expect(r.plan.estimate.cost.usd!).toBeLessThanOrEqual(usd);
    expect(r.plan.estimate.time.totalDays).toBeLessThanOrEqual(days);
  });
  it('the next deeper model does not fit', () => {
    const next = denseShape(r.model.layers + 1);
    const tokens = 20 * countParameters(next).total;
    const p = planFn({ model: next, training: { tokens, sequenceLength: 4096, globalBatchSize: 1024, precision: 'bf16', optimizer: 'adam' }, constraints: { budgetUsd: usd, deadlineDays: days } });
    expect(p.plans).toHaveLength(0);
  });
  it('more money buys a bigger model', () => {
    expect(largestComputeOptimal({ usd: 4 * usd, days, planFn })!.parameters).toBeGreaterThan(r.parameters);
  });
  it('returns null when nothing fits', () => {
    expect(largestComputeOptimal({ usd: 0.01, days, planFn })).toBeNull();
  });
});

describe('mostTokens', () => {
  // A long enough deadline that the budget, not the clock, binds (with $1/GPU-h H100 offers in the catalog a
  // 1B model cannot spend $100k in 30 days: its global batch caps how many GPUs help).
  it('fits within 2% of the budget for a fixed model', () => {
    const r = mostTokens({ usd: 100_000, days: 365, params: 1e9, planFn })!;
    expect(r.plan.estimate.cost.usd!).toBeLessThanOrEqual(100_000);
    expect(r.plan.estimate.cost.usd!).toBeGreaterThan(0.97 * 100_000);
  });
});
