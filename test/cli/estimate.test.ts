import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/estimator/index.js';
import { getAccelerator } from '../../src/catalog/index.js';
import { loadBuiltinCatalog, loadModelFile } from '../../src/io/index.js';
import { example, fixture, runCli } from '../helpers/cli.js';

const golden = (name: string) => `./__golden__/${name}`;
const transcript = (args: string[], r: ReturnType<typeof runCli>) =>
  `$ trainplan ${args.join(' ')}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}--- exit code: ${r.code}\n`;

describe('trainplan estimate', () => {
  const base = ['estimate', 'examples/llama3-8b.yaml', '--accelerator', 'h100-sxm', '--gpus', '64', '--tp', '2', '--zero', '1'];

  it('prints the breakdown table (golden)', async () => {
    const args = base;
    const r = runCli(args.map((a) => (a.startsWith('examples/') ? example(a.slice(9)) : a)));
    expect(r.code).toBe(0);
    await expect(transcript(args, r)).toMatchFileSnapshot(golden('estimate-llama3-8b.txt'));
  });

  it('--json carries the contract fields and equals the library estimate', () => {
    const r = runCli([...base.slice(0, 1), example('llama3-8b.yaml'), ...base.slice(2), '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schemaVersion).toBe(1);
    for (const k of ['model', 'layout', 'flops', 'memory', 'time', 'throughput', 'cost', 'assumptions']) expect(doc).toHaveProperty(k);
    expect(Object.keys(doc.layout)).toEqual(expect.arrayContaining(['gpus', 'tp', 'pp', 'dp', 'cp', 'ep', 'vpp', 'microBatch', 'gradientAccumulation', 'zero', 'recompute', 'sequenceParallel']));
    expect(Object.keys(doc.memory.breakdown)).toEqual(expect.arrayContaining(['weights', 'gradients', 'optimizer', 'activations', 'other']));
    expect(doc.throughput.mfu).toBeGreaterThan(0);
    expect(doc.throughput.mfu).toBeLessThan(1);
    const m = loadModelFile(example('llama3-8b.yaml'));
    const lib = estimate({
      model: m.model, training: m.training, accelerator: getAccelerator(loadBuiltinCatalog(), 'h100-sxm'),
      layout: { gpus: 64, tp: 2, pp: 1, cp: 1, ep: 1, vpp: 1, microBatch: 1, zero: 1, recompute: 'selective', sequenceParallel: true, precision: m.training.precision },
    });
    if (!lib.ok) throw new Error('rejected');
    expect(doc.time.stepSeconds).toBeCloseTo(lib.estimate.time.stepSeconds, 4);
    expect(doc.memory.perGpuBytes).toBeCloseTo(lib.estimate.memory.perGpuBytes, -4);
  });

  it('is byte-identical across runs', () => {
    const args = [...base.slice(0, 1), example('llama3-8b.yaml'), ...base.slice(2), '--json'];
    expect(runCli(args).stdout).toBe(runCli(args).stdout);
  });

  it('exits 1 when the layout does not fit, and still prints the estimate', () => {
    const r = runCli(['estimate', example('llama3-70b.yaml'), '--accelerator', 'h100-sxm', '--gpus', '8', '--zero', '0']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('DOES NOT FIT');
    expect(r.stderr).toMatch(/do not fit/);
  });

  it.each([
    [['--accelerator', 'h100-sxn', '--gpus', '8'], /unknown accelerator "h100-sxn" \(did you mean h100-sxm\?\)/],
    [['--accelerator', 'h100-sxm', '--gpus', '8', '--tp', '3'], /not divisible by tp·pp·cp = 3 \(nearest valid tp·pp·cp: 2 or 4\)/],
    [['--accelerator', 'h100-sxm', '--gpus', 'eight'], /--gpus: expected a whole number/],
    [['--accelerator', 'h100-sxm'], /--gpus is required/],
    [['--accelerator', 'a100-sxm-80gb', '--gpus', '8', '--precision', 'fp8'], /no FP8/],
    [['--accelerator', 'tpu-v5p', '--gpus', '8', '--precision', 'fp8'], /--precision: tpu-v5p has no FP8 tensor units: TPU v5p MXUs run BF16 .* no FP8/],
    [['--accelerator', 'trn1', '--gpus', '16', '--precision', 'fp8'], /trn1 has no FP8 tensor units/],
    [['--accelerator', 'h100-sxm', '--gpus', '8', '--recompute', 'some'], /--recompute: expected none, selective, full, op-level or partial.*\(did you mean none\?\)/],
  ])('exit 2 with one line for %j', (flags, message) => {
    const r = runCli(['estimate', example('llama3-8b.yaml'), ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('in JSON mode an error is still one JSON document on stdout', () => {
    const r = runCli(['estimate', example('llama3-8b.yaml'), '--accelerator', 'nope', '--gpus', '8', '--json']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.error.code).toBe('CATALOG_UNKNOWN_ACCELERATOR');
  });

  it('a model file that trains in fp8 on a part without FP8 units: exit 2, the reason names training.precision', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tp-fp8-'));
    try {
      const file = join(dir, 'fp8.yaml');
      writeFileSync(file, readFileSync(example('llama3-8b.yaml'), 'utf8').replace(/precision: *bf16/, 'precision: fp8'));
      const r = runCli(['estimate', file, '--accelerator', 'tpu-v6e', '--gpus', '8']);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/fp8\.yaml: training\.precision: tpu-v6e has no FP8 tensor units.*\(the model file trains in fp8\)/);
      expect(r.stdout).toBe('');
      expect(runCli(['estimate', file, '--accelerator', 'h100-sxm', '--gpus', '8', '--tp', '8']).code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an unmeasured accelerator is flagged in the warnings and gets a wider band', () => {
    const run = (id: string) => JSON.parse(runCli(['estimate', example('llama3-8b.yaml'), '--accelerator', id, '--gpus', '64', '--tp', '2', '--json']).stdout);
    const trn = run('trn2');
    const h100 = run('h100-sxm');
    expect(trn.assumptions.efficiency.measured).toBe(false);
    expect(trn.warnings.map((w: { message: string }) => w.message).join('\n')).toMatch(/trn2 has no public efficiency measurement/);
    expect(trn.warnings.filter((w: { code: string }) => w.code === 'ACCELERATOR_UNMEASURED')).toHaveLength(1);
    expect(h100.warnings.map((w: { message: string }) => w.message).join('\n')).not.toMatch(/no public efficiency measurement/);
    const width = (d: { time: { stepSeconds: number; stepSecondsRange: { low: number; high: number } } }) => (d.time.stepSecondsRange.high - d.time.stepSecondsRange.low) / d.time.stepSeconds;
    expect(width(trn)).toBeGreaterThan(width(h100));
  });

  it('a bad model file names the file and line', () => {
    const r = runCli(['estimate', fixture('models', 'unknown-key.yaml'), '--accelerator', 'h100-sxm', '--gpus', '8']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown-key\.yaml:\d+:\d+: .*did you mean/);
  });
});
