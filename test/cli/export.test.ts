import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

// `trainplan export` of every example's golden plan document (test/cli/__golden__/plan-*.json) to every
// framework; a plan the framework cannot express is a golden too (exit 2 with the reason).
const GOLDEN = join(ROOT, 'test', 'cli', '__golden__');
const PLANS = readdirSync(GOLDEN).filter((f) => /^plan-.*\.json$/.test(f)).sort();
const FRAMEWORKS = ['megatron', 'nemo', 'deepspeed', 'torchtitan'];
const transcript = (args: string[], r: ReturnType<typeof runCli>) =>
  `$ trainplan ${args.join(' ')}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr.split(join(ROOT, 'test', 'cli')).join('test/cli')}--- exit code: ${r.code}\n`;
const run = (args: string[]) => runCli(args.map((a) => (a.startsWith('__golden__/') ? join(ROOT, 'test', 'cli', a) : a)));

describe.each(PLANS)('trainplan export %s', (plan) => {
  it.each(FRAMEWORKS)('--to %s (golden)', async (fw) => {
    const args = ['export', `__golden__/${plan}`, '--to', fw];
    const r = run(args);
    expect([0, 2]).toContain(r.code);
    if (r.code === 2) expect(r.stdout).toBe('');
    if (r.code === 2) expect(r.stderr.trim().split('\n')).toHaveLength(1);
    await expect(transcript(args, r)).toMatchFileSnapshot(`./__golden__/export/${plan.replace(/\.json$/, '')}-${fw}.txt`);
  });
});

describe('trainplan export: ranks, estimates and bad input', () => {
  it('--rank 2 exports the second plan', () => {
    const r = run(['export', '__golden__/plan-llama3-8b.json', '--to', 'megatron', '--rank', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/plan 2 of llama3-8b\.yaml/);
  });

  it('an estimate document exports with the instance count of its offer', () => {
    const dir = tempDir('trainplan-export-');
    const est = runCli(['estimate', join(ROOT, 'examples', 'llama3-8b.yaml'), '--accelerator', 'h100-sxm', '--gpus', '64', '--tp', '2', '--provider', 'vast', '--instance', '8x-H100_SXM', '--json']);
    expect(est.code).toBe(0);
    const file = join(dir, 'estimate.json');
    writeFileSync(file, est.stdout);
    const r = runCli(['export', file, '--to', 'torchtitan']);
    expect(r.code).toBe(0);
    const offer = JSON.parse(est.stdout).cost;
    expect(r.stdout).toContain(`on ${offer.provider} ${offer.instance}`);
    expect(r.stdout).toMatch(/torchrun --nnodes 8 --nproc-per-node 8/);
    expect(r.stdout).toMatch(/tensor_parallel_degree = 2/);
  });

  it.each([
    [['--to', 'megatorn'], /unknown framework "megatorn" \(did you mean megatron\?\)/],
    [[], /--to: which framework/],
    [['--to', 'nemo', '--rank', '99'], /--rank: rank 99 is not in the document/],
    [['--to', 'nemo', '--rank', '0'], /--rank: expected a whole number/],
  ])('%j: exit 2, one line', (flags, message) => {
    const r = run(['export', '__golden__/plan-llama3-8b.json', ...flags]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it.each([
    ['not JSON', 'not json {', /not valid JSON/],
    ['another tool', '{"tool":{"name":"other"}}', /not a trainplan JSON document/],
    ['a check document', '{"schemaVersion":1,"tool":{"name":"trainplan","version":"0.1.0"},"command":"check"}', /is a "check" document/],
    ['a broken plan', '{"schemaVersion":1,"tool":{"name":"trainplan","version":"0.1.0"},"command":"plan","plans":[]}', /does not match the plan document schema: input/],
  ])('%s: exit 2 naming the file', (_name, text, message) => {
    const file = join(tempDir('trainplan-export-'), 'doc.json');
    writeFileSync(file, text);
    const r = runCli(['export', file, '--to', 'megatron']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(file);
    expect(r.stderr).toMatch(message);
  });
});
