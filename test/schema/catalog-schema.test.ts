import { describe, expect, it } from 'vitest';
import { acceleratorFileSchema, normaliseAccelerator, offerRowSchema, userCatalogFileSchema } from '../../src/schema/index.js';

const accFile = {
  id: 'x1', name: 'X1', vendor: 'acme', kind: 'gpu', memoryGB: 80, memoryBandwidthTBs: 3.35,
  peakTflops: { fp32: 67, tf32: 494.5, bf16: 989, fp16: 989, fp8: 1979, fp4: null },
  scaleUp: { fabric: 'NVLink4', domainSize: 8, bandwidthGBsPerDirection: 450 },
  scaleOutGbpsPerGpu: 400, tdpWatts: 700, year: 2022, asOf: '2026-01-21', sources: ['datasheet'],
};
const row = {
  provider: 'acme', instance: 'box', accelerator: 'x1', acceleratorCount: 8, regions: ['r'],
  usdPerHour: { onDemand: 10, spot: null, reserved1y: null, reserved3y: null }, asOf: '2026-01-21', source: 'quote',
};

describe('accelerator file schema', () => {
  it('normalises vendor units to bytes, bytes/s and bits/s (1 GB = 1e9 bytes)', () => {
    const spec = normaliseAccelerator(acceleratorFileSchema.parse(accFile));
    expect(spec.memoryBytes).toBe(80e9);
    expect(spec.memoryBandwidthBytesPerSecond).toBe(3.35e12);
    expect(spec.scaleUp).toEqual({ domainSize: 8, bandwidthBytesPerSecond: 450e9 });
    expect(spec.scaleOutBitsPerSecondPerGpu).toBe(400e9);
  });

  it('accepts memoryGiB as 2^30 bytes, and exactly one of the two', () => {
    const { memoryGB: _, ...rest } = accFile;
    expect(normaliseAccelerator(acceleratorFileSchema.parse({ ...rest, memoryGiB: 95 })).memoryBytes).toBe(95 * 2 ** 30);
    expect(acceleratorFileSchema.safeParse({ ...accFile, memoryGiB: 95 }).success).toBe(false);
    expect(acceleratorFileSchema.safeParse(rest).success).toBe(false);
  });

  it.each([
    ['unknown key', { ...accFile, memoryGb: 80 }],
    ['string for a number', { ...accFile, tdpWatts: '700' }],
    ['missing asOf', { ...accFile, asOf: undefined }],
    ['upper-case id', { ...accFile, id: 'H100' }],
    ['sparse-looking negative peak', { ...accFile, peakTflops: { ...accFile.peakTflops, bf16: -1 } }],
  ])('rejects %s', (_name, input) => {
    expect(acceleratorFileSchema.safeParse(input).success).toBe(false);
  });
});

describe('offer row schema', () => {
  it('accepts a valid row', () => expect(offerRowSchema.parse(row).acceleratorCount).toBe(8));
  it.each([
    ['negative price', { ...row, usdPerHour: { ...row.usdPerHour, onDemand: -1 } }],
    ['zero price', { ...row, usdPerHour: { ...row.usdPerHour, onDemand: 0 } }],
    ['no price at all', { ...row, usdPerHour: { onDemand: null, spot: null, reserved1y: null, reserved3y: null } }],
    ['missing asOf', { ...row, asOf: undefined }],
    ['bad date', { ...row, asOf: '21/01/2026' }],
    ['string for a number', { ...row, acceleratorCount: 'eight' }],
    ['fractional count', { ...row, acceleratorCount: 1.5 }],
    ['empty regions', { ...row, regions: [] }],
    ['unknown key', { ...row, pricePerHour: 3 }],
  ])('rejects %s', (_name, input) => {
    expect(offerRowSchema.safeParse(input).success).toBe(false);
  });
});

describe('user catalog file schema', () => {
  it('allows only accelerators: and offers: sections (fleets: must be added deliberately)', () => {
    expect(userCatalogFileSchema.safeParse({ offers: [row] }).success).toBe(true);
    expect(userCatalogFileSchema.safeParse({}).success).toBe(true);
    expect(userCatalogFileSchema.safeParse({ offer: [row] }).success).toBe(false);
  });
});
