import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateRequest, InputError, plan } from '../src/index.js';
import { loadBuiltinCatalog, loadModelFile } from '../src/io/index.js';
import { runCli } from './helpers/cli.js';

const ROOT = join(import.meta.dirname, '..');
const blocks = [...readFileSync(join(ROOT, 'docs', 'library.md'), 'utf8').matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);

/** Runs one block as written, importing the built package by its name from the package root. */
const run = (code: string) => spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });

describe('docs/library.md: every example runs as written', () => {
  it('has the estimate, plan, check and error examples (then the schedule imports)', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(4);
  });

  it.each([
    ['estimate', 0, /^step \d+\.\d{3} s at bf16, MFU \d+\.\d%, fits: true\npriced on [a-z]+\/\S+: \$\d+\n$/],
    ['plan', 1, /^(#\d \d+ × \S+ @ \S+: \$\d+, \d+\.\d days\n){3}$/],
    ['check', 2, /^verdict: fail\n {2}feasible: pass\n {2}budget: fail\n/],
    ['errors', 3, /^true INVALID_REQUEST layout\.gpus\n$/],
  ])('%s', (_name, i, expected) => {
    const r = run(blocks[i]!);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(expected);
  });
});

describe('one library, one CLI', () => {
  const catalog = loadBuiltinCatalog();
  const { model, training } = loadModelFile(join(ROOT, 'examples', 'llama3-8b.yaml'));

  it('estimateRequest with only gpus gives exactly what `trainplan estimate` prints (precision from the model file, CLI defaults)', () => {
    const lib = estimateRequest({ model, training, catalog, accelerator: 'h100-sxm', layout: { gpus: 512 } });
    const cli = JSON.parse(runCli(['estimate', join(ROOT, 'examples', 'llama3-8b.yaml'), '--accelerator', 'h100-sxm', '--gpus', '512', '--json']).stdout);
    expect(lib.result.ok).toBe(true);
    if (!lib.result.ok) return;
    const e = lib.result.estimate;
    expect(e.layout.precision).toBe(training.precision);
    expect(Number(e.time.stepSeconds.toPrecision(6))).toBe(cli.time.stepSeconds);
    expect(Number(e.cost.usd!.toPrecision(6))).toBe(cli.cost.usd);
    expect({ ...cli.layout }).toMatchObject({ tp: e.layout.tp, zero: e.layout.zero, recompute: e.layout.recompute, sequenceParallel: e.layout.sequenceParallel });
  });

  it.each([
    ['a string GPU count', { layout: { gpus: '512' } }, 'layout.gpus'],
    ['no layout', { layout: undefined }, 'layout'],
    ['an unknown layout field', { layout: { gpus: 8, tensorParallel: 8 } }, 'layout'],
    ['a bad ZeRO stage', { layout: { gpus: 8, zero: 4 } }, 'layout.zero'],
    ['no training', { training: undefined }, 'training'],
    ['a catalog that is not one', { catalog: { accelerators: 'all' } }, 'catalog.accelerators'],
    ['an unknown pricing model', { pricing: 'monthly' }, 'pricing'],
  ])('a wrong-shaped call (%s) is an InputError naming %s, never a TypeError', (_label, over, location) => {
    const call = () => estimateRequest({ model, training, catalog, accelerator: 'h100-sxm', layout: { gpus: 8 }, ...over } as Parameters<typeof estimateRequest>[0]);
    expect(call).toThrow(InputError);
    try {
      call();
    } catch (e) {
      expect((e as InputError).location).toBe(location);
    }
  });

  it('plan() without an argument is an InputError too', () => {
    expect(() => (plan as unknown as () => void)()).toThrow(InputError);
  });
});
