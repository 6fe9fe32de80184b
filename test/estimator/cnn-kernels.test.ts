import { describe, expect, it } from 'vitest';
import { estimate, GROUPED_FP32_FRACTION, KERNEL_CONV_FRACTION } from '../../src/estimator/index.js';
import { loadBuiltinCatalog } from '../../src/io/load-catalog.js';
import { PER_SAMPLE_TRANSFORMER_FIELDS, resolveModel, type ModelConfig, type TrainingConfig } from '../../src/schema/index.js';
import { cnnSampleWorkload } from '../../src/schema/cnn/presets.js';
import { resnetClassifier, RESNET50, RESNEXT50_32X4D, RESNEXT101_32X4D } from '../../src/schema/cnn/resnet.js';
import { frozen, retinaNet } from '../../src/schema/cnn/retinanet.js';
import { conv } from '../../src/schema/cnn/kernels.js';
import { aLayout } from '../helpers/builders.js';

const catalog = loadBuiltinCatalog();
const acc = (id: string) => catalog.accelerators.find((a) => a.id === id)!;
const training = (batch: number): TrainingConfig => ({ tokens: batch, sequenceLength: 1, globalBatchSize: batch, precision: 'fp16', optimizer: 'sgd', samples: batch, epochs: 1 });
const imagesPerSecond = (model: ModelConfig, id: string, microBatch: number) => {
  const r = estimate({ model, training: training(microBatch), accelerator: acc(id), layout: aLayout({ gpus: 1, zero: 0, recompute: 'none', microBatch, precision: 'fp16' }) });
  if (!r.ok) throw new Error(r.problem.message);
  return r.estimate.throughput.samplesPerSecond!;
};
const asModel = (w: NonNullable<ModelConfig['sampleWorkload']>): ModelConfig => ({ name: 'net', ...PER_SAMPLE_TRANSFORMER_FIELDS, kind: 'cnn', sampleWorkload: w });

describe('ResNet / ResNeXt layer by layer (torchvision shapes)', () => {
  it.each([
    ['resnet50', RESNET50, 25_557_032, 4.09],
    ['resnext50_32x4d', RESNEXT50_32X4D, 25_028_904, 4.23],
    ['resnext101_32x8d', { ...RESNEXT101_32X4D, widthPerGroup: 8 }, 88_791_336, 16.41],
  ] as const)('%s: torchvision\'s %d parameters and %d GMAC at 224²', (_n, spec, params, gmac) => {
    const c = resnetClassifier(spec);
    expect(c.params).toBe(params);
    expect(Math.abs((c.denseMacs + c.groupedMacs) / 1e9 / gmac - 1)).toBeLessThan(0.01);
  });

  it('a grouped convolution does out²·cout·(cin/groups)·k² MACs and is its own class; a dense one is not', () => {
    const g = conv({ side: 56, cin: 128, cout: 128, k: 3, groups: 32 });
    expect(g.groupedMacs).toBe(56 * 56 * 128 * 4 * 9);
    expect(g.denseMacs + g.depthwiseMacs).toBe(0);
    expect(conv({ side: 56, cin: 128, cout: 128, k: 3 }).groupedMacs).toBe(0);
  });

  // KERNEL_CONV_FRACTION is the mean of what these two rows imply under the per-kernel accounting (conv-kernels.ts).
  it.each([
    ['a100-sxm-80gb', 2470],
    ['v100-sxm-16gb', 1200],
  ] as const)('ResNet-50 counted kernel by kernel on one %s (DeepLearningExamples %d img/s, batch 256) within 12%%', (id, measured) => {
    expect(Math.abs(imagesPerSecond(asModel(cnnSampleWorkload(resnetClassifier(RESNET50))), id, 256) / measured - 1)).toBeLessThan(0.12);
    expect(KERNEL_CONV_FRACTION).toBeGreaterThan(0.3);
  });

  it('ResNeXt-101 32×4d: the grouped class carries the A100 time (at the dense rate it would be 1.3× too fast)', () => {
    const m = resolveModel({ preset: 'resnext101-32x4d' });
    expect(Math.abs(imagesPerSecond(m, 'a100-sxm-40gb', 128) / 908.4 - 1)).toBeLessThan(0.02);
    const w = m.sampleWorkload!;
    const asDense = asModel({ ...w, kernelMix: { ...w.kernelMix!, groupedFlopsPerSample: 0 } });
    expect(imagesPerSecond(asDense, 'a100-sxm-40gb', 128) / 908.4).toBeGreaterThan(1.3);
    expect(GROUPED_FP32_FRACTION).toBeLessThan(1);
  });
});

describe('RetinaNet (MLPerf single-stage detector) layer by layer', () => {
  const r = retinaNet();
  const levels = [100, 50, 25, 13, 7];

  it('anchor positions over P3–P7 of an 800² image: 100² + 50² + 25² + 13² + 7² = 13,343', () => {
    expect(r.positions).toBe(levels.reduce((a, s) => a + s * s, 0));
    expect(r.positions).toBe(13_343);
  });

  it('parameters: frozen-BN ResNeXt50 backbone without its classifier + FPN + the two shared heads (closed forms)', () => {
    const conv3 = 256 * 256 * 9 + 256;
    const heads = 2 * 4 * conv3 + (256 * 9 * 264 * 9 + 9 * 264) + (256 * 4 * 9 * 9 + 9 * 4);
    const fpn = (512 + 1024 + 2048) * 256 + 3 * 256 + 5 * conv3;
    const backbone = resnetClassifier({ ...RESNEXT50_32X4D, norm: 'fused' }).params - (2048 * 1000 + 1000);
    expect(r.params).toBe(backbone + fpn + heads);
    expect(r.params / 1e6).toBeCloseTo(37.1, 1);
  });

  it('the heads dominate the FLOPs: 8 × 3×3 × 256² + the 2,376- and 36-wide output convolutions at every position', () => {
    const headMacs = r.positions * 9 * 256 * (8 * 256 + 9 * 264 + 9 * 4);
    const total = r.denseMacs + r.groupedMacs;
    expect(headMacs / total).toBeGreaterThan(0.6);
    expect(r.denseMacs).toBeGreaterThan(headMacs);
  });

  it('frozen layers (conv1, layer1) run forward only: a third of their training MACs, half their element-wise passes, nothing stored', () => {
    const c = conv({ side: 200, cin: 64, cout: 64, k: 3 });
    const f = frozen({ ...c, trafficElements: 600, storedElements: 100 });
    expect(f.denseMacs * 3).toBe(c.denseMacs);
    expect(f.trafficElements).toBe(300);
    expect(f.storedElements).toBe(0);
    expect(f.params).toBe(c.params);
  });

  it('the preset: 1.17 TFLOP per training image; 32 images fit an 80 GB H100', () => {
    const m = resolveModel({ preset: 'retinanet' });
    expect(m.sampleWorkload!.flopsPerSample / 1e12).toBeCloseTo(1.17, 2);
    const e = estimate({ model: m, training: training(32), accelerator: acc('h100-sxm'), layout: aLayout({ gpus: 1, zero: 0, recompute: 'none', microBatch: 32, precision: 'fp16' }) });
    if (!e.ok) throw new Error(e.problem.message);
    expect(e.estimate.memory.fits).toBe(true);
  });
});
