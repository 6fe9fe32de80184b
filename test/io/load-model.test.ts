import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelFile, parseModelFile } from '../../src/io/index.js';
import { InputError } from '../../src/schema/index.js';
import { tempDir } from '../helpers/tmp.js';

const FIXTURES = 'test/fixtures/models';
const fixture = (name: string) => join(FIXTURES, name);

function inputErrorOf(load: () => unknown): InputError {
  try {
    load();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

/** [fixture, error code, expected location (file:line:col or file), message pattern, suggestion pattern?] */
const BAD: [string, string, string, RegExp, RegExp?][] = [
  ['malformed.yaml', 'YAML_SYNTAX', ':4:1', /YAML syntax error/],
  ['wrong-type.yaml', 'SCHEMA_INVALID', ':3:11', /^model\.layers: expected a number, got "thirty-two"$/],
  ['negative-size.yaml', 'SCHEMA_INVALID', ':3:15', /^model\.hiddenSize: must be positive, got -4096$/],
  ['zero-size.yaml', 'SCHEMA_INVALID', ':3:11', /^model\.layers: must be positive, got 0$/],
  ['absurd-tokens.yaml', 'SCHEMA_INVALID', ':4:11', /^training\.tokens: 1e30 is too large/],
  ['infinite-tokens.yaml', 'SCHEMA_INVALID', ':4:11', /^training\.tokens: expected a finite number/],
  ['absurd-layers.yaml', 'SCHEMA_INVALID', ':3:11', /^model\.layers: 1e9 is too large \(at most 10000\)$/],
  ['unknown-key.yaml', 'SCHEMA_UNKNOWN_KEY', ':3:3', /^model\.hiddenSzie: unknown key$/, /did you mean hiddenSize\?/],
  ['unknown-section.yaml', 'SCHEMA_UNKNOWN_KEY', ':3:1', /^trainig: unknown key$/, /did you mean training\?/],
  ['unknown-preset.yaml', 'UNKNOWN_PRESET', ':2:11', /^model\.preset: unknown preset "llama3-8"$/, /did you mean llama3-8b\?/],
  ['bad-enum.yaml', 'SCHEMA_INVALID', ':3:8', /^model\.ffn: expected one of gelu \| swiglu/, /did you mean swiglu\?/],
  ['empty.yaml', 'FILE_EMPTY', '', /empty/],
  ['comments-only.yaml', 'FILE_EMPTY', '', /empty/],
  ['binary.yaml', 'FILE_BINARY', '', /binary/],
  ['invalid-utf8.yaml', 'FILE_BINARY', '', /UTF-8/],
  ['alias-bomb.yaml', 'YAML_ALIAS_LIMIT', '', /alias/],
  ['proto.yaml', 'YAML_FORBIDDEN_KEY', ':3:3', /"__proto__" is not allowed/],
  ['duplicate-key.yaml', 'YAML_DUPLICATE_KEY', ':4:3', /duplicate key "layers"/],
  ['not-a-mapping.yaml', 'SCHEMA_INVALID', ':1:1', /expected a mapping/],
  ['batch-tokens-not-whole.yaml', 'TRAINING_INVALID', ':6:22', /^training\.globalBatchTokens: 4000000 tokens is not a whole number/, /multiple of sequenceLength/],
  ['gqa-not-divisible.yaml', 'MODEL_INVALID', ':3:12', /^model\.kvHeads: attentionHeads 32 is not divisible by kvHeads 7/, /try kvHeads 8/],
  ['moe-too-many-active.yaml', 'MODEL_INVALID', ':5:20', /^model\.moe\.activeExperts: activeExperts 16 exceeds experts 8/],
  ['missing-field.yaml', 'MODEL_INCOMPLETE', ':1:1', /^model\.vocabSize: required/],
  ['a-directory.yaml', 'FILE_IS_DIRECTORY', '', /directory/],
  ['does-not-exist.yaml', 'FILE_NOT_FOUND', '', /no such file/],
];

describe('loadModelFile: bad input', () => {
  it.each(BAD)('%s → %s', (name, code, where, message, suggestion) => {
    const err = inputErrorOf(() => loadModelFile(fixture(name)));
    expect(err.code).toBe(code);
    expect(err.location).toBe(`${fixture(name)}${where}`);
    expect(err.message).toMatch(message);
    if (suggestion) expect(err.suggestion).toMatch(suggestion);
    expect(`${err.location} ${err.message} ${err.suggestion ?? ''}`).not.toMatch(/NaN|undefined|\[object/);
  });

  it('suggests a sibling file for a typo in the file name', () => {
    expect(inputErrorOf(() => loadModelFile(fixture('valid-custm.yaml'))).suggestion).toBe(`did you mean ${fixture('valid-custom.yaml')}?`);
  });

  it('rejects a file over the size limit without reading it as YAML', () => {
    const dir = tempDir('trainplan-');
    const big = join(dir, 'big.yaml');
    writeFileSync(big, `# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    expect(inputErrorOf(() => loadModelFile(big)).code).toBe('FILE_TOO_LARGE');
  });

  it.each([
    ['deep flow nesting', '['.repeat(500_000), 'YAML_TOO_DEEP'],
    ['deep block sequences', '- '.repeat(400_000), 'YAML_TOO_DEEP'],
    ['hundreds of thousands of stray brackets', ']'.repeat(900_000), 'YAML_TOO_COMPLEX'],
    ['a huge mapping', Array.from({ length: 60_000 }, (_, i) => `k${i}: ${i}`).join('\n'), 'YAML_TOO_COMPLEX'],
    ['thousands of anchors', '&a '.repeat(300_000), 'YAML_TOO_COMPLEX'],
  ])('fails fast on %s', (_name, text, code) => {
    const started = performance.now();
    expect(inputErrorOf(() => parseModelFile(text, 'hostile.yaml')).code).toBe(code);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('rejects NaN and prototype-ish keys anywhere', () => {
    const base = 'model:\n  preset: llama3-8b\ntraining:\n  tokens: 1T\n  sequenceLength: 2048\n  globalBatchSize: 8\n';
    expect(inputErrorOf(() => parseModelFile(base.replace('globalBatchSize: 8', 'globalBatchSize: .nan'), 'x.yaml')).message)
      .toMatch(/^training\.globalBatchSize: expected a number, got \.nan \(not a number\)$/);
    expect(inputErrorOf(() => parseModelFile(`${base}constraints:\n  constructor: 1\n`, 'x.yaml')).code).toBe('YAML_FORBIDDEN_KEY');
    expect(inputErrorOf(() => parseModelFile(base.replace('tokens: 1T', 'tokens: lots'), 'x.yaml')).message)
      .toMatch(/^training\.tokens: expected a number such as 300B/);
  });
});

describe('loadModelFile: valid input', () => {
  it('resolves a custom model', () => {
    const loaded = loadModelFile(fixture('valid-custom.yaml'));
    expect(loaded.model).toMatchObject({ name: 'tiny-custom', layers: 12, ffn: 'gelu', ffnHiddenSize: 3072, headDim: 64 });
    expect(loaded.training).toEqual({ tokens: 10e9, sequenceLength: 2048, globalBatchSize: 256, precision: 'bf16', optimizer: 'adam', framework: 'megatron' });
    expect(loaded.constraints).toEqual({});
  });

  it('allows a few legitimate anchors and aliases', () => {
    const text = 'model:\n  preset: llama3-8b\n  layers: &n 32\ntraining:\n  tokens: 1T\n  sequenceLength: 2048\n  globalBatchSize: *n\n';
    expect(parseModelFile(text, 'alias.yaml').training.globalBatchSize).toBe(32);
  });
});
