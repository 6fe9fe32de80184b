import { describe, expect, it } from 'vitest';
import { checkFacts, evaluateGates, type CheckRequest, type PlanOutcome } from '../../src/planner/index.js';
import type { Constraints, PlanPoint } from '../../src/schema/index.js';
import { aModel, aTraining } from '../helpers/builders.js';
import { aPlanPoint, DIGEST_A } from '../helpers/plan-docs.js';

const DAY = 86400;

/** A fake planner over a fixed set of candidate plans: filters by the constraints it is given, cheapest first. */
function fakePlanner(candidates: PlanPoint[]) {
  const calls: Constraints[] = [];
  const run = (c: Constraints): PlanOutcome => {
    calls.push(c);
    const ok = candidates.filter((p) =>
      (c.budgetUsd === undefined || p.usd <= c.budgetUsd) && (c.deadlineDays == null || p.totalSeconds / DAY <= c.deadlineDays) &&
      (c.accelerators === undefined || c.accelerators.includes(p.accelerator)) && (c.providers === undefined || c.providers.includes(p.provider)) &&
      (c.minGpus === undefined || p.gpus >= c.minGpus) && (c.maxGpus === undefined || p.gpus <= c.maxGpus));
    const sorted = [...ok].sort((a, b) => a.usd - b.usd);
    return { best: sorted[0] ?? null, points: sorted, infeasibleReason: sorted.length ? null : 'no plan satisfies the constraints' };
  };
  return { run, calls };
}

const slowCheap = aPlanPoint({ gpus: 64, usd: 1e6, totalSeconds: 40 * DAY });
const fastDear = aPlanPoint({ gpus: 512, usd: 1.6e6, totalSeconds: 6 * DAY, layout: { ...aPlanPoint().layout, dp: 64 } });
const other = aPlanPoint({ provider: 'lambda', instance: 'gpu_8x_h100_sxm5', gpus: 256, usd: 1.2e6, totalSeconds: 12 * DAY });

const request = (over: Partial<CheckRequest> = {}): CheckRequest => ({
  constraints: {}, baseline: null, maxIncreasePercent: null, hasOffer: () => true,
  current: { model: aModel(), training: aTraining(), catalogDigest: DIGEST_A }, ...over,
});

describe('checkFacts', () => {
  it('one planner run when a plan satisfies every constraint', () => {
    const p = fakePlanner([slowCheap, fastDear, other]);
    const { facts } = checkFacts(request({ constraints: { budgetUsd: 2e6, deadlineDays: 30 } }), p.run);
    expect(p.calls).toHaveLength(1);
    expect(facts.best).toBe(other);
    expect(evaluateGates(facts).verdict).toBe('pass');
  });

  it('nothing qualifies: a relaxed run says the budget is missed by the cheapest plan within the deadline', () => {
    const p = fakePlanner([slowCheap, fastDear, other]);
    const { facts } = checkFacts(request({ constraints: { budgetUsd: 1.1e6, deadlineDays: 20 } }), p.run);
    expect(p.calls[1]).toEqual({ deadlineDays: null });
    expect(facts.relaxed).toEqual({ fastest: fastDear, cheapest: slowCheap, cheapestInDeadline: other });
    const v = evaluateGates(facts);
    expect(v.gates.map((g) => [g.gate, g.status, g.actual])).toEqual([['feasible', 'pass', null], ['budget', 'fail', 1.2e6], ['deadline', 'pass', 6]]);
  });

  it('a deadline nothing meets: the fastest plan measures the miss', () => {
    const p = fakePlanner([slowCheap, fastDear]);
    const v = evaluateGates(checkFacts(request({ constraints: { deadlineDays: 3 } }), p.run).facts);
    expect(v.gates.find((g) => g.gate === 'deadline')).toMatchObject({ status: 'fail', actual: 6, excess: 3, excessPercent: 100 });
  });

  it('nothing fits at all: the reason comes from the relaxed run', () => {
    const p = fakePlanner([]);
    const { facts } = checkFacts(request({ constraints: { budgetUsd: 1 } }), p.run);
    expect([facts.relaxed, facts.infeasibleReason]).toEqual([null, 'no plan satisfies the constraints']);
  });

  it('with a baseline: the baseline offer searched at its GPU count, without budget or deadline', () => {
    const p = fakePlanner([slowCheap, fastDear, other]);
    const baseline = { command: 'plan' as const, toolVersion: '0.1.0', model: aModel(), training: aTraining(), catalogDigest: DIGEST_A, best: fastDear };
    const { facts } = checkFacts(request({ constraints: { budgetUsd: 2e6, objective: 'cost' }, baseline, maxIncreasePercent: 10 }), p.run);
    expect(p.calls[1]).toEqual({ accelerators: ['h100-sxm'], providers: ['aws'], pricing: 'on-demand', minGpus: 512, maxGpus: 512, deadlineDays: null, objective: 'cost' });
    expect(facts.sameOffer).toEqual({ exists: true, plan: fastDear });
  });

  it('a baseline offer gone from the catalog is not searched', () => {
    const p = fakePlanner([slowCheap]);
    const baseline = { command: 'check' as const, toolVersion: '0.1.0', model: aModel(), training: aTraining(), catalogDigest: DIGEST_A, best: other };
    const { facts } = checkFacts(request({ baseline, hasOffer: () => false }), p.run);
    expect(p.calls).toHaveLength(1);
    expect(facts.sameOffer).toEqual({ exists: false, plan: null });
  });
});
