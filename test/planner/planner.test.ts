import { offerScaleUpDomain } from '../../src/catalog/index.js';
import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/estimator/index.js';
import { enumerateLayouts, paretoFrontier, plan, type Candidate, type PlanInput } from '../../src/planner/index.js';
import { planDocument } from '../../src/report/index.js';
import { InputError } from '../../src/schema/index.js';
import { aModel, aTraining } from '../helpers/builders.js';
import { fixtureCatalog } from '../fixtures/planner/catalog.js';

const model = aModel({ name: 'planner-1b', layers: 16, hiddenSize: 2048, ffnHiddenSize: 8192, attentionHeads: 16, kvHeads: 8, ffn: 'swiglu', vocabSize: 32000 });
const training = aTraining({ tokens: 2e11, sequenceLength: 2048, globalBatchSize: 256 });
const base = (over: Partial<PlanInput> = {}): PlanInput => ({ model, training, catalog: fixtureCatalog(), constraints: { maxGpus: 64, pricing: ['on-demand', 'spot'] }, top: 8, ...over });

describe('enumeration', () => {
  it('yields only layouts the estimator accepts, with tp·pp·cp·dp = gpus and every divisibility rule', () => {
    const spec = { model, training, domainSize: 8, precision: 'bf16' as const, minGpus: 1, maxGpus: 16, gpuCountAllowed: (n: number) => n % 4 === 0, minTokensPerCpRank: 512 };
    let n = 0;
    for (const l of enumerateLayouts(spec)) {
      n++;
      const dp = l.gpus / (l.tp * l.pp * l.cp);
      expect(Number.isInteger(dp)).toBe(true);
      expect(l.gpus % 4).toBe(0);
      expect(l.tp).toBeLessThanOrEqual(8);
      expect(model.attentionHeads % l.tp).toBe(0);
      expect(training.sequenceLength % l.cp).toBe(0);
      expect(training.globalBatchSize % (dp * l.microBatch)).toBe(0);
      expect(l.pp * l.vpp).toBeLessThanOrEqual(model.layers);
      expect(l.sequenceParallel).toBe(l.tp > 1);
      if (dp * l.cp === 1) expect(l.zero).toBe(0);
      const r = estimate({ model, training, accelerator: fixtureCatalog().accelerators[0]!, layout: l });
      expect(r.ok).toBe(true);
    }
    expect(n).toBeGreaterThan(500);
  });

  it('is lazy: taking the first layout does not walk the space', () => {
    const spec = { model, training, domainSize: 8, precision: 'bf16' as const, minGpus: 1, maxGpus: 1 << 20, gpuCountAllowed: () => true, minTokensPerCpRank: 1 };
    const it = enumerateLayouts(spec);
    expect(it.next().value).toMatchObject({ tp: 1, pp: 1, cp: 1, gpus: 1 });
  });
});

