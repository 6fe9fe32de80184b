import { describe, expect, it } from 'vitest';
import { estimate, CNN_PEAK_FRACTION } from '../../src/estimator/index.js';
import { parseModelFile } from '../../src/io/index.js';
import { loadBuiltinCatalog } from '../../src/io/load-catalog.js';
import { InputError, resolveModel, type TrainingConfig } from '../../src/schema/index.js';
import { aLayout } from '../helpers/builders.js';

const catalog = loadBuiltinCatalog();
const acc = (id: string) => catalog.accelerators.find((a) => a.id === id)!;
const IMAGENET = 1_281_167;
const training = (over: Partial<TrainingConfig> = {}): TrainingConfig => ({ tokens: IMAGENET * 90, sequenceLength: 1, globalBatchSize: 256, precision: 'bf16', optimizer: 'sgd', samples: IMAGENET, epochs: 90, ...over });

describe('CNN presets (kind cnn)', () => {
  it('ResNet-50 × 90 epochs of ImageNet ≈ 2.8e18 FLOPs (3 × 8.2 GFLOP × 1.28M × 90) within 5%', () => {
    const r = estimate({ model: resolveModel({ preset: 'resnet50' }), training: training(), accelerator: acc('a100-sxm-80gb'), layout: aLayout({ gpus: 1, zero: 0, recompute: 'none', microBatch: 256 }) });
    if (!r.ok) throw new Error(r.problem.message);
    expect(Math.abs(r.estimate.flops.total / (3 * 8.2e9 * 1.28e6 * 90) - 1)).toBeLessThan(0.05);
    expect(r.estimate.model.parameters).toBe(25_557_032);
    expect(r.estimate.throughput.samplesPerSecond).toBeGreaterThan(0);
  });

  it('ResNet-152 costs 11.51/4.09 × ResNet-50 per image (torchvision MACs)', () => {
    const f = (id: string) => resolveModel({ preset: id }).sampleWorkload!.flopsPerSample;
    expect(f('resnet152') / f('resnet50')).toBeCloseTo(11.51 / 4.09, 6);
  });

  // The CNN efficiency is derived from these two rows (sample-workload.ts): this checks the derivation holds for both.
  it.each([
    ['a100-sxm-80gb', 2470],
    ['v100-sxm-16gb', 1200],
  ])('one %s, mixed precision, batch 256: within 12%% of NVIDIA DeepLearningExamples (%d img/s)', (id, imgPerSecond) => {
    const r = estimate({ model: resolveModel({ preset: 'resnet50' }), training: training({ precision: 'fp16' }), accelerator: acc(id), layout: aLayout({ gpus: 1, zero: 0, recompute: 'none', microBatch: 256, precision: 'fp16' }) });
    if (!r.ok) throw new Error(r.problem.message);
    expect(Math.abs(r.estimate.throughput.samplesPerSecond! / imgPerSecond - 1)).toBeLessThan(0.12);
    expect(CNN_PEAK_FRACTION).toBeGreaterThan(0.19);
  });

  it('data parallel only: tp, pp or cp above 1 is a layout problem naming the flag', () => {
    const r = estimate({ model: resolveModel({ preset: 'resnet50' }), training: training(), accelerator: acc('h100-sxm'), layout: aLayout({ gpus: 8, tp: 2 }) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatchObject({ reason: 'kind-data-parallel-only' });
  });

  // NVIDIA DeepLearningExamples PyTorch/Classification/ConvNets/configs.yml (commit 097c7ff): ResNet-50 on
  // 16 GB parts (DGX-1V, T4) trains at batch 256 per GPU with AMP but only 112 (DGX-1V) / 128 (T4) in FP32.
  it.each([
    ['AMP, 256 per GPU', 'fp16' as const, 256, true],
    ['FP32, 112 per GPU', 'fp32' as const, 112, true],
    ['FP32, 256 per GPU', 'fp32' as const, 256, false],
  ])('ResNet-50 on a 16 GB T4, %s (precision %s, micro-batch %d): fits = %s', (_n, precision, mb, fits) => {
    const r = estimate({ model: resolveModel({ preset: 'resnet50' }), training: training({ precision, globalBatchSize: mb }), accelerator: acc('t4'), layout: aLayout({ gpus: 1, zero: 0, recompute: 'none', microBatch: mb, precision }) });
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.estimate.memory.fits).toBe(fits);
  });

  it('memory: data-parallel states plus activations per sample grow with the micro-batch', () => {
    const m = resolveModel({ preset: 'resnet50' });
    const mem = (mb: number) => {
      const r = estimate({ model: m, training: training(), accelerator: acc('h100-sxm'), layout: aLayout({ gpus: 1, zero: 0, recompute: 'none', microBatch: mb }) });
      if (!r.ok) throw new Error(r.problem.message);
      return r.estimate.memory.breakdown.activations;
    };
    expect(mem(128)).toBeCloseTo(2 * mem(64), -3);
  });
});

describe('generic kind (the escape hatch)', () => {
  const file = (model: string, training = '  samples: 1M\n  epochs: 2\n  globalBatchSize: 512\n') => `model:\n${model}training:\n${training}`;
  const err = (text: string) => {
    try {
      parseModelFile(text, 'g.yaml');
    } catch (e) {
      if (e instanceof InputError) return e;
      throw e;
    }
    throw new Error('expected an InputError');
  };
  const generic = '  kind: generic\n  parameters: 300M\n  flopsPerSample: 2T\n  activationBytesPerSample: 50000000\n';

  it('is sized in samples: FLOPs = flopsPerSample × samples × epochs; steps = samples × epochs / batch', () => {
    const f = parseModelFile(file(generic), 'g.yaml');
    const r = estimate({ model: f.model, training: f.training, accelerator: acc('h100-sxm'), layout: aLayout({ gpus: 8, zero: 1, recompute: 'none', microBatch: 8 }) });
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.estimate.flops.total).toBe(2e12 * 1e6 * 2);
    expect(r.estimate.time.steps).toBe(Math.ceil(2e6 / 512));
    expect(r.estimate.model.parameters).toBe(300e6);
    // Adam states (2 + 4 + 12 B/param, ZeRO-1 over 8) and 50 MB × 8 samples of activations
    expect(r.estimate.memory.breakdown.activations).toBeCloseTo(8 * 50e6, -3);
  });

  it.each([
    ['a missing field', '  kind: generic\n  parameters: 300M\n  flopsPerSample: 2T\n', undefined, 'model.activationBytesPerSample'],
    ['a transformer field', generic + '  layers: 12\n', undefined, 'model.layers'],
    ['sequenceLength', generic, '  samples: 1M\n  sequenceLength: 128\n  globalBatchSize: 512\n', 'training.sequenceLength'],
    ['fine-tuning', generic, '  samples: 1M\n  globalBatchSize: 512\n  finetune:\n    method: lora\n', 'training.finetune'],
    ['generic fields on a transformer', '  preset: llama3-8b\n  parameters: 5B\n', '  tokens: 1B\n  sequenceLength: 2048\n  globalBatchSize: 8\n', 'model.parameters'],
  ])('%s: one error naming the field', (_n, model, tr, field) => {
    const e = err(file(model, tr));
    expect(e.message).toContain(field);
    expect(e.location).toMatch(/^g\.yaml(:\d+:\d+)?$/);
  });
});
