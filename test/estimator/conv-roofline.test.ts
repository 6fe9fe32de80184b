import { describe, expect, it } from 'vitest';
import { CNN_PEAK_FRACTION, CNN_TRAFFIC_PER_ACTIVATION_BYTE, estimate } from '../../src/estimator/index.js';
import { loadBuiltinCatalog } from '../../src/io/load-catalog.js';
import { resolveModel, type TrainingConfig } from '../../src/schema/index.js';
import { aLayout } from '../helpers/builders.js';

const catalog = loadBuiltinCatalog();
const acc = (id: string) => catalog.accelerators.find((a) => a.id === id)!;
const training: TrainingConfig = { tokens: 1_281_167, sequenceLength: 1, globalBatchSize: 256, precision: 'bf16', optimizer: 'sgd', samples: 1_281_167, epochs: 1 };
const run = (preset: string, id: string) => {
  const r = estimate({ model: resolveModel({ preset }), training, accelerator: acc(id), layout: aLayout({ gpus: 1, zero: 0, recompute: 'none', microBatch: 256 }) });
  if (!r.ok) throw new Error(r.problem.message);
  return r.estimate;
};
const imagesPerSecond = (preset: string, id: string) => run(preset, id).throughput.samplesPerSecond!;

describe('CNN roofline: convolution math + activation traffic', () => {
  it('per image: F / (peak · f) + 4 · activation bytes / HBM bandwidth (hand-computed for ResNet-50 on an A100)', () => {
    const a = acc('a100-sxm-80gb');
    const m = resolveModel({ preset: 'resnet50' }).sampleWorkload!;
    const seconds = m.flopsPerSample / (a.peakTflops.bf16! * 1e12 * CNN_PEAK_FRACTION) + (CNN_TRAFFIC_PER_ACTIVATION_BYTE * m.activationBytesPerSample) / a.memoryBandwidthBytesPerSecond;
    // One kernel overhead per forward (4 µs; the backward is 2 × the forward) per 256-image micro-batch on top.
    expect(run('resnet50', 'a100-sxm-80gb').time.breakdown.compute).toBeCloseTo(256 * seconds + 3 * 4e-6, 9);
  });
  it('same peak, more bandwidth: an H200 trains ResNet-50 faster than an H100 (MLPerf v4.0: 13.27 / 12.03 min = 1.10×)', () => {
    const ratio = imagesPerSecond('resnet50', 'h200-sxm') / imagesPerSecond('resnet50', 'h100-sxm');
    expect(ratio).toBeGreaterThan(1.05);
    expect(ratio).toBeLessThan(1.2);
  });
  it('the wide-channel SD U-Net (more FLOPs per activation byte) runs nearer the convolution roof than ResNet-50', () => {
    const mfu = (preset: string) => {
      const m = resolveModel({ preset }).sampleWorkload!;
      return (imagesPerSecond(preset, 'h100-sxm') * m.flopsPerSample) / (acc('h100-sxm').peakTflops.bf16! * 1e12);
    };
    expect(mfu('sd-unet')).toBeGreaterThan(mfu('resnet50') * 1.2);
    expect(mfu('sd-unet')).toBeLessThan(CNN_PEAK_FRACTION);
  });
});
