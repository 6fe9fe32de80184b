import { describe, expect, it } from 'vitest';
import { solve, type ScheduleProblem, type ScheduleSolution } from '../../src/schedule/index.js';
import { aJob, anOption, aPool } from './helpers.js';

const both = (p: ScheduleProblem): [string, ScheduleSolution][] => [
  ['exhaustive', solve(p)],
  ['greedy', solve(p, { exhaustiveLimit: 0 })],
];
const at = (s: ScheduleSolution, id: string) => s.placements.find((p) => p.job === id);

describe('allocator on hand-worked cases', () => {
  it('shares a pool: the higher priority runs first, whatever the file order', () => {
    const p: ScheduleProblem = { horizonDays: 30, pools: [aPool('lab', 8)], jobs: [aJob('low', 2, [anOption('lab', 8, 5)]), aJob('high', 1, [anOption('lab', 8, 5)])] };
    for (const [method, s] of both(p)) {
      expect(s.method).toBe(method);
      expect([at(s, 'high')!.startDay, at(s, 'high')!.finishDay]).toEqual([0, 5]);
      expect([at(s, 'low')!.startDay, at(s, 'low')!.finishDay]).toEqual([5, 10]);
    }
  });

  it('rents to meet a deadline the shared pool cannot, and pays for it only then', () => {
    const jobs = (deadline: number | null) => [
      aJob('flagship', 1, [anOption('lab', 8, 10)], { deadlineDays: 10 }),
      aJob('sft', 2, [anOption('lab', 8, 4, 10), anOption('rent', 8, 4, 900)], { deadlineDays: deadline }),
    ];
    const pools = [aPool('lab', 8), aPool('rent', Infinity, 'rented')];
    for (const [, s] of both({ horizonDays: 30, pools, jobs: jobs(6) })) {
      expect(at(s, 'sft')!.option.pool).toBe('rent');
      expect(at(s, 'sft')!.meetsDeadline).toBe(true);
      expect(at(s, 'sft')!.startDay).toBe(0);
    }
    for (const [, s] of both({ horizonDays: 30, pools, jobs: jobs(null) })) {
      expect(at(s, 'sft')!.option.pool).toBe('lab');
      expect(at(s, 'sft')!.startDay).toBe(10);
    }
  });

  it('without rent a deadline that cannot be met is missed, not dropped', () => {
    const p: ScheduleProblem = { horizonDays: 30, pools: [aPool('lab', 8)], jobs: [aJob('a', 1, [anOption('lab', 8, 10)], { deadlineDays: 12 }), aJob('b', 2, [anOption('lab', 8, 4)], { deadlineDays: 6 })] };
    for (const [, s] of both(p)) {
      expect(at(s, 'b')).toMatchObject({ startDay: 10, finishDay: 14, meetsDeadline: false });
      expect(s.unscheduled).toEqual([]);
    }
  });

  it('delays a job without a deadline so that a lower-priority deadline is met', () => {
    const p: ScheduleProblem = { horizonDays: 30, pools: [aPool('lab', 8)], jobs: [aJob('a', 1, [anOption('lab', 8, 10)]), aJob('b', 2, [anOption('lab', 8, 4)], { deadlineDays: 6 })] };
    for (const [, s] of both(p)) {
      expect(at(s, 'b')).toMatchObject({ startDay: 0, meetsDeadline: true });
      expect(at(s, 'a')!.startDay).toBe(4);
    }
  });

  it('a higher priority beats a lower one to the deadline when only one can make it', () => {
    const p: ScheduleProblem = {
      horizonDays: 30, pools: [aPool('lab', 8)],
      jobs: [aJob('minor', 3, [anOption('lab', 8, 5)], { deadlineDays: 5 }), aJob('major', 1, [anOption('lab', 8, 5)], { deadlineDays: 5 })],
    };
    for (const [, s] of both(p)) {
      expect(at(s, 'major')!.meetsDeadline).toBe(true);
      expect(at(s, 'minor')!.meetsDeadline).toBe(false);
    }
  });

  it('a lower-priority job uses the gap before a later-starting higher-priority one', () => {
    const p: ScheduleProblem = { horizonDays: 30, pools: [aPool('lab', 8)], jobs: [aJob('hi', 1, [anOption('lab', 8, 5)], { earliestStartDay: 5 }), aJob('lo', 2, [anOption('lab', 8, 5)])] };
    for (const [, s] of both(p)) {
      expect(at(s, 'hi')!.startDay).toBe(5);
      expect(at(s, 'lo')!.startDay).toBe(0);
    }
  });

  it('a preemptible job yields to higher priority work and pays the resume overhead', () => {
    const p: ScheduleProblem = {
      horizonDays: 30, pools: [aPool('lab', 8)],
      jobs: [aJob('hi', 1, [anOption('lab', 8, 3)], { earliestStartDay: 2 }), aJob('eval', 2, [anOption('lab', 8, 4, 0, { resumeDays: 0.5 })], { preemptible: true })],
    };
    for (const [, s] of both(p)) {
      const e = at(s, 'eval')!;
      // 2 days before hi, then 0.5 days to resume plus the 2 days left after hi ends at day 5.
      expect(e.segments).toEqual([{ startDay: 0, finishDay: 2 }, { startDay: 5, finishDay: 7.5 }]);
      expect(e.gpuHours).toBeCloseTo(8 * 4 * 24 + 8 * 0.5 * 24, 9);
    }
  });

  it('picks the cheaper of two ways to run a job unless only the dearer meets its deadline', () => {
    const opts = [anOption('lab', 8, 10, 50), anOption('rent', 16, 5, 500)];
    const pools = [aPool('lab', 8), aPool('rent', Infinity, 'rented')];
    expect(at(solve({ horizonDays: 30, pools, jobs: [aJob('j', 1, opts)] }), 'j')!.option.pool).toBe('lab');
    // Deadline day 6: lab alone (10 d) misses; renting it all (5 d, 500 USD) meets it, and so does the cheaper split
    // L days on lab then the rest on rent, L + (1 − L/10)·5 = 6 → L = 2: 0.2 × 50 + 0.8 × 500 = 410 USD.
    const j = at(solve({ horizonDays: 30, pools, jobs: [aJob('j', 1, opts, { deadlineDays: 6 })] }), 'j')!;
    expect(j.pieces.map((pc) => pc.option.pool)).toEqual(['lab', 'rent']);
    expect(j.finishDay).toBeCloseTo(6, 9);
    expect(j.marginalUsd).toBeCloseTo(410, 6);
  });

  it('after: waits for the jobs named, even when they have a lower priority', () => {
    const p: ScheduleProblem = { horizonDays: 30, pools: [aPool('lab', 16)], jobs: [aJob('train', 1, [anOption('lab', 8, 5)], { after: ['prep'] }), aJob('prep', 5, [anOption('lab', 8, 2.5)])] };
    for (const [, s] of both(p)) expect(at(s, 'train')!.startDay).toBe(3);
  });

  it('reports a job that cannot fit the pools or the horizon as unscheduled, and its dependants too', () => {
    const p: ScheduleProblem = {
      horizonDays: 10, pools: [aPool('lab', 8)],
      jobs: [aJob('big', 1, [anOption('lab', 16, 2)]), aJob('long', 1, [anOption('lab', 8, 12)]), aJob('next', 2, [anOption('lab', 8, 1)], { after: ['long'] }), aJob('none', 2, [], { noOptionReason: 'nothing fits in memory' })],
    };
    for (const [, s] of both(p)) {
      expect(s.placements).toEqual([]);
      expect(Object.fromEntries(s.unscheduled.map((u) => [u.id, u.reason]))).toEqual({
        big: 'no free capacity for it inside the 10-day horizon', long: 'no free capacity for it inside the 10-day horizon',
        next: 'waits for long, which is not scheduled', none: 'nothing fits in memory',
      });
    }
  });

  it('is deterministic: the same problem gives the same schedule', () => {
    const p: ScheduleProblem = { horizonDays: 60, pools: [aPool('a', 8), aPool('b', 16)], jobs: ['x', 'y', 'z', 'w'].map((id, i) => aJob(id, 1 + (i % 2), [anOption('a', 8, 3 + i), anOption('b', 16, 2 + i, 5)])) };
    expect(JSON.stringify(solve(p, { exhaustiveLimit: 0 }))).toBe(JSON.stringify(solve({ ...p, jobs: [...p.jobs].reverse() }, { exhaustiveLimit: 0 })));
  });
});
