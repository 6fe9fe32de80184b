import { describe, expect, it } from 'vitest';
import { estimate, stackFor, STACKS, type Estimate } from '../../src/estimator/index.js';
import type { Layout, TrainingConfig } from '../../src/schema/index.js';
import { aLayout, anAccelerator, aTraining, SHAPES } from '../helpers/builders.js';

const acc = anAccelerator();
function est(model = SHAPES.llama3_8b, training: Partial<TrainingConfig> = {}, layout: Partial<Layout> = {}, assumptions = {}): Estimate {
  const r = estimate({ model, training: aTraining({ sequenceLength: 8192, globalBatchSize: 512, ...training }), accelerator: acc, layout: aLayout(layout), assumptions });
  if (!r.ok) throw new Error(r.problem.message);
  return r.estimate;
}
const l405 = { ...SHAPES.llama3_8b, name: 'llama3-405b', layers: 126, hiddenSize: 16384, ffnHiddenSize: 53248, attentionHeads: 128, headDim: 128 };

describe('training stacks', () => {
  it('a run without framework estimates exactly as megatron (the defaults are Megatron\'s)', () => {
    const a = est();
    const b = est(SHAPES.llama3_8b, { framework: 'megatron' });
    expect(b.time.stepSeconds).toBe(a.time.stepSeconds);
    expect(b.memory.perGpuBytes).toBe(a.memory.perGpuBytes);
  });

  it('every stack cites its conventions and offers its own default recompute', () => {
    for (const s of Object.values(STACKS)) {
      expect(s.recompute).toContain(s.defaultRecompute);
      for (const src of [s.gradientBytesSource, s.overlapSource, s.recomputeSource, s.kernelEfficiencySource, s.distributedOptimizer]) expect(src.length).toBeGreaterThan(20);
    }
    expect(stackFor(undefined).id).toBe('megatron');
  });

  it('FSDP stacks under PP keep parameters gathered: ZeRO-3 costs what ZeRO-2 does; Megatron still re-shards', () => {
    const layout = { gpus: 64, pp: 4, zero: 3 as const, recompute: 'full' as const };
    const t3 = est(SHAPES.llama3_8b, { framework: 'torchtitan' }, layout);
    const t2 = est(SHAPES.llama3_8b, { framework: 'torchtitan' }, { ...layout, zero: 2 });
    expect(t3.memory.perGpuBytes).toBe(t2.memory.perGpuBytes);
    expect(t3.time.stepSeconds).toBe(t2.time.stepSeconds);
    const m3 = est(SHAPES.llama3_8b, { framework: 'megatron' }, layout);
    const m2 = est(SHAPES.llama3_8b, { framework: 'megatron' }, { ...layout, zero: 2 });
    expect(m3.time.breakdown.dpComm).toBeGreaterThan(m2.time.breakdown.dpComm);
  });

  it('ZeRO-2 reduce-scatter per micro-batch hides behind the next micro-batch: 405B TP8 PP16 exposes well under a second (3.75 s before)', () => {
    const e = est(l405, { globalBatchSize: 2048 }, { gpus: 16384, tp: 8, pp: 16, vpp: 2, zero: 2, recompute: 'none', sequenceParallel: true });
    expect(e.time.breakdown.dpComm).toBeLessThan(1);
    // With one micro-batch per step there is no next micro-batch: the window is the backward alone, so more is exposed per micro-batch.
    const one = est(l405, { globalBatchSize: 128 }, { gpus: 16384, tp: 8, pp: 16, vpp: 2, zero: 2, recompute: 'none', sequenceParallel: true });
    expect(one.time.breakdown.dpComm).toBeGreaterThan(e.time.breakdown.dpComm / e.layout.gradientAccumulation);
  });

  it('overlap knobs: dataParallel sets the DP overlap, expertAllToAll hides EP all-to-all, DualPipe hides it fully and halves the bubble', () => {
    const dsv3 = SHAPES.deepseekV3;
    const layout = { gpus: 2048, pp: 16, ep: 64, zero: 1 as const, recompute: 'full' as const, precision: 'fp8' as const };
    const tr = { sequenceLength: 4096, globalBatchSize: 15360, precision: 'fp8' as const };
    const plain = est(dsv3, tr, layout);
    const half = est(dsv3, { ...tr, overlap: { expertAllToAll: 0.5 } }, layout);
    const dual = est(dsv3, { ...tr, overlap: { dualPipe: true } }, layout);
    expect(plain.time.breakdown.epComm).toBeGreaterThan(0);
    expect(half.time.breakdown.epComm).toBeCloseTo(plain.time.breakdown.epComm / 2, 6);
    expect(dual.time.breakdown.epComm).toBe(0);
    // (p/2 − 1)/(p − 1) of the 1F1B bubble on the same stage times (all-to-all hidden in both).
    const hidden = est(dsv3, { ...tr, overlap: { expertAllToAll: 1 } }, layout);
    expect(dual.time.breakdown.pipelineBubble / hidden.time.breakdown.pipelineBubble).toBeCloseTo(7 / 15, 6);
    // Two parameter copies.
    expect(dual.memory.breakdown.weights).toBeCloseTo(2 * plain.memory.breakdown.weights, 0);
    const dp = est(SHAPES.llama3_8b, { overlap: { dataParallel: 0 } }, { gpus: 64, zero: 1 });
    expect(dp.assumptions.dpOverlap).toBe(0);
  });

  it('DeepSeek-V3 with its published layout and DualPipe lands near its published 2.664M H800 GPU-hours', () => {
    const r = estimate({
      model: SHAPES.deepseekV3,
      training: aTraining({ tokens: 14.8e12, sequenceLength: 4096, globalBatchSize: 15360, precision: 'fp8', overlap: { dualPipe: true } }),
      accelerator: anAccelerator({ id: 'h800-sxm', scaleUp: { domainSize: 8, bandwidthBytesPerSecond: 200e9 } }),
      layout: aLayout({ gpus: 2048, pp: 16, ep: 64, zero: 1, recompute: 'partial', recomputeBlocks: ['norm', 'mla-up-projection', 'moe-act'], precision: 'fp8' }),
    });
    if (!r.ok) throw new Error(r.problem.message);
    const ratio = r.estimate.cost.gpuHours / 2.664e6;
    expect(ratio).toBeGreaterThan(0.75);
    expect(ratio).toBeLessThan(1.1);
  });
});

