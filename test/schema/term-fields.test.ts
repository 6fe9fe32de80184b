import { describe, expect, it } from 'vitest';
import { commitmentSchema, constraintsSchema, offerFileRowSchema, offerRowSchema, PRICE_KEYS, PRICING_KEY, pricingSchema, planPricingSchema, termLimitSchema } from '../../src/schema/index.js';
import { diffOffers, fullUsdPerHour, gpuHourPrice, instancePrice, termLimit, termLimitText, usdPerGpuHour, meetsPriceConfidence, splitByPriceConfidence } from '../../src/catalog/index.js';
import type { Offer } from '../../src/schema/index.js';

const row = {
  provider: 'acme', instance: 'box', accelerator: 'x1', acceleratorCount: 8, regions: ['r'],
  usdPerHour: { onDemand: 40, spot: null, reserved1y: null, reserved3y: null }, asOf: '2026-01-21', source: 'quote',
};
const block = { ...row, usdPerHour: { ...row.usdPerHour, capacityBlock: 32 }, termLimits: { capacityBlock: { maxDays: 182, maxInstances: 64 } } };

describe('term and flex pricing fields (usdPerHour.capacityBlock/flexStart, termLimits, asOfByPricing)', () => {
  it('the pricing models and their usdPerHour keys correspond one to one, old names kept', () => {
    expect(pricingSchema.options).toEqual(['on-demand', 'spot', 'reserved-1y', 'reserved-3y', 'capacity-block', 'flex-start']);
    expect(planPricingSchema.options).toContain('owned');
    expect(pricingSchema.options.map((p) => PRICING_KEY[p])).toEqual([...PRICE_KEYS]);
  });

  it('accepts a capacity-block price with its term, a flex-start price, and a row priced only by a term model', () => {
    expect(offerRowSchema.parse(block).termLimits?.capacityBlock).toEqual({ maxDays: 182, maxInstances: 64 });
    expect(offerRowSchema.parse({ ...row, usdPerHour: { ...row.usdPerHour, flexStart: 20 }, termLimits: { flexStart: { maxDays: 7 } } }).usdPerHour.flexStart).toBe(20);
    const onlyBlock = { ...block, usdPerHour: { onDemand: null, spot: null, reserved1y: null, reserved3y: null, capacityBlock: 32 } };
    expect(offerRowSchema.safeParse(onlyBlock).success).toBe(true);
    expect(offerRowSchema.parse({ ...block, asOfByPricing: { onDemand: '2026-01-21', capacityBlock: '2026-10-03' } }).asOfByPricing?.capacityBlock).toBe('2026-10-03');
    // Rows written before the new keys existed still parse (the keys are optional).
    expect(offerFileRowSchema.safeParse((({ provider: _p, ...r }) => r)(row)).success).toBe(true);
  });

  it.each([
    ['a term limit without a price under its key', { ...row, termLimits: { capacityBlock: { maxDays: 14 } } }, ['termLimits', 'capacityBlock']],
    ['maxDays 0', { ...block, termLimits: { capacityBlock: { maxDays: 0 } } }, ['termLimits', 'capacityBlock', 'maxDays']],
    ['maxDays over ten years', { ...block, termLimits: { capacityBlock: { maxDays: 4000 } } }, ['termLimits', 'capacityBlock', 'maxDays']],
    ['fractional maxInstances', { ...block, termLimits: { capacityBlock: { maxDays: 7, maxInstances: 1.5 } } }, ['termLimits', 'capacityBlock', 'maxInstances']],
    ['an unknown term key', { ...block, termLimits: { capacityBlocks: { maxDays: 7 } } }, ['termLimits']],
    ['an unknown field in a term', { ...block, termLimits: { capacityBlock: { maxDays: 7, maxHours: 3 } } }, ['termLimits', 'capacityBlock']],
    ['a negative capacity-block price', { ...block, usdPerHour: { ...block.usdPerHour, capacityBlock: -1 } }, ['usdPerHour', 'capacityBlock']],
    ['a bad capacity-block date', { ...block, asOfByPricing: { capacityBlock: '2026-13-01' } }, ['asOfByPricing', 'capacityBlock']],
  ])('rejects %s, naming the field', (_name, input, path) => {
    const r = offerRowSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.slice(0, path.length))).toContainEqual(path);
  });

  it('billingSteps: ascending segments of { upToDays, stepDays }', () => {
    const steps = [{ upToDays: 14, stepDays: 1 }, { upToDays: 182, stepDays: 7 }];
    expect(termLimitSchema.parse({ maxDays: 182, billingSteps: steps }).billingSteps).toEqual(steps);
    expect(termLimitSchema.safeParse({ maxDays: 182, billingSteps: [...steps].reverse() }).success).toBe(false);
    expect(termLimitSchema.safeParse({ maxDays: 182, billingSteps: [] }).success).toBe(false);
    expect(termLimitSchema.safeParse({ maxDays: 182, billingSteps: [{ upToDays: 14, stepDays: 0 }] }).success).toBe(false);
  });

  it('termLimitSchema on its own: maxDays required', () => {
    expect(termLimitSchema.safeParse({ maxInstances: 64 }).success).toBe(false);
    expect(termLimitSchema.parse({ maxDays: 7 })).toEqual({ maxDays: 7 });
  });

  it('a schedule commitment (paid for the whole horizon) cannot use a term or flex pricing model', () => {
    const c = { provider: 'aws', instance: 'p5.48xlarge', count: 2 };
    expect(commitmentSchema.parse(c).pricing).toBe('reserved-1y');
    expect(commitmentSchema.safeParse({ ...c, pricing: 'reserved-3y' }).success).toBe(true);
    expect(commitmentSchema.safeParse({ ...c, pricing: 'capacity-block' }).success).toBe(false);
    expect(commitmentSchema.safeParse({ ...c, pricing: 'flex-start' }).success).toBe(false);
  });

  it('model files take constraints.minPriceConfidence (list | reseller | third-party) and pricing capacity-block', () => {
    expect(constraintsSchema.parse({ minPriceConfidence: 'list', pricing: ['on-demand', 'capacity-block'] }).minPriceConfidence).toBe('list');
    expect(constraintsSchema.safeParse({ minPriceConfidence: 'certain' }).success).toBe(false);
  });
});

