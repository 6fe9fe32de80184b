import { describe, expect, it } from 'vitest';
import { defaultFfnHiddenSize, FieldError, nearestDivisor, resolveModel, type ModelSection } from '../../src/schema/index.js';

function errorOf(section: ModelSection): FieldError {
  try {
    resolveModel(section);
  } catch (err) {
    if (err instanceof FieldError) return err;
    throw err;
  }
  throw new Error('expected a FieldError');
}

const custom: ModelSection = { layers: 12, hiddenSize: 768, attentionHeads: 12, vocabSize: 32000 };

describe('resolveModel', () => {
  it('fills defaults for a custom shape', () => {
    expect(resolveModel(custom, 'tiny')).toEqual({
      name: 'tiny', layers: 12, hiddenSize: 768, ffnHiddenSize: 2048, attentionHeads: 12, kvHeads: 12, headDim: 64,
      vocabSize: 32000, ffn: 'swiglu', tiedEmbeddings: false, attention: 'causal', moe: null, mla: null,
    });
  });

  it('lets fields override the preset and keeps the rest', () => {
    const m = resolveModel({ preset: 'llama3-8b', layers: 16, kvHeads: 4 });
    expect(m).toMatchObject({ name: 'llama3-8b', layers: 16, kvHeads: 4, hiddenSize: 4096, ffnHiddenSize: 14336 });
  });

  it('removes MoE from a preset with moe: null', () => {
    expect(resolveModel({ preset: 'mixtral-8x7b', moe: null }).moe).toBeNull();
  });

  it('takes tied embeddings and bidirectional attention from the preset', () => {
    expect(resolveModel({ preset: 'bert-base' })).toMatchObject({ tiedEmbeddings: true, attention: 'bidirectional' });
  });

  it.each([
    [768, 'gelu', 3072],
    [4096, 'swiglu', 11008],
    [5120, 'swiglu', 13824],
  ] as const)('default FFN width for h=%i %s is %i', (h, ffn, want) => {
    expect(defaultFfnHiddenSize(h, ffn)).toBe(want);
  });

  it.each<[string, ModelSection, string, string]>([
    ['unknown preset', { preset: 'llama3-8' }, 'UNKNOWN_PRESET', 'model.preset'],
    ['missing required field', { layers: 2 }, 'MODEL_INCOMPLETE', 'model.hiddenSize'],
    ['heads do not divide hidden', { ...custom, attentionHeads: 7 }, 'MODEL_INVALID', 'model.attentionHeads'],
    ['kv heads do not divide heads', { ...custom, kvHeads: 5 }, 'MODEL_INVALID', 'model.kvHeads'],
    ['more kv heads than heads', { ...custom, kvHeads: 24 }, 'MODEL_INVALID', 'model.kvHeads'],
    ['more active experts than experts',
      { ...custom, moe: { experts: 4, activeExperts: 8, sharedExperts: 0, expertFfnHiddenSize: 512, denseLayers: 0, imbalance: 1 } },
      'MODEL_INVALID', 'model.moe.activeExperts'],
    ['all layers dense',
      { ...custom, moe: { experts: 8, activeExperts: 2, sharedExperts: 0, expertFfnHiddenSize: 512, denseLayers: 12, imbalance: 1 } },
      'MODEL_INVALID', 'model.moe.denseLayers'],
  ])('rejects %s', (_name, section, code, field) => {
    const err = errorOf(section);
    expect(err.code).toBe(code);
    expect(err.message.startsWith(`${field}:`)).toBe(true);
  });

  it('suggests the closest preset and a valid kvHeads', () => {
    expect(errorOf({ preset: 'llama3-8' }).suggestion).toMatch(/did you mean llama3-8b\?/);
    expect(errorOf({ preset: 'zzzzzzzzzz' }).suggestion).toMatch(/trainplan presets/);
    expect(errorOf({ ...custom, kvHeads: 5 }).suggestion).toBe('try kvHeads 4');
  });

  it('accepts a headDim that does not divide hidden (GPT-3 XL style)', () => {
    expect(resolveModel({ ...custom, attentionHeads: 24, headDim: 128 }).headDim).toBe(128);
  });

  it('finds the nearest divisor', () => {
    expect(nearestDivisor(64, 7)).toBe(8);
    expect(nearestDivisor(12, 5)).toBe(4);
  });
});
