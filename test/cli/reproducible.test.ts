import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateDocumentSchema } from '../../src/schema/index.js';
import { example, ROOT, runCli } from '../helpers/cli.js';

const runIn = (cwd: string, args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'bin', 'trainplan.js'), ...args], { cwd, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, encoding: 'utf8' });

/** Same inputs, same bytes: no timestamps, no absolute paths, stable key and row order. */
describe('reproducible JSON output', () => {
  const estimate = (model: string, cwd: string) => {
    const r = runIn(cwd, ['estimate', model, '--accelerator', 'h100-sxm', '--gpus', '64', '--tp', '2', '--json']);
    return { code: r.status, stdout: r.stdout };
  };

  it.each([
    ['catalog offers --json', ['catalog', 'offers', '--json']],
    ['catalog accelerators --json', ['catalog', 'accelerators', '--json']],
    ['presets --json', ['presets', '--json']],
    ['plan --json', ['plan', example('llama3-8b.yaml'), '--json']],
  ])('%s is byte-identical across runs', (_name, args) => {
    const a = runCli(args);
    expect(a.code).toBe(0);
    expect(runCli(args).stdout).toBe(a.stdout);
  });

  it('estimate --json is byte-identical across runs, cwds and absolute vs relative paths, and names no directory', () => {
    const a = estimate(example('llama3-8b.yaml'), join(ROOT, 'test'));
    const b = estimate('examples/llama3-8b.yaml', ROOT);
    expect(a.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
    expect(a.stdout).not.toContain(ROOT);
    expect(a.stdout).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(estimateDocumentSchema.safeParse(JSON.parse(a.stdout)).error?.issues ?? []).toEqual([]);
  });
});