describe('catalog price helpers with term models', () => {
  const offer = { ...block, region: 'r', interconnect: { scaleOutBitsPerSecondPerGpu: 400e9, scaleUpDomainSize: null }, maxInstances: null, priceConfidence: 'list' } as Offer;
  it('per-GPU and per-instance prices, null where a key is left out', () => {
    expect(usdPerGpuHour(offer)).toEqual({ onDemand: 5, spot: null, reserved1y: null, reserved3y: null, capacityBlock: 4, flexStart: null });
    expect(gpuHourPrice(offer, 'capacity-block')).toBe(4);
    expect(gpuHourPrice(offer, 'flex-start')).toBeNull();
    expect(instancePrice(offer, 'capacity-block')).toBe(32);
    expect(fullUsdPerHour(offer)).toEqual({ onDemand: 40, spot: null, reserved1y: null, reserved3y: null, capacityBlock: 32, flexStart: null });
    expect(termLimit(offer, 'capacity-block')).toEqual({ maxDays: 182, maxInstances: 64 });
    expect(termLimit(offer, 'on-demand')).toBeNull();
    expect(termLimitText({ maxDays: 182, maxInstances: 64 })).toBe('≤ 182 d · ≤ 64 inst.');
  });

  it('price confidence: list ⊂ reseller ⊂ third-party, skipped offers sorted and named', () => {
    const o = (provider: string, priceConfidence: Offer['priceConfidence']) => ({ ...offer, provider, priceConfidence });
    expect(meetsPriceConfidence(o('a', 'list'), 'list')).toBe(true);
    expect(meetsPriceConfidence(o('a', 'reseller'), 'list')).toBe(false);
    expect(meetsPriceConfidence(o('a', 'reseller'), 'reseller')).toBe(true);
    expect(meetsPriceConfidence(o('a', 'third-party'), 'reseller')).toBe(false);
    expect(meetsPriceConfidence(o('a', 'third-party'), 'third-party')).toBe(true);
    const split = splitByPriceConfidence([o('z', 'third-party'), o('b', 'list'), o('c', 'reseller')], 'list');
    expect(split.kept.map((x) => x.provider)).toEqual(['b']);
    expect(split.skipped.map((x) => `${x.provider}:${x.priceConfidence}`)).toEqual(['c:reseller', 'z:third-party']);
    expect(splitByPriceConfidence([o('z', 'third-party')], undefined).skipped).toEqual([]);
  });
});

describe('catalog diff with term pricing models', () => {
  const base = { ...row, region: 'r', interconnect: { scaleOutBitsPerSecondPerGpu: 400e9, scaleUpDomainSize: null }, maxInstances: null, priceConfidence: 'list' } as Offer;
  it('a capacity-block price that appears or moves is a change under pricing capacity-block; absent keys equal null', () => {
    const withBlock = { ...base, usdPerHour: { ...base.usdPerHour, capacityBlock: 32 } } as Offer;
    const d = diffOffers([base], [withBlock]);
    expect(d.changed).toEqual([expect.objectContaining({ pricing: 'capacity-block', fromUsdPerHour: null, toUsdPerHour: 32, changePercent: null })]);
    const moved = diffOffers([withBlock], [{ ...withBlock, usdPerHour: { ...withBlock.usdPerHour, capacityBlock: 40 } } as Offer]);
    expect(moved.changed).toEqual([expect.objectContaining({ pricing: 'capacity-block', fromUsdPerHour: 32, toUsdPerHour: 40, changePercent: 25 })]);
    // A file that spells the new keys out as null equals one that leaves them out.
    const explicit = { ...base, usdPerHour: { ...base.usdPerHour, capacityBlock: null, flexStart: null } } as Offer;
    expect(diffOffers([base], [explicit])).toMatchObject({ changed: [], unchanged: 1 });
  });
});
