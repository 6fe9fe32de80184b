import { describe, expect, it } from 'vitest';
import { example, fixture, runCli } from '../helpers/cli.js';

/** The widest stdout line in terminal columns (every character we print is one column wide). */
const width = (text: string): number => Math.max(...text.split('\n').map((l) => [...l].length));

const COMMANDS: [string, string[]][] = [
  ['plan', ['plan', example('startup-1b.yaml'), '--top', '3']],
  ['estimate', ['estimate', example('llama3-70b.yaml'), '--accelerator', 'h100-sxm', '--gpus', '1024', '--tp', '8', '--pp', '4', '--vpp', '5']],
  ['check', ['check', fixture('check', 'model.yaml')]],
  ['catalog accelerators', ['catalog', 'accelerators']],
  ['catalog show', ['catalog', 'show', 'h100-sxm']],
  ['presets', ['presets']],
  ['fleet', ['fleet', example('startup-1b.yaml'), '--horizon-years', '1']],
  ['budget', ['budget', '--usd', '50K', '--days', '14', '--accelerators', 'h100-sxm', '--providers', 'lambda']],
];

// Default output fits the terminal: COLUMNS when set, 100 when piped (these runs are piped).
describe.each([['COLUMNS=100', { COLUMNS: '100' }, 100], ['COLUMNS=160', { COLUMNS: '160' }, 160], ['piped, no COLUMNS', {}, 100]] as const)('default output at %s', (_label, env, limit) => {
  it.each(COMMANDS)('%s fits', { timeout: 60_000 }, (_name, args) => {
    const r = runCli(args, env);
    expect(r.code).toBe(0);
    expect(width(r.stdout)).toBeLessThanOrEqual(limit);
  });
});

describe('plan table: --wide, --columns, and the explained plan', { timeout: 60_000 }, () => {
  const m = example('llama3-70b.yaml');
  const plain = runCli(['plan', m]);

  it('the default table of the 70B example fits 100 columns and has the compact columns', () => {
    expect(plain.code).toBe(0);
    expect(width(plain.stdout)).toBeLessThanOrEqual(100);
    expect(plain.stdout).toMatch(/^#\s+◆\s+plan\s+layout\s+step\s+days\s+cost\s+MFU\s+flags$/m);
    expect(plain.stdout).toMatch(/^cost error band ±\d+%(–±\d+%)?: /m);
    expect(plain.stdout).toMatch(/TP\d+·PP\d+(·VPP\d+)?·DP\d+ mb\d+ Z\d/);
  });

  it('the header names the model, the constraints and the catalog; the best plan is explained; runners-up say what they lose', () => {
    expect(plain.stdout).toMatch(/model: 70\.\dB parameters \(70\.\dB active\) · 15\.0T tokens · [\d.]+e\+\d+ FLOP in total/);
    expect(plain.stdout).toMatch(/constraints: objective cost( \([a-z -]+\))? · deadline/);
    expect(plain.stdout).toMatch(/catalog: snapshot \d{4}-\d{2}-\d{2} \(sha256:[0-9a-f]{12}…\) ·\n? +prices shown \d+(–\d+)? days old on 2026-12-01/);
    expect(plain.stdout).toMatch(/^Why #1 \(/m);
    expect(plain.stdout).toMatch(/^Memory per GPU$/m);
    expect(plain.stdout).toMatch(/^Step time /m);
    expect(plain.stdout).toMatch(/^ {2}#2 [+−]\d+\.\d% cost, [+−]\d+\.\d% time: \d+\.\d\d× price\/GPU-h, \d+\.\d\d× GPU-hours \(\d+\.\d\d× GPUs, \d+\.\d\d× step\)$/m);
    expect(plain.stdout).toMatch(/MFU: model FLOPs ÷ the accelerator's dense bf16 peak/);
  });

  it('--wide prints every detailed column (the full table), wider than 100', () => {
    const r = runCli(['plan', example('startup-1b.yaml'), '--top', '3', '--wide']);
    expect(r.stdout).toMatch(/TP\/PP\/VPP\/CP\/EP\/DP/);
    expect(r.stdout).toMatch(/GPU-hours\s+cost\s+MFU\s+step range\s+cost range\s+±\s+goodput\s+t CO2e\s+flags/);
    expect(width(r.stdout)).toBeGreaterThan(100);
  });

  it('--columns picks and orders columns; an unknown one is exit 2 with a did-you-mean', () => {
    const r = runCli(['plan', example('startup-1b.yaml'), '--top', '2', '--columns', 'cost,rank,gpus']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ *cost\s+#\s+GPUs$/m);
    const bad = runCli(['plan', example('startup-1b.yaml'), '--columns', 'rank,MFU']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^trainplan: error: --columns: unknown column "MFU" \(did you mean mfu\? \(columns: rank, frontier, plan,/);
  });

  it('presets, catalog accelerators and catalog show take --wide and --columns too', () => {
    expect(runCli(['presets', '--columns', 'id,headDim']).stdout).toMatch(/^id\s+headDim$/m);
    expect(runCli(['presets', '--wide']).stdout).toMatch(/headDim.*attention/);
    expect(runCli(['catalog', 'accelerators', '--columns', 'id,tdp']).stdout).toMatch(/^id\s+TDP W$/m);
    expect(runCli(['catalog', 'show', 'h100-sxm', '--columns', 'provider,price']).stdout).toMatch(/^provider\s+\$\/GPU-h$/m);
    expect(runCli(['catalog', 'accelerators', '--columns', 'idd']).code).toBe(2);
  });
});

describe('CSV is raw numbers with units in the headers', () => {
  it('catalog accelerators --format csv', () => {
    const r = runCli(['catalog', 'accelerators', '--format', 'csv', '--accelerator', 'h100-sxm']);
    const [head, row] = r.stdout.trim().split('\n').map((l) => l.split(','));
    const cell = (name: string) => row![head!.indexOf(name)]!;
    expect(cell('memoryBytes')).toBe(String(80 * 2 ** 30));
    expect(cell('bf16Tflops')).toBe('989');
    expect(cell('fp4Tflops')).toBe('');
    expect(Number(cell('fromUsdPerGpuHour'))).toBeGreaterThan(0);
  });
});
