import { describe, expect, it } from 'vitest';
import { allGatherSeconds, allReduceSeconds, checkLayout, estimate, groupOf, waveEfficiency } from '../../src/estimator/index.js';
import type { Fabric } from '../../src/estimator/comm.js';
import type { Layout } from '../../src/schema/index.js';
import { SHAPES, aLayout, aModel, aTraining, anAccelerator } from '../helpers/builders.js';

const fabric: Fabric = { scaleUpBytesPerSecond: 300e9, scaleOutBytesPerSecond: 40e9, domainSize: 8, scaleUpLatencySeconds: 1e-5, scaleOutLatencySeconds: 2e-5 };

describe('collectives (α–β, Thakur et al. 2005; Patarasuk & Yuan 2009)', () => {
  it('ring all-reduce inside one domain costs 2(n−1)/n·S/B + α', () => {
    const S = 1e9;
    expect(allReduceSeconds(fabric, S, groupOf(8, 1, 8))).toBeCloseTo(2 * ((7 / 8) * S / 300e9 + 1e-5), 9);
  });
  it('all-reduce is twice an all-gather, and a group of one costs nothing', () => {
    const g = groupOf(64, 1, 8);
    expect(allReduceSeconds(fabric, 1e9, g)).toBeCloseTo(2 * allGatherSeconds(fabric, 1e9, g), 12);
    expect(allReduceSeconds(fabric, 1e9, groupOf(1, 1, 8))).toBe(0);
  });
  it('spanning nodes is slower than staying inside one, and more nodes cost more', () => {
    const inNode = allGatherSeconds(fabric, 1e9, groupOf(8, 1, 8));
    const across = allGatherSeconds(fabric, 1e9, groupOf(8, 8, 8));
    const wider = allGatherSeconds(fabric, 1e9, groupOf(64, 8, 8));
    expect(across).toBeGreaterThan(inNode);
    expect(wider).toBeGreaterThan(across);
  });
  it('groups strided past the domain put one rank per node', () => {
    expect(groupOf(16, 8, 8)).toEqual({ size: 16, local: 1 });
    expect(groupOf(16, 2, 8)).toEqual({ size: 16, local: 4 });
  });
});

describe('GEMM wave quantisation (NVIDIA GEMM guide)', () => {
  it('is 1 when tiles fill whole waves and drops for a partial last wave', () => {
    expect(waveEfficiency(256 * 132, 128, 132)).toBeCloseTo(1, 6);
    expect(waveEfficiency(256 * 133, 128, 132)).toBeLessThan(0.8);
  });
});

function run(layout: Partial<Layout>, model = aModel({ vocabSize: 1024 }), training = aTraining({ globalBatchSize: 256 })) {
  const r = estimate({ model, training, accelerator: anAccelerator(), layout: aLayout({ gpus: 8, ...layout }) });
  if (!r.ok) throw new Error(r.problem.message);
  return r.estimate;
}

