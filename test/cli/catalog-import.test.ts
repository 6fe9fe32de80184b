import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { catalogDiffDocumentSchema } from '../../src/schema/index.js';

const golden = (name: string) => `./__golden__/${name}`;
const rel = (s: string) => s.replaceAll(ROOT + '/', '');
const transcript = (args: string[], r: ReturnType<typeof runCli>) =>
  `$ trainplan ${args.join(' ')}\n--- stdout\n${rel(r.stdout)}--- stderr\n${rel(r.stderr)}--- exit code: ${r.code}\n`;
const abs = (args: string[]) => args.map((a) => (/^(examples|test)\//.test(a) ? `${ROOT}/${a}` : a));
const fx = (name: string) => `test/fixtures/import/${name}`;

describe('trainplan catalog import (golden)', () => {
  it.each([
    // quoting (GpuInfo dicts with commas), CPU-only rows, spot in one zone only, a region without spot, unknown names
    ['import-skypilot-aws.txt', ['catalog', 'import', '--from', 'skypilot', fx('skypilot-aws.csv'), '--provider', 'aws', '--as-of', '2026-11-30']],
    // another column order and no AvailabilityZone column; no spot at all
    ['import-skypilot-lambda.txt', ['catalog', 'import', '--from', 'skypilot', fx('skypilot-lambda.csv'), '--provider', 'lambda', '--as-of', '2026-11-30']],
    // plain CSV: doubled quotes, two pricing models merged into one offer, oldest asOf kept, unknown accelerator
    // GpuInfo memory tells A100 40/80 GB, H100 SXM/NVL and V100 16/32 GB apart (per-GPU or total MiB); "pci" in the
    // instance picks the PCIe part; 99999999 spot is a "no spot" sentinel
    ['import-skypilot-memory.txt', ['catalog', 'import', '--from', 'skypilot', fx('skypilot-memory.csv'), '--provider', 'x', '--as-of', '2026-11-30']],
    // a row without a Region (SkyPilot's Seeweb file has them) keeps the offer, region "unspecified"
    ['import-skypilot-empty-region.txt', ['catalog', 'import', '--from', 'skypilot', fx('skypilot-empty-region.csv'), '--provider', 'seeweb', '--as-of', '2026-11-30']],
    // a real file, verbatim (skypilot-org/skypilot-catalog catalogs/v7/mithril/vms.csv @1ba9415d): Price and SpotPrice
    // before Region, no AvailabilityZone, GpuInfo last; A100 rows are 80 GB by GpuInfo; cheapest region first
    ['import-skypilot-mithril-v7.txt', ['catalog', 'import', '--from', 'skypilot', fx('skypilot-mithril-v7.csv'), '--provider', 'mithril', '--as-of', '2025-01-01']],
    ['import-csv-quotes.txt', ['catalog', 'import', '--from', 'csv', fx('quotes.csv')]],
    ['import-csv-bad-quote.txt', ['catalog', 'import', '--from', 'csv', fx('bad-quote.csv')]],
    ['import-csv-bad-pricing.txt', ['catalog', 'import', '--from', 'csv', fx('bad-pricing.csv')]],
    ['import-skypilot-bad-price.txt', ['catalog', 'import', '--from', 'skypilot', fx('bad-price.csv'), '--provider', 'aws', '--as-of', '2026-11-30']],
    ['import-skypilot-bad-width.txt', ['catalog', 'import', '--from', 'skypilot', fx('bad-width.csv'), '--provider', 'aws', '--as-of', '2026-11-30']],
    ['import-skypilot-no-provider.txt', ['catalog', 'import', '--from', 'skypilot', fx('skypilot-aws.csv'), '--as-of', '2026-11-30']],
    ['import-bad-as-of.txt', ['catalog', 'import', '--from', 'csv', fx('quotes.csv'), '--as-of', '2026-02-30']],
    // term and flex pricing lines: termMaxDays/termMaxInstances become the offer's termLimits
    ['import-csv-terms.txt', ['catalog', 'import', '--from', 'csv', fx('term-quotes.csv')]],
    ['import-csv-term-bad.txt', ['catalog', 'import', '--from', 'csv', fx('term-bad.csv')]],
    ['catalog-diff-files.txt', ['catalog', 'diff', fx('diff-old.yaml'), fx('quotes-imported.yaml')]],
  ])('%s', async (name, args) => {
    await expect(transcript(args, runCli(abs(args)))).toMatchFileSnapshot(golden(name));
  });
});

describe('trainplan catalog import', () => {
  it('--out writes a user catalog that --catalog accepts, with source and asOf on every row', () => {
    const out = join(tempDir('tp-import-'), 'aws.yaml');
    const r = runCli(['catalog', 'import', '--from', 'skypilot', join(ROOT, fx('skypilot-aws.csv')), '--provider', 'aws', '--as-of', '2026-11-30', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const doc = JSON.parse(runCli(['catalog', 'offers', '--json', '--catalog', out, '--provider', 'aws']).stdout);
    const p5 = doc.offers.find((o: { instance: string }) => o.instance === 'p5.48xlarge');
    // cheapest region's on-demand (us-east-1 55.04, not eu-west-1 61.2) and cheapest zone's spot (us-east-1c 19.75)
    expect(p5).toMatchObject({ usdPerHour: { onDemand: 55.04, spot: 19.75 }, region: 'us-east-1', regions: ['us-east-1', 'eu-west-1'], asOf: '2026-11-30' });
    const text = readFileSync(out, 'utf8');
    expect(text.match(/source:/g)?.length).toBe(2);
    expect(text.match(/asOf:/g)?.length).toBe(2);
  });

  it('malformed input: exit 2 naming file:line:col, and no output file (not even a partial one)', () => {
    const dir = tempDir('tp-import-bad-');
    const out = join(dir, 'never.yaml');
    const r = runCli(['catalog', 'import', '--from', 'csv', join(ROOT, fx('bad-pricing.csv')), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/bad-pricing\.csv:3:19: /);
    expect(existsSync(out)).toBe(false);
  });

  it('plain CSV lines read on different days give one asOf per pricing model (asOf = the oldest)', () => {
    const out = join(tempDir('tp-import-dates-'), 'q.yaml');
    expect(runCli(['catalog', 'import', '--from', 'csv', join(ROOT, fx('quotes.csv')), '--out', out]).code).toBe(0);
    const doc = JSON.parse(runCli(['catalog', 'offers', '--json', '--catalog', out, '--provider', 'acme-gpu']).stdout);
    const h100 = doc.offers.find((o: { instance: string }) => o.instance === '8x-h100');
    expect(h100).toMatchObject({ asOf: '2026-11-18', asOfByPricing: { onDemand: '2026-11-20', reserved1y: '2026-11-18' } });
    expect(doc.offers.find((o: { instance: string }) => o.instance === '1x-l40s').asOfByPricing).toBeNull();
  });

  it('capacity-block and flex-start lines round-trip: the imported file plans with their prices and terms', () => {
    const out = join(tempDir('tp-import-terms-'), 't.yaml');
    expect(runCli(['catalog', 'import', '--from', 'csv', join(ROOT, fx('term-quotes.csv')), '--out', out]).code).toBe(0);
    const doc = JSON.parse(runCli(['catalog', 'offers', '--json', '--catalog', out, '--provider', 'blockco']).stdout);
    expect(doc.offers[0]).toMatchObject({
      usdPerHour: { onDemand: 40, capacityBlock: 30, flexStart: 25 },
      termLimits: { capacityBlock: { maxDays: 182, maxInstances: 64 }, flexStart: { maxDays: 7 } },
      asOfByPricing: { onDemand: '2026-11-20', capacityBlock: '2026-11-21', flexStart: '2026-11-21' },
    });
    // startup-1b takes ~1-2 days on 8-64 H100s: flex-start (7 days) is feasible and cheapest.
    const plan = runCli(['plan', join(ROOT, 'examples/startup-1b.yaml'), '--catalog', out, '--providers', 'blockco', '--accelerators', 'h100-sxm',
      '--pricing', 'on-demand,capacity-block,flex-start', '--budget-usd', '1M', '--json']);
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout).plans[0].pricing).toBe('flex-start');
  });

  it('the committed imported fixture is what the importer writes today', () => {
    const r = runCli(['catalog', 'import', '--from', 'csv', join(ROOT, fx('quotes.csv'))]);
    expect(r.stdout).toBe(readFileSync(join(ROOT, fx('quotes-imported.yaml')), 'utf8'));
  });
});

describe('trainplan catalog diff', () => {
  it('--json: added, removed and per-pricing changes with percentages; byte-identical', () => {
    const args = ['catalog', 'diff', join(ROOT, fx('diff-old.yaml')), join(ROOT, fx('quotes-imported.yaml')), '--json'];
    const a = runCli(args);
    expect(a.code).toBe(0);
    expect(runCli(args).stdout).toBe(a.stdout);
    const doc = JSON.parse(a.stdout);
    expect(catalogDiffDocumentSchema.safeParse(doc).success).toBe(true);
    expect(doc.added).toEqual([]);
    expect(doc.removed.map((o: { instance: string }) => o.instance)).toEqual(['1x-a10']);
    expect(doc.unchanged).toBe(1);
    const byPricing = Object.fromEntries(doc.changed.map((c: { pricing: string }) => [c.pricing, c]));
    expect(byPricing['on-demand']).toMatchObject({ fromUsdPerHour: 30, toUsdPerHour: 24, changePercent: -20 });
    expect(byPricing['spot']).toMatchObject({ fromUsdPerHour: 12, toUsdPerHour: null, changePercent: null });
    expect(byPricing['reserved-1y']).toMatchObject({ fromUsdPerHour: null, toUsdPerHour: 17.6 });
  });

  it('against the built-in catalog compares only the providers the file lists', () => {
    const doc = JSON.parse(runCli(['catalog', 'diff', 'builtin', join(ROOT, fx('diff-old.yaml')), '--json']).stdout);
    expect(doc.providers).toEqual(['acme-gpu']);
    expect(doc.added).toHaveLength(3);
    for (const o of doc.added) expect(o.provider).toBe('acme-gpu');
  });
});
