import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Pruner } from '../../src/planner/prune.js';
import type { GoodputContext } from '../../src/estimator/index.js';

// The frontier witnesses of branch and bound (prune.ts): `dominated` finds the first witness not cheaper than a
// plan by bisection (issue 15). It must answer what the definition says: some witness strictly cheaper and
// strictly faster. Witnesses are added through the private addWitness (the staircase noteBest maintains).
interface Witnesses { addWitness(usd: number, time: number): void; dominated(usd: number, time: number): boolean; wUsd: number[]; wTime: number[] }

describe('Pruner frontier witnesses', () => {
  it('dominated = some witness strictly cheaper and strictly faster, for random staircases and queries (ties included)', () => {
    const value = fc.integer({ min: 1, max: 40 }).map((v) => v / 4);
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { maxLength: 60 }), fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 30 }), (adds, queries) => {
        const p = new Pruner('cost', 5, null, null, {} as GoodputContext, 1024) as unknown as Witnesses;
        for (const [u, t] of adds) p.addWitness(u, t);
        // The staircase: usd ascending, time strictly descending.
        for (let i = 1; i < p.wUsd.length; i++) {
          expect(p.wUsd[i]!).toBeGreaterThanOrEqual(p.wUsd[i - 1]!);
          expect(p.wTime[i]!).toBeLessThan(p.wTime[i - 1]!);
        }
        for (const [u, t] of queries) {
          const byDefinition = p.wUsd.some((wu, i) => wu < u && p.wTime[i]! < t);
          expect(p.dominated(u, t)).toBe(byDefinition);
        }
      }),
      { numRuns: 300, seed: 15 },
    );
  });
});
