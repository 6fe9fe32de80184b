import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const golden = (name: string) => `./__golden__/${name}`;
const transcript = (args: string[], r: ReturnType<typeof runCli>) =>
  `$ trainplan ${args.join(' ')}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}--- exit code: ${r.code}\n`;
/** Paths in goldens stay relative to the package root; the CLI gets absolute ones (it runs from test/). */
const abs = (args: string[]) => args.map((a) => (/^(examples|test)\//.test(a) ? `${ROOT}/${a}` : a));

describe('trainplan fleet (golden)', () => {
  it.each([
    ['fleet-startup-1b.txt', ['fleet', 'examples/startup-1b.yaml', '--horizon-years', '3', '--runs-per-year', '6']],
    ['fleet-startup-1b-owned.txt', ['fleet', 'examples/startup-1b.yaml', '--horizon-years', '2', '--runs-per-year', '4', '--catalog', 'test/fixtures/fleet/lab-fleet.yaml', '--fleet', 'lab-h100']],
    ['fleet-electricity-warning.txt', ['fleet', 'examples/startup-1b.yaml', '--horizon-years', '1', '--catalog', 'test/fixtures/fleet/electricity-80-usd-per-kwh.yaml']],
    ['fleet-zero-gpus.txt', ['fleet', 'examples/startup-1b.yaml', '--horizon-years', '1', '--catalog', 'test/fixtures/fleet/zero-gpus.yaml']],
    ['fleet-negative-capex.txt', ['fleet', 'examples/startup-1b.yaml', '--horizon-years', '1', '--catalog', 'test/fixtures/fleet/negative-capex.yaml']],
    ['fleet-pue-below-one.txt', ['fleet', 'examples/startup-1b.yaml', '--horizon-years', '1', '--catalog', 'test/fixtures/fleet/pue-below-one.yaml']],
    ['fleet-horizon-zero.txt', ['fleet', 'examples/startup-1b.yaml', '--horizon-years', '0']],
  ])('%s', async (name, args) => {
    const r = runCli(abs(args));
    await expect(transcript(args, { ...r, stderr: r.stderr.replaceAll(ROOT + '/', '') })).toMatchFileSnapshot(golden(name));
  });

  it('--json: one document, deterministic, with every option and the mix', () => {
    // On H100s, whose purchase price is in hardware-catalog/purchase-prices.yaml, so that "buy" is an option
    // (the cheapest accelerator for this run is now an L40S rental, which has no purchase price there).
    const args = abs(['fleet', 'examples/startup-1b.yaml', '--horizon-years', '3', '--runs-per-year', '6', '--accelerators', 'h100-sxm', '--json']);
    const a = runCli(args);
    expect(a.code).toBe(0);
    expect(runCli(args).stdout).toBe(a.stdout);
    const doc = JSON.parse(a.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, tool: { name: 'trainplan' }, command: 'fleet', input: { horizonYears: 3, runsPerYear: 6 } });
    expect(doc.options.map((o: { kind: string }) => o.kind)).toEqual(expect.arrayContaining(['on-demand', 'buy']));
    expect(doc.recommendedMix.slices.length).toBeGreaterThan(0);
    expect(doc.breakEvenUtilization['on-demand']).toBeGreaterThan(0);
  });
});

describe('trainplan budget (golden)', () => {
  it.each([
    ['budget-50k-14d.txt', ['budget', '--usd', '50K', '--days', '14', '--accelerators', 'h100-sxm', '--providers', 'lambda']],
    ['budget-50k-14d-1b.txt', ['budget', '--usd', '50K', '--days', '14', '--params', '1B', '--accelerators', 'h100-sxm', '--providers', 'lambda']],
    ['budget-too-small.txt', ['budget', '--usd', '0.01', '--days', '1', '--accelerators', 'h100-sxm', '--providers', 'lambda']],
    ['budget-missing-days.txt', ['budget', '--usd', '1M']],
    ['budget-unknown-accelerator.txt', ['budget', '--usd', '1M', '--days', '30', '--accelerators', 'h100-sx']],
  ])('%s', async (name, args) => {
    await expect(transcript(args, runCli(args))).toMatchFileSnapshot(golden(name));
  });

  it('--json carries the model, the tokens and the plan within the money and time', () => {
    const r = runCli(['budget', '--usd', '50K', '--days', '14', '--accelerators', 'h100-sxm', '--providers', 'lambda', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.command).toBe('budget');
    expect(doc.tokensPerParameter).toBe(20);
    expect(doc.plan.cost.usd).toBeLessThanOrEqual(50_000);
    expect(doc.plan.time.totalSeconds / 86400).toBeLessThanOrEqual(14);
    expect(doc.rule).toContain('Hoffmann et al. 2022');
  });
});

describe('trainplan plan with an owned fleet', () => {
  it('--pricing owned places the run on the fleet, within its 64 GPUs', () => {
    const r = runCli(abs(['plan', 'examples/startup-1b.yaml', '--catalog', 'test/fixtures/fleet/lab-fleet.yaml', '--pricing', 'owned,on-demand', '--json']));
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const owned = doc.plans.filter((p: { pricing: string }) => p.pricing === 'owned');
    expect(owned.length).toBeGreaterThan(0);
    for (const p of owned) expect(p.gpus).toBeLessThanOrEqual(64);
    expect(doc.plans[0].provider).toBe('owned');
  });
});
