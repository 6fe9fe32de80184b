import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { countBelow, thresholdOf, verdictsAt } from '../../src/planner/thresholds.js';
import { wallClockModel, wallClockSeconds } from '../../src/estimator/index.js';

/** The per-offer loop the search ran before thresholds: the reference the counts must equal exactly. */
function direct(walls: ReturnType<typeof wallClockModel>[], prices: number[], n: number, total: number, days: number | null, budget: number | null) {
  let past = 0, over = 0, ok = 0;
  for (let i = 0; i < walls.length; i++) {
    const wall = wallClockSeconds(walls[i]!, total);
    if (days !== null && wall / 86400 > days) past++;
    else if (budget !== null && ((wall * n) / 3600) * prices[i]! > budget) over++;
    else ok++;
  }
  return { past, over, ok };
}

describe('deadline and budget thresholds', () => {
  it('thresholdOf finds the last double where a monotone predicate is false', () => {
    expect(thresholdOf((t) => t > 10, 3)).toBe(10);
    expect(thresholdOf((t) => t / 3 > 1, 1)).toBe(3);
    const t = thresholdOf((x) => x * 0.1 > 7, 70);
    expect(t * 0.1 > 7).toBe(false);
    // the next double up is above the line
    const f = new Float64Array([t]);
    const u = new BigUint64Array(f.buffer);
    u[0] = u[0]! + 1n;
    expect(f[0]! * 0.1 > 7).toBe(true);
    expect(thresholdOf(() => false, 1)).toBe(Infinity);
    expect(thresholdOf(() => true, 1)).toBe(-Infinity);
  });

  it('counts per layout equal the per-offer wall-clock loop, bit for bit (random offers, totals near the edges)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4096 }),
        fc.array(fc.record({ price: fc.double({ min: 0, max: 50, noNaN: true }), spot: fc.boolean(), per: fc.constantFrom(1, 4, 8) }), { minLength: 1, maxLength: 12 }),
        fc.option(fc.double({ min: 0.01, max: 1000, noNaN: true })),
        fc.option(fc.double({ min: 1, max: 1e9, noNaN: true })),
        fc.array(fc.double({ min: 0, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 20 }),
        (n, offers, days, budget, totals) => {
          const walls = offers.map((o) => wallClockModel({ gpus: n, checkpointBytes: 1e12, spot: o.spot ? { provider: 'aws', gpusPerInstance: o.per } : null }));
          const prices = offers.map((o) => o.price);
          const v = verdictsAt(walls, prices, n, days, budget);
          // also probe exactly at and around each threshold
          const probes = [...totals, ...[...v.past, ...v.over].filter(Number.isFinite).flatMap((t) => [t, t * (1 + 1e-15), t * (1 - 1e-15)])];
          for (const t of probes) {
            if (t < 0 || !Number.isFinite(t)) continue;
            const want = direct(walls, prices, n, t, days, budget);
            const past = countBelow(v.past, t);
            const over = countBelow(v.over, t) - countBelow(v.both, t);
            expect({ past, over, ok: offers.length - past - over }).toEqual(want);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
