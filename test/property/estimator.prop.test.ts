import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/estimator/index.js';
import type { Layout } from '../../src/schema/index.js';
import { aLayout, aModel, aTraining, anAccelerator } from '../helpers/builders.js';

fc.configureGlobal({ seed: 20261122, numRuns: 150 });

const layoutArb = fc.record({
  tpExp: fc.integer({ min: 0, max: 3 }),
  ppExp: fc.integer({ min: 0, max: 2 }),
  dpExp: fc.integer({ min: 0, max: 4 }),
  mbExp: fc.integer({ min: 0, max: 2 }),
  zero: fc.constantFrom(0, 1, 2, 3) as fc.Arbitrary<0 | 1 | 2 | 3>,
  recompute: fc.constantFrom('none', 'selective', 'full') as fc.Arbitrary<'none' | 'selective' | 'full'>,
  precision: fc.constantFrom('bf16', 'fp16', 'fp8') as fc.Arbitrary<'bf16' | 'fp16' | 'fp8'>,
});

const model = aModel({ layers: 32, hiddenSize: 4096, attentionHeads: 32, kvHeads: 8, ffnHiddenSize: 14336, ffn: 'swiglu', vocabSize: 32000 });
const training = aTraining({ globalBatchSize: 256, sequenceLength: 4096 });

function toLayout(x: fc.RecordValue<typeof layoutArb extends fc.Arbitrary<infer T> ? T : never>): Layout {
  const tp = 2 ** x.tpExp, pp = 2 ** x.ppExp, dp = 2 ** x.dpExp;
  return aLayout({ gpus: tp * pp * dp, tp, pp, microBatch: 2 ** x.mbExp, zero: x.zero, recompute: x.recompute, sequenceParallel: tp > 1, precision: x.precision });
}

describe('estimator invariants', () => {
  it('every valid layout gives finite, positive numbers and MFU in (0, 1)', () => {
    fc.assert(fc.property(layoutArb, (x) => {
      const r = estimate({ model, training, accelerator: anAccelerator(), layout: toLayout(x) });
      if (!r.ok) return true;
      const e = r.estimate;
      const nums = [e.time.stepSeconds, e.memory.perGpuBytes, e.throughput.tokensPerSecond, e.flops.total, e.cost.gpuHours, ...Object.values(e.time.breakdown)];
      return nums.every((n) => Number.isFinite(n) && n >= 0) && e.throughput.mfu > 0 && e.throughput.mfu < 1;
    }));
  });

  it('the error band brackets the point values and scales cost like time, on any part', () => {
    const price = { usdPerGpuHour: 3, provider: 'p', instance: 'i', pricing: 'on-demand' };
    const parts = [anAccelerator(), anAccelerator({ id: 'mi300x', vendor: 'amd' }), anAccelerator({ id: 'trn2', kind: 'trainium', vendor: 'aws' }), anAccelerator({ id: 'mystery-1', vendor: 'acme' })];
    fc.assert(fc.property(layoutArb, fc.constantFrom(...parts), (x, accelerator) => {
      const r = estimate({ model, training, accelerator, layout: toLayout(x), price });
      if (!r.ok) return true;
      const { time, cost } = r.estimate;
      const lo = time.stepSecondsRange.low / time.stepSeconds;
      const hi = time.stepSecondsRange.high / time.stepSeconds;
      return lo > 0 && lo < 1 && hi > 1 && Math.abs(cost.usdRange!.low / cost.usd! - lo) < 1e-9 && Math.abs(cost.usdRange!.high / cost.usd! - hi) < 1e-9;
    }));
  });

  it('memory per GPU never rises with the ZeRO stage, all else fixed', () => {
    fc.assert(fc.property(layoutArb, (x) => {
      const mem = [0, 1, 2, 3].map((zero) => {
        const r = estimate({ model, training, accelerator: anAccelerator(), layout: { ...toLayout(x), zero: zero as 0 | 1 | 2 | 3 } });
        return r.ok ? r.estimate.memory.perGpuBytes : NaN;
      });
      return mem.every((m, i) => i === 0 || Number.isNaN(m) || m <= mem[i - 1]! * (1 + 1e-12));
    }));
  });

  it('cost scales linearly with the price and the token count for a fixed layout', () => {
    fc.assert(fc.property(layoutArb, fc.double({ min: 0.5, max: 20, noNaN: true }), fc.integer({ min: 1, max: 50 }), (x, price, k) => {
      const layout = toLayout(x);
      const base = estimate({ model, training, accelerator: anAccelerator(), layout, price: { usdPerGpuHour: price, provider: 'p', instance: 'i', pricing: 'on-demand' } });
      const more = estimate({ model, training: { ...training, tokens: training.tokens * k }, accelerator: anAccelerator(), layout, price: { usdPerGpuHour: 2 * price, provider: 'p', instance: 'i', pricing: 'on-demand' } });
      if (!base.ok || !more.ok) return true;
      const stepsRatio = more.estimate.time.steps / base.estimate.time.steps;
      return Math.abs(more.estimate.cost.usd! / base.estimate.cost.usd! - 2 * stepsRatio) < 1e-9 * stepsRatio;
    }));
  });
});
