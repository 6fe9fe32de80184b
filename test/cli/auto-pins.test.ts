import { describe, expect, it } from 'vitest';
import { example, runCli } from '../helpers/cli.js';

// estimate's `auto` layout fields and plan/check's layout pins.
describe('layout pins and auto', () => {
  it('plan --tp 8 --pp 4 searches only those degrees, and says so in the constraints echo', () => {
    const r = runCli(['plan', example('llama3-70b.yaml'), '--tp', '8', '--pp', '4', '--accelerators', 'h100-sxm', '--max-gpus', '512', '--deadline-days', '36500', '--budget-usd', '1e12', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.input.constraints.pins).toEqual({ tp: 8, pp: 4 });
    const layouts = [...doc.plans, ...doc.frontier].map((p: { layout: { tp: number; pp: number } }) => [p.layout.tp, p.layout.pp]);
    expect(layouts.length).toBeGreaterThan(0);
    expect(new Set(layouts.map((l) => l.join('/')))).toEqual(new Set(['8/4']));
  });

  it('estimate --micro-batch auto --vpp auto picks what plan would: the fastest fitting layout at that GPU count', () => {
    const flags = ['--tp', '8', '--pp', '4', '--zero', '1', '--recompute', 'selective'];
    const e = runCli(['estimate', example('llama3-70b.yaml'), '--accelerator', 'h100-sxm', '--gpus', '64', ...flags, '--micro-batch', 'auto', '--vpp', 'auto', '--json']);
    expect(e.code).toBe(0);
    const doc = JSON.parse(e.stdout);
    expect(doc.auto.fields).toEqual(['vpp', 'microBatch']);
    const p = runCli(['plan', example('llama3-70b.yaml'), '--accelerators', 'h100-sxm', '--min-gpus', '64', '--max-gpus', '64', '--objective', 'time', '--deadline-days', '36500', '--budget-usd', '1e12', ...flags, '--cp', '1', '--json']);
    const best = JSON.parse(p.stdout).plans[0].layout;
    expect(doc.auto.chosen).toEqual({ vpp: best.vpp, microBatch: best.microBatch });
    expect(doc.layout.vpp).toBe(best.vpp);
    expect(doc.layout.microBatch).toBe(best.microBatch);
    expect(doc.memory.fits).toBe(true);
  });

  it('the table names the chosen values', () => {
    const r = runCli(['estimate', example('llama3-8b.yaml'), '--accelerator', 'h100-sxm', '--gpus', '8', '--zero', 'auto', '--micro-batch', 'auto']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/auto: micro-batch \d+, ZeRO [0-3] \(the fastest layout that fits/);
  });

  it.each([
    [['--gpus', '8', '--ep', 'auto'], /--ep: auto cannot apply: expert parallelism needs a mixture-of-experts model/],
    [['--gpus', '8', '--vpp', 'auto'], /--vpp: auto cannot apply: virtual pipeline stages need pp > 1/],
    [['--gpus', '8', '--tp', 'auto', '--recompute', 'op-level', '--framework', 'torchtitan'], /auto cannot apply with recompute op-level/],
    [['--gpus', '3', '--tp', 'auto'], /auto cannot apply: no layout of 3 × h100-sxm/],
  ])('auto where it cannot apply: exit 2 with one line (%j)', (flags, message) => {
    const r = runCli(['estimate', example('llama3-8b.yaml'), '--accelerator', 'h100-sxm', ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('plan --recompute op-level is exit 2 (the search covers none, selective, full)', () => {
    const r = runCli(['plan', example('llama3-8b.yaml'), '--recompute', 'op-level']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--recompute: the search covers recompute none, selective, full/);
  });
});
