import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { example, fixture, ROOT, runCli } from '../helpers/cli.js';

// Every --json document of every command, and every error path, checked against the published file in
// schemas/ (not the zod schema it came from): what a consumer validating our output would see.
const ajv = new Ajv2020({ strict: false, allErrors: true });
const schema = (name: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', `${name}.schema.json`), 'utf8'));
const validators = new Map<string, ReturnType<typeof ajv.compile>>();
function expectValid(name: string, text: string): Record<string, unknown> {
  const doc = JSON.parse(text);
  if (!validators.has(name)) validators.set(name, ajv.compile(schema(name)));
  const v = validators.get(name)!;
  const ok = v(doc);
  expect(ok ? [] : v.errors).toEqual([]);
  return doc;
}

const m1b = example('startup-1b.yaml');
const SUCCESS: [string, string[]][] = [
  ['plan', ['plan', m1b, '--top', '2', '--json']],
  ['estimate', ['estimate', m1b, '--accelerator', 'h100-sxm', '--gpus', '8', '--json']],
  ['check', ['check', fixture('check', 'model.yaml'), '--json']],
  ['presets', ['presets', '--json']],
  ['fleet', ['fleet', m1b, '--horizon-years', '1', '--json']],
  ['budget', ['budget', '--usd', '50K', '--days', '14', '--accelerators', 'h100-sxm', '--providers', 'lambda', '--json']],
  ['catalog-accelerators', ['catalog', 'accelerators', '--json']],
  ['catalog-offers', ['catalog', 'offers', '--json']],
  ['catalog-show', ['catalog', 'show', 'h100-sxm', '--json']],
];

const outputs = new Map<string, ReturnType<typeof runCli>>();
const once = (name: string, args: string[]) => {
  if (!outputs.has(name)) outputs.set(name, runCli(args));
  return outputs.get(name)!;
};

describe('every --json document validates against its schemas/NAME.schema.json', () => {
  it.each(SUCCESS)('%s', (name, args) => {
    const r = once(name, args);
    expect(r.code).toBe(0);
    const doc = expectValid(name, r.stdout);
    expect(doc.schemaVersion).toBe(1);
  });

  it('plan, estimate, check, budget and fleet carry a top-level warnings array of {code, message}', () => {
    for (const [name, args] of SUCCESS.filter(([n]) => ['plan', 'estimate', 'check', 'budget', 'fleet'].includes(n))) {
      const doc = JSON.parse(once(name, args).stdout) as { warnings: { code: string; message: string }[] };
      expect(Array.isArray(doc.warnings), name).toBe(true);
      for (const w of doc.warnings) expect(w.code).toMatch(/^[A-Z][A-Z0-9_]*$/);
    }
  });
});

/** Failures in JSON mode: the error document on stdout, exactly one line on stderr, the contract's exit code. */
const FAILURES: [string, string[], number, string][] = [
  ['unknown flag (plan)', ['plan', m1b, '--json', '--nope'], 2, 'UNKNOWN_OPTION'],
  ['unknown flag (estimate)', ['estimate', m1b, '--json', '--nope'], 2, 'UNKNOWN_OPTION'],
  ['unknown flag (check)', ['check', m1b, '--json', '--nope'], 2, 'UNKNOWN_OPTION'],
  ['unknown flag (presets)', ['presets', '--json', '--nope'], 2, 'UNKNOWN_OPTION'],
  ['unknown flag (fleet)', ['fleet', m1b, '--json', '--nope'], 2, 'UNKNOWN_OPTION'],
  ['unknown flag (budget)', ['budget', '--format', 'json', '--nope'], 2, 'UNKNOWN_OPTION'],
  ['unknown flag (catalog offers)', ['catalog', 'offers', '--json', '--nope'], 2, 'UNKNOWN_OPTION'],
  ['unsupported format (fleet csv)', ['fleet', m1b, '--horizon-years', '1', '--format', 'csv', '--json'], 2, 'INVALID_OPTION'],
  ['unsupported format (budget markdown)', ['budget', '--usd', '1M', '--days', '1', '--format', 'markdown', '--json'], 2, 'INVALID_OPTION'],
  ['missing file', ['plan', 'no-such-model.yaml', '--json'], 2, 'FILE_NOT_FOUND'],
  ['unknown accelerator', ['estimate', m1b, '--accelerator', 'h100-sxn', '--gpus', '8', '--json'], 2, 'CATALOG_UNKNOWN_ACCELERATOR'],
  ['unknown column', ['plan', m1b, '--columns', 'rank,cots', '--json'], 2, 'UNKNOWN_COLUMN'],
  ['bad TRAINPLAN_TODAY', ['plan', m1b, '--json'], 2, 'INVALID_ENV'],
  ['budget too small', ['budget', '--usd', '0.01', '--days', '1', '--accelerators', 'h100-sxm', '--providers', 'lambda', '--json'], 1, 'INFEASIBLE'],
];

describe('JSON mode failures print the error document (schemas/error.schema.json) and one stderr line', () => {
  it.each(FAILURES)('%s', (label, args, code, errorCode) => {
    const r = runCli(args, label === 'bad TRAINPLAN_TODAY' ? { TRAINPLAN_TODAY: '2026-13-01' } : {});
    expect(r.code).toBe(code);
    const doc = expectValid('error', r.stdout) as { error: { code: string; message: string } };
    expect(doc.error.code.startsWith(errorCode) || doc.error.code === errorCode).toBe(true);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('an unknown column has a did-you-mean', () => {
    const r = runCli(['plan', m1b, '--columns', 'rank,cots', '--json']);
    expect(JSON.parse(r.stdout).error.suggestion).toMatch(/^did you mean cost\?/);
  });

  it('exit 1 with --json still says why on stderr, in one line (plan, check, estimate)', () => {
    const plan = runCli(['plan', m1b, '--max-gpus', '1', '--deadline-days', '1', '--json']);
    expect(plan.code).toBe(1);
    expectValid('plan', plan.stdout);
    expect(plan.stderr).toMatch(/^trainplan: no feasible plan: .+\n$/);
    const check = runCli(['check', fixture('check', 'model.yaml'), '--budget-usd', '100K', '--json']);
    expect(check.code).toBe(1);
    expectValid('check', check.stdout);
    expect(check.stderr).toMatch(/^FAIL: budget .+\n$/);
  });
});
