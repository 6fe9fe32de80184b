import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { baselineFacts, evaluateGates, type GateFacts } from '../../src/planner/index.js';
import { buildCheckDocument, checkJson, renderCheckMarkdown, renderCheckTable } from '../../src/report/index.js';
import { baselineDocumentSchema, checkDocumentSchema, type PlanPoint } from '../../src/schema/index.js';
import { aModel, aTraining } from '../helpers/builders.js';
import { aPlanDocument, aPlanEntry, aPlanPoint, DIGEST_A, DIGEST_B } from '../helpers/plan-docs.js';

const DAY = 86400;
const plain = new Chalk({ level: 0 });

function checkDoc(over: Partial<GateFacts> = {}, plans: PlanPoint[] = [aPlanPoint()]) {
  const facts: GateFacts = {
    best: plans[0] ?? null, relaxed: null, infeasibleReason: null, budgetUsd: 2e6, deadlineDays: 30, baseline: null, maxIncreasePercent: null,
    current: { model: aModel({ layers: 32 }), training: aTraining(), catalogDigest: DIGEST_A }, sameOffer: null, ...over,
  };
  const base = aPlanDocument();
  return buildCheckDocument({
    tool: { name: 'trainplan', version: '0.1.0' }, modelFile: 'model.yaml', model: aModel({ layers: 32 }), training: aTraining(),
    catalog: { snapshotDate: '2026-01-15', digest: DIGEST_A },
    baseline: facts.baseline ? { file: 'baseline.json', maxIncreasePercent: facts.maxIncreasePercent } : null,
    verdict: evaluateGates(facts),
    search: {
      constraints: { ...base.input.constraints, budgetUsd: facts.budgetUsd, deadlineDays: facts.deadlineDays },
      plans: plans.map((p, i) => aPlanEntry(p, i + 1)), search: base.search, fixes: plans.length ? [] : ['raise --max-gpus above 1024'],
    },
    warnings: [],
  });
}

const regression = () =>
  checkDoc(
    { baseline: baselineFacts(baselineDocumentSchema.parse(aPlanDocument({ digest: DIGEST_B }))), maxIncreasePercent: 10, sameOffer: { exists: true, plan: aPlanPoint({ usd: 1.4e6, totalSeconds: 14 * DAY }) } },
    [aPlanPoint({ usd: 1.3e6, totalSeconds: 13 * DAY })],
  );

describe('check document and renderers', () => {
  it.each([
    ['a pass without baseline', () => checkDoc()],
    ['a regression against a baseline', regression],
    ['nothing feasible', () => checkDoc({ best: null, infeasibleReason: 'no layout fits in memory' }, [])],
  ])('%s parses with the check schema and can be read back as a baseline', (_name, make) => {
    const doc = make();
    expect(checkDocumentSchema.safeParse(doc).error?.issues ?? []).toEqual([]);
    expect(baselineDocumentSchema.safeParse(JSON.parse(checkJson(doc))).success).toBe(true);
  });

  it('the summary says which gate failed and by how much', () => {
    const doc = regression();
    expect(doc.verdict).toBe('fail');
    expect(doc.summary).toBe('FAIL: max-increase (cost, best plan) +30.0% > +10.0%; max-increase (time, best plan) +30.0% > +10.0%; '
      + 'max-increase (cost, baseline offer) +40.0% > +10.0%; max-increase (time, baseline offer) +40.0% > +10.0%');
    expect(doc.gates[3]!.message).toBe('cost +30.0% vs the baseline, above the +10.0% limit');
    expect(checkDoc().summary).toBe('PASS: 3 gates passed; best plan $1.00M, 10.0 days on 64 × h100-sxm · aws p5.48xlarge · on-demand');
  });

  it('budget failure message names the excess in dollars and percent', () => {
    const relaxed = { fastest: aPlanPoint({ totalSeconds: 5 * DAY, usd: 4e6 }), cheapestInDeadline: aPlanPoint({ usd: 2.5e6 }), cheapest: aPlanPoint({ usd: 2.5e6 }) };
    const doc = checkDoc({ best: null, relaxed }, []);
    expect(doc.gates.find((g) => g.gate === 'budget')!.message).toBe('the cheapest qualifying plan costs $2.50M: $500.0K (+25.0%) over the $2.00M budget');
  });

  it('markdown: verdict heading, before → after table with changed fields and catalog, gates table', () => {
    const md = renderCheckMarkdown(regression());
    expect(md).toContain('### trainplan check: ❌ FAIL — test-model');
    expect(md).toContain('| best plan | 64 × h100-sxm · aws p5.48xlarge · on-demand | 64 × h100-sxm · aws p5.48xlarge · on-demand |  |');
    expect(md).toContain('| cost | $1.00M | $1.30M | +30.0% |');
    expect(md).toContain('| on 64 × aws p5.48xlarge cost | $1.00M | $1.40M | +40.0% |');
    expect(md).toContain('| model.layers | 24 | 32 |  |');
    expect(md).toMatch(/\| catalog \| sha256:bbbbbbbbbbbb… \| sha256:aaaaaaaaaaaa… \| changed \|/);
    expect(md).toContain('| max-increase (cost, best plan) | ❌ fail | +10.0% | +30.0% |');
  });

  it('table: no colour codes with a level-0 chalk; csv lists the gates', () => {
    const t = renderCheckTable(regression(), 'table', plain);
    expect(t).not.toMatch(/\x1b\[/);
    expect(t.split('\n')[0]).toMatch(/^FAIL: /);
    expect(renderCheckTable(checkDoc(), 'csv', plain).split('\n')[0]).toBe('gate,subject,metric,status,unit,limit,actual,excess,excessPercent,detail');
  });
});
