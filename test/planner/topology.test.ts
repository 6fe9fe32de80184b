import { describe, expect, it } from 'vitest';
import { createCatalog, offerCapacityGpus, offerScaleUpDomain } from '../../src/catalog/index.js';
import { buildSearchPlan, estimateRequest, plan, resolveConstraints, searchInputs, workUnits, type PlanInput, type PlannerCatalog } from '../../src/planner/index.js';
import type { AcceleratorSpec, Catalog, Offer } from '../../src/schema/index.js';
import { aLayout, aModel, aTraining, anAccelerator } from '../helpers/builders.js';
import { fixtureCatalog } from '../fixtures/planner/catalog.js';

const offer = (instance: string, accelerator: string, n: number, over: Partial<Offer> = {}): Offer => ({
  provider: 'test', instance, accelerator, acceleratorCount: n, region: 'r1', regions: ['r1'],
  usdPerHour: { onDemand: 2 * n, spot: null, reserved1y: null, reserved3y: null },
  interconnect: { scaleOutBitsPerSecondPerGpu: 100e9, scaleUpDomainSize: null },
  maxInstances: null, priceConfidence: 'list', asOf: '2026-01-01', source: 'test', ...over,
});

describe('offerScaleUpDomain: min(accelerator domain, GPUs per instance) unless the offer declares one', () => {
  const h100 = anAccelerator();
  const nvl72 = anAccelerator({ id: 'gb200', scaleUp: { domainSize: 72, bandwidthBytesPerSecond: 900e9 } });
  const tpu = anAccelerator({ id: 'tpu-v5p', kind: 'tpu', scaleUp: { domainSize: 8960, bandwidthBytesPerSecond: 150e9 } });
  it.each([
    ['a 1-GPU listing has no scale-up peers', offer('1x', 'h100-sxm', 1), h100, 1],
    ['a 2-GPU instance links two', offer('2x', 'h100-sxm', 2), h100, 2],
    ['an 8-GPU HGX node is the whole NVLink domain', offer('8x', 'h100-sxm', 8), h100, 8],
    ['a 4-GPU slice of an NVL72 rack without a declaration is 4', offer('4x', 'gb200', 4), nvl72, 4],
    ['a declared NVL72 domain wins', offer('nvl72', 'gb200', 4, { interconnect: { scaleOutBitsPerSecondPerGpu: 400e9, scaleUpDomainSize: 72 } }), nvl72, 72],
    ['a TPU host of 4 chips is part of an ICI slice', offer('v5p-8', 'tpu-v5p', 4), tpu, 8960],
  ] as const)('%s', (_name, o, acc, want) => {
    expect(offerScaleUpDomain(o, acc)).toBe(want);
  });

  it('capacity is maxInstances × GPUs per instance, null when not stated', () => {
    expect(offerCapacityGpus(offer('8x', 'h100-sxm', 8, { maxInstances: 3 }))).toBe(24);
    expect(offerCapacityGpus(offer('8x', 'h100-sxm', 8))).toBeNull();
  });
});

const model = aModel({ name: 'topo-1b', layers: 16, hiddenSize: 2048, ffnHiddenSize: 8192, attentionHeads: 16, kvHeads: 8, ffn: 'swiglu', vocabSize: 32000 });
const training = aTraining({ tokens: 2e11, sequenceLength: 2048, globalBatchSize: 256 });

/** The planner fixture with its 1-GPU H100 listing capped at `cap` instances. */
function cappedCatalog(cap: number | null): PlannerCatalog {
  const c = fixtureCatalog();
  return { ...c, offers: c.offers.map((o) => (o.instance === 'gpu_1x_h100_sxm5' ? { ...o, maxInstances: cap } : { ...o, maxInstances: o.maxInstances ?? null })) };
}

