import { describe, expect, it } from 'vitest';
import { countParameters, DEFAULT_ASSUMPTIONS, estimate, forwardFlopsPerToken, modelFlopsPerToken } from '../../src/estimator/index.js';
import { loadBuiltinCatalog } from '../../src/io/load-catalog.js';
import { aLayout } from '../helpers/builders.js';
import { parseModelFile } from '../../src/io/index.js';
import { InputError, resolveModel } from '../../src/schema/index.js';

// Published sizes. Parameters: Dosovitskiy et al. 2021 Table 1 (86M / 307M / 632M) and torchvision's
// weights tables (vit_b_16 86.6M, vit_l_16 304.3M; pytorch.org/vision/stable/models, read 2026-12-01).
// Forward cost at 224²: torchvision "GFLOPS" 17.56 / 61.55 / 167.29, which count multiply-adds (fvcore
// convention), so FLOPs = 2 × those.
const ROWS: [string, number, number, number][] = [
  ['vit-b16', 197, 86.6e6, 2 * 17.56e9],
  ['vit-l16', 197, 304.3e6, 2 * 61.55e9],
  ['vit-h14', 257, 632e6, 2 * 167.29e9],
];

describe('vision transformer presets', () => {
  it.each(ROWS)('%s: parameters and forward FLOPs per image within 5%% of the published figures', (id, seq, params, fwdFlops) => {
    const m = resolveModel({ preset: id });
    expect(m.attention).toBe('bidirectional');
    expect(Math.abs(countParameters(m).total / params - 1)).toBeLessThan(0.05);
    const f = forwardFlopsPerToken(m, seq);
    const perImage = (f.linearForward + f.attentionForward + f.logitsForward) * seq;
    expect(Math.abs(perImage / fwdFlops - 1)).toBeLessThan(0.05);
    // training = forward + backward = 3 × forward per image
    expect(modelFlopsPerToken(m, seq) * seq).toBeCloseTo(3 * perImage, -3);
  });
});

describe('the model kind is resolved and echoed', () => {
  it('vit presets resolve as kind vit (bidirectional); an explicit kind must match the preset', () => {
    expect(resolveModel({ preset: 'vit-l16' }).kind).toBe('vit');
    expect(resolveModel({ preset: 'vit-l16', kind: 'vit' }).kind).toBe('vit');
    expect(() => resolveModel({ preset: 'vit-l16', kind: 'decoder' })).toThrow(/preset vit-l16 is a vit model; kind decoder does not apply/);
    expect(resolveModel({ preset: 'llama3-8b' }).kind).toBeUndefined();
    const enc = resolveModel({ preset: 'bert-large', kind: 'encoder' });
    expect(enc.kind).toBe('encoder');
    expect(enc.attention).toBe('bidirectional');
  });
});

describe('host overhead of vision transformers', () => {
  const h100 = loadBuiltinCatalog().accelerators.find((a) => a.id === 'h100-sxm')!;
  const training = { tokens: 1_281_167 * 197, sequenceLength: 197, globalBatchSize: 1024, precision: 'bf16' as const, optimizer: 'adam' as const, samples: 1_281_167, epochs: 1 };
  const layout = aLayout({ gpus: 8, zero: 1, recompute: 'none', microBatch: 32 });
  it('a ViT step pays no LLM host overhead (the per-sample kinds\' rule); the same shape as a decoder pays the default', () => {
    const vit = resolveModel({ preset: 'vit-b16' });
    const r = estimate({ model: vit, training, accelerator: h100, layout });
    const asDecoder = estimate({ model: { ...vit, kind: undefined }, training, accelerator: h100, layout });
    if (!r.ok || !asDecoder.ok) throw new Error('not estimated');
    expect(r.estimate.time.breakdown.overhead).toBe(0);
    expect(asDecoder.estimate.time.breakdown.overhead).toBe(DEFAULT_ASSUMPTIONS.stepOverheadSeconds);
    expect(asDecoder.estimate.time.stepSeconds - r.estimate.time.stepSeconds).toBeCloseTo(DEFAULT_ASSUMPTIONS.stepOverheadSeconds, 9);
    // An explicit assumption still wins (the rule is a default, not a clamp).
    const told = estimate({ model: vit, training, accelerator: h100, layout, assumptions: { stepOverheadSeconds: 0.02 } });
    if (!told.ok) throw new Error('not estimated');
    expect(told.estimate.time.breakdown.overhead).toBe(0.02);
  });
});

describe('runs sized in samples and epochs', () => {
  const file = (training: string) => `model:\n  preset: vit-b16\ntraining:\n${training}  sequenceLength: 197\n  globalBatchSize: 4096\n`;
  const err = (text: string) => {
    try {
      parseModelFile(text, 's.yaml');
    } catch (e) {
      if (e instanceof InputError) return e;
      throw e;
    }
    throw new Error('expected an InputError');
  };

  it('tokens = samples × epochs × sequenceLength; the batch is in samples', () => {
    const t = parseModelFile(file('  samples: 1281167\n  epochs: 90\n'), 's.yaml').training;
    expect(t.tokens).toBe(1281167 * 90 * 197);
    expect(t).toMatchObject({ samples: 1281167, epochs: 90, globalBatchSize: 4096 });
    expect(parseModelFile(file('  samples: 1M\n'), 's.yaml').training.epochs).toBe(1);
  });

  it.each([
    ['tokens and samples', '  tokens: 1B\n  samples: 1M\n', 'training.samples', /not both/],
    ['epochs with tokens', '  tokens: 1B\n  epochs: 3\n', 'training.epochs', /epochs applies to runs sized in samples/],
    ['neither', '', 'training.tokens', /required/],
  ])('%s: one error naming the field', (_n, body, field, msg) => {
    const e = err(file(body));
    expect(e.message).toMatch(msg);
    expect(e.message).toContain(field);
    expect(e.location).toMatch(/^s\.yaml(:\d+:\d+)?$/);
  });
});
