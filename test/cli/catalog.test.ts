import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTRACT_ACCELERATOR_IDS } from '../catalog/contract-ids.js';

const root = join(import.meta.dirname, '..', '..');
const fixture = (name: string) => join(root, 'test', 'fixtures', 'catalogs', name);

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'trainplan.js'), ...args], {
    cwd: join(root, 'test'), // any cwd: the built-in catalog is found next to the package
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('trainplan catalog', () => {
  it('offers --json lists >= 80 offers from >= 9 providers, each with asOf, source and per-GPU prices', () => {
    const r = run(['catalog', 'offers', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.tool.name).toBe('trainplan');
    expect(doc.catalog.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(doc.offers.length).toBeGreaterThanOrEqual(80);
    expect(new Set(doc.offers.map((o: { provider: string }) => o.provider)).size).toBeGreaterThanOrEqual(9);
    for (const o of doc.offers) {
      expect(Object.keys(o)).toEqual(expect.arrayContaining(['provider', 'instance', 'accelerator', 'acceleratorCount', 'region', 'usdPerHour', 'usdPerGpuHour', 'interconnect', 'asOf', 'source']));
      if (o.usdPerHour.onDemand !== null) expect(o.usdPerGpuHour.onDemand).toBeCloseTo(o.usdPerHour.onDemand / o.acceleratorCount, 5);
    }
    const prices = doc.offers.map((o: { usdPerGpuHour: { onDemand: number | null } }) => o.usdPerGpuHour.onDemand ?? Infinity);
    expect(prices).toEqual([...prices].sort((a: number, b: number) => a - b));
  });

  it('accelerators --json covers every contract id with dense peaks', () => {
    const r = run(['catalog', 'accelerators', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const ids = doc.accelerators.map((a: { id: string }) => a.id);
    expect(ids).toEqual(expect.arrayContaining(CONTRACT_ACCELERATOR_IDS));
    const h100 = doc.accelerators.find((a: { id: string }) => a.id === 'h100-sxm');
    expect(h100.peakTflops).toEqual({ fp32: 67, tf32: 494.5, bf16: 989, fp16: 989, fp8: 1979, fp4: null });
    expect(h100.scaleUp).toEqual({ domainSize: 8, bandwidthBytesPerSecond: 450e9 });
  });

  it('is byte-identical across runs', () => {
    expect(run(['catalog', 'offers', '--json']).stdout).toBe(run(['catalog', 'offers', '--json']).stdout);
  });

  it('filters by provider, accelerator, pricing, memory and price', () => {
    const doc = JSON.parse(run(['catalog', 'offers', '--json', '--provider', 'aws,gcp', '--pricing', 'spot', '--min-memory-gb', '100', '--max-usd-per-gpu-hour', '3']).stdout);
    expect(doc.offers.length).toBeGreaterThan(0);
    const accs = JSON.parse(run(['catalog', 'accelerators', '--json']).stdout).accelerators as { id: string; memoryBytes: number }[];
    const memory = new Map(accs.map((a) => [a.id, a.memoryBytes]));
    for (const o of doc.offers) {
      expect(['aws', 'gcp']).toContain(o.provider);
      expect(o.usdPerGpuHour.spot).toBeLessThanOrEqual(3);
      expect(memory.get(o.accelerator)).toBeGreaterThanOrEqual(100e9);
    }
    const one = JSON.parse(run(['catalog', 'offers', '--json', '--accelerator', 'tpu-v6e']).stdout);
    expect(new Set(one.offers.map((o: { accelerator: string }) => o.accelerator))).toEqual(new Set(['tpu-v6e']));
  });

  it('show prints the accelerator and the offers carrying it; csv and markdown work; no colour codes', () => {
    const table = run(['catalog', 'show', 'h200-sxm']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('141 GB');
    expect(table.stdout).toContain('p5en.48xlarge');
    expect(table.stdout).not.toMatch(/\x1b\[/);
    const csv = run(['catalog', 'offers', '--format', 'csv', '--accelerator', 'l4']);
    expect(csv.stdout.split('\n')[0]).toMatch(/^provider,instance,accelerator,/);
    expect(run(['catalog', 'accelerators', '--format', 'markdown']).stdout).toMatch(/^\| id \| name \|/);
    const shown = JSON.parse(run(['catalog', 'show', 'mi300x', '--json']).stdout);
    expect(shown.accelerator.memoryBytes).toBe(192 * 2 ** 30);
    expect(shown.offers.every((o: { accelerator: string }) => o.accelerator === 'mi300x')).toBe(true);
  });

  it('warns on stderr about prices older than 180 days before the snapshot', () => {
    const r = run(['catalog', 'offers', '--provider', 'azure']);
    expect(r.code).toBe(0);
    expect(r.stderr.replace(/\n {2}/g, ' ')).toMatch(/warning: \d+ offer\(s\) have prices more than 180 days older/);
    expect(r.stdout).not.toContain('warning');
    const all = run(['catalog', 'offers']);
    const lines = all.stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(100);
  });

  it('merges --catalog and TRAINPLAN_CATALOG files over the built-in catalog', () => {
    const flag = JSON.parse(run(['catalog', 'offers', '--json', '--provider', 'onprem', '--catalog', fixture('negotiated.yaml')]).stdout);
    expect(flag.offers.map((o: { instance: string }) => o.instance)).toEqual(['rack-a']);
    const env = JSON.parse(run(['catalog', 'offers', '--json', '--provider', 'aws'], { TRAINPLAN_CATALOG: fixture('negotiated.yaml') }).stdout);
    expect(env.offers.find((o: { instance: string }) => o.instance === 'p5.48xlarge').usdPerHour.onDemand).toBe(40);
  });

  it.each([
    [['catalog', 'show', 'h100-sxn'], /did you mean h100-sxm/],
    [['catalog', 'offers', '--accelerator', 'mi300'], /did you mean mi300x/],
    [['catalog', 'offers', '--provider', 'lamda'], /did you mean lambda/],
    [['catalog', 'offers', '--min-memory-gb', 'lots'], /--min-memory-gb/],
    [['catalog', 'offers', '--pricing', 'cheap'], /pricing/],
    [['catalog', 'offers', '--catalog', fixture('negative-price.yaml')], /negative-price\.yaml:7:\d+: offers\[0\] \(acme\/big-box\) usdPerHour\.onDemand/],
  ])('exits 2 on bad input: %j', (args, stderr) => {
    const r = run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(stderr);
  });

  it('prints the contract error document in JSON mode', () => {
    const r = run(['catalog', 'show', 'b20', '--json']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.error.code).toBe('CATALOG_UNKNOWN_ACCELERATOR');
    expect(doc.error.suggestion).toBe('did you mean b200?');
  });
});
