import { describe, expect, it } from 'vitest';
import { fleetToOffer, fitsFleet, ownedPrice } from '../../src/economics/index.js';
import { fleetSchema, fleetWarnings } from '../../src/schema/index.js';
import { h100 } from '../helpers/fixtures.js';

const fleet = (over: Record<string, unknown> = {}) =>
  fleetSchema.parse({ name: 'lab', accelerator: 'h100-sxm', count: 64, capexUsdPerNode: 255_237, networkingCapexUsdPerGpu: 5000,
    depreciationYears: 5, wattsPerGpu: 1000, pue: 1.3, usdPerKwh: 0.08, opsUsdPerGpuHour: 0.25, ...over });

describe('ownedPrice', () => {
  it('hand-worked: HGX H100 node 255,237 / 8 + 5,000 networking = 36,904.625 per GPU', () => {
    // depreciation 36,904.625 / (5 × 8,760) = 0.842571 $/h; energy 1.0 kW × 1.3 × 0.08 = 0.104; ops 0.25 → 1.196571
    const p = ownedPrice(fleet(), h100);
    expect(p.capexUsdPerGpu).toBeCloseTo(36_904.625, 6);
    expect(p.parts.depreciation).toBeCloseTo(0.842571, 6);
    expect(p.parts.energy).toBeCloseTo(0.104, 9);
    expect(p.usdPerGpuHour).toBeCloseTo(1.196571, 6);
  });
  it('defaults the draw to TDP plus the host share', () => {
    const p = ownedPrice(fleet({ wattsPerGpu: undefined }), h100);
    expect(p.wattsPerGpu).toBeCloseTo(969, 0);
  });
});

describe('fleetToOffer', () => {
  it('is an offer with pricing owned that never exceeds the fleet', () => {
    const o = fleetToOffer(fleet(), h100, '2026-01-21');
    expect(o).toMatchObject({ provider: 'owned', instance: 'lab', pricing: 'owned', maxGpus: 64, accelerator: 'h100-sxm', acceleratorCount: 8 });
    expect(o.usdPerGpuHour).toBeCloseTo(1.196571, 6);
    expect(fitsFleet(64, o)).toBe(true);
    expect(fitsFleet(72, o)).toBe(false);
  });
});

describe('fleet validation', () => {
  const err = (over: Record<string, unknown>) => {
    const r = fleetSchema.safeParse({ name: 'lab', accelerator: 'h100-sxm', count: 8, capexUsdPerGpu: 30000, depreciationYears: 5, pue: 1.2, usdPerKwh: 0.1, ...over });
    return r.success ? null : r.error.issues[0]!.message;
  };
  it.each([
    [{ count: 0 }, 'a fleet needs at least one GPU (count ≥ 1)'],
    [{ capexUsdPerGpu: -1 }, 'capexUsdPerGpu cannot be negative'],
    [{ pue: 0.9 }, 'PUE cannot be below 1 (facility power ÷ IT power)'],
    [{ capexUsdPerNode: 1 }, 'give exactly one of capexUsdPerGpu or capexUsdPerNode'],
  ])('%o → %s', (over, message) => expect(err(over)).toBe(message));
  it('warns on an electricity price in the wrong unit', () => {
    const f = fleetSchema.parse({ name: 'lab', accelerator: 'h100-sxm', count: 8, capexUsdPerGpu: 30000, depreciationYears: 5, pue: 1.2, usdPerKwh: 80 });
    expect(fleetWarnings(f, 30000)).toEqual(['fleet lab: usdPerKwh 80 is outside the plausible 0.02–1 (is it in cents, or per MWh?)']);
  });
});
