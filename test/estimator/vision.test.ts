import { describe, expect, it } from 'vitest';
import { countParameters, forwardFlopsPerToken, modelFlopsPerToken } from '../../src/estimator/index.js';
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
