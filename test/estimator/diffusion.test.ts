import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/estimator/index.js';
import { parseModelFile } from '../../src/io/index.js';
import { loadBuiltinCatalog } from '../../src/io/load-catalog.js';
import { InputError, resolveModel, type TrainingConfig } from '../../src/schema/index.js';
import { ditForwardMacs, ditParameters, ditTokens, unetActivationBytes } from '../../src/schema/presets-diffusion.js';
import { aLayout } from '../helpers/builders.js';

const catalog = loadBuiltinCatalog();
const acc = (id: string) => catalog.accelerators.find((a) => a.id === id)!;
const IMAGENET = 1_281_167;
const training = (over: Partial<TrainingConfig> = {}): TrainingConfig => ({ tokens: IMAGENET, sequenceLength: 1, globalBatchSize: 256, precision: 'bf16', optimizer: 'adam', samples: IMAGENET, epochs: 1, ...over });
const within = (a: number, b: number, tol = 0.05) => Math.abs(a / b - 1) < tol;

describe('DiT-XL/2 presets (Peebles & Xie 2023, Table 4)', () => {
  it.each([
    ['dit-xl2', 256, 256, 118.6e9],
    ['dit-xl2-512', 512, 1024, 524.6e9],
  ])('%s: the closed-form forward multiply-adds are within 5%% of Table 4 (%d², %d tokens)', (id, res, tokens, gflops) => {
    expect(ditTokens(res)).toBe(tokens);
    expect(within(ditForwardMacs(res), gflops)).toBe(true);
    const w = resolveModel({ preset: id }).sampleWorkload!;
    // Table 4 counts multiply-adds: training FLOPs = 3 × 2 × MACs.
    expect(within(w.flopsPerSample, 3 * 2 * ditForwardMacs(res))).toBe(true);
    expect(within(w.parameters, ditParameters())).toBe(true);
  });

  it('resolution changes cost: 512² costs more than 4× 256² per image (attention is quadratic in tokens)', () => {
    const f = (id: string) => resolveModel({ preset: id }).sampleWorkload!.flopsPerSample;
    expect(f('dit-xl2-512') / f('dit-xl2')).toBeGreaterThan(4);
    expect(ditForwardMacs(512) / ditForwardMacs(256)).toBeGreaterThan(4);
  });

  it('is GEMM-bound (kind generic) and data-parallel only: tp 2 is a layout problem naming --tp', () => {
    const m = resolveModel({ preset: 'dit-xl2' });
    expect(m.kind).toBe('generic');
    const ok = estimate({ model: m, training: training(), accelerator: acc('h100-sxm'), layout: aLayout({ gpus: 8, zero: 1, recompute: 'none', microBatch: 32 }) });
    if (!ok.ok) throw new Error(ok.problem.message);
    expect(within(ok.estimate.flops.total, IMAGENET * 3 * 2 * 118.6e9)).toBe(true);
    const bad = estimate({ model: m, training: training(), accelerator: acc('h100-sxm'), layout: aLayout({ gpus: 8, tp: 2 }) });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem.message).toMatch(/tp/);
  });
});

describe('Stable Diffusion U-Net preset', () => {
  it('860M parameters and 2 × 339G MACs forward per 64×64 latent (BK-SDM Table 1), trained at 3× forward', () => {
    const m = resolveModel({ preset: 'sd-unet' });
    expect(m.kind).toBe('cnn');
    expect(within(m.sampleWorkload!.parameters, 859.5e6)).toBe(true);
    expect(within(m.sampleWorkload!.flopsPerSample, 3 * 2 * 338.7e9)).toBe(true);
  });

  it('stored activations come from the shape: the 64² level (320 channels, 5 res + 5 transformer blocks) dominates', () => {
    const top = 64 * 64 * 320 * 5 * (16 + 50);
    expect(unetActivationBytes()).toBeGreaterThan(top);
    expect(unetActivationBytes()).toBeLessThan(2 * top);
    expect(resolveModel({ preset: 'sd-unet' }).sampleWorkload!.activationBytesPerSample).toBe(unetActivationBytes());
  });

  it('more images per micro-batch need more memory (activations scale with the batch)', () => {
    const m = resolveModel({ preset: 'sd-unet' });
    const mem = (mb: number) => {
      const r = estimate({ model: m, training: training(), accelerator: acc('h100-sxm'), layout: aLayout({ gpus: 8, zero: 1, recompute: 'none', microBatch: mb }) });
      if (!r.ok) throw new Error(r.problem.message);
      return r.estimate.memory;
    };
    expect(JSON.stringify(mem(8))).not.toBe(JSON.stringify(mem(16)));
  });
});

describe('bad input', () => {
  const err = (text: string) => {
    try {
      parseModelFile(text, 'd.yaml');
    } catch (e) {
      if (e instanceof InputError) return e;
      throw e;
    }
    throw new Error('expected an InputError');
  };
  it('a diffusion preset with a transformer field names that field', () => {
    const e = err('model:\n  preset: dit-xl2\n  layers: 28\ntraining:\n  samples: 1M\n  globalBatchSize: 256\n');
    expect(e.message).toContain('model.layers');
  });
  it('a diffusion preset with a sequence length names training.sequenceLength', () => {
    const e = err('model:\n  preset: sd-unet\ntraining:\n  samples: 1M\n  sequenceLength: 77\n  globalBatchSize: 256\n');
    expect(e.message).toContain('training.sequenceLength');
  });
});
