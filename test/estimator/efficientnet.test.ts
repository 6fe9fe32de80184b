import { describe, expect, it } from 'vitest';
import { DEPTHWISE_FP32_FRACTION, estimate, KERNEL_CONV_FRACTION } from '../../src/estimator/index.js';
import { loadBuiltinCatalog } from '../../src/io/load-catalog.js';
import { resolveModel, type KernelMix, type ModelConfig, type TrainingConfig } from '../../src/schema/index.js';
import { efficientNet, EFFICIENTNET_B0, EFFICIENTNET_B4, makeDivisible, mbconv } from '../../src/schema/cnn/efficientnet.js';
import { TRAFFIC } from '../../src/schema/cnn/kernels.js';
import { aLayout } from '../helpers/builders.js';

const catalog = loadBuiltinCatalog();
const acc = (id: string) => catalog.accelerators.find((a) => a.id === id)!;
const training = (batch: number, precision: TrainingConfig['precision'] = 'fp16'): TrainingConfig => ({ tokens: 1_281_167, sequenceLength: 1, globalBatchSize: batch, precision, optimizer: 'sgd', samples: 1_281_167, epochs: 1 });
const run = (model: ModelConfig, id: string, microBatch: number, gpus = 1) => {
  const r = estimate({ model, training: training(microBatch * gpus), accelerator: acc(id), layout: aLayout({ gpus, zero: 0, recompute: 'none', microBatch, precision: 'fp16' }) });
  if (!r.ok) throw new Error(r.problem.message);
  return r.estimate;
};
const imagesPerSecond = (model: ModelConfig, id: string, microBatch: number, gpus = 1) => run(model, id, microBatch, gpus).throughput.samplesPerSecond!;
const b4 = resolveModel({ preset: 'efficientnet-b4' });
const b0 = resolveModel({ preset: 'efficientnet-b0' });

describe('EfficientNet layer by layer (Tan & Le 2019 Table 1, torchvision shapes)', () => {
  it('B4: torchvision efficientnet_b4 has 19,341,616 parameters and 4.39 GMAC at 380²', () => {
    const c = efficientNet(EFFICIENTNET_B4);
    expect(c.params).toBe(19_341_616);
    expect(Math.abs((c.denseMacs + c.depthwiseMacs) / 4.39e9 - 1)).toBeLessThan(0.01);
    expect(b4.sampleWorkload!.parameters).toBe(19_341_616);
  });

  it('B0: torchvision efficientnet_b0 has 5,288,548 parameters and 0.39 GMAC at 224²', () => {
    const c = efficientNet(EFFICIENTNET_B0);
    expect(c.params).toBe(5_288_548);
    expect(Math.abs((c.denseMacs + c.depthwiseMacs) / 0.39e9 - 1)).toBeLessThan(0.02);
  });

  it('compound scaling rounds channels to multiples of 8 (B4 stem 32 → 48, head 1280 → 1792)', () => {
    expect(makeDivisible(32 * 1.4)).toBe(48);
    expect(makeDivisible(24 * 1.4)).toBe(32);
    expect(makeDivisible(4 * makeDivisible(320 * 1.4))).toBe(1792);
  });

  it('one residual MBConv block moves 43 passes over its 6×-expanded map and 18 over its output (hand count)', () => {
    // 32 → 192 → 32 channels at 95², 3×3, stride 1: expansion BN + Swish (8 + 5), the depthwise conv's input and
    // output three times each (6), its BN + Swish (13), squeeze-and-excitation (11); projection BN (8), drop-connect (4), add (6).
    const side = 95;
    const expanded = side * side * 192;
    const out = side * side * 32;
    const b = mbconv(side, 32, 32, 6, 3, 1);
    expect(b.cost.trafficElements).toBe(43 * expanded + 18 * out);
    expect(TRAFFIC.batchNorm + TRAFFIC.activation).toBe(13);
    expect(b.cost.depthwiseMacs).toBe(expanded * 9);
    expect(b.cost.denseMacs).toBe(2 * side * side * 32 * 192 + 2 * 192 * 8);
  });

  it('most of B4\'s bytes are on the expanded maps: 2.0 GB of memory-bound traffic per image against 24.6 GFLOP of dense math', () => {
    const mix = b4.sampleWorkload!.kernelMix!;
    expect(mix.memoryBoundBytesPerSample / 1e9).toBeCloseTo(2.0, 1);
    expect((b4.sampleWorkload!.flopsPerSample - mix.depthwiseFlopsPerSample) / 1e9).toBeCloseTo(24.6, 1);
    expect(mix.depthwiseFlopsPerSample / b4.sampleWorkload!.flopsPerSample).toBeGreaterThan(0.06);
  });
});

