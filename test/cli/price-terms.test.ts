import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, fixture, runCli } from '../helpers/cli.js';

// test/fixtures/catalogs/price-terms.yaml: termco (on-demand $40, capacity block $20, ≤ 3 days, ≤ 4 instances),
// cheapco (third-party $8) and listco (list $24), all 8 × H100.
const FILE = fixture('catalogs', 'price-terms.yaml');
const MODEL = example('startup-1b.yaml');
const TERM = ['--providers', 'termco', '--accelerators', 'h100-sxm', '--pricing', 'on-demand,capacity-block', '--deadline-days', 'none', '--max-gpus', '64', '--top', '20', '--json'];

/** The fixture with termco's capacity-block term set to `maxDays`. */
function withTerm(maxDays: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'trainplan-terms-'));
  const path = join(dir, 'terms.yaml');
  writeFileSync(path, readFileSync(FILE, 'utf8').replace('maxDays: 3,', `maxDays: ${maxDays},`));
  return path;
}

type Plan = { pricing: string; gpus: number; time: { totalDays: number }; capacity: { maxInstances: number | null } };

describe('capacity-block pricing through the CLI', () => {
  const open = JSON.parse(runCli(['plan', MODEL, '--catalog', FILE, ...TERM]).stdout);
  const blocks = (doc: { plans: Plan[] }) => doc.plans.filter((p) => p.pricing === 'capacity-block');

  it('wins at half the on-demand price within its 3-day term, never above its 4-instance limit', () => {
    expect(open.plans[0].pricing).toBe('capacity-block');
    expect(open.plans[0].time.totalDays).toBeLessThanOrEqual(3);
    expect(blocks(open).length).toBeGreaterThan(0);
    for (const p of blocks(open)) {
      expect(p.gpus).toBeLessThanOrEqual(32);
      expect(p.capacity.maxInstances).toBe(4);
    }
    expect(open.plans.some((p: Plan) => p.pricing === 'on-demand' && p.gpus === 64)).toBe(true);
  });

  it('a shorter term rejects the longer block plans (past-term-limit) and keeps the shorter ones', () => {
    const days = blocks(open).map((p) => p.time.totalDays).sort((a, b) => a - b);
    const limit = (days[0]! + days[days.length - 1]!) / 2;
    const r = runCli(['plan', MODEL, '--catalog', withTerm(limit), ...TERM]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.search.rejected.byReason['past-term-limit']).toBeGreaterThan(0);
    expect(blocks(doc).length).toBeGreaterThan(0);
    for (const p of blocks(doc)) expect(p.time.totalDays).toBeLessThanOrEqual(limit);
  });

  it('capacity-block alone past its term: exit 1, the term as the reason, a pricing fix', () => {
    const fastest = Math.min(...blocks(open).map((p) => p.time.totalDays));
    const args = ['plan', MODEL, '--catalog', withTerm(fastest / 2), ...TERM.filter((a) => a !== '--json'), '--pricing', 'capacity-block'];
    // --pricing is repeatable (collected); pass only capacity-block.
    const i = args.indexOf('on-demand,capacity-block');
    args.splice(i - 1, 2);
    const r = runCli(args);
    expect(r.code).toBe(1);
    expect(r.stdout.replace(/\n +/g, ' ')).toMatch(/term limit: capacity-block sells at most [\d.]+ days/);
    expect(r.stdout.replace(/\n +/g, ' ')).toContain('--pricing capacity-block,on-demand');
  });

  it('estimate --pricing capacity-block warns when the run is longer than the term', () => {
    const r = runCli(['estimate', MODEL, '--catalog', withTerm(0.5), '--accelerator', 'h100-sxm', '--gpus', '8', '--provider', 'termco', '--instance', '8x-h100', '--pricing', 'capacity-block']);
    expect(r.code).toBe(0);
    expect(r.stderr + r.stdout).toMatch(/capacity-block on termco\/8x-h100 sells at most 0.5 days; this run takes [\d.]+ days/);
  });

  it('catalog offers shows the block price and term (--wide, JSON)', () => {
    const wide = runCli(['catalog', 'offers', '--catalog', FILE, '--provider', 'termco', '--wide']);
    expect(wide.code).toBe(0);
    expect(wide.stdout).toContain('block $/h');
    const doc = JSON.parse(runCli(['catalog', 'offers', '--catalog', FILE, '--provider', 'termco', '--pricing', 'capacity-block', '--json']).stdout);
    const o = doc.offers.find((x: { provider: string }) => x.provider === 'termco');
    expect(o.usdPerHour).toMatchObject({ onDemand: 40, capacityBlock: 20, flexStart: null });
    expect(o.usdPerGpuHour.capacityBlock).toBe(2.5);
    expect(o.termLimits).toEqual({ capacityBlock: { maxDays: 3, maxInstances: 4, durations: '1-3 days' } });
  });
});

