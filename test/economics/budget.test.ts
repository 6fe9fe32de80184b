import { describe, expect, it } from 'vitest';
import {
  acceleratorBounds, CHINCHILLA_TOKENS_PER_PARAM, denseShape, largestComputeOptimal, largestFitting, lowerBounds, mostTokens, shapeForParams, type BudgetProbe,
} from '../../src/economics/index.js';
import { countParameters } from '../../src/estimator/index.js';
import { loadBuiltinCatalog } from '../../src/io/index.js';
import { toyPlanFn } from '../helpers/toy-planner.js';

const catalog = loadBuiltinCatalog();
const planFn = toyPlanFn(catalog, 'h100-sxm');
/** The toy planner only uses H100s: the bounds must see the same accelerator. */
const constraints = { accelerators: ['h100-sxm'] };

describe('dense shape family', () => {
  it('depth 32 is Llama-3-8B-like (4096 hidden, 14336 FFN, 8 KV heads) ≈ 8.0B parameters', () => {
    const m = denseShape(32);
    expect([m.hiddenSize, m.ffnHiddenSize, m.kvHeads]).toEqual([4096, 14336, 8]);
    expect(countParameters(m).total / 1e9).toBeCloseTo(8.03, 1);
  });
  it('8B parameters gives a Llama-3-8B-like shape', () => {
    const m = shapeForParams(8e9);
    expect([m.layers, m.hiddenSize, m.kvHeads]).toEqual([32, 4096, 8]);
  });
  it.each([3e8, 1.3e9, 7.7e9, 8.3e9, 3.3e10, 7.1e10, 1.49e11, 4.05e11, 1e12])('is continuous: %d parameters land within 1%% of the target', (n) => {
    const m = shapeForParams(n);
    expect(Math.abs(countParameters(m).total / n - 1)).toBeLessThan(0.01);
    expect(m.attentionHeads % m.kvHeads).toBe(0);
    expect(m.hiddenSize).toBe(128 * m.attentionHeads);
  });
});

describe('lower bounds and the size search', () => {
  it('no plan is cheaper or faster than the bounds (MFU ≤ 1 at the dense peak)', () => {
    const bounds = acceleratorBounds(catalog, { pricing: ['on-demand'], accelerators: ['h100-sxm'], maxGpus: 4096 });
    expect(bounds).toHaveLength(1);
    const model = shapeForParams(2e9);
    const tokens = 40e9;
    const lb = lowerBounds(bounds[0]!, model, 4096, tokens);
    const r = planFn({ model, training: { tokens, sequenceLength: 4096, globalBatchSize: 1024, precision: 'bf16', optimizer: 'adam' }, constraints: { deadlineDays: null } });
    expect(r.frontier!.length).toBeGreaterThan(0);
    for (const p of r.frontier!) {
      expect(p.estimate.cost.usd!).toBeGreaterThan(lb.usd);
      expect(p.estimate.time.totalDays).toBeGreaterThan((lb.days * 4096) / p.gpus);
    }
  });

  it('finds the boundary of a known margin function in a few evaluations', () => {
    // margin = (size / 1000)^2: the largest fitting size is 1000.
    let calls = 0;
    const r = largestFitting<number>({
      hi: 1e6, guess: 50, min: 1, k: 2, tol: 0.02, maxEvaluations: 12,
      evaluate: (size) => {
        calls++;
        const margin = (size / 1000) ** 2;
        return { probe: { size, margin, fits: margin <= 1 }, value: margin <= 1 ? size : null };
      },
    });
    expect(r.best!.size).toBeLessThanOrEqual(1000);
    expect(r.best!.size).toBeGreaterThan(990);
    expect(calls).toBeLessThanOrEqual(3);
  });

  it('bisects when the margin jumps (a step function)', () => {
    const r = largestFitting<number>({
      hi: 1e4, guess: 10, min: 1, k: 2, tol: 0.02, maxEvaluations: 30,
      evaluate: (size) => {
        const margin = size <= 777 ? 0.5 : 3;
        return { probe: { size, margin, fits: margin <= 1 }, value: margin <= 1 ? size : null };
      },
    });
    expect(r.best!.size).toBeLessThanOrEqual(777);
    expect(r.best!.size).toBeGreaterThan(777 / 1.011);
  });
});

describe('largestComputeOptimal', () => {
  const usd = 50_000;
  const days = 14;
  const probes: BudgetProbe[] = [];
  const r = largestComputeOptimal({ usd, days, planFn, catalog, constraints, onProgress: (p) => probes.push(p) })!;
  it('finds a model with D = 20·N whose plan fits the money and the time', () => {
    expect(r.tokensPerParameter).toBeCloseTo(CHINCHILLA_TOKENS_PER_PARAM, 9);
    expect(r.plan.estimate.cost.usd!).toBeLessThanOrEqual(usd);
    expect(r.plan.estimate.time.totalDays).toBeLessThanOrEqual(days);
  });
  it('spends the budget or the time: a binding limit is used to within a few percent, or a size a little larger did not fit', () => {
    const used = Math.max(r.fit.usdFraction, r.fit.daysFraction);
    const next = r.fit.smallestNotFitting;
    expect(used >= 0.98 || (next !== null && (next.parameters * next.tokens) / (r.parameters * r.tokens) < 1.03)).toBe(true);
    expect(used).toBeGreaterThan(0.8);
  });
  it('a model 3% larger does not fit on any of its plans', () => {
    const bigger = shapeForParams(r.parameters * 1.03);
    const tokens = 20 * countParameters(bigger).total;
    const p = planFn({ model: bigger, training: { tokens, sequenceLength: 4096, globalBatchSize: 1024, precision: 'bf16', optimizer: 'adam' }, constraints: { budgetUsd: usd, deadlineDays: days } });
    expect(p.plans).toHaveLength(0);
  });
  it('reports one progress probe per size tried, and few planner calls', () => {
    expect(probes.length).toBe(r.probes.length);
    expect(r.evaluations).toBeLessThanOrEqual(6);
    expect(probes.some((p) => p.fits && p.parameters === r.parameters)).toBe(true);
  });
  it('more money buys a bigger model', () => {
    expect(largestComputeOptimal({ usd: 4 * usd, days, planFn, catalog, constraints })!.parameters).toBeGreaterThan(r.parameters);
  });
  it('returns null when nothing fits', () => {
    expect(largestComputeOptimal({ usd: 0.01, days, planFn, catalog, constraints })).toBeNull();
  });
});

describe('mostTokens', () => {
  // A long enough deadline that the budget, not the clock, binds (with $1/GPU-h H100 offers in the catalog a
  // 1B model cannot spend $100k in 30 days: its global batch caps how many GPUs help).
  it('fits within 2% of the budget for a fixed model', () => {
    const r = mostTokens({ usd: 100_000, days: 365, params: 1e9, planFn, catalog, constraints })!;
    expect(r.plan.estimate.cost.usd!).toBeLessThanOrEqual(100_000);
    expect(r.plan.estimate.cost.usd!).toBeGreaterThan(0.97 * 100_000);
  });
  it('works without a catalog (no bounds: a wider bracket)', () => {
    const r = mostTokens({ usd: 100_000, days: 365, params: 1e9, planFn })!;
    expect(r.plan.estimate.cost.usd!).toBeGreaterThan(0.97 * 100_000);
  });
});
