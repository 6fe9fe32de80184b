import { describe, expect, it } from 'vitest';
import { activationBytesPerLayerToken, checkLayout, estimate, localParams, modelStateBytes, DEFAULT_ASSUMPTIONS } from '../../src/estimator/index.js';
import { deriveShapes } from '../../src/estimator/shapes.js';
import type { Layout } from '../../src/schema/index.js';
import { SHAPES, aLayout, aModel, aTraining, anAccelerator } from '../helpers/builders.js';

function resolved(model = aModel(), layout: Layout = aLayout(), training = aTraining()) {
  const c = checkLayout(model, training, layout);
  if (!c.ok) throw new Error(c.problem.message);
  return c.layout;
}

describe('model states by ZeRO stage', () => {
  it('ZeRO-3 model states are ZeRO-0 divided by DP', () => {
    const model = aModel();
    const z0 = resolved(model, aLayout({ gpus: 64, zero: 0 }), aTraining({ globalBatchSize: 64 }));
    const z3 = resolved(model, aLayout({ gpus: 64, zero: 3 }), aTraining({ globalBatchSize: 64 }));
    const lp = localParams(model, z0);
    const sum = (s: ReturnType<typeof modelStateBytes>) => s.weights + s.gradients + s.optimizer;
    expect(sum(modelStateBytes(lp, z3, DEFAULT_ASSUMPTIONS, 'adam')) * 64).toBeCloseTo(sum(modelStateBytes(lp, z0, DEFAULT_ASSUMPTIONS, 'adam')), -3);
  });

  it('reproduces the ZeRO paper example: 7.5B params on 64 GPUs → 120 / 31.4 / 16.6 / 1.9 GB (Rajbhandari et al. 2020, Fig. 1)', () => {
    const a = { ...DEFAULT_ASSUMPTIONS, bytesWeight: 2, bytesGradient: 2, bytesMaster: 4, bytesOptimizerMoments: 8 };
    const lp = { dense: 7.5e9, expert: 0, largestLayer: 0 };
    const expected = [120, 31.4, 16.6, 1.9];
    for (const zero of [0, 1, 2, 3] as const) {
      const layout = { ...aLayout({ gpus: 64, zero }), dp: 64, gradientAccumulation: 1 };
      const s = modelStateBytes(lp, layout, a, 'adam');
      expect((s.weights + s.gradients + s.optimizer) / 1e9).toBeCloseTo(expected[zero]!, 0);
    }
  });
});

describe('activations per layer (Korthikanti et al. 2022, Table 2), GPT-3 175B shape, s = 2048', () => {
  const model = SHAPES.gpt3_175b;
  const h = model.hiddenSize, a = model.attentionHeads, s = 2048, t = 8;
  const training = aTraining({ globalBatchSize: 8 });
  const perToken = (over: Partial<Layout>, kernel: 'flash' | 'unfused') => {
    const layout = resolved(model, aLayout({ gpus: 8, tp: t, microBatch: 1, precision: 'fp16', ...over }), training);
    return activationBytesPerLayerToken(model, layout, deriveShapes(model, layout, s), false, kernel);
  };
  it.each([
    ['TP only, no recompute: 10 + 24/t + 5as/(ht)', { recompute: 'none', sequenceParallel: false }, 'unfused', h * (10 + 24 / t + (5 * a * s) / (h * t))],
    ['TP + SP, no recompute: 34/t + 5as/(ht)', { recompute: 'none', sequenceParallel: true }, 'unfused', h * (34 / t + (5 * a * s) / (h * t))],
    ['TP + selective recompute: 10 + 24/t', { recompute: 'selective', sequenceParallel: false }, 'unfused', h * (10 + 24 / t)],
    ['TP + SP + selective: 34/t', { recompute: 'selective', sequenceParallel: true }, 'unfused', (h * 34) / t],
    ['full recompute with SP: 2/t (layer input only)', { recompute: 'full', sequenceParallel: true }, 'flash', (2 * h) / t],
  ] as const)('%s', (_n, over, kernel, expected) => {
    expect(Math.abs(perToken(over, kernel) - expected) / expected).toBeLessThan(0.01);
  });
});

describe('fits in memory', () => {
  it('a 70B model at ZeRO-0 does not fit on 8 × 80 GB', () => {
    const r = estimate({ model: SHAPES.llama3_70b, training: aTraining({ sequenceLength: 8192, globalBatchSize: 64 }), accelerator: anAccelerator(), layout: aLayout({ gpus: 8, zero: 0, tp: 8, sequenceParallel: true }) });
    expect(r.ok && r.estimate.memory.fits).toBe(false);
  });

  it('Llama-3-8B with ZeRO-3 on 8 × H100 at micro-batch 1 fits', () => {
    const r = estimate({ model: SHAPES.llama3_8b, training: aTraining({ sequenceLength: 8192, globalBatchSize: 64 }), accelerator: anAccelerator(), layout: aLayout({ gpus: 8, zero: 3, microBatch: 1 }) });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.estimate.memory.fits).toBe(true);
      expect(r.estimate.memory.perGpuBytes).toBeLessThan(80e9);
    }
  });

  it('the breakdown adds up to the total', () => {
    const r = estimate({ model: SHAPES.llama3_8b, training: aTraining(), accelerator: anAccelerator(), layout: aLayout({ gpus: 8, zero: 2, tp: 2, sequenceParallel: true }) });
    if (!r.ok) throw new Error('layout rejected');
    const b = r.estimate.memory.breakdown;
    expect(b.weights + b.gradients + b.optimizer + b.activations + b.other).toBeCloseTo(r.estimate.memory.perGpuBytes, -2);
  });

  it('recompute lowers activation memory: none > selective ≥ full', () => {
    const act = (recompute: 'none' | 'selective' | 'full') => {
      const r = estimate({ model: SHAPES.llama3_8b, training: aTraining(), accelerator: anAccelerator(), layout: aLayout({ recompute }), assumptions: { attentionKernel: 'unfused' } });
      if (!r.ok) throw new Error('rejected');
      return r.estimate.memory.breakdown.activations;
    };
    expect(act('none')).toBeGreaterThan(act('selective'));
    expect(act('selective')).toBeGreaterThan(act('full'));
  });
});