describe('--min-price-confidence', () => {
  const base = ['--catalog', FILE, '--providers', 'cheapco,listco', '--accelerators', 'h100-sxm', '--deadline-days', 'none', '--max-gpus', '32'];

  it('plan: by default the third-party quote wins; with list, it is skipped and listed, and the list price wins', () => {
    const dflt = JSON.parse(runCli(['plan', MODEL, ...base, '--json']).stdout);
    expect(dflt.plans[0].provider).toBe('cheapco');
    expect(dflt.search.skippedOffers).toBeUndefined();
    expect(dflt.input.constraints.minPriceConfidence).toBeUndefined();
    const r = runCli(['plan', MODEL, ...base, '--min-price-confidence', 'list', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.input.constraints.minPriceConfidence).toBe('list');
    expect(doc.plans.every((p: { provider: string }) => p.provider === 'listco')).toBe(true);
    expect(doc.search.skippedOffers).toEqual([{ provider: 'cheapco', instance: '8x-h100', accelerator: 'h100-sxm', priceConfidence: 'third-party' }]);
    const table = runCli(['plan', MODEL, ...base, '--min-price-confidence', 'list']);
    expect(table.stdout.replace(/\n +/g, ' ')).toContain('skipped 1 offer(s) below price confidence list: cheapco/8x-h100 (third-party)');
    // third-party keeps everything: the default's answer.
    expect(JSON.parse(runCli(['plan', MODEL, ...base, '--min-price-confidence', 'third-party', '--json']).stdout).plans[0].provider).toBe('cheapco');
  });

  it('check, budget and fleet accept it; a bad class is exit 2 naming the flag', () => {
    const check = runCli(['check', MODEL, ...base, '--min-price-confidence', 'list', '--json']);
    expect([0, 1]).toContain(check.code);
    expect(JSON.parse(check.stdout).plans?.[0]?.provider ?? 'listco').toBe('listco');
    const budget = runCli(['budget', '--usd', '20K', '--days', '30', '--catalog', FILE, '--providers', 'cheapco,listco', '--min-price-confidence', 'list', '--json']);
    expect(budget.code).toBe(0);
    const b = JSON.parse(budget.stdout);
    expect(b.plan.provider).toBe('listco');
    expect(b.warnings.find((w: { code: string }) => w.code === 'PRICES_SKIPPED').message).toContain('cheapco/8x-h100 (third-party)');
    const fleet = runCli(['fleet', MODEL, '--horizon-years', '1', '--catalog', FILE, '--providers', 'cheapco,listco', '--accelerators', 'h100-sxm', '--min-price-confidence', 'list', '--json']);
    expect(fleet.code).toBe(0);
    const f = JSON.parse(fleet.stdout);
    expect(f.runs[0].plan.provider).toBe('listco');
    expect(f.warnings.map((w: { code: string }) => w.code)).toContain('PRICES_SKIPPED');
    const fleetDefault = JSON.parse(runCli(['fleet', MODEL, '--horizon-years', '1', '--catalog', FILE, '--providers', 'cheapco,listco', '--accelerators', 'h100-sxm', '--json']).stdout);
    expect(fleetDefault.runs[0].plan.provider).toBe('cheapco');
    const bad = runCli(['plan', MODEL, ...base, '--min-price-confidence', 'certain']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('--min-price-confidence');
    expect(bad.stdout).toBe('');
  });
});

describe('built-in GCP Flex-start prices (no user catalog)', () => {
  const FLEX = ['--providers', 'gcp', '--accelerators', 'h100-sxm', '--top', '3', '--json'];

  it('a short LoRA run picks Flex-start on GCP within its 7-day term, at the row\'s per-GPU-hour price', () => {
    const r = runCli(['plan', example('llama3-70b-lora.yaml'), '--pricing', 'on-demand,flex-start', ...FLEX]);
    expect(r.code).toBe(0);
    const best = JSON.parse(r.stdout).plans[0];
    expect([best.provider, best.pricing]).toEqual(['gcp', 'flex-start']);
    expect(best.time.totalDays).toBeLessThanOrEqual(7);
    // a3-highgpu-8g: 37.662504 per instance-hour = 4.707813 per GPU-hour (DWS SKUs; hardware-catalog/offers/gcp.yaml)
    expect(best.cost.usdPerGpuHour).toBeCloseTo(37.662504 / 8, 4);
    expect(best.cost.usd).toBeCloseTo(best.cost.gpuHours * best.cost.usdPerGpuHour, 1);
  });

  it('a 15T-token pretraining run is past the 7-day term: exit 1, the term as the reason', () => {
    const r = runCli(['plan', example('llama3-8b.yaml'), '--pricing', 'flex-start', ...FLEX]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).infeasible.reason).toMatch(/flex-start sells at most 7 days/);
  });
});