describe('plan', () => {
  const result = plan(base());

  it('reports the estimator’s own numbers for every plan', () => {
    expect(result.plans.length).toBe(8);
    const cat = fixtureCatalog();
    for (const p of [...result.plans, ...result.frontier]) {
      const offer = cat.offers.find((o) => o.provider === p.provider && o.instance === p.instance)!;
      const { dp: _dp, gradientAccumulation: _ga, ...layout } = p.layout;
      const acc = cat.accelerators.find((a) => a.id === p.accelerator)!;
      const r = estimate({
        model,
        training,
        accelerator: acc,
        layout,
        // The offer's own topology (instance-true: min of the part's domain and the GPUs per instance).
        network: { scaleOutBitsPerSecondPerGpu: offer.interconnect.scaleOutBitsPerSecondPerGpu, scaleUpDomainSize: offerScaleUpDomain(offer, acc) },
        price: { usdPerGpuHour: p.usdPerGpuHour, provider: p.provider, instance: p.instance, pricing: p.pricing, gpusPerInstance: offer.acceleratorCount },
      });
      expect(r.ok && r.estimate).toEqual(p.estimate);
    }
  });

  it('ranks by cost, best first, and every top plan is meaningfully different', () => {
    const usd = result.plans.map((p) => p.estimate.cost.usd!);
    expect([...usd].sort((a, b) => a - b)).toEqual(usd);
    const keys = result.plans.map((p) => `${p.accelerator}|${p.provider}|${p.instance}|${p.pricing}|${p.gpus}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(result.plans.map((p) => p.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('ranks by time with --objective time', () => {
    const r = plan(base({ constraints: { maxGpus: 64, objective: 'time' } }));
    const t = r.plans.map((p) => p.estimate.time.totalSeconds);
    expect([...t].sort((a, b) => a - b)).toEqual(t);
    expect(r.plans[0]!.estimate.time.totalSeconds).toBeLessThanOrEqual(result.plans[0]!.estimate.time.totalSeconds);
  });

  it('gives the same output for a shuffled catalog', () => {
    const cat = fixtureCatalog();
    const shuffled = { accelerators: [...cat.accelerators].reverse(), offers: [...cat.offers].sort((a, b) => (a.instance < b.instance ? 1 : -1)) };
    const doc = (r: ReturnType<typeof plan>) => planDocument({ tool: { name: 't', version: '0' }, modelFile: 'm.yaml', model, training, catalog: null, result: r });
    expect(doc(plan(base({ catalog: shuffled })))).toBe(doc(result));
  });

  it('marks a frontier on which no plan beats another on both cost and time', () => {
    const f = result.frontier;
    expect(f.length).toBeGreaterThan(0);
    for (let i = 1; i < f.length; i++) {
      expect(f[i]!.estimate.cost.usd!).toBeGreaterThan(f[i - 1]!.estimate.cost.usd!);
      expect(f[i]!.estimate.time.totalSeconds).toBeLessThan(f[i - 1]!.estimate.time.totalSeconds);
    }
    expect(f[0]!.rank).toBe(1);
    for (const p of result.plans) expect(p.frontier).toBe(f.includes(p));
  });

  it('counts every candidate: evaluated = feasible + rejections', () => {
    const s = result.search;
    expect(s.evaluated).toBe(s.feasible + Object.values(s.rejected.byReason).reduce((a, b) => a + b, 0));
  });

  it('explains an infeasible search and what would fix it', () => {
    const r = plan(base({ constraints: { maxGpus: 64, deadlineDays: 0.01 } }));
    expect(r.plans).toEqual([]);
    expect(r.infeasible!.reason).toMatch(/deadline/);
    expect(r.infeasible!.fixes.map((f) => f.kind)).toContain('later-deadline');
    const b = plan(base({ constraints: { maxGpus: 64, budgetUsd: 1 } }));
    expect(b.infeasible!.fixes.map((f) => f.kind)).toContain('bigger-budget');
    const big = aModel({ layers: 8, hiddenSize: 16384, ffnHiddenSize: 65536, attentionHeads: 128, kvHeads: 8, ffn: 'swiglu' });
    const m = plan(base({ model: big, constraints: { maxGpus: 8, accelerators: ['l4'] } }));
    expect(m.infeasible!.reason).toMatch(/memory/);
    expect(m.infeasible!.fixes.map((f) => f.kind)).toEqual(['more-gpus', 'larger-memory-accelerator']);
  });
});

describe('paretoFrontier', () => {
  const c = (usd: number, totalSeconds: number, gpus: number): Candidate =>
    ({ usd, totalSeconds, gpus, group: 0, pointIndex: 0, point: { offer: { accelerator: 'a', provider: 'p', instance: 'i' }, pricing: 'on-demand' }, best: { key: [gpus] } }) as unknown as Candidate;
  it('keeps exactly the non-dominated points, cheapest first', () => {
    const pts = [c(10, 100, 1), c(12, 90, 2), c(12, 95, 3), c(11, 100, 4), c(20, 50, 5), c(20, 50, 6), c(30, 60, 7)];
    expect(paretoFrontier(pts).map((p) => p.gpus)).toEqual([1, 2, 5]);
  });
});

describe('bad input is an InputError (exit 2)', () => {
  it.each([
    ['minGpus > maxGpus', { minGpus: 64, maxGpus: 8 }, /minGpus 64 is greater than maxGpus 8/],
    ['unknown accelerator', { accelerators: ['h100-sxn'] }, /unknown accelerator "h100-sxn"/],
    ['unknown provider', { providers: ['lamda'] }, /unknown provider "lamda"/],
    ['provider lacks the only accelerator', { accelerators: ['b200'], providers: ['aws'] }, /no offer matches the constraints \(b200: not offered by aws\)/],
    ['unknown objective', { objective: 'speed' }, /unknown objective "speed"/],
    ['deadline of zero', { deadlineDays: 0 }, /deadlineDays must be a positive number/],
  ])('%s', (_name, constraints, message) => {
    expect(() => plan(base({ constraints: constraints as PlanInput['constraints'] }))).toThrow(InputError);
    expect(() => plan(base({ constraints: constraints as PlanInput['constraints'] }))).toThrow(message);
  });
  it('suggests the closest id', () => {
    try {
      plan(base({ constraints: { accelerators: ['h100-sxn'] } }));
    } catch (e) {
      expect((e as InputError).suggestion).toBe('did you mean h100-sxm?');
    }
  });
});
