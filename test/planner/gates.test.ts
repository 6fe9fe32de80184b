import { describe, expect, it } from 'vitest';
import { baselineFacts, evaluateGates, fieldChanges, type GateFacts } from '../../src/planner/index.js';
import { baselineDocumentSchema, planDocumentSchema } from '../../src/schema/index.js';
import { aModel, aTraining } from '../helpers/builders.js';
import { aPlanDocument, aPlanPoint, DIGEST_A, DIGEST_B } from '../helpers/plan-docs.js';

const DAY = 86400;

function facts(over: Partial<GateFacts> = {}): GateFacts {
  return {
    best: aPlanPoint(), relaxed: null, infeasibleReason: null, budgetUsd: null, deadlineDays: null, baseline: null, maxIncreasePercent: null,
    current: { model: aModel(), training: aTraining(), catalogDigest: DIGEST_A }, sameOffer: null, ...over,
  };
}

const baseline = (doc = aPlanDocument()) => baselineFacts(baselineDocumentSchema.parse(doc));
const byGate = (v: ReturnType<typeof evaluateGates>) => v.gates.map((g) => `${g.gate}${g.subject ? `:${g.subject}` : ''}${g.metric ? `:${g.metric}` : ''}=${g.status}`);

describe('check gates', () => {
  it('the constructed plan document parses as a plan document and as a baseline', () => {
    expect(planDocumentSchema.safeParse(aPlanDocument()).error).toBeUndefined();
    expect(baseline().best).toEqual(aPlanPoint());
  });

  it('passes with only the feasibility gate when no limits are set', () => {
    const v = evaluateGates(facts());
    expect(v.verdict).toBe('pass');
    expect(byGate(v)).toEqual(['feasible=pass']);
    expect(v.changes).toBeNull();
  });

  it('budget and deadline pass on the best plan, with the actual values', () => {
    const v = evaluateGates(facts({ budgetUsd: 2e6, deadlineDays: 30 }));
    expect(v.verdict).toBe('pass');
    expect(v.gates[1]).toMatchObject({ gate: 'budget', status: 'pass', limit: 2e6, actual: 1e6, excess: null });
    expect(v.gates[2]).toMatchObject({ gate: 'deadline', status: 'pass', limit: 30, actual: 10, excess: null });
  });

  it('over budget: measured on the cheapest plan that meets the deadline, excess in USD and percent', () => {
    const relaxed = { fastest: aPlanPoint({ totalSeconds: 2 * DAY, usd: 3e6 }), cheapestInDeadline: aPlanPoint({ usd: 1.25e6 }), cheapest: aPlanPoint({ usd: 0.9e6, totalSeconds: 90 * DAY }) };
    const v = evaluateGates(facts({ best: null, relaxed, budgetUsd: 1e6, deadlineDays: 30 }));
    expect(v.verdict).toBe('fail');
    expect(byGate(v)).toEqual(['feasible=pass', 'budget:best-plan:cost=fail', 'deadline:best-plan:time=pass']);
    expect(v.gates[1]).toMatchObject({ actual: 1.25e6, excess: 0.25e6, excessPercent: 25 });
    expect(v.gates[2]).toMatchObject({ actual: 2 });
  });

  it('past the deadline: measured on the fastest plan; budget then judged on the cheapest plan overall', () => {
    const relaxed = { fastest: aPlanPoint({ totalSeconds: 45 * DAY }), cheapestInDeadline: null, cheapest: aPlanPoint({ usd: 0.5e6 }) };
    const v = evaluateGates(facts({ best: null, relaxed, budgetUsd: 1e6, deadlineDays: 30 }));
    expect(byGate(v)).toEqual(['feasible=pass', 'budget:best-plan:cost=pass', 'deadline:best-plan:time=fail']);
    expect(v.gates[2]).toMatchObject({ limit: 30, actual: 45, excess: 15, excessPercent: 50 });
  });

  it('nothing fits: feasibility fails with the reason; budget and deadline are skipped', () => {
    const v = evaluateGates(facts({ best: null, infeasibleReason: 'no layout fits in memory on h100-sxm with at most 8 GPUs', budgetUsd: 1e6, deadlineDays: 30 }));
    expect(v.verdict).toBe('fail');
    expect(byGate(v)).toEqual(['feasible=fail', 'budget:best-plan:cost=skip', 'deadline:best-plan:time=skip']);
    expect(v.gates[0]!.note).toMatch(/no layout fits in memory/);
  });

  it('regression vs baseline: cost +25% fails --max-increase 10 on the best plan; time within', () => {
    const v = evaluateGates(facts({ best: aPlanPoint({ usd: 1.25e6, totalSeconds: 10.5 * DAY }), baseline: baseline(), maxIncreasePercent: 10 }));
    expect(v.verdict).toBe('fail');
    expect(byGate(v)).toEqual(['feasible=pass', 'max-increase:best-plan:cost=fail', 'max-increase:best-plan:time=pass']);
    expect(v.gates[1]).toMatchObject({ limit: 10, actual: 25, excess: 15, unit: 'percent' });
    expect(v.gates[2]!.actual).toBeCloseTo(5, 10);
    expect(v.changes!.bestPlan).toMatchObject({ samePlan: true, costChangePercent: 25 });
  });

  it('identical inputs read back from rounded JSON never count as an increase, even with --max-increase 0', () => {
    const now = aPlanPoint({ usd: 1e6 * (1 + 1e-12) });
    const v = evaluateGates(facts({ best: now, baseline: baseline(), maxIncreasePercent: 0 }));
    expect(v.verdict).toBe('pass');
  });

  it('a cheaper price does not hide a regression on the baseline offer: same-offer gates', () => {
    const best = aPlanPoint({ provider: 'lambda', instance: 'gpu_8x_h100_sxm5', usd: 0.9e6 });
    const sameOffer = { exists: true, plan: aPlanPoint({ usd: 1.3e6, totalSeconds: 13 * DAY }) };
    const v = evaluateGates(facts({ best, sameOffer, baseline: baseline(), maxIncreasePercent: 20 }));
    expect(byGate(v)).toEqual(['feasible=pass', 'max-increase:best-plan:cost=pass', 'max-increase:best-plan:time=pass', 'max-increase:same-offer:cost=fail', 'max-increase:same-offer:time=fail']);
    expect(v.changes!.bestPlan.samePlan).toBe(false);
    expect(v.changes!.sameOffer).toMatchObject({ offerExists: true });
    expect(v.changes!.sameOffer!.costChangePercent).toBeCloseTo(30, 10);
  });

  it('the baseline offer gone from the catalog: same-offer gates skipped with the reason', () => {
    const v = evaluateGates(facts({ sameOffer: { exists: false, plan: null }, baseline: baseline(), maxIncreasePercent: 5 }));
    expect(v.verdict).toBe('pass');
    expect(v.gates.filter((g) => g.subject === 'same-offer').map((g) => [g.status, g.note])).toEqual([
      ['skip', 'the offer is no longer in the catalog'], ['skip', 'the offer is no longer in the catalog'],
    ]);
  });

  it('a baseline without a priced plan: the regression gate cannot be evaluated, so it fails (issue 16)', () => {
    const v = evaluateGates(facts({ baseline: baseline(aPlanDocument({ plans: [] })), maxIncreasePercent: 5 }));
    expect(v.verdict).toBe('fail');
    const gates = v.gates.filter((g) => g.gate === 'max-increase');
    expect(gates.length).toBe(2);
    expect(gates.every((g) => g.status === 'fail' && g.note === 'the baseline has no priced plan')).toBe(true);
  });

  it('--baseline without --max-increase reports changes but adds no gate', () => {
    const v = evaluateGates(facts({ baseline: baseline(aPlanDocument({ digest: DIGEST_B })) }));
    expect(byGate(v)).toEqual(['feasible=pass']);
    expect(v.changes!.catalog).toEqual({ before: DIGEST_B, after: DIGEST_A, changed: true });
  });

  it('field changes: dotted paths for nested, added and removed fields, in current key order', () => {
    const before = { model: aModel({ layers: 24 }), training: aTraining({ tokens: 1e9 }) };
    const after = { model: { ...aModel({ layers: 32 }), moe: { experts: 8, activeExperts: 2 } }, training: aTraining({ tokens: 2e9, sequenceLength: 4096 }) };
    expect(fieldChanges(before, after)).toEqual([
      { field: 'model.layers', before: 24, after: 32 },
      { field: 'model.moe.experts', before: null, after: 8 },
      { field: 'model.moe.activeExperts', before: null, after: 2 },
      { field: 'training.tokens', before: 1e9, after: 2e9 },
      { field: 'training.sequenceLength', before: 2048, after: 4096 },
    ]);
  });
});
