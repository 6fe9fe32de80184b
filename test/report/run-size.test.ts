import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/estimator/index.js';
import { loadBuiltinCatalog } from '../../src/io/load-catalog.js';
import { renderEstimate } from '../../src/report/estimate-table.js';
import { runSizeText, sampleNoun } from '../../src/report/run-size.js';
import { resolveModel, type TrainingConfig } from '../../src/schema/index.js';
import { aLayout } from '../helpers/builders.js';

const h100 = loadBuiltinCatalog().accelerators.find((a) => a.id === 'h100-sxm')!;
const IMAGENET = 1_281_167;

describe('runs sized in samples speak of samples, not tokens', () => {
  it('the run size is samples × epochs (images for CNN and ViT kinds), tokens otherwise', () => {
    expect(runSizeText({ kind: 'cnn' }, { tokens: IMAGENET * 90, samples: IMAGENET, epochs: 90 })).toBe('115M images (1.28M × 90 epochs)');
    expect(runSizeText({ kind: 'generic' }, { tokens: 1e6, samples: 1e6, epochs: 1 })).toBe('1.00M samples (1.00M × 1 epoch)');
    expect(runSizeText({}, { tokens: 15e12 })).toBe('15.0T tokens');
    expect(sampleNoun({ kind: 'vit' })).toBe('images');
    expect(sampleNoun({ kind: 'lstm' })).toBe('samples');
  });

  it('estimate: a CNN prints images / s and FLOPs per image and no token rows; a ViT keeps tokens / s beside images / s', () => {
    const c = new Chalk({ level: 0 });
    const train = (seq: number): TrainingConfig => ({ tokens: IMAGENET * seq, sequenceLength: seq, globalBatchSize: 1024, precision: 'bf16', optimizer: 'sgd', samples: IMAGENET, epochs: 1 });
    const text = (preset: string, seq: number) => {
      const model = resolveModel({ preset });
      const r = estimate({ model, training: train(seq), accelerator: h100, layout: aLayout({ gpus: 8, zero: 1, recompute: 'none', microBatch: 32 }) });
      if (!r.ok) throw new Error(r.problem.message);
      return renderEstimate(r.estimate, c, preset, 100, model);
    };
    const cnn = text('resnet50', 1);
    expect(cnn).toMatch(/images \/ s/);
    expect(cnn).toMatch(/model FLOPs per image \/ total/);
    expect(cnn).not.toMatch(/token/);
    const vit = text('vit-b16', 197);
    expect(vit).toMatch(/images \/ s/);
    expect(vit).toMatch(/tokens \/ s/);
  });
});
