import { describe, expect, it } from 'vitest';
import { breakEvenUtilization, buyCost, commitmentYears, fleetEconomics, type FleetEconomicsInput } from '../../src/economics/index.js';

/*
 * Example A (hand-worked). One model: 64 GPUs, 500 h per run on-demand (600 h on spot, lower goodput), 4 runs a year, 3 years.
 *   used GPU-hours a year = 64 × 500 × 4 = 128,000 (spot: 64 × 600 × 4 = 153,600)
 *   on-demand  4 $/h: 128,000 × 4 = 512,000 a year          → 1,536,000
 *   spot       2 $/h: 153,600 × 2 = 307,200 a year          →   921,600
 *   1-y commit 3 $/h: pool max(64, ⌈128,000/8,760⌉=15) = 64; 64 × 8,760 × 3 = 1,681,920 a year → 5,045,760
 *   3-y commit 2 $/h: 64 × 8,760 × 2 = 1,121,280 a year     → 3,363,840
 *   buy: 64 × 30,000 = 1,920,000 at month 0; 5-year life → 2/5 left at year 3 → resale credit 768,000;
 *        ops 64 × 0.10 × 8,760 = 56,064 a year; energy 128,000 × 0.10 = 12,800 a year → 68,864 × 3 = 206,592
 *        total 1,920,000 − 768,000 + 206,592 = 1,358,592
 *   break-even vs on-demand: f = 30,000/(5 × 8,760) + 0.10 = 0.784932; u* = f / (4 − 0.10) = 0.201264
 */
const exampleA = (deadlineHours: number | null = null): FleetEconomicsInput => ({
  horizonYears: 3,
  runs: [{ name: 'a', gpus: 64, runsPerYear: 4, hoursPerRun: { 'on-demand': 500, spot: 600 }, deadlineHours }],
  rent: {
    'on-demand': { usdPerGpuHour: 4, label: 'od' },
    spot: { usdPerGpuHour: 2, label: 'spot' },
    'reserved-1y': { usdPerGpuHour: 3, label: 'r1' },
    'reserved-3y': { usdPerGpuHour: 2, label: 'r3' },
  },
  buy: { capexUsdPerGpu: 30000, depreciationYears: 5, opsUsdPerGpuHour: 0.1, energyUsdPerGpuHour: 0.1, label: 'buy' },
});

describe('fleetEconomics: example A', () => {
  const r = fleetEconomics(exampleA());
  const total = (k: string) => r.options.find((o) => o.kind === k)!.totalUsd;
  it('prices every option as worked by hand', () => {
    expect(total('on-demand')).toBeCloseTo(1_536_000, 6);
    expect(total('spot')).toBeCloseTo(921_600, 6);
    expect(total('reserved-1y')).toBeCloseTo(5_045_760, 6);
    expect(total('reserved-3y')).toBeCloseTo(3_363_840, 6);
    expect(total('buy')).toBeCloseTo(1_358_592, 6);
    expect(r.cheapest).toBe('spot');
  });
  it('break-even utilisation of buying vs on-demand', () => {
    expect(r.breakEvenUtilization['on-demand']).toBeCloseTo(0.201264, 6);
    // pool utilisation 128,000 / (64 × 8,760) = 0.2283 > u*, so buying beats on-demand — as the totals say.
    expect(r.options.find((o) => o.kind === 'buy')!.utilization).toBeCloseTo(0.228311, 6);
  });
  it('the mix of a single-size workload is the cheapest single option', () => {
    expect(r.recommendedMix.slices).toEqual([{ kind: 'spot', gpus: 64, busyFraction: 2000 / 8760 }]);
    expect(r.recommendedMix.totalUsd).toBeCloseTo(921_600, 6);
  });
  it('an option that misses a deadline is not recommended', () => {
    // spot takes 600 h > 550 h deadline → buy (1,358,592) is the cheapest that meets it.
    const d = fleetEconomics(exampleA(550));
    expect(d.options.find((o) => o.kind === 'spot')!.meetsDeadlines).toBe(false);
    expect(d.cheapest).toBe('buy');
    expect(d.recommendedMix.slices.map((s) => s.kind)).toEqual(['buy']);
  });
  it('cumulative series end at the totals and never decrease before the last month', () => {
    for (const o of r.options) {
      expect(o.cumulativeUsdByMonth).toHaveLength(36);
      expect(o.cumulativeUsdByMonth[35]).toBeCloseTo(o.totalUsd, 6);
    }
  });
});

