import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_GOODPUT_ASSUMPTIONS, dalyInterval, dalyWallTime, goodput, youngInterval } from '../../src/estimator/index.js';

const H = 3600;

describe('failure rate default', () => {
  it('is Llama 3: 419 unexpected interruptions in 54 days on 16,384 GPUs', () => {
    // 54 d × 24 h × 16,384 GPUs = 21,233,664 GPU-hours; 419 / that = 1.973e-5 per GPU-hour; 1/λ ≈ 50,677 h.
    expect(DEFAULT_GOODPUT_ASSUMPTIONS.failuresPerGpuHour).toBeCloseTo(1.9733e-5, 8);
    expect(1 / DEFAULT_GOODPUT_ASSUMPTIONS.failuresPerGpuHour).toBeCloseTo(50677, -1);
    // Job MTBF on 16,384 GPUs: 54·24/419 = 3.093 h.
    const g = goodput({ gpus: 16384, failureFreeSeconds: 30 * 86400, checkpointBytes: 1e12 });
    expect(g.jobMtbfSeconds / H).toBeCloseTo(3.093, 3);
  });
});

describe('Young/Daly closed forms (modeling-reference §11.2 worked example)', () => {
  // M = 3.09 h = 11,124 s; R = 10 min.
  const M = 3.09 * H;
  it('C = 60 s: Young τ = √(2·60·11124) = 1155.4 s = 19.3 min; Daly τ ≈ 18.6 min', () => {
    expect(youngInterval(60, M) / 60).toBeCloseTo(19.26, 2);
    // Daly: 1155.4·(1 + ⅓·√(60/22248) + (1/9)·(60/22248)) − 60 = 1155.4·1.01761 − 60 = 1115.8 s = 18.6 min
    expect(dalyInterval(60, M) / 60).toBeCloseTo(18.6, 1);
  });
  it('C = 300 s: Young τ ≈ 43 min, Daly τ ≈ 40 min', () => {
    expect(youngInterval(300, M) / 60).toBeCloseTo(43.06, 1);
    expect(Math.round(dalyInterval(300, M) / 60)).toBe(40);
  });
  it('Daly goodput = T_s / (M·e^{R/M}·(e^{(τ+C)/M} − 1)·T_s/τ): 85.3% for C = 60 s, 74.4% for C = 300 s', () => {
    for (const [c, expected] of [[60, 0.853], [300, 0.744]] as const) {
      const tau = dalyInterval(c, M);
      expect(1 / (dalyWallTime(1, tau, c, 600, M) / 1)).toBeCloseTo(expected, 2); // the reference rounds M to 3.09 h
    }
  });
  it('τ = M when C ≥ 2M (Daly)', () => {
    expect(dalyInterval(1000, 400)).toBe(400);
  });
  it('without failures the wall time is the solve time plus checkpoint saves', () => {
    expect(dalyWallTime(1000, 100, 10, 600, Infinity)).toBeCloseTo(1100, 9);
  });
});

describe('goodput()', () => {
  const base = { failureFreeSeconds: 20 * 86400, checkpointBytes: 70e9 * 14 };
  it('a 16K-GPU run does not pretend it never fails', () => {
    const g = goodput({ gpus: 16384, ...base });
    expect(g.goodput).toBeLessThan(0.97);
    expect(g.goodput).toBeGreaterThan(0.5);
    expect(g.expectedInterruptions).toBeGreaterThan(100);
    expect(g.wallClockSeconds).toBeCloseTo(base.failureFreeSeconds / g.goodput, 3);
    expect(g.wallClockInflation).toBeCloseTo(1 / g.goodput, 12);
  });
  it('wall clock = failure-free time + checkpoint saves + lost work', () => {
    const g = goodput({ gpus: 1024, ...base });
    expect(g.checkpointOverheadSeconds + g.lostWorkSeconds + base.failureFreeSeconds).toBeCloseTo(g.wallClockSeconds, 3);
  });
  it('is monotonically non-increasing in GPU count (same failure-free time, same checkpoint)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100000 }), fc.integer({ min: 1, max: 100000 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        // Checkpoint time shrinks with more writers until the storage cap; fix C by using a tiny checkpoint.
        const g1 = goodput({ gpus: lo, failureFreeSeconds: 86400, checkpointBytes: 1e6 });
        const g2 = goodput({ gpus: hi, failureFreeSeconds: 86400, checkpointBytes: 1e6 });
        return g2.goodput <= g1.goodput + 1e-12;
      }),
      { seed: 42, numRuns: 200 },
    );
  });
  it('spot preemptions lower goodput and are counted', () => {
    const od = goodput({ gpus: 512, ...base });
    const spot = goodput({ gpus: 512, ...base, spot: { provider: 'aws', gpusPerInstance: 8 } });
    expect(spot.goodput).toBeLessThan(od.goodput);
    // 64 instances × 0.1 / 30 days → 0.213 preemptions a day
    expect(spot.expectedPreemptions / (spot.wallClockSeconds / 86400)).toBeCloseTo((64 * 0.1) / 30, 6);
  });
  it('a provider entry overrides the default preemption rate', () => {
    const a = { spotPreemptionsPerInstanceMonth: { default: 0.1, gcp: 0 } };
    const gcp = goodput({ gpus: 64, ...base, spot: { provider: 'gcp', gpusPerInstance: 8 }, assumptions: a });
    expect(gcp.expectedPreemptions).toBe(0);
  });
  it('checkpoint save time is capped by the storage bandwidth', () => {
    // 1 TB on 16,384 GPUs: min(16,384 × 122 MB/s, 2 TB/s) = 2 TB/s → 0.5 s
    expect(goodput({ gpus: 16384, failureFreeSeconds: 1, checkpointBytes: 1e12 }).checkpointSeconds).toBeCloseTo(0.5, 9);
    // on 8 GPUs: 8 × 2e12/16384 = 976.6 MB/s → 1024 s
    expect(goodput({ gpus: 8, failureFreeSeconds: 1, checkpointBytes: 1e12 }).checkpointSeconds).toBeCloseTo(1024, 6);
  });
});