describe('planner: instance-true topology and capacity', () => {
  const input = (over: Partial<PlanInput> = {}): PlanInput => ({
    model, training, catalog: cappedCatalog(null), constraints: { maxGpus: 64, accelerators: ['h100-sxm'], providers: ['lambda'] }, top: 50, ...over,
  });

  it('groups the 1-GPU listing on its own network with a domain of 1, and never gives it TP > 1', () => {
    const k = resolveConstraints(input());
    const groups = buildSearchPlan(input(), k).groups.map((g) => ({ domain: g.network.scaleUpDomainSize, instances: g.points.map((p) => p.offer.instance) }));
    expect(groups).toEqual([{ domain: 1, instances: ['gpu_1x_h100_sxm5'] }, { domain: 8, instances: ['gpu_8x_h100_sxm5'] }]);
    const r = plan(input());
    const single = r.plans.filter((p) => p.instance === 'gpu_1x_h100_sxm5');
    expect(single.length).toBeGreaterThan(0);
    for (const p of single) expect(p.layout.tp).toBe(1);
    // The work units: TP 1 only on the 1-GPU network, every valid TP up to 8 inside the HGX node.
    const sp = buildSearchPlan(input(), k);
    const tps = (gi: number) => workUnits(searchInputs(input()), sp).filter((u) => u.group === gi).map((u) => u.tp);
    expect(tps(0)).toEqual([1]);
    expect(tps(1)).toEqual([1, 2, 4, 8]);
  });

  it('never plans more GPUs than maxInstances × acceleratorCount, and marks a plan that uses all of them', () => {
    const free = plan(input({ constraints: { maxGpus: 64, accelerators: ['h100-sxm'], providers: ['lambda'], objective: 'time' } }));
    const freeMax = Math.max(...free.plans.filter((p) => p.instance === 'gpu_1x_h100_sxm5').map((p) => p.gpus));
    expect(freeMax).toBeGreaterThan(4);
    const r = plan(input({ catalog: cappedCatalog(4), constraints: { maxGpus: 64, accelerators: ['h100-sxm'], providers: ['lambda'], objective: 'time' } }));
    const single = r.plans.filter((p) => p.instance === 'gpu_1x_h100_sxm5');
    expect(single.length).toBeGreaterThan(0);
    for (const p of single) {
      expect(p.gpus).toBeLessThanOrEqual(4);
      expect(p.capacity).toEqual({ maxInstances: 4, maxGpus: 4, atLimit: p.gpus === 4 });
    }
    expect(single.some((p) => p.capacity.atLimit)).toBe(true);
    for (const p of r.plans.filter((q) => q.instance !== 'gpu_1x_h100_sxm5')) expect(p.capacity).toEqual({ maxInstances: null, maxGpus: null, atLimit: false });
  });

  it('says the fastest offer is capacity-bound when that is why the deadline is missed', () => {
    const only = { model, training, catalog: cappedCatalog(2), constraints: { maxGpus: 64, accelerators: ['h100-sxm'], providers: ['lambda'], deadlineDays: 0.01 }, top: 5 };
    const c = only.catalog;
    const r = plan({ ...only, catalog: { ...c, offers: c.offers.filter((o) => o.instance !== 'gpu_8x_h100_sxm5') } });
    expect(r.plans).toEqual([]);
    const fix = r.infeasible!.fixes.find((f) => f.kind === 'other');
    expect(fix?.message).toMatch(/capacity-bound: lambda gpu_1x_h100_sxm5 supplies at most 2 GPUs \(maxInstances 2\)/);
    expect(r.infeasible!.fixes.some((f) => f.kind === 'more-gpus')).toBe(false);
  });
});

describe('estimate --provider/--instance uses the offer topology', () => {
  const acc: AcceleratorSpec = anAccelerator();
  const catalog: Catalog = createCatalog({
    accelerators: [acc],
    offers: [offer('1x', 'h100-sxm', 1, { maxInstances: 4 }), offer('8x', 'h100-sxm', 8)],
    snapshotDate: '2026-01-01',
  });
  const run = (instance: string, gpus: number) =>
    estimateRequest({ model, training, catalog, accelerator: 'h100-sxm', layout: aLayout({ gpus, tp: 8, sequenceParallel: true }), provider: 'test', instance, pricing: 'on-demand' });

  it('times TP 8 over 1-GPU instances on the scale-out network, slower than inside an 8-GPU node', () => {
    const single = run('1x', 8);
    const node = run('8x', 8);
    if (!single.result.ok || !node.result.ok) throw new Error('estimate failed');
    const tpSingle = single.result.estimate.time.breakdown.tpComm;
    const tpNode = node.result.estimate.time.breakdown.tpComm;
    // 450 GB/s NVLink vs 100 Gb/s = 12.5 GB/s per GPU: the exposed TP time must grow by a large factor.
    expect(tpSingle).toBeGreaterThan(5 * tpNode);
    expect(single.warnings.some((w) => /TP 8 spans 8 scale-up domains of 1 GPU/.test(w))).toBe(true);
    expect(node.warnings.some((w) => /spans/.test(w))).toBe(false);
  });

  it('warns when the layout needs more GPUs than the offer can supply', () => {
    expect(run('1x', 16).warnings.some((w) => /more than test\/1x can supply \(4 instance\(s\) × 1 GPU\(s\) = 4\)/.test(w))).toBe(true);
  });
});