/*
 * Example B (hand-worked mix). Run A: 128 GPUs × 1,000 h × 2 a year; run B: 32 GPUs × 3,000 h × 2 a year; 1 year;
 * on-demand 4 $/h; buy 20,000 $/GPU, 1-year life (no resale), no ops, energy 0.10 $/busy GPU-hour.
 *   slots 1–32 busy 2,000 + 6,000 = 8,000 h: on-demand 32,000; buy 20,000 + 800 = 20,800 → buy
 *   slots 33–128 busy 2,000 h:             on-demand  8,000; buy 20,000 + 200 = 20,200 → on-demand
 *   mix = 32 × 20,800 + 96 × 8,000 = 665,600 + 768,000 = 1,433,600
 *   pure on-demand: (128·1,000·2 + 32·3,000·2) × 4 = 448,000 × 4 = 1,792,000
 *   pure buy: pool 128 → 2,560,000 + 448,000 × 0.10 = 2,604,800
 */
describe('fleetEconomics: example B (mixed sizes)', () => {
  const r = fleetEconomics({
    horizonYears: 1,
    runs: [
      { name: 'big', gpus: 128, runsPerYear: 2, hoursPerRun: { 'on-demand': 1000 } },
      { name: 'small', gpus: 32, runsPerYear: 2, hoursPerRun: { 'on-demand': 3000 } },
    ],
    rent: { 'on-demand': { usdPerGpuHour: 4, label: 'od' } },
    buy: { capexUsdPerGpu: 20000, depreciationYears: 1, opsUsdPerGpuHour: 0, energyUsdPerGpuHour: 0.1, label: 'buy' },
  });
  it('buys the base load and rents the peak', () => {
    expect(r.recommendedMix.slices).toEqual([
      { kind: 'buy', gpus: 32, busyFraction: 8000 / 8760 },
      { kind: 'on-demand', gpus: 96, busyFraction: 2000 / 8760 },
    ]);
    expect(r.recommendedMix.totalUsd).toBeCloseTo(1_433_600, 6);
    expect(r.options.find((o) => o.kind === 'on-demand')!.totalUsd).toBeCloseTo(1_792_000, 6);
    expect(r.options.find((o) => o.kind === 'buy')!.totalUsd).toBeCloseTo(2_604_800, 6);
  });
  it('break-even vs on-demand = (20,000/8,760) / (4 − 0.1) = 0.585410', () => {
    expect(r.breakEvenUtilization['on-demand']).toBeCloseTo(0.58541, 5);
  });
});

describe('pieces', () => {
  it('commitments are paid to the end of their term', () => {
    expect(commitmentYears(2, 3)).toBe(3);
    expect(commitmentYears(3, 3)).toBe(3);
    expect(commitmentYears(4, 1)).toBe(4);
  });
  it('buying again at end of life: 7 years on a 5-year life = 2 purchases, 3/5 left', () => {
    // 10 GPUs × 1,000 = 10,000 per purchase; 2 purchases = 20,000; residual 10,000 × 3/5 = 6,000 → 14,000
    const c = buyCost(10, { capexUsdPerGpu: 1000, depreciationYears: 5, opsUsdPerGpuHour: 0, energyUsdPerGpuHour: 0, label: '' }, 7, 0);
    expect(c.purchases).toBe(2);
    expect(c.total).toBeCloseTo(14_000, 9);
    expect(c.series[59]).toBeCloseTo(10_000, 9); // month 60: still the first purchase
    expect(c.series[60]).toBeCloseTo(20_000, 9); // month 61: replaced
  });
  it('no break-even when energy alone costs more than renting', () => {
    expect(breakEvenUtilization({ capexUsdPerGpu: 1, depreciationYears: 1, opsUsdPerGpuHour: 0, energyUsdPerGpuHour: 5, label: '' }, 4)).toBeNull();
  });
});
