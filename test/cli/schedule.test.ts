import { describe, expect, it } from 'vitest';
import { scheduleDocumentSchema } from '../../src/schema/index.js';
import { ROOT, runCli } from '../helpers/cli.js';

const golden = (name: string) => `./__golden__/${name}`;
const transcript = (args: string[], r: ReturnType<typeof runCli>) =>
  `$ trainplan ${args.join(' ')}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}--- exit code: ${r.code}\n`;
/** Paths in goldens stay relative to the package root; the CLI gets absolute ones (it runs from test/). */
const abs = (args: string[]) => args.map((a) => (/^(examples|test)\//.test(a) ? `${ROOT}/${a}` : a));
const clean = (r: ReturnType<typeof runCli>) => ({ ...r, stdout: r.stdout.replaceAll(ROOT + '/', ''), stderr: r.stderr.replaceAll(ROOT + '/', '') });
const LAB = ['--catalog', 'examples/portfolio/lab.yaml'];
const EXAMPLE = ['schedule', 'examples/portfolio/portfolio.yaml', ...LAB];
const runs = new Map<string, ReturnType<typeof runCli>>();
/** Each command runs once per test file (schedule plans every job on every pool: seconds on a busy machine). */
const run = (args: string[]) => {
  const key = args.join(' ');
  if (!runs.has(key)) runs.set(key, clean(runCli(abs(args))));
  return runs.get(key)!;
};

describe('trainplan schedule (golden)', () => {
  it.each([
    ['schedule-portfolio.txt', EXAMPLE],
    ['schedule-portfolio-advise.txt', [...EXAMPLE, '--advise']],
    ['schedule-infeasible.txt', ['schedule', 'test/fixtures/schedule/infeasible.yaml', ...LAB]],
    ['schedule-hybrid.txt', ['schedule', 'test/fixtures/schedule/hybrid.yaml']],
    ['schedule-unknown-fleet.txt', ['schedule', 'test/fixtures/schedule/unknown-fleet.yaml', ...LAB]],
    ['schedule-broken-model.txt', ['schedule', 'test/fixtures/schedule/broken-model.yaml']],
    ['schedule-duplicate-ids.txt', ['schedule', 'test/fixtures/schedule/duplicate-ids.yaml']],
    ['schedule-bad-format.txt', [...EXAMPLE, '--format', 'csv']],
  ])('%s', async (name, args) => {
    await expect(transcript(args, run(args))).toMatchFileSnapshot(golden(name));
  });

  it('--json: one schema-valid document, byte-identical across runs, golden', async () => {
    const a = run([...EXAMPLE, '--json']);
    expect(a.code).toBe(0);
    expect(a.stderr).toBe('');
    expect(clean(runCli(abs([...EXAMPLE, '--json']))).stdout).toBe(a.stdout);
    const doc = scheduleDocumentSchema.parse(JSON.parse(a.stdout));
    expect(doc.jobs.map((j) => j.id)).toContain('ablation-4');
    expect(doc.totalCostUsd.total).toBeCloseTo(doc.totalCostUsd.owned + doc.totalCostUsd.committed + doc.totalCostUsd.rented, 0);
    await expect(a.stdout).toMatchFileSnapshot(golden('schedule-portfolio.json'));
  });

  it('every table line fits in 100 columns', () => {
    for (const args of [EXAMPLE, [...EXAMPLE, '--advise'], ['schedule', 'test/fixtures/schedule/infeasible.yaml', ...LAB]]) {
      const long = run(args).stdout.split('\n').filter((l) => [...l].length > 100);
      expect(long).toEqual([]);
    }
  });

  it('exit 1 with the unscheduled job and fixes in the JSON document too', () => {
    const r = run(['schedule', 'test/fixtures/schedule/infeasible.yaml', ...LAB, '--json']);
    expect(r.code).toBe(1);
    const doc = scheduleDocumentSchema.parse(JSON.parse(r.stdout));
    expect(doc.unscheduled.map((u) => u.id)).toEqual(['giant']);
    expect(doc.unscheduled[0]!.fixes).toContain('capacity.rent: true (burst to catalog offers)');
    expect(doc.jobs.find((j) => j.id === 'flagship')!.meetsDeadline).toBe(false);
  });

  it('bad input in JSON mode: exit 2 and the error document on stdout', () => {
    const r = runCli(abs(['schedule', 'test/fixtures/schedule/unknown-fleet.yaml', ...LAB, '--json']));
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatchObject({ code: 'UNKNOWN_FLEET', suggestion: 'did you mean lab-h100?' });
  });
});
