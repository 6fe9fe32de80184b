import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/report/index.js';
import { breakEvenMonth, scatterSpec } from '../../src/report/html/charts.js';
import { renderSvg } from '../../src/report/html/svg.js';
import { planDocumentSchema, type PlanDocument } from '../../src/schema/index.js';
import type { OptionResult } from '../../src/economics/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const doc = (name: string): PlanDocument => planDocumentSchema.parse(JSON.parse(readFileSync(join(ROOT, 'test/cli/__golden__', `plan-${name}.json`), 'utf8')));

describe('html report (pure)', () => {
  it('is the same string for the same input, twice in one process', async () => {
    const d = doc('llama3-8b');
    const input = { title: 't', doc: d, candidates: [], economics: null, warnings: [] };
    const a = await renderHtmlReport(input);
    const b = await renderHtmlReport(input);
    expect(b).toBe(a);
  });

  it('escapes text from the document and lists warnings', async () => {
    const d = doc('startup-1b');
    const html = await renderHtmlReport({ title: '<b>x</b> & y', doc: d, candidates: [], economics: null, warnings: ['price <old>'] });
    expect(html).toContain('<title>&lt;b&gt;x&lt;/b&gt; &amp; y</title>');
    expect(html).toContain('<li>price &lt;old&gt;</li>');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it('an infeasible document gets the reason and no charts', async () => {
    const d = doc('startup-1b');
    const html = await renderHtmlReport({ title: 't', doc: { ...d, plans: [], frontier: [], infeasible: { reason: 'nothing fits', fixes: [{ kind: 'more-gpus', message: 'use more GPUs' }] } }, candidates: [], economics: null, warnings: [] });
    expect(html).toContain('id="infeasible"');
    expect(html).toContain('nothing fits');
    expect(html).not.toContain('<svg');
  });

  it('the scatter labels exactly the top N and draws one point per candidate', async () => {
    const d = doc('llama3-70b');
    const spec = scatterSpec(d.plans, 2) as { data: { values: { label: string }[] } };
    expect(spec.data.values.filter((r) => r.label !== '').map((r) => r.label)).toEqual(['#1', '#2']);
    const svg = await renderSvg(scatterSpec(d.plans, d.plans.length));
    expect((svg.match(/aria-roledescription="point"/g) ?? []).length).toBe(d.plans.length);
    expect((svg.match(/<title>#1 /g) ?? []).length).toBe(1);
  });

  it('a chart spec that Vega-Lite warns about is a bug, not console noise', async () => {
    await expect(renderSvg({ data: { values: [{ a: 1 }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'quantitative', aggregate: 'nonsense' as 'sum' } } })).rejects.toThrow(/chart spec/);
  });
});

describe('breakEvenMonth', () => {
  const opt = (kind: OptionResult['kind'], values: number[]): OptionResult => ({ kind, label: kind, gpus: 1, usedGpuHoursPerYear: 0, utilization: 1, totalUsd: values.at(-1)!, cumulativeUsdByMonth: values, meetsDeadlines: true, notes: [] });
  it('is the first month from which buying stays at or below the cheapest rental', () => {
    expect(breakEvenMonth([opt('buy', [50, 52, 54, 56]), opt('on-demand', [20, 40, 60, 80]), opt('spot', [10, 30, 55, 70])])).toBe(3);
  });
  it('is null when buying never catches up, or catches up and falls behind again', () => {
    expect(breakEvenMonth([opt('buy', [50, 60, 70]), opt('on-demand', [10, 20, 30])])).toBeNull();
    expect(breakEvenMonth([opt('buy', [10, 50, 90]), opt('on-demand', [20, 40, 60])])).toBeNull();
  });
});
