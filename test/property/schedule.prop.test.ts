import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareScores, score, solve, type ScheduleJob, type ScheduleProblem, type ScheduleSolution } from '../../src/schedule/index.js';
import { bruteForceSchedule } from '../schedule/brute-force.js';
import { aJob, anOption, aPool } from '../schedule/helpers.js';

/** Random portfolios over toy options (no planner): pools of 1–16 GPUs, optionally a rented pool; jobs may wait for earlier ones. */
const problemArb = (maxJobs: number, opts: { preemptible: boolean; rent: boolean; days: number[]; horizon: number; maxOptions?: number; minDeadline?: number; maxGpus?: number }) =>
  fc.record({
    caps: fc.array(fc.integer({ min: 1, max: opts.maxGpus ?? 16 }), { minLength: 1, maxLength: 3 }),
    rent: opts.rent ? fc.boolean() : fc.constant(false),
    jobs: fc.array(
      fc.record({
        priority: fc.integer({ min: 1, max: 3 }),
        earliest: fc.integer({ min: 0, max: 3 }),
        deadline: fc.option(fc.integer({ min: opts.minDeadline ?? 4, max: opts.horizon }), { nil: null }),
        preemptible: opts.preemptible ? fc.boolean() : fc.constant(false),
        dep: fc.option(fc.nat(), { nil: null }),
        options: fc.array(fc.record({ pool: fc.nat(), gpus: fc.integer({ min: 1, max: opts.maxGpus ?? 16 }), days: fc.constantFrom(...opts.days), usd: fc.constantFrom(0, 10, 25), resume: fc.constantFrom(0, 0.25) }), { minLength: 1, maxLength: opts.maxOptions ?? 3 }),
      }),
      { minLength: 1, maxLength: maxJobs },
    ),
  }).map(({ caps, rent, jobs }): ScheduleProblem => {
    const pools = [...caps.map((c, i) => aPool(`p${i}`, c)), ...(rent ? [aPool('rent', Infinity, 'rented')] : [])];
    const built: ScheduleJob[] = jobs.map((j, i) => aJob(`j${i}`, j.priority, j.options.map((o) => anOption(pools[o.pool % pools.length]!.id, o.gpus, o.days, o.usd, { resumeDays: o.resume })), {
      earliestStartDay: j.earliest, deadlineDays: j.deadline, preemptible: j.preemptible, after: j.dep !== null && i > 0 ? [`j${j.dep % i}`] : [],
    }));
    return { horizonDays: opts.horizon, pools, jobs: built };
  });

/** Every invariant a schedule must keep, whatever the search. */
function checkInvariants(p: ScheduleProblem, s: ScheduleSolution): void {
  const ids = [...s.placements.map((x) => x.job), ...s.unscheduled.map((u) => u.id)].sort();
  expect(ids).toEqual(p.jobs.map((j) => j.id).sort());
  const pools = new Map(p.pools.map((x) => [x.id, x]));
  const byId = new Map(s.placements.map((x) => [x.job, x]));
  for (const x of s.placements) {
    const job = p.jobs.find((j) => j.id === x.job)!;
    expect(job.options).toContain(x.option);
    expect(x.startDay).toBeGreaterThanOrEqual(job.earliestStartDay);
    expect(x.finishDay).toBeLessThanOrEqual(p.horizonDays + 1e-9);
    for (const d of job.after) expect(x.startDay).toBeGreaterThanOrEqual(byId.get(d)!.finishDay - 1e-9);
    const work = x.segments.reduce((t, g) => t + g.finishDay - g.startDay, 0);
    expect(work).toBeCloseTo(x.option.days + (x.segments.length - 1) * x.option.resumeDays, 9);
    if (!job.preemptible) expect(x.segments.length).toBe(1);
    expect(x.meetsDeadline).toBe(job.deadlineDays === null || x.finishDay <= job.deadlineDays + 1e-9);
  }
  // Capacity: at every moment some segment starts, the GPUs in use on its pool fit the pool.
  const segs = s.placements.flatMap((x) => x.segments.map((g) => ({ pool: x.option.pool, gpus: x.option.gpus, ...g })));
  for (const a of segs) {
    const inUse = segs.filter((b) => b.pool === a.pool && b.startDay <= a.startDay + 1e-9 && a.startDay < b.finishDay - 1e-9).reduce((t, b) => t + b.gpus, 0);
    expect(inUse).toBeLessThanOrEqual(pools.get(a.pool)!.capacityGpus);
  }
}

describe('schedule properties', () => {
  it('capacity is never exceeded, dates and dependencies hold (greedy and exhaustive)', () => {
    fc.assert(
      fc.property(problemArb(7, { preemptible: true, rent: true, days: [0.5, 1, 2.5, 4, 7], horizon: 20 }), (p) => {
        checkInvariants(p, solve(p, { exhaustiveLimit: 0 }));
        checkInvariants(p, solve(p));
      }),
      { numRuns: 150, seed: 13 },
    );
  });

  it('on tiny portfolios the exhaustive search is as good as brute force over every start day', () => {
    fc.assert(
      fc.property(problemArb(3, { preemptible: false, rent: false, days: [1, 1.5, 2, 3], horizon: 7, maxOptions: 2, minDeadline: 2, maxGpus: 3 }), (p) => {
        const s = solve(p);
        expect(s.method).toBe('exhaustive');
        const placed = new Map(p.jobs.map((j) => [j.id, s.placements.find((x) => x.job === j.id) ?? null]));
        expect(compareScores(score(p, placed), bruteForceSchedule(p).score)).toBe(0);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('greedy never beats the exhaustive optimum (both searches score the same objective)', () => {
    fc.assert(
      fc.property(problemArb(4, { preemptible: false, rent: true, days: [1, 2, 3], horizon: 10 }), (p) => {
        const ex = solve(p, { exhaustiveLimit: 1e6 });
        const gr = solve(p, { exhaustiveLimit: 0 });
        const sc = (s: ScheduleSolution) => score(p, new Map(p.jobs.map((j) => [j.id, s.placements.find((x) => x.job === j.id) ?? null])));
        expect(compareScores(sc(ex), sc(gr))).toBeLessThanOrEqual(0);
      }),
      { numRuns: 40, seed: 3 },
    );
  });
});
