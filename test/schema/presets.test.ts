import { describe, expect, it } from 'vitest';
import { MODEL_PRESETS, PRESET_IDS, findPreset, modelConfigSchema, resolveModel, type ModelConfig } from '../../src/schema/index.js';

const CONTRACT_IDS = [
  'gpt3-125m', 'gpt3-350m', 'gpt3-760m', 'gpt3-1.3b', 'gpt3-2.7b', 'gpt3-6.7b', 'gpt3-13b', 'gpt3-175b',
  'bert-base', 'bert-large', 'llama2-7b', 'llama2-13b', 'llama2-70b', 'llama3-8b', 'llama3-70b', 'llama3-405b',
  'mixtral-8x7b', 'mixtral-8x22b', 'deepseek-v3',
];

/**
 * Test-only parameter count (weights of attention, MLP/experts, router, embeddings; norms and
 * biases left out), per modeling-reference section 1. Used to check preset shapes against the
 * sizes their papers publish.
 */
function approxParameters(m: Omit<ModelConfig, 'name'>): number {
  const h = m.hiddenSize;
  let attn: number;
  if (m.mla) {
    const { qLoraRank: qr, kvLoraRank: kvr, qkRopeHeadDim: rope, qkNopeHeadDim: nope, vHeadDim: v } = m.mla;
    const q = qr > 0 ? h * qr + qr * m.attentionHeads * (nope + rope) : h * m.attentionHeads * (nope + rope);
    attn = q + h * (kvr + rope) + kvr * m.attentionHeads * (nope + v) + m.attentionHeads * v * h;
  } else {
    attn = 2 * h * m.attentionHeads * m.headDim + 2 * h * m.kvHeads * m.headDim;
  }
  const mlpPerWidth = (m.ffn === 'swiglu' ? 3 : 2) * h;
  const dense = attn + mlpPerWidth * m.ffnHiddenSize;
  const moe = m.moe;
  const moeLayer = moe ? attn + mlpPerWidth * moe.expertFfnHiddenSize * (moe.experts + moe.sharedExperts) + h * moe.experts : 0;
  const denseLayers = moe ? moe.denseLayers : m.layers;
  const embeddings = m.vocabSize * h * (m.tiedEmbeddings ? 1 : 2);
  return denseLayers * dense + (m.layers - denseLayers) * moeLayer + embeddings;
}

/** Published sizes: GPT-3 Table 2.1, BERT §3, Llama 2/3 model cards, Mixtral, DeepSeek-V3 (671B without MTP). */
const PUBLISHED: Record<string, number> = {
  'gpt3-125m': 125e6, 'gpt3-350m': 350e6, 'gpt3-760m': 760e6, 'gpt3-1.3b': 1.3e9, 'gpt3-2.7b': 2.7e9,
  'gpt3-6.7b': 6.7e9, 'gpt3-13b': 13e9, 'gpt3-175b': 175e9, 'bert-base': 110e6, 'bert-large': 340e6,
  'llama2-7b': 6.74e9, 'llama2-13b': 13.02e9, 'llama2-70b': 68.98e9, 'llama3-8b': 8.03e9, 'llama3-70b': 70.55e9,
  'llama3-405b': 405.85e9, 'mixtral-8x7b': 46.7e9, 'mixtral-8x22b': 140.6e9, 'deepseek-v3': 671e9,
};

describe('model presets', () => {
  it('has every contract id, each once', () => {
    for (const id of CONTRACT_IDS) expect(PRESET_IDS).toContain(id);
    expect(new Set(PRESET_IDS).size).toBe(PRESET_IDS.length);
  });

  it.each(MODEL_PRESETS.map((p) => [p.id, p] as const))('%s is a valid resolved shape with a cited source', (id, preset) => {
    expect(modelConfigSchema.parse({ name: id, ...preset.model })).toBeTruthy();
    expect(preset.source.length).toBeGreaterThan(10);
    expect(preset.model.attentionHeads % preset.model.kvHeads).toBe(0);
    // Encoder-decoders carry their shape in encoderDecoder (T5-3B/11B's heads × d_kv exceed d_model); the echo keeps only the heads.
    if (preset.model.encoderDecoder) expect(preset.model.attentionHeads).toBe(preset.model.encoderDecoder.heads);
    else if (!preset.model.mla) expect(preset.model.attentionHeads * preset.model.headDim).toBe(preset.model.hiddenSize);
    expect(resolveModel({ preset: id })).toEqual({ name: id, ...preset.model });
  });

  it.each(Object.entries(PUBLISHED))('%s has about the published parameter count', (id, published) => {
    const counted = approxParameters(findPreset(id)!.model);
    expect(Math.abs(counted / published - 1)).toBeLessThan(0.03);
  });

  it('keeps known shapes', () => {
    const l70 = findPreset('llama3-70b')!.model;
    expect([l70.layers, l70.hiddenSize, l70.kvHeads, l70.ffnHiddenSize, l70.vocabSize]).toEqual([80, 8192, 8, 28672, 128256]);
    expect(findPreset('llama2-70b')!.model.kvHeads).toBe(8);
    expect(findPreset('llama2-7b')!.model.kvHeads).toBe(32);
    expect(findPreset('bert-large')!.model.attention).toBe('bidirectional');
    expect(findPreset('gpt3-175b')!.model).toMatchObject({ layers: 96, hiddenSize: 12288, tiedEmbeddings: true, ffn: 'gelu' });
    const ds = findPreset('deepseek-v3')!.model;
    expect(ds.moe).toMatchObject({ experts: 256, activeExperts: 8, sharedExperts: 1, expertFfnHiddenSize: 2048, denseLayers: 3 });
    expect(ds.mla).toEqual({ qLoraRank: 1536, kvLoraRank: 512, qkRopeHeadDim: 64, qkNopeHeadDim: 128, vHeadDim: 128 });
    expect(findPreset('mixtral-8x22b')!.model.moe).toMatchObject({ experts: 8, activeExperts: 2, denseLayers: 0 });
  });
});
