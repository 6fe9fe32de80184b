import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/estimator/index.js';
import { loadBuiltinCatalog } from '../../src/io/load-catalog.js';
import { resolveModel, type TrainingConfig } from '../../src/schema/index.js';
import { styleganDiscriminator, styleganGenerator, styleganIterationMacs } from '../../src/schema/presets-stylegan.js';
import { aLayout } from '../helpers/builders.js';

const catalog = loadBuiltinCatalog();
const acc = (id: string) => catalog.accelerators.find((a) => a.id === id)!;

// Config F at 1024² written out by hand, resolution by resolution: [side, channels] (min(32768 / r, 512)).
const CH: Record<number, number> = { 4: 512, 8: 512, 16: 512, 32: 512, 64: 512, 128: 256, 256: 128, 512: 64, 1024: 32 };
const W = 512;

/** Generator multiply-adds and parameters, summed layer by layer in a different order from the source. */
function generatorByHand(): { macs: number; params: number } {
  let macs = 8 * W * W; // mapping: 8 FC 512 → 512
  let params = 8 * (W * W + W) + 512 * 4 * 4; // + the learned 4×4 constant
  const layer = (side: number, cin: number, cout: number, up: boolean) => {
    const inSide = up ? side / 2 : side;
    macs += W * cin; // affine style
    macs += 2 * 9 * cin * cout; // modulate + demodulate (sum of squares) the 3×3 weights
    macs += inSide * inSide * cin + side * side * cout; // scale input by styles, output by demod coefficients
    macs += up ? inSide * inSide * 9 * cin * cout + side * side * cout * 16 : side * side * 9 * cin * cout; // conv (+ 4×4 FIR after the transposed conv)
    params += 9 * cin * cout + cout + (W * cin + cin) + 1; // weight, bias, affine, noise strength
  };
  const rgb = (side: number, cin: number) => {
    macs += W * cin + 3 * cin + side * side * 3 * cin + (side > 4 ? side * side * 3 * 16 : 0);
    params += 3 * cin + 3 + W * cin + cin;
  };
  layer(4, 512, 512, false);
  rgb(4, 512);
  for (const side of [8, 16, 32, 64, 128, 256, 512, 1024]) {
    layer(side, CH[side / 2]!, CH[side]!, true);
    layer(side, CH[side]!, CH[side]!, false);
    rgb(side, CH[side]!);
  }
  return { macs, params };
}

function discriminatorByHand(): { macs: number; params: number } {
  let macs = 1024 * 1024 * 3 * 32; // fromRGB 1×1
  let params = 3 * 32 + 32;
  for (const side of [1024, 512, 256, 128, 64, 32, 16, 8]) {
    const c = CH[side]!;
    const o = CH[side / 2]!;
    const half = side / 2;
    macs += side * side * 9 * c * c; // conv0
    macs += side * side * c * 16 + half * half * 9 * c * o; // FIR then 3×3 stride 2
    macs += half * half * c * 16 + half * half * c * o; // skip: FIR (kept pixels) then 1×1
    params += 9 * c * c + c + 9 * c * o + o + c * o;
  }
  macs += 16 * 9 * 513 * 512 + 16 * 512 * 512 + 512; // epilogue conv (mbstd +1 channel), FC, output
  params += 9 * 513 * 512 + 512 + 16 * 512 * 512 + 512 + 512 + 1;
  return { macs, params };
}

