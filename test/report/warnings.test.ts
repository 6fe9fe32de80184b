import { describe, expect, it } from 'vitest';
import { deriveWarnings, flagLetters, flagsFor, priceAgeDays, renderWarnings, VALIDATED_RANGE, type WarningFacts } from '../../src/report/index.js';
import { warningsSchema, type Offer } from '../../src/schema/index.js';
import { anAccelerator } from '../helpers/builders.js';

function anOffer(over: Partial<Offer> = {}): Offer {
  return {
    provider: 'lambda', instance: 'gpu_8x_h100', accelerator: 'h100-sxm', acceleratorCount: 8, region: 'us-east-1', regions: ['us-east-1'],
    usdPerHour: { onDemand: 24, spot: null, reserved1y: null, reserved3y: null },
    interconnect: { scaleOutBitsPerSecondPerGpu: 400e9, scaleUpDomainSize: null }, maxInstances: null, priceConfidence: 'list',
    asOf: '2026-10-01', source: 'test', ...over,
  };
}

const listed = anOffer();
const resold = anOffer({ provider: 'vast', instance: 'h100x8', priceConfidence: 'reseller', asOf: '2026-01-01' });
const facts = (over: Partial<WarningFacts> = {}): WarningFacts => ({
  runDate: '2026-12-01',
  catalog: { accelerators: [anAccelerator(), anAccelerator({ id: 'mystery-npu', name: 'Unmeasured part' })], offers: [listed, resold] },
  uses: [],
  ...over,
});

describe('warnings derived from what a command used', () => {
  it('a list price younger than 180 days on a measured part in range gives no warning', () => {
    expect(deriveWarnings(facts({ uses: [{ accelerator: 'h100-sxm', provider: 'lambda', instance: 'gpu_8x_h100', gpus: 64 }] }))).toEqual([]);
  });

  it('ages prices against the run date, not the catalog snapshot', () => {
    expect(priceAgeDays('2026-01-01', '2026-12-01')).toBe(334);
    const use = { accelerator: 'h100-sxm', provider: 'lambda', instance: 'gpu_8x_h100', gpus: 64 };
    expect(deriveWarnings(facts({ uses: [use], runDate: '2027-03-30' })).map((w) => w.code)).toEqual([]); // 180 days: not yet stale
    const late = deriveWarnings(facts({ uses: [use], runDate: '2027-03-31' }));
    expect(late).toEqual([expect.objectContaining({ code: 'PRICE_STALE', provider: 'lambda', instance: 'gpu_8x_h100', asOf: '2026-10-01', ageDays: 181, maxAgeDays: 180 })]);
  });

  it('flags low-confidence prices, unmeasured accelerators and sizes outside the validated range, once each, in a fixed order', () => {
    const uses = [
      { accelerator: 'mystery-npu', provider: null, instance: null, gpus: 4 },
      { accelerator: 'h100-sxm', provider: 'vast', instance: 'h100x8', gpus: 8 },
      { accelerator: 'h100-sxm', provider: 'vast', instance: 'h100x8', gpus: 16 },
    ];
    const w = deriveWarnings(facts({ uses, sequenceLength: 32768 }));
    expect(w.map((x) => x.code)).toEqual(['PRICE_LOW_CONFIDENCE', 'PRICE_STALE', 'ACCELERATOR_UNMEASURED', 'OUTSIDE_VALIDATED_RANGE', 'OUTSIDE_VALIDATED_RANGE']);
    expect(w[0]).toMatchObject({ provider: 'vast', instance: 'h100x8', priceConfidence: 'reseller' });
    expect(w[2]).toMatchObject({ accelerator: 'mystery-npu' });
    expect(w[3]).toMatchObject({ field: 'gpus', value: 4, validatedMin: VALIDATED_RANGE.gpus.min });
    expect(w[4]).toMatchObject({ field: 'sequenceLength', value: 32768 });
    expect(warningsSchema.safeParse(w).success).toBe(true);
  });

  it('gives each plan its flag letters', () => {
    const f = facts();
    expect(flagLetters(flagsFor(f, { accelerator: 'h100-sxm', provider: 'vast', instance: 'h100x8', gpus: 4 }))).toBe('LSR');
    expect(flagLetters(flagsFor(f, { accelerator: 'mystery-npu', provider: 'lambda', instance: 'gpu_8x_h100', gpus: 64 }))).toBe('U');
    expect(flagLetters(flagsFor(f, { accelerator: 'h100-sxm', provider: 'owned', instance: 'lab', gpus: 64 }))).toBe('');
  });

  it('the table block puts one offer on one line, wraps at the width and counts what it leaves out', () => {
    const uses = [{ accelerator: 'h100-sxm', provider: 'vast', instance: 'h100x8', gpus: 8 }];
    const text = renderWarnings(deriveWarnings(facts({ uses })), 60);
    expect(text.split('\n')[0]).toBe('warnings (2):');
    expect(text).toMatch(/^ {2}! vast\/h100x8: reseller price.*\n {4}.*334 days old/m);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    const many = Array.from({ length: 11 }, (_, i) => ({ code: 'ESTIMATE_NOTE', message: `note ${i}` }));
    expect(renderWarnings(many)).toMatch(/… and 3 more \(--json lists every warning\)\n$/);
    expect(renderWarnings([])).toBe('');
  });
});