describe('memory conventions', () => {
  it('interleaving never holds more micro-batches than the step has: with m ≤ p it stores what 1F1B does', () => {
    const shape = { gpus: 64, pp: 8, recompute: 'selective' as const };
    // dp = 8, m = 64/8 = 8 = p
    const v1 = est(SHAPES.llama3_8b, { globalBatchSize: 64 }, { ...shape, vpp: 1 });
    const v2 = est(SHAPES.llama3_8b, { globalBatchSize: 64 }, { ...shape, vpp: 2 });
    expect(v2.memory.breakdown.activations).toBe(v1.memory.breakdown.activations);
    // m = 32 ≫ p: the Korthikanti/Megatron factor 1 + (p−1)/(p·v) on the layer activations.
    const w1 = est(SHAPES.llama3_8b, { globalBatchSize: 256 }, { ...shape, vpp: 1 });
    const w2 = est(SHAPES.llama3_8b, { globalBatchSize: 256 }, { ...shape, vpp: 2 });
    const logits = ((8192 * 128256) / 1) * (2 + 4);
    expect((w2.memory.breakdown.activations - logits) / (w1.memory.breakdown.activations - logits)).toBeCloseTo(1 + 7 / 16, 6);
  });

  it('recompute modes order stored activations: none > op-level > full, partial drops only its sub-blocks', () => {
    const act = (recompute: Layout['recompute'], recomputeBlocks?: Layout['recomputeBlocks'], training: Partial<TrainingConfig> = {}) =>
      est(SHAPES.llama3_8b, training, { gpus: 64, recompute, ...(recomputeBlocks ? { recomputeBlocks } : {}) }).memory.breakdown.activations;
    const none = act('none');
    const op = act('op-level', undefined, { framework: 'torchtitan' });
    const full = act('full');
    expect(none).toBeGreaterThan(op);
    expect(op).toBeGreaterThan(full);
    const norm = act('partial', ['norm']);
    const mlp = act('partial', ['mlp']);
    const both = act('partial', ['norm', 'mlp']);
    expect(none - both).toBeCloseTo(none - norm + (none - mlp), -3);
    expect(mlp).toBeLessThan(norm);
  });

  it('recompute modes cost time in the same order they save memory', () => {
    const rc = (recompute: Layout['recompute'], recomputeBlocks?: Layout['recomputeBlocks'], framework: TrainingConfig['framework'] = 'megatron') =>
      est(SHAPES.llama3_8b, { framework }, { gpus: 64, recompute, ...(recomputeBlocks ? { recomputeBlocks } : {}) }).time.breakdown.recompute;
    expect(rc('none')).toBe(0);
    expect(rc('partial', ['norm'])).toBeGreaterThan(0);
    expect(rc('partial', ['norm'])).toBeLessThan(rc('partial', ['mlp']));
    expect(rc('op-level', undefined, 'torchtitan')).toBeLessThan(rc('full', undefined, 'torchtitan'));
  });

  it('a mode the stack does not offer, or sub-blocks that do not apply, are layout problems (values, not throws)', () => {
    const r = (layout: Partial<Layout>, training: Partial<TrainingConfig> = {}) => estimate({ model: SHAPES.llama3_8b, training: aTraining(training), accelerator: acc, layout: aLayout({ gpus: 8, ...layout }) });
    const a = r({ recompute: 'op-level' });
    expect(a.ok ? null : a.problem.reason).toBe('recompute-not-offered');
    const b = r({ recompute: 'partial', recomputeBlocks: ['mla-up-projection'] });
    expect(b.ok ? null : b.problem.reason).toBe('recompute-blocks-invalid');
    const c = r({ recompute: 'selective', recomputeBlocks: ['norm'] });
    expect(c.ok ? null : c.problem.reason).toBe('recompute-blocks-invalid');
    expect(r({ recompute: 'op-level' }, { framework: 'torchtitan' }).ok).toBe(true);
  });
});
