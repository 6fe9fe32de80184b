import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { largestComputeOptimal } from '../../src/economics/index.js';
import { loadBuiltinCatalog } from '../../src/io/index.js';
import { budgetDocument, constraintsLine, fitLine, progressLine, renderBudget } from '../../src/report/index.js';
import { resolveConstraints } from '../../src/planner/index.js';
import { aModel, aTraining } from '../helpers/builders.js';
import { toyPlanFn } from '../helpers/toy-planner.js';

const catalog = loadBuiltinCatalog();
const r = largestComputeOptimal({ usd: 50_000, days: 14, planFn: toyPlanFn(catalog, 'h100-sxm'), catalog, constraints: { accelerators: ['h100-sxm'] } })!;

describe('budget output says how close to the limits the result is', () => {
  it('the table gives the share of money and days used and which limit binds', () => {
    const text = renderBudget(r, new Chalk({ level: 0 }), { usd: 50_000, days: 14, params: null });
    expect(text).toContain(`of $50.0K (${(r.fit.usdFraction * 100).toFixed(1)}%)`);
    expect(text).toContain(`of 14 days (${(r.fit.daysFraction * 100).toFixed(1)}%)`);
    expect(text).toMatch(new RegExp(`limit +${r.fit.limitedBy === 'budget' ? 'the budget binds' : 'the days bind'}`));
    expect(fitLine(r)).toContain(`searched ${r.evaluations} sizes`);
  });
  it('the JSON carries fit and every probe', () => {
    const doc = JSON.parse(budgetDocument({ name: 'trainplan', version: '0' }, r, {}));
    expect(Object.keys(doc.fit)).toEqual(['usdFraction', 'daysFraction', 'limitedBy', 'smallestNotFitting']);
    expect(doc.search.probes).toHaveLength(r.probes.length);
    expect(doc.search.planCalls).toBe(r.evaluations);
  });
  it('a progress line names the size, the accelerators searched and the verdict', () => {
    expect(progressLine({ parameters: 1.49e11, tokens: 2.98e12, margin: 0.964, fits: true, accelerators: 9 }))
      .toBe('149B parameters, 2.98T tokens on 9 accelerator(s): fits (closest plan at 96.4% of the tighter limit)');
  });
});

describe('constraints line', () => {
  it('names each constraint in effect with where it came from', () => {
    const k = resolveConstraints({ model: aModel(), training: aTraining(), catalog, constraints: { budgetUsd: 2e6, providers: ['aws'] }, constraintSources: { budgetUsd: 'flag', providers: 'model-file' } });
    expect(constraintsLine(k)).toBe('constraints: deadline 365 days (default) · ≤ 16,384 GPUs (default) · budget $2.00M (flag) · on-demand (default) · providers aws (model file)');
  });
});
