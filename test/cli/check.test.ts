import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDocumentSchema, errorDocumentSchema } from '../../src/schema/index.js';
import { spawnSync } from 'node:child_process';
import { ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

/** Goldens: the command line, stdout, stderr and exit code of each case (update with `vitest -u`). */
const golden = (name: string) => `./__golden__/${name}`;
const dir = tempDir('trainplan-check-');
const TMP = (name: string) => join(dir, name);

/** Temp files appear in goldens as $TMP/<name>; repository files relative to the package root (the cwd). */
const real = (a: string) => (a.startsWith('$TMP/') ? TMP(a.slice(5)) : a);
function check(args: string[]) {
  const p = spawnSync(process.execPath, [join(ROOT, 'bin', 'trainplan.js'), 'check', ...args.map(real)], {
    cwd: ROOT, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' }, encoding: 'utf8',
  });
  const r = { code: p.status, stdout: p.stdout, stderr: p.stderr };
  // The catalog's digest and date change with every catalog edit; the goldens pin the rest.
  const stable = (t: string) => t.replace(/sha256:[0-9a-f]{64}/g, 'sha256:<digest>').replace(/sha256:[0-9a-f]{12}…/g, 'sha256:<digest>…')
    .replace(/("snapshotDate": "|catalog )\d{4}-\d{2}-\d{2}/g, '$1<date>');
  const transcript = stable(`$ trainplan check ${args.join(' ')}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}--- exit code: ${r.code}\n`);
  return { ...r, transcript };
}

const MODEL = 'test/fixtures/check/model.yaml';
const BASE = ['--baseline', '$TMP/baseline.json'];

beforeAll(() => {
  const r = runCli(['plan', join(ROOT, 'test/fixtures/check/base-model.yaml'), '--json']);
  expect(r.code).toBe(0);
  writeFileSync(TMP('baseline.json'), r.stdout);
});

describe('trainplan check: goldens for each exit code and format', () => {
  it.each([
    ['check-pass-table.txt', [MODEL], 0],
    ['check-pass-json.txt', [MODEL, '--top', '1', '--json'], 0],
    ['check-regression-markdown.txt', [MODEL, ...BASE, '--max-increase', '10', '--format', 'markdown'], 1],
    ['check-regression-within-limit-table.txt', [MODEL, ...BASE, '--max-increase', '35%'], 0],
    ['check-over-budget-table.txt', [MODEL, '--budget-usd', '100K'], 1],
    ['check-past-deadline-csv.txt', [MODEL, '--deadline-days', '1', '--format', 'csv'], 1],
    ['check-no-feasible-plan-markdown.txt', [MODEL, '--accelerators', 'l4', '--max-gpus', '2', '--format', 'markdown'], 1],
    ['check-baseline-truncated.txt', [MODEL, '--baseline', 'test/fixtures/check/truncated.json', '--max-increase', '10'], 2],
    ['check-baseline-schema-version.txt', [MODEL, '--baseline', 'test/fixtures/check/schema-v2.json'], 2],
    ['check-baseline-not-trainplan.txt', [MODEL, '--baseline', 'test/fixtures/check/not-trainplan.json'], 2],
    ['check-negative-budget.txt', [MODEL, '--budget-usd=-5'], 2],
    ['check-max-increase-not-percent.txt', [MODEL, ...BASE, '--max-increase', 'ten'], 2],
    ['check-max-increase-without-baseline-json.txt', [MODEL, '--max-increase', '10', '--json'], 2],
    // No deadline anywhere: the default 365 days applies and fails an 858-day 405B plan (it used to pass).
    ['check-405b-default-deadline-table.txt', ['test/fixtures/check/llama3-405b-no-deadline.yaml'], 1],
    ['check-405b-deadline-lifted-table.txt', ['test/fixtures/check/llama3-405b-no-deadline.yaml', '--deadline-days', 'none'], 0],
  ] as const)('%s', async (name, args, code) => {
    const r = check([...args]);
    expect(r.code).toBe(code);
    if (code === 2) expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    await expect(r.transcript).toMatchFileSnapshot(golden(name));
  });
});

describe('trainplan check: documents', () => {
  it('--json parses with the check schema, on pass and on fail', () => {
    for (const extra of [[], ['--budget-usd', '100K'], [...BASE, '--max-increase', '10']]) {
      const r = check([MODEL, ...extra, '--json']);
      expect(checkDocumentSchema.safeParse(JSON.parse(r.stdout)).error?.issues ?? []).toEqual([]);
    }
  });

  it('a check document is a valid baseline for the next check (no change: every gate passes at 0%)', () => {
    const first = check([MODEL, '--json', '--out', '$TMP/check.json']);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    const next = check([MODEL, '--baseline', '$TMP/check.json', '--max-increase', '0', '--json']);
    expect(next.code).toBe(0);
    const doc = JSON.parse(next.stdout);
    expect(doc.changes.fields).toEqual([]);
    expect(doc.changes.catalog.changed).toBe(false);
    expect(doc.changes.bestPlan.samePlan).toBe(true);
    expect(doc.gates.filter((g: { gate: string }) => g.gate === 'max-increase').map((g: { status: string; actual: number }) => [g.status, g.actual])).toEqual([['pass', 0], ['pass', 0], ['pass', 0], ['pass', 0]]);
  });

  it('--out writes the chosen format atomically; stdout stays empty and stderr gets the verdict line', () => {
    const r = check([MODEL, ...BASE, '--max-increase', '10', '--format', 'markdown', '--out', '$TMP/comment.md']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^FAIL: max-increase \(cost, best plan\) \+30\.0% > \+10\.0%/);
    expect(readFileSync(TMP('comment.md'), 'utf8')).toBe(check([MODEL, ...BASE, '--max-increase', '10', '--format', 'markdown']).stdout);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('is byte-identical across runs, and names no directory', () => {
    const a = check([MODEL, ...BASE, '--max-increase', '10', '--json']);
    expect(check([MODEL, ...BASE, '--max-increase', '10', '--json']).stdout).toBe(a.stdout);
    expect(a.stdout).not.toContain(dir);
    expect(a.stdout).not.toContain(ROOT);
  });

  it('--help lists the plan options and the check options', () => {
    const r = check(['--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--budget-usd', '--deadline-days', '--accelerators', '--providers', '--pricing', '--max-gpus', '--objective', '--baseline', '--max-increase', '--out', '--format', '--json', '--catalog']) {
      expect(r.stdout).toContain(flag);
    }
  });

  it('exit 2 in JSON mode prints the error document on stdout', () => {
    const r = check([MODEL, '--baseline', 'test/fixtures/check/schema-v2.json', '--json']);
    expect(r.code).toBe(2);
    expect(errorDocumentSchema.parse(JSON.parse(r.stdout)).error.code).toBe('BASELINE_SCHEMA_VERSION');
  });
});