// NVIDIA DeepLearningExamples PyTorch/Classification/ConvNets/efficientnet README (pytorch-21.03, AMP,
// channels-last; commit 0107cf2), batch per GPU from ConvNets/configs.yml: B4 at 380², 128 on A100 80GB and 32 on
// V100 16GB; B0 at 224², 256 and 128. The 1×A100 B4 row fits DEPTHWISE_FP32_FRACTION; every other row is out of sample.
describe('EfficientNet throughput: per-kernel time model against NVIDIA DeepLearningExamples', () => {
  it('fitted row: B4 on one A100 80GB, batch 128: 331 img/s within 2%', () => {
    expect(Math.abs(imagesPerSecond(b4, 'a100-sxm-80gb', 128) / 331 - 1)).toBeLessThan(0.02);
  });

  it.each([
    ['B4, 1 × V100 16GB, batch 32', 'b4', 'v100-sxm-16gb', 32, 1, 204, 0.15],
    ['B4, 8 × A100 80GB, batch 128', 'b4', 'a100-sxm-80gb', 128, 8, 2570, 0.1],
    ['B4, 8 × V100 16GB, batch 32', 'b4', 'v100-sxm-16gb', 32, 8, 1366, 0.1],
    ['B0, 1 × A100 80GB, batch 256', 'b0', 'a100-sxm-80gb', 256, 1, 2489, 0.15],
    ['B0, 1 × V100 16GB, batch 128', 'b0', 'v100-sxm-16gb', 128, 1, 1301, 0.2],
  ] as const)('out of sample: %s: measured img/s within the stated band', (_n, preset, id, mb, gpus, measured, band) => {
    const predicted = imagesPerSecond(preset === 'b4' ? b4 : b0, id, mb, gpus);
    expect(Math.abs(predicted / measured - 1)).toBeLessThan(band);
  });

  it('A100 / V100 on B4 (measured 331 / 204 = 1.62) is far below the bandwidth (2.27) and tensor-peak (2.5) ratios', () => {
    const ratio = imagesPerSecond(b4, 'a100-sxm-80gb', 128) / imagesPerSecond(b4, 'v100-sxm-16gb', 32);
    expect(ratio).toBeLessThan(1.62 * 1.15);
    expect(ratio).toBeGreaterThan(1.62 * 0.9);
    expect(ratio).toBeLessThan(2.27 * 0.85);
  });

  // Each per-kernel term carries the time: without it the same network is wrongly fast.
  it.each([
    ['the whole kernel mix (the ResNet-50 roofline)', (): KernelMix | undefined => undefined],
    ['the depthwise class (its FLOPs then run as dense convolutions)', (m: KernelMix): KernelMix | undefined => ({ ...m, depthwiseFlopsPerSample: 0 })],
    ['the memory-bound traffic', (m: KernelMix): KernelMix | undefined => ({ ...m, memoryBoundBytesPerSample: 0 })],
  ])('dropping %s makes B4 on an A100 over 1.3× too fast', (_n, change) => {
    const w = b4.sampleWorkload!;
    const mix = change(w.kernelMix!);
    const { kernelMix: _k, ...rest } = w;
    const model: ModelConfig = { ...b4, sampleWorkload: mix ? { ...rest, kernelMix: mix } : rest };
    expect(imagesPerSecond(model, 'a100-sxm-80gb', 128) / 331).toBeGreaterThan(1.3);
  });

  it('per micro-batch: dense FLOPs at the conv rate + depthwise FLOPs at the fp32 rate + bytes at sustained HBM + launches (hand-computed, A100)', () => {
    const a = acc('a100-sxm-80gb');
    const w = b4.sampleWorkload!;
    const mix = w.kernelMix!;
    const perImage = (w.flopsPerSample - mix.depthwiseFlopsPerSample) / (a.peakTflops.fp16! * 1e12 * KERNEL_CONV_FRACTION)
      + mix.depthwiseFlopsPerSample / (a.peakTflops.fp32! * 1e12 * DEPTHWISE_FP32_FRACTION)
      + mix.memoryBoundBytesPerSample / (a.memoryBandwidthBytesPerSecond * 0.85);
    const expected = 128 * perImage + mix.kernelsPerStep * 4e-6 + 3 * 4e-6;
    expect(run(b4, 'a100-sxm-80gb', 128).time.breakdown.compute).toBeCloseTo(expected, 6);
  });

  // DeepLearningExamples' configs.yml picks the largest power-of-two batch that fits: 32 on 16 GB, 64 on 32 GB V100s.
  it.each([
    ['v100-sxm-16gb', 32, true],
    ['v100-sxm-16gb', 64, false],
    ['v100-sxm-32gb', 64, true],
    ['v100-sxm-32gb', 128, false],
    ['a100-sxm-80gb', 128, true],
  ] as const)('B4 activations: %s at batch %d fits = %s', (id, mb, fits) => {
    expect(run(b4, id, mb).memory.fits).toBe(fits);
  });

  it('a file that overrides flopsPerSample drops the preset\'s kernel mix (it split the preset\'s own FLOPs)', () => {
    expect(resolveModel({ preset: 'efficientnet-b4', flopsPerSample: 30e9 }).sampleWorkload!.kernelMix).toBeUndefined();
    expect(b4.sampleWorkload!.kernelMix).toBeDefined();
  });
});
