import { describe, expect, it } from 'vitest';
import { DEFAULT_ENERGY_ASSUMPTIONS, acceleratorWatts, energy } from '../../src/estimator/index.js';

describe('energy()', () => {
  const a = DEFAULT_ENERGY_ASSUMPTIONS;
  it('host share is derived from Latif et al. 2025: 0.76 × 10.2 kW / 8 − 700 W = 269 W on an H100', () => {
    expect(700 * a.hostFractionOfTdp).toBeCloseTo(269, 0);
  });
  it('power rises linearly with HFU from idle to TDP', () => {
    expect(acceleratorWatts(700, 0, a)).toBeCloseTo(70, 9);
    expect(acceleratorWatts(700, a.hfuAtTdp / 2, a)).toBeCloseTo(70 + 630 / 2, 9);
    expect(acceleratorWatts(700, 0.9, a)).toBeCloseTo(700, 9);
  });
  it('hand-worked: 8 × H100 at TDP for 10 h, PUE 1.2, 0.4 kg/kWh', () => {
    // (700 + 269.5) W × 8 × 10 h × 1.2 = 93,072 Wh ≈ 93.07 kWh; × 0.4 = 37.23 kg
    const e = energy({ gpus: 8, tdpWatts: 700, hfu: 0.5, wallClockSeconds: 36000, grid: { kgCo2ePerKwh: 0.4, source: 'test', region: 'x' } });
    const host = 700 * a.hostFractionOfTdp;
    expect(e.kwh).toBeCloseTo(((700 + host) * 8 * 10 * 1.2) / 1000, 9);
    expect(e.kwh).toBeCloseTo(93.07, 1);
    expect(e.kgCo2e).toBeCloseTo(e.kwh * 0.4, 9);
    expect(e.gridRegion).toBe('x');
  });
  it('falls back to the US average grid intensity (EIA 2023, 0.366 kg/kWh)', () => {
    const e = energy({ gpus: 1, tdpWatts: 700, hfu: 0.4, wallClockSeconds: 3600 });
    expect(e.gridKgCo2ePerKwh).toBeCloseTo(0.366, 3);
    expect(e.gridRegion).toBeNull();
  });
  it('scales with PUE', () => {
    const e1 = energy({ gpus: 1, tdpWatts: 700, hfu: 0.4, wallClockSeconds: 3600, assumptions: { pue: 1 } });
    const e2 = energy({ gpus: 1, tdpWatts: 700, hfu: 0.4, wallClockSeconds: 3600, assumptions: { pue: 1.5 } });
    expect(e2.kwh / e1.kwh).toBeCloseTo(1.5, 12);
  });
});
