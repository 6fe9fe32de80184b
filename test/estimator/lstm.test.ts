import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/estimator/index.js';
import { parseModelFile } from '../../src/io/index.js';
import { loadBuiltinCatalog } from '../../src/io/load-catalog.js';
import { InputError, resolveModel, type TrainingConfig } from '../../src/schema/index.js';
import { aLayout } from '../helpers/builders.js';

const catalog = loadBuiltinCatalog();
const acc = (id: string) => catalog.accelerators.find((a) => a.id === id)!;
const training = (over: Partial<TrainingConfig> = {}): TrainingConfig => ({ tokens: 4.5e6, sequenceLength: 1, globalBatchSize: 1024, precision: 'bf16', optimizer: 'adam', samples: 4.5e6, epochs: 1, ...over });

describe('kind lstm and the gnmt preset', () => {
  it('parameters within 5% of the nn.LSTM weight shapes summed by hand (GNMT: 16 × 1024, 32K vocab)', () => {
    const h = 1024, v = 32000;
    // per layer: weight_ih [4096 × 1024], weight_hh [4096 × 1024], bias_ih [4096], bias_hh [4096]
    const byHand = 16 * (4096 * 1024 + 4096 * 1024 + 4096 + 4096) + v * h + h * v + v;
    const m = resolveModel({ preset: 'gnmt' });
    expect(m.kind).toBe('lstm');
    expect(Math.abs(m.sampleWorkload!.parameters / byHand - 1)).toBeLessThan(0.05);
    // forward: 50 steps × (16 layers × two 1024 × 4096 GEMMs + the 1024 × 32000 softmax), 2 FLOPs per MAC, × 3 for training
    const fwd = 2 * 50 * (16 * 2 * 1024 * 4096 + 1024 * 32000);
    expect(Math.abs(m.sampleWorkload!.flopsPerSample / (3 * fwd) - 1)).toBeLessThan(0.05);
  });

  it('recurrent steps are latency-bound: at a small micro-batch the step time barely grows with the batch', () => {
    const m = resolveModel({ kind: 'lstm', layers: 4, hiddenSize: 256, vocabSize: 1000, sequenceLength: 200 });
    const step = (mb: number) => {
      const r = estimate({ model: m, training: training({ globalBatchSize: mb }), accelerator: acc('h100-sxm'), layout: aLayout({ gpus: 1, zero: 0, recompute: 'none', microBatch: mb }) });
      if (!r.ok) throw new Error(r.problem.message);
      return r.estimate.time.stepSeconds;
    };
    // 2 → 4 samples doubles the FLOPs but the (200 + 3) launch-latency-bound steps dominate
    expect(step(4) / step(2)).toBeLessThan(1.3);
    // and the latency floor is there: ≥ 3 × (200 + 4 − 1) × 4 µs forward + backward
    expect(step(2)).toBeGreaterThan(3 * 203 * 4e-6);
  });

  it('tp on an LSTM is a layout problem naming --tp', () => {
    const r = estimate({ model: resolveModel({ preset: 'gnmt' }), training: training(), accelerator: acc('h100-sxm'), layout: aLayout({ gpus: 8, tp: 2 }) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.message).toMatch(/--tp must be 1/);
  });
});

describe('lstm bad input', () => {
  const err = (model: string) => {
    try {
      parseModelFile(`model:\n${model}training:\n  samples: 1M\n  globalBatchSize: 128\n`, 'l.yaml');
    } catch (e) {
      if (e instanceof InputError) return e;
      throw e;
    }
    throw new Error('expected an InputError');
  };
  it.each([
    ['  kind: lstm\n  layers: 2\n  hiddenSize: 512\n  vocabSize: 1000\n', 'model.sequenceLength'],
    ['  kind: lstm\n  hiddenSize: 512\n  vocabSize: 1000\n  sequenceLength: 20\n', 'model.layers'],
    ['  preset: gnmt\n  attentionHeads: 8\n', 'model.attentionHeads'],
    ['  preset: resnet50\n  sequenceLength: 20\n', 'model.sequenceLength'],
  ])('%j: one error naming %s', (model, field) => {
    expect(err(model).message).toContain(field);
  });
});