describe('stylegan2 preset (config F, 1024²)', () => {
  it('parameters within 2% of the published ≈ 30.0M G and ≈ 29.0M D (Karras et al. 2020, config F)', () => {
    expect(Math.abs(styleganGenerator().params / 30.0e6 - 1)).toBeLessThan(0.02);
    expect(Math.abs(styleganDiscriminator().params / 29.0e6 - 1)).toBeLessThan(0.02);
    expect(resolveModel({ preset: 'stylegan2' }).sampleWorkload!.parameters).toBe(styleganGenerator().params + styleganDiscriminator().params);
  });

  it('G and D multiply-adds and parameters equal the hand-written layer-by-layer closed form', () => {
    expect(styleganGenerator()).toMatchObject(generatorByHand());
    expect(styleganDiscriminator()).toMatchObject(discriminatorByHand());
    // ≈ 76G MACs each at 1024²: the 3×3 convolutions at 64²…1024² dominate (9.66G each).
    expect(generatorByHand().macs / 1e9).toBeGreaterThan(70);
    expect(discriminatorByHand().macs / 1e9).toBeLessThan(85);
  });

  it('FLOPs per real image = 2 × (G step 3G + 2D, path length 6G × ½ / 4, D step G + 6D, R1 6D / 16)', () => {
    const g = generatorByHand().macs;
    const d = discriminatorByHand().macs;
    const expected = 2 * (3 * g + 2 * d + (6 * g) / 8 + (g + 6 * d) + (6 * d) / 16);
    expect(resolveModel({ preset: 'stylegan2' }).sampleWorkload!.flopsPerSample).toBeCloseTo(expected, -3);
    // Lazy regularisation adds 0.75·G + 0.375·D per image to the plain G + D steps (4G + 8D).
    expect(styleganIterationMacs(g, d) / (4 * g + 8 * d) - 1).toBeLessThan(0.1);
  });

  // NVlabs stylegan3 docs/configs.md (commit 8fb5177), --cfg=stylegan2, s/kimg on V100 and A100. The preset's peak
  // fraction is the mean of the six 8-GPU 1024² rows' implied fractions (in sample); the 1/2/4-GPU 1024² rows of the
  // "Old StyleGAN2-ADA configurations" table and AFHQv2-scale 512² at 8 images per GPU are out of sample. Tolerance
  // ±20%: the source's own stated spread ("tends to vary ... typically by no more than ±20%"); the repro row's
  // A100 figure (14.57) is 24% above the two other A100 rows of the same configuration (11.75, 11.80).
  const training = (batch: number): TrainingConfig => ({ tokens: 25e6, sequenceLength: 1, globalBatchSize: batch, precision: 'fp16', optimizer: 'adam', samples: 25e6, epochs: 1 });
  const secondsPerKimg = (id: string, accelerator: string, gpus: number, batch: number) => {
    const r = estimate({ model: resolveModel({ preset: id }), training: training(batch), accelerator: acc(accelerator), layout: aLayout({ gpus, zero: 0, recompute: 'none', microBatch: batch / gpus, precision: 'fp16' }) });
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.estimate.memory.fits).toBe(true);
    return 1000 / r.estimate.throughput.samplesPerSecond!;
  };
  it.each([
    ['stylegan2 repro, 8 GPUs', 'stylegan2', 8, 32, 17.55, 14.57],
    ['paper1024, 8 GPUs', 'stylegan2', 8, 32, 18.56, 11.75],
    ['FFHQ-U 1024², 8 GPUs', 'stylegan2', 8, 32, 18.74, 11.8],
    ['1024², 1 GPU (out of sample)', 'stylegan2', 1, 4, 141.83, 90.39],
    ['1024², 2 GPUs (out of sample)', 'stylegan2', 2, 8, 73.13, 46.04],
    ['1024², 4 GPUs (out of sample)', 'stylegan2', 4, 16, 36.95, 23.15],
    ['512², 8 GPUs, batch 64 (out of sample)', 'stylegan2-512', 8, 64, 9.09, 5.24],
  ])('%s: s/kimg within 20 percent on V100 and A100', (_n, id, gpus, batch, v100, a100) => {
    expect(Math.abs(secondsPerKimg(id, 'v100-sxm-32gb', gpus, batch) / v100 - 1)).toBeLessThan(0.2);
    expect(Math.abs(secondsPerKimg(id, 'a100-sxm-80gb', gpus, batch) / a100 - 1)).toBeLessThan(0.2);
  });

  it('known limit: at 512² with 4 images per GPU (AFHQv2, batch 32) the model is 21–29% optimistic (small per-GPU work)', () => {
    expect(secondsPerKimg('stylegan2-512', 'v100-sxm-32gb', 8, 32) / 10.9).toBeLessThan(0.85);
    expect(secondsPerKimg('stylegan2-512', 'a100-sxm-80gb', 8, 32) / 6.6).toBeLessThan(0.85);
  });

  it('is data parallel only (kind cnn): --tp 2 is a layout problem', () => {
    const r = estimate({ model: resolveModel({ preset: 'stylegan2' }), training: training(32), accelerator: acc('a100-sxm-80gb'), layout: aLayout({ gpus: 8, tp: 2, recompute: 'none', microBatch: 4 }) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.reason).toBe('kind-data-parallel-only');
  });
});
