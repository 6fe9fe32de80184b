import { mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBaseline, readBaseline, writeOutputAtomic } from '../../src/io/index.js';
import { InputError } from '../../src/schema/index.js';
import { aPlanDocument } from '../helpers/plan-docs.js';
import { tempDir } from '../helpers/tmp.js';

const good = JSON.stringify(aPlanDocument(), null, 2);

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('reading a --baseline', () => {
  it('accepts a plan document and a check-shaped document (extra fields are fine)', () => {
    expect(parseBaseline(good, 'base.json').plans).toHaveLength(1);
    const check = { ...aPlanDocument(), command: 'check', verdict: 'pass', gates: [], input: { ...aPlanDocument().input, baseline: null } };
    expect(parseBaseline(JSON.stringify(check), 'base.json').command).toBe('check');
  });

  it.each([
    ['truncated JSON', good.slice(0, good.length / 2), 'BASELINE_INVALID', /truncated JSON/],
    ['an empty file', '  \n', 'BASELINE_INVALID', /empty/],
    ['not JSON at all', 'plans: []', 'BASELINE_INVALID', /not valid JSON/],
    ['JSON from another tool', JSON.stringify({ version: '0.1', resources: [] }), 'BASELINE_NOT_TRAINPLAN', /not a trainplan JSON document/],
    ['a JSON array', '[1,2]', 'BASELINE_NOT_TRAINPLAN', /not a trainplan JSON document/],
    ['another schemaVersion', JSON.stringify({ ...aPlanDocument(), schemaVersion: 2 }), 'BASELINE_SCHEMA_VERSION', /schemaVersion 2 \(written by trainplan 0\.1\.0\); this trainplan reads schemaVersion 1/],
    ['an estimate document', JSON.stringify({ ...aPlanDocument(), command: 'estimate' }), 'BASELINE_INVALID', /"estimate" document; --baseline needs/],
    ['an error document', JSON.stringify({ schemaVersion: 1, tool: { name: 'trainplan', version: '0.1.0' }, error: { code: 'X', message: 'boom' } }), 'BASELINE_INVALID', /error document .*boom/],
    ['a plan without cost', JSON.stringify({ ...aPlanDocument(), plans: [{ ...aPlanDocument().plans[0], cost: undefined }] }), 'BASELINE_INVALID', /plans\[0\]\.cost/],
  ])('rejects %s with one clear message', (_name, text, code, message) => {
    const err = errorOf(() => parseBaseline(text, 'base.json'));
    expect(err.code).toBe(code);
    // schema mismatches point at the field's line:col (the JSON is located with the YAML parser)
    expect(err.location).toMatch(code === 'BASELINE_INVALID' && /cost/.test(String(message)) ? /^base\.json:1:\d+$/ : /^base\.json$/);
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain('\n');
  });

  it('a missing file is an input error naming the file', () => {
    const err = errorOf(() => readBaseline('/nonexistent/base.json'));
    expect([err.code, err.location, err.message]).toEqual(['FILE_NOT_FOUND', '/nonexistent/base.json', 'no such file']);
  });
});

describe('writeOutputAtomic', () => {
  it('replaces the file in one rename and leaves no temp file behind', () => {
    const dir = tempDir('trainplan-out-');
    const file = join(dir, 'check.json');
    writeFileSync(file, 'old');
    writeOutputAtomic(file, '{"new":true}\n');
    expect(readFileSync(file, 'utf8')).toBe('{"new":true}\n');
    expect(readdirSync(dir)).toEqual(['check.json']);
  });

  it('an unwritable target is an input error and leaves no temp file', () => {
    const dir = tempDir('trainplan-out-');
    mkdirSync(join(dir, 'taken'));
    const err = errorOf(() => writeOutputAtomic(join(dir, 'taken'), 'x'));
    expect([err.code, err.message]).toEqual(['OUTPUT_INVALID', 'is a directory; --out writes regular files only']);
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(errorOf(() => writeOutputAtomic(join(dir, 'missing-dir', 'a.json'), 'x')).message).toMatch(/ENOENT/);
  });
});

describe('truncation is recognised wherever the file was cut', () => {
  it.each([0.1, 0.25, 0.5, 0.75, 0.9, 0.999])('cut at %f of the document', (f) => {
    const err = errorOf(() => parseBaseline(good.slice(0, Math.max(1, Math.floor(good.length * f))), 'base.json'));
    expect(err.message).toMatch(/truncated JSON/);
  });
});
