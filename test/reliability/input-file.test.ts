import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INPUT_LIMITS, loadCatalog, loadModelFile, parseBaseline, parseModelFile, readBaseline, readInputFile } from '../../src/io/index.js';
import { InputError } from '../../src/schema/index.js';
import { tempDir } from '../helpers/tmp.js';

function errorOf(run: () => unknown): InputError {
  try {
    run();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

const dir = tempDir('trainplan-input-');
const file = (name: string, content: string | Buffer) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const MODEL = readFileSync('examples/llama3-8b.yaml', 'utf8');
const CATALOG = readFileSync('test/fixtures/catalogs/negotiated.yaml', 'utf8');

describe('readInputFile: only regular files, never blocking', () => {
  it('refuses a FIFO without waiting for a writer', () => {
    const fifo = join(dir, 'pipe.json');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const started = performance.now();
    const err = errorOf(() => readBaseline(fifo));
    expect([err.code, err.location]).toEqual(['FILE_NOT_REGULAR', fifo]);
    expect(err.message).toMatch(/named pipe \(FIFO\)/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it.each(['/dev/zero', '/dev/urandom', '/dev/null'])('refuses the device %s as a baseline, catalog and model', (dev) => {
    expect(errorOf(() => readBaseline(dev)).message).toMatch(/character device/);
    expect(errorOf(() => loadCatalog({ files: [dev] })).code).toBe('FILE_NOT_REGULAR');
    expect(errorOf(() => loadModelFile(dev)).code).toBe('FILE_NOT_REGULAR');
  });

  it('refuses a directory by name', () => {
    expect(errorOf(() => readInputFile(dir, 'catalog')).code).toBe('FILE_IS_DIRECTORY');
  });

  it('follows a symlink to a regular file (inputs are only read)', () => {
    const target = file('real.yaml', MODEL);
    const link = join(dir, 'link.yaml');
    symlinkSync(target, link);
    expect(loadModelFile(link).model.layers).toBe(32);
  });

  it('an empty name is refused, not read as a directory', () => {
    expect(errorOf(() => readInputFile('', 'model')).code).toBe('FILE_NOT_FOUND');
  });

  it.each([
    ['model', 1024 * 1024],
    ['catalog', 10 * 1024 * 1024],
    ['baseline', 50 * 1024 * 1024],
  ] as const)('caps %s files at %i bytes', (kind, bytes) => {
    expect(INPUT_LIMITS[kind].maxBytes).toBe(bytes);
    const big = file(`big-${kind}`, Buffer.alloc(bytes + 1, 0x20));
    expect(errorOf(() => readInputFile(big, kind)).code).toBe('FILE_TOO_LARGE');
    const ok = file(`ok-${kind}`, Buffer.alloc(bytes, 0x20));
    expect(readInputFile(ok, kind).length).toBe(bytes);
  });
});

describe('readInputFile: strict UTF-8', () => {
  it('strips a UTF-8 BOM (model, catalog and baseline alike)', () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(loadModelFile(file('bom.yaml', Buffer.concat([bom, Buffer.from(MODEL)]))).model.layers).toBe(32);
    expect(loadCatalog({ files: [file('bom-cat.yaml', Buffer.concat([bom, Buffer.from(CATALOG)]))] }).offers.length).toBeGreaterThan(1);
    expect(readInputFile(file('bom.json', Buffer.concat([bom, Buffer.from('{}')])), 'baseline')).toBe('{}');
  });

  it.each([
    ['UTF-16LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(MODEL, 'utf16le')]), /UTF-16 \(LE\)/],
    ['UTF-16BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(MODEL, 'utf16le').swap16()]), /UTF-16 \(BE\)/],
    ['UTF-16LE without BOM', Buffer.from(MODEL, 'utf16le'), /UTF-16 \(LE\)/],
  ])('names %s in one line', (name, bytes, message) => {
    const err = errorOf(() => loadModelFile(file(`${name.replace(/\W/g, '')}.yaml`, bytes)));
    expect(err.code).toBe('FILE_ENCODING');
    expect(err.message).toMatch(message);
    expect(err.message).not.toContain('\n');
  });

  it('refuses a NUL byte and says where it is', () => {
    const err = errorOf(() => readInputFile(file('nul.yaml', 'a: 1\nb: x\0y\n'), 'catalog'));
    expect([err.code, err.message]).toEqual(['FILE_BINARY', 'is a binary file (a NUL byte at 2:5), expected a YAML catalog file']);
  });

  it('refuses invalid UTF-8 and says where the bad byte is', () => {
    const err = errorOf(() => readInputFile(file('latin1.yaml', Buffer.from('name: ok\nvendor: caf\xe9\n', 'latin1')), 'catalog'));
    expect(err.message).toBe('is not valid UTF-8 text (an invalid byte at 2:12), expected a YAML catalog file');
  });
});

describe('YAML guards on every YAML input', () => {
  it('a 60,000-key catalog mapping fails fast on the duplicate (linear check)', () => {
    const keys = Array.from({ length: 60_000 }, (_, i) => `    k${i}: ${i}`).join('\n');
    const p = file('many-keys.yaml', `offers:\n  - provider: x\n${keys}\n    k7: again\n`);
    const started = performance.now();
    const err = errorOf(() => loadCatalog({ files: [p] }));
    expect(err.code).toBe('YAML_DUPLICATE_KEY');
    expect(err.location).toBe(`${p}:60003:5`);
    expect(performance.now() - started).toBeLessThan(30_000); // a guard against the quadratic check (104 s before), not a benchmark
  });

  it.each([
    ['a local tag', 'offers: !foo [1]\n', /unknown YAML tag \(!foo\)/],
    ['!!binary', 'offers: !!binary aGk=\n', /!!binary is not allowed/],
    ['!!set', 'offers: !!set { a }\n', /!!set is not allowed/],
    ['!!timestamp', 'offers:\n  - asOf: !!timestamp 2026-01-01\n', /!!timestamp is not allowed/],
  ])('refuses %s in a catalog with file:line:col', (_n, text, message) => {
    const p = file('tagged.yaml', text);
    const err = errorOf(() => loadCatalog({ files: [p] }));
    expect(err.code).toBe('YAML_UNKNOWN_TAG');
    expect(err.message).toMatch(message);
    expect(err.location).toMatch(new RegExp(`^${p}:\\d+:\\d+$`));
  });

  it('refuses an unknown tag in a model file (it used to be dropped silently)', () => {
    expect(errorOf(() => parseModelFile(MODEL.replace('preset: llama3-8b', 'preset: !custom llama3-8b'), 'm.yaml')).code).toBe('YAML_UNKNOWN_TAG');
  });

  it('an undefined alias is named as such, not as "billion laughs"', () => {
    const err = errorOf(() => parseModelFile('model: *base\n', 'm.yaml'));
    expect(err.code).toBe('YAML_UNDEFINED_ALIAS');
    expect(err.message).toMatch(/alias \*base refers to no anchor/);
    expect(err.message).not.toMatch(/laughs/);
  });

  it.each([
    ['a CR-only file', '\r', /contains only whitespace/],
    ['blank lines', '\n\n  \n', /contains only whitespace/],
    ['a zero-byte file', '', /^is empty,/],
  ])('%s is described truthfully', (_n, text, message) => {
    expect(errorOf(() => parseModelFile(text, 'm.yaml')).message).toMatch(message);
  });

  it.each([
    ['a block complex key', 'model:\n  ? [a, b]\n  : 1\n', 'm.yaml:2:5'],
    ['a flow complex key', 'model: { {a: 1}: 2 }\n', 'm.yaml:1:10'],
  ])('%s is refused (yaml would stringify it with a process warning)', (_n, text, where) => {
    const err = errorOf(() => parseModelFile(text, 'm.yaml'));
    expect([err.code, err.location]).toEqual(['YAML_COMPLEX_KEY', where]);
  });

  it.each([
    ['[ × 100,000', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['{"a": × 100,000', '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)],
  ])('a baseline nested %s deep is refused by name, not "Maximum call stack size exceeded"', (_n, text) => {
    const err = errorOf(() => parseBaseline(text, 'b.json'));
    expect(err.message).toMatch(/nested more than 64 levels deep/);
  });

  it('brackets inside JSON strings do not count as nesting', () => {
    expect(errorOf(() => parseBaseline(JSON.stringify({ tool: { name: 'x' }, s: '['.repeat(500) }), 'b.json')).code).toBe('BASELINE_NOT_TRAINPLAN');
  });

  it('deep nesting in a catalog is a syntax error, not a stack overflow', () => {
    const err = errorOf(() => loadCatalog({ files: [file('deep.yaml', `offers: ${'['.repeat(100_000)}`)] }));
    expect(err.code).toBe('YAML_TOO_DEEP');
  });
});
