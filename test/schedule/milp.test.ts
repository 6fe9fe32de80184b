import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMilpSolver } from '../../src/io/index.js';
import { buildMilp, compareScores, score, solve, type MilpSolver, type ScheduleProblem, type ScheduleSolution } from '../../src/schedule/index.js';
import { aJob, anOption, aPool } from './helpers.js';

let milp: MilpSolver;
beforeAll(async () => {
  milp = await loadMilpSolver();
});

const scoreOf = (p: ScheduleProblem, s: ScheduleSolution) => score(p, new Map(p.jobs.map((j) => [j.id, s.placements.find((x) => x.job === j.id) ?? null])));

describe('time-indexed MILP (HiGHS)', () => {
  it('has one start variable per slot for pooled options and only the earliest start for rented ones', () => {
    const p: ScheduleProblem = { horizonDays: 10, pools: [aPool('lab', 8), aPool('rent', Infinity, 'rented')], jobs: [aJob('a', 1, [anOption('lab', 8, 3), anOption('rent', 8, 3, 100)], { earliestStartDay: 2 })] };
    const m = buildMilp(p)!;
    expect(m.slotDays).toBe(1);
    // lab: starts 2..7 (a 3-day run must end by day 10); rent: start 2 only.
    expect(m.vars.map((v) => `${v.option}@${v.slot}`)).toEqual(['0@2', '0@3', '0@4', '0@5', '0@6', '0@7', '1@2']);
    expect(m.lp).toContain('cap_lab_4: + 8 x_0_0_2 + 8 x_0_0_3 + 8 x_0_0_4 <= 8');
    expect(m.lp).not.toContain('cap_rent');
  });

  it('solves a hand-worked case: the cheap pool for the job with slack, renting for the one with a deadline', () => {
    const p: ScheduleProblem = {
      horizonDays: 30, pools: [aPool('lab', 8), aPool('rent', Infinity, 'rented')],
      jobs: [aJob('flagship', 1, [anOption('lab', 8, 10), anOption('rent', 8, 10, 900)], { deadlineDays: 10 }), aJob('sft', 2, [anOption('lab', 8, 4, 10), anOption('rent', 8, 4, 300)], { deadlineDays: 6 })],
    };
    const s = solve(p, { exhaustiveLimit: 0, milp });
    expect(s.placements.map((x) => [x.job, x.option.pool, x.startDay])).toEqual([['flagship', 'lab', 0], ['sft', 'rent', 0]]);
  });

  it('finds a better schedule than list scheduling alone on a case where the greedy order is not optimal', () => {
    const o = (pool: string, gpus: number, days: number, usd: number) => anOption(pool, gpus, days, usd);
    const p: ScheduleProblem = {
      horizonDays: 24, pools: [aPool('p0', 8)],
      jobs: [
        aJob('j0', 3, [o('p0', 4, 2, 30)], { deadlineDays: 7 }), aJob('j1', 2, [o('p0', 6, 5, 10), o('p0', 3, 1, 30)], { deadlineDays: 3 }),
        aJob('j2', 2, [o('p0', 8, 4, 30), o('p0', 7, 1, 10)], { deadlineDays: 6 }), aJob('j3', 3, [o('p0', 2, 3, 0), o('p0', 8, 1, 0)], { deadlineDays: 4 }),
        aJob('j4', 2, [o('p0', 5, 4, 10)]), aJob('j5', 2, [o('p0', 3, 3, 30)], { deadlineDays: 14 }),
      ],
    };
    const greedy = solve(p, { exhaustiveLimit: 0 });
    const withMilp = solve(p, { exhaustiveLimit: 0, milp });
    expect(withMilp.method).toBe('milp');
    expect(JSON.stringify(solve(p, { exhaustiveLimit: 0, milp }))).toBe(JSON.stringify(withMilp));
    expect(compareScores(scoreOf(p, withMilp), scoreOf(p, greedy))).toBe(-1);
  });

  it('never does worse than list scheduling, and keeps every capacity limit', () => {
    const arb = fc.record({
      caps: fc.array(fc.integer({ min: 2, max: 8 }), { minLength: 1, maxLength: 2 }),
      jobs: fc.array(fc.record({ pr: fc.integer({ min: 1, max: 3 }), dl: fc.option(fc.integer({ min: 3, max: 20 }), { nil: null }), opts: fc.array(fc.record({ pool: fc.nat(), gpus: fc.integer({ min: 1, max: 8 }), days: fc.integer({ min: 1, max: 6 }), usd: fc.constantFrom(0, 10, 30) }), { minLength: 1, maxLength: 3 }) }), { minLength: 4, maxLength: 6 }),
    }).map(({ caps, jobs }): ScheduleProblem => {
      const pools = caps.map((c, i) => aPool(`p${i}`, c));
      return { horizonDays: 24, pools, jobs: jobs.map((j, i) => aJob(`j${i}`, j.pr, j.opts.map((x) => anOption(pools[x.pool % pools.length]!.id, x.gpus, x.days, x.usd)), { deadlineDays: j.dl })) };
    });
    fc.assert(fc.property(arb, (p) => {
      const m = solve(p, { exhaustiveLimit: 0, milp });
      expect(compareScores(scoreOf(p, m), scoreOf(p, solve(p, { exhaustiveLimit: 0 })))).toBeLessThanOrEqual(0);
      for (const pool of p.pools) {
        const segs = m.placements.filter((x) => x.option.pool === pool.id).flatMap((x) => x.segments.map((g) => ({ ...g, gpus: x.option.gpus })));
        for (const a of segs) expect(segs.filter((b) => b.startDay <= a.startDay && a.startDay < b.finishDay).reduce((t, b) => t + b.gpus, 0)).toBeLessThanOrEqual(pool.capacityGpus);
      }
    }), { numRuns: 12, seed: 11 });
  });
});