describe('step time', () => {
  it('the 1F1B bubble is (p−1)/m of the per-stage work, and interleaving divides it by v (Narayanan et al. 2021 §2.2)', () => {
    const e = run({ pp: 4, microBatch: 1, gpus: 4 }, aModel({ vocabSize: 1024, layers: 24 }), aTraining({ globalBatchSize: 32 }));
    const b = e.time.breakdown;
    const m = e.layout.gradientAccumulation;
    const perStageWork = b.compute + b.recompute + b.tpComm;
    expect(b.pipelineBubble / perStageWork).toBeCloseTo(3 / m, 1);
    const v = run({ pp: 4, vpp: 3, microBatch: 1, gpus: 4 }, aModel({ vocabSize: 1024, layers: 24 }), aTraining({ globalBatchSize: 32 }));
    expect(v.time.breakdown.pipelineBubble).toBeCloseTo(b.pipelineBubble / 3, 4);
  });

  it('throughput, MFU and totals are consistent with the step time', () => {
    const e = run({ tp: 2, sequenceParallel: true });
    const tr = aTraining({ globalBatchSize: 256 });
    expect(e.throughput.tokensPerSecond * e.time.stepSeconds).toBeCloseTo(tr.globalBatchSize * tr.sequenceLength, 3);
    expect(e.throughput.mfu).toBeGreaterThan(0.05);
    expect(e.throughput.mfu).toBeLessThan(1);
    expect(e.throughput.hfu).toBeGreaterThanOrEqual(e.throughput.mfu);
    const parts = Object.values(e.time.breakdown).reduce((a, b) => a + b, 0);
    expect(parts).toBeCloseTo(e.time.stepSeconds, 9);
    expect(e.time.failureFreeSeconds).toBeCloseTo(e.time.steps * e.time.stepSeconds, 6);
    // totalSeconds is the expected wall clock: failure-free time ÷ goodput (estimator/goodput.ts)
    expect(e.time.totalSeconds).toBeCloseTo(e.time.failureFreeSeconds / e.goodput.goodput, 6);
    expect(e.cost.gpuHours).toBeCloseTo((e.time.totalSeconds * 8) / 3600, 6);
  });

  it('full recompute is slower than selective, which is slower than none', () => {
    const t = (recompute: 'none' | 'selective' | 'full') => run({ recompute }).time.stepSeconds;
    expect(t('full')).toBeGreaterThan(t('selective'));
    expect(t('selective')).toBeGreaterThanOrEqual(t('none'));
  });

  it('FP8 speeds up GEMM-bound work but by less than 2×', () => {
    const bf16 = run({ precision: 'bf16' }, SHAPES.llama3_8b, aTraining({ globalBatchSize: 64, sequenceLength: 4096 }));
    const fp8 = run({ precision: 'fp8' }, SHAPES.llama3_8b, aTraining({ globalBatchSize: 64, sequenceLength: 4096, precision: 'fp8' }));
    expect(fp8.time.stepSeconds).toBeLessThan(bf16.time.stepSeconds);
    expect(bf16.time.stepSeconds / fp8.time.stepSeconds).toBeLessThan(2);
  });

  it('a slower network exposes more data-parallel communication', () => {
    const model = aModel({ vocabSize: 1024 });
    const tr = aTraining({ globalBatchSize: 64 });
    const fast = estimate({ model, training: tr, accelerator: anAccelerator(), layout: aLayout({ gpus: 64, zero: 3 }), network: { scaleOutBitsPerSecondPerGpu: 400e9 } });
    const slow = estimate({ model, training: tr, accelerator: anAccelerator(), layout: aLayout({ gpus: 64, zero: 3 }), network: { scaleOutBitsPerSecondPerGpu: 10e9 } });
    if (!fast.ok || !slow.ok) throw new Error('rejected');
    expect(slow.estimate.time.breakdown.dpComm).toBeGreaterThan(fast.estimate.time.breakdown.dpComm);
  });
});

describe('layout rules', () => {
  it.each([
    [{ gpus: 8, tp: 3 }, 'gpus-not-divisible'],
    [{ gpus: 12, tp: 3 }, 'heads-not-divisible-by-tp'],
    [{ gpus: 8, pp: 4, vpp: 8 }, 'layers-not-divisible-by-vpp'],
    [{ gpus: 8, microBatch: 3 }, 'batch-not-divisible'],
    [{ gpus: 8, ep: 2 }, 'ep-needs-moe'],
    [{ gpus: 8, vpp: 2 }, 'vpp-needs-pp'],
  ] as const)('%o → %s', (over, reason) => {
    const c = checkLayout(aModel(), aTraining({ globalBatchSize: 64 }), aLayout(over));
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.problem.reason).toBe(reason);
  });

  it('suggests the nearest valid degrees', () => {
    const c = checkLayout(aModel({ attentionHeads: 12, hiddenSize: 1536 }), aTraining(), aLayout({ gpus: 40, tp: 5 }));
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.problem.suggestion).toBe('nearest valid --tp: 4 or 6');
  });

  it('derives dp and gradient accumulation', () => {
    const c = checkLayout(aModel(), aTraining({ globalBatchSize: 512 }), aLayout({ gpus: 64, tp: 2, pp: 2, microBatch: 4 }));
    expect(c.ok && c.layout.dp).toBe(16);
    expect(c.ok && c.layout.gradientAccumulation).toBe(8);
  });
});

describe('uneven pipeline stages', () => {
  it('the slowest rank holds ⌈L/p⌉ layers whatever the virtual-stage count (126 layers on 16 ranks → 8)', async () => {
    const { stageLayers } = await import('../../src/estimator/shapes.js');
    expect(stageLayers(126, 0, 16, 7).layersPerStage).toBe(8);
    expect(stageLayers(126, 0, 16, 1).layersPerStage).toBe(8);
    expect(stageLayers(96, 0, 8, 3).layersPerStage).toBe(12);
    expect(stageLayers(61, 58, 4, 8).moeLayersPerStage).toBeCloseTo((16 * 58) / 61, 9);
  });
});

describe('interleaving needs equal chunks', () => {
  it('vpp must divide the ⌈L/p⌉ layers of the slowest rank, with the nearest valid values suggested', () => {
    const m = aModel({ layers: 126 });
    const bad = checkLayout(m, aTraining({ globalBatchSize: 64 }), aLayout({ gpus: 8, pp: 8, vpp: 5 }));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problem.suggestion).toBe('nearest valid --vpp: 4 or 8');
    expect(checkLayout(m, aTraining({ globalBatchSize: 64 }), aLayout({ gpus: 8, pp: 8, vpp: 8 })).ok).toBe(true);
  });
});
