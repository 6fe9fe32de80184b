import { describe, expect, it } from 'vitest';
import { countParameters, forwardFlopsPerToken, modelFlopsPerToken, recomputeFlopsPerToken } from '../../src/estimator/index.js';
import { SHAPES, aModel } from '../helpers/builders.js';

describe('parameter counts', () => {
  it.each([
    // [name, model, expected total, expected active, tolerance] — published sizes.
    ['GPT-3 175B (Brown et al. 2020 Table 2.1)', SHAPES.gpt3_175b, 175e9, 175e9, 0.01],
    ['Llama 3 8B (Llama 3 paper Table 3)', SHAPES.llama3_8b, 8.03e9, 8.03e9, 0.01],
    ['Llama 3 70B', SHAPES.llama3_70b, 70.6e9, 70.6e9, 0.01],
    ['DeepSeek-V3 671B total / 37B active (DeepSeek-V3 report §1)', SHAPES.deepseekV3, 671e9, 37e9, 0.02],
  ])('%s', (_name, model, total, active, tol) => {
    const p = countParameters(model);
    expect(Math.abs(p.total - total) / total).toBeLessThan(tol);
    expect(Math.abs(p.active - active) / active).toBeLessThan(tol);
  });

  it('GQA shrinks attention weights by the KV share', () => {
    const mha = countParameters(aModel({ kvHeads: 16 })).attentionPerLayer;
    const gqa = countParameters(aModel({ kvHeads: 4 })).attentionPerLayer;
    const h = 2048;
    expect(mha - gqa).toBe(2 * h * (16 - 4) * 128);
  });
});

describe('training FLOPs', () => {
  it('GPT-3 175B on 300B tokens is within 3% of 3.14e23 (Brown et al. 2020, Table D.1)', () => {
    const total = modelFlopsPerToken(SHAPES.gpt3_175b, 2048) * 300e9;
    expect(Math.abs(total - 3.14e23) / 3.14e23).toBeLessThan(0.03);
  });

  it('full-mask attention reproduces Narayanan et al. 2021 Eq. 3 model FLOPs (72·B·s·L·h²·(1 + s/6h) + 6·B·s·h·V)', () => {
    const m = { ...SHAPES.gpt3_175b, attention: 'bidirectional' as const };
    const B = 1536, s = 2048, L = 96, h = 12288, V = 51200;
    const closedForm = 72 * B * s * L * h * h * (1 + s / (6 * h)) + 6 * B * s * h * V;
    const ours = modelFlopsPerToken(m, s) * B * s;
    expect(Math.abs(ours - closedForm) / closedForm).toBeLessThan(0.005);
  });

  it('full recompute adds one forward of every layer: 96·B·s·L·h²·(1 + s/6h + V/16Lh) hardware FLOPs', () => {
    const m = { ...SHAPES.gpt3_175b, attention: 'bidirectional' as const };
    const B = 1536, s = 2048, L = 96, h = 12288, V = 51200;
    const closedForm = 96 * B * s * L * h * h * (1 + s / (6 * h) + V / (16 * L * h));
    const ours = (modelFlopsPerToken(m, s) + recomputeFlopsPerToken(m, s, 'full')) * B * s;
    expect(Math.abs(ours - closedForm) / closedForm).toBeLessThan(0.005);
  });

  it('a causal mask halves the attention term (Megatron convention since 2025)', () => {
    const causal = forwardFlopsPerToken(aModel({ attention: 'causal' }), 4096).attentionForward;
    const full = forwardFlopsPerToken(aModel({ attention: 'bidirectional' }), 4096).attentionForward;
    expect(causal * 2).toBeCloseTo(full, 0);
  });

  it('MoE counts only active experts', () => {
    const dense = forwardFlopsPerToken(SHAPES.deepseekV3, 4096).linearForward;
    const p = countParameters(SHAPES.deepseekV3);
    expect(dense).toBeLessThan(2 * p.active * 1.01);
    expect(dense).toBeGreaterThan(2 * (p.active - p.embedding - p.outputLayer) * 0.99);
  });
});
