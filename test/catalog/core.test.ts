import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson, cheapestOffer, createCatalog, epochDay, filterOffers, findOffer, getAccelerator, mergeCatalogs, sha256Hex,
  staleOffers, usdPerGpuHour,
} from '../../src/catalog/index.js';
import { InputError, type AcceleratorSpec, type Offer } from '../../src/schema/index.js';

const acc = (id: string, memoryGB = 80): AcceleratorSpec => ({
  id, name: id, vendor: 'test', kind: 'gpu', memoryBytes: memoryGB * 1e9, memoryBandwidthBytesPerSecond: 1e12,
  peakTflops: { fp32: 10, tf32: 50, bf16: 100, fp16: 100, fp8: 200, fp4: null }, scaleUp: { domainSize: 8, bandwidthBytesPerSecond: 1e11 },
  scaleOutBitsPerSecondPerGpu: 1e11, tdpWatts: 500, year: 2024, asOf: '2026-01-01', sources: ['test'],
});
const offer = (provider: string, instance: string, accelerator: string, count: number, onDemand: number | null, asOf = '2026-01-01', spot: number | null = null): Offer => ({
  provider, instance, accelerator, acceleratorCount: count, region: 'r1', regions: ['r1'],
  usdPerHour: { onDemand, spot, reserved1y: null, reserved3y: null },
  interconnect: { scaleOutBitsPerSecondPerGpu: 1e11, scaleUpDomainSize: null }, asOf, source: 'test',
});
const base = createCatalog({
  accelerators: [acc('big', 192), acc('small', 24)],
  offers: [offer('cloudb', 'b8', 'big', 8, 32), offer('clouda', 'a1', 'big', 1, 5, '2025-01-01', 2), offer('clouda', 'a8', 'small', 8, 8)],
  snapshotDate: '2026-01-01',
});

describe('sha256Hex', () => {
  it.each(['', 'abc', 'trainplan ✓ catalog', 'x'.repeat(1000)])('matches node:crypto for %j', (text) => {
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});

describe('digest', () => {
  it('ignores key and row order but changes with content', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: 1, c: 2 }] })).toBe(canonicalJson({ a: [2, { c: 2, d: 1 }], b: 1 }));
    const shuffled = createCatalog({ accelerators: [...base.accelerators].reverse(), offers: [...base.offers].reverse(), snapshotDate: base.snapshotDate });
    expect(shuffled.digest).toBe(base.digest);
    expect(base.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(mergeCatalogs(base, { accelerators: [], offers: [offer('cloudb', 'b8', 'big', 8, 31)] }).digest).not.toBe(base.digest);
  });
});

describe('prices', () => {
  it('divides instance prices by the accelerator count and keeps null', () => {
    expect(usdPerGpuHour(offer('p', 'i', 'big', 8, 32))).toEqual({ onDemand: 4, spot: null, reserved1y: null, reserved3y: null, capacityBlock: null, flexStart: null });
  });

  it('finds the cheapest offer per accelerator-hour under a pricing model', () => {
    expect(cheapestOffer(base, 'big', 'on-demand')?.instance).toBe('b8');
    expect(cheapestOffer(base, 'big', 'spot')?.instance).toBe('a1');
    expect(cheapestOffer(base, 'big', 'reserved-3y')).toBeUndefined();
  });

  it('sorts and filters offers by price per accelerator-hour', () => {
    expect(filterOffers(base, { pricing: 'on-demand' }).map((o) => o.instance)).toEqual(['a8', 'b8', 'a1']);
    expect(filterOffers(base, { pricing: 'on-demand', maxUsdPerGpuHour: 4 }).map((o) => o.instance)).toEqual(['a8', 'b8']);
    expect(filterOffers(base, { pricing: 'on-demand', minMemoryBytes: 100e9 }).map((o) => o.instance)).toEqual(['b8', 'a1']);
    expect(filterOffers(base, { pricing: 'spot', requirePrice: true }).map((o) => o.instance)).toEqual(['a1']);
  });
});

describe('lookups', () => {
  it('suggests the closest id for unknown accelerators, providers and instances', () => {
    const thrown = (f: () => unknown) => { try { f(); } catch (e) { return e as InputError; } throw new Error('did not throw'); };
    const e1 = thrown(() => getAccelerator(base, 'bigg'));
    expect([e1.code, e1.suggestion]).toEqual(['CATALOG_UNKNOWN_ACCELERATOR', 'did you mean big?']);
    expect(thrown(() => findOffer(base, 'clouda', 'a88')).suggestion).toBe('did you mean a8?');
    expect(thrown(() => filterOffers(base, { pricing: 'on-demand', providers: ['cloudc'] })).code).toBe('CATALOG_UNKNOWN_PROVIDER');
    expect(findOffer(base, 'cloudb', 'b8').acceleratorCount).toBe(8);
  });
});

describe('mergeCatalogs', () => {
  it('lets a user row override the built-in row with the same key and adds new rows', () => {
    const merged = mergeCatalogs(base, { accelerators: [acc('mine')], offers: [offer('cloudb', 'b8', 'big', 8, 16), offer('onprem', 'rack', 'mine', 64, 64)] });
    expect(merged.offers).toHaveLength(4);
    expect(findOffer(merged, 'cloudb', 'b8').usdPerHour.onDemand).toBe(16);
    expect(getAccelerator(merged, 'mine').id).toBe('mine');
    expect(findOffer(base, 'cloudb', 'b8').usdPerHour.onDemand).toBe(32);
  });
});

describe('staleness', () => {
  it.each(['1970-01-01', '2000-02-29', '2024-12-31', '2026-05-18'])('epochDay(%s) matches Date.UTC', (d) => {
    expect(epochDay(d)).toBe(Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8)) / 86400000);
  });

  it('flags prices older than 180 days before the snapshot date', () => {
    expect(staleOffers(base).map((s) => s.offer.instance)).toEqual(['a1']);
    expect(staleOffers({ ...base, snapshotDate: '2025-06-30' })).toEqual([]);
    expect(staleOffers({ ...base, snapshotDate: '2025-07-01' })).toHaveLength(1);
  });
});
