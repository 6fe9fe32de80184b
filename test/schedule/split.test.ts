import { describe, expect, it } from 'vitest';
import { solve, summarise, type ScheduleProblem, type ScheduleSolution } from '../../src/schedule/index.js';
import { aJob, anOption, aPool } from './helpers.js';

const both = (p: ScheduleProblem): [string, ScheduleSolution][] => [
  ['exhaustive', solve(p)],
  ['greedy', solve(p, { exhaustiveLimit: 0 })],
];
const at = (s: ScheduleSolution, id: string) => s.placements.find((p) => p.job === id)!;
const pieces = (s: ScheduleSolution, id: string) => at(s, id).pieces.map((pc) => [pc.option.pool, pc.segments[0]!.startDay, pc.segments.at(-1)!.finishDay]);

describe('a job split across pools over time', () => {
  // Two 8-GPU fleets. `big` (priority 1) takes lab-a from day 10 to 20; `other` (priority 1) takes lab-b from day 0 to 6.
  // `run` needs 12 days of 8 GPUs on either fleet (energy 120 USD on either), deadline day 14; a restart on lab-b costs 0.5 days.
  const problem = (deadline: number): ScheduleProblem => ({
    horizonDays: 40,
    pools: [aPool('lab-a', 8), aPool('lab-b', 8)],
    jobs: [
      aJob('big', 1, [anOption('lab-a', 8, 10)], { earliestStartDay: 10, deadlineDays: 20 }),
      aJob('other', 1, [anOption('lab-b', 8, 6)], { deadlineDays: 6 }),
      aJob('run', 2, [anOption('lab-a', 8, 12, 120), anOption('lab-b', 8, 12, 120, { resumeDays: 0.5 })], { deadlineDays: deadline }),
    ],
  });

  it('splits when that is the only way to meet the deadline, with one restart at the switch', () => {
    // Alone: lab-a after big (day 20 → 32) or lab-b after other (day 6 → 18) both miss day 14.
    // Split: lab-a days 0–10 does 10/12 of the tokens; lab-b from day 10 does the last 2 days + 0.5 restart → day 12.5.
    for (const [, s] of both(problem(14))) {
      expect(pieces(s, 'run')).toEqual([['lab-a', 0, 10], ['lab-b', 10, 12.5]]);
      const run = at(s, 'run');
      expect(run.pieces[0]!.fraction).toBeCloseTo(10 / 12, 12);
      expect(run.pieces[1]!.fraction).toBeCloseTo(2 / 12, 12);
      // 10/12 of 120 + 2/12 of 120 + the restart: 0.5 d × 8 GPUs × 24 h at 120/2304 USD per GPU-hour.
      expect(run.marginalUsd).toBeCloseTo(120 + 5, 9);
      expect(run.meetsDeadline).toBe(true);
      expect(run.gpuHours).toBeCloseTo(8 * 24 * 10 + 8 * 24 * (2 + 0.5), 9);
      expect(at(s, 'big').finishDay).toBe(20);
    }
  });

  it('reports each piece as an allocation; its GPU-hours and cost add up to the job totals', () => {
    const r = summarise(problem(14), solve(problem(14)));
    const run = r.jobs.find((j) => j.id === 'run')!;
    expect(run.allocations.map((a) => [a.pool, a.startDay, a.finishDay, a.gpus, Math.round(a.gpuHours * 1e6) / 1e6])).toEqual([['lab-a', 0, 10, 8, 1920], ['lab-b', 10, 12.5, 8, 480]]);
    expect(run.allocations.reduce((t, a) => t + a.gpuHours, 0)).toBeCloseTo(run.gpuHours, 9);
    expect(run.allocations.reduce((t, a) => t + a.costUsd, 0)).toBeCloseTo(run.costUsd, 9);
    // Utilisation counts each piece on its own pool: lab-b holds other (6 d) and run's 2.5 d.
    expect(r.fleets.find((f) => f.name === 'lab-b')!.utilisation).toBeCloseTo((6 + 2.5) / 40, 12);
    expect(r.warnings.map((w) => w.code)).toContain('SPLIT');
  });

  it('does not split when one pool alone meets the deadline and the split costs more', () => {
    // Deadline day 20: lab-b alone (day 6 → 18, 120 USD) meets it; the split would add the 5 USD restart.
    for (const [, s] of both(problem(20))) expect(pieces(s, 'run')).toEqual([['lab-b', 6, 18]]);
  });

  // An owned fleet of 8 GPUs (energy 100 USD for the whole run), busy from day 10 to 20; renting costs 1 USD/GPU-hour.
  const burst = (deadline: number | null, rentResumeDays: number): ScheduleProblem => ({
    horizonDays: 40,
    pools: [aPool('lab', 8), aPool('rent', Infinity, 'rented')],
    jobs: [
      aJob('big', 1, [anOption('lab', 8, 10)], { earliestStartDay: 10, deadlineDays: 20 }),
      aJob('run', 2, [anOption('lab', 8, 12, 100), anOption('rent', 8, 12, 2304, { resumeDays: rentResumeDays, costUsd: 2304 })], { deadlineDays: deadline }),
    ],
  });

  it('bursts the rest to rent when that is cheaper than renting all of it', () => {
    // Split: 10/12 of the fleet run (83.33 USD energy) + 2/12 of the rental (384) + 0.5 d × 8 GPUs × 24 h restart (96).
    for (const [, s] of both(burst(14, 0.5))) {
      expect(pieces(s, 'run')).toEqual([['lab', 0, 10], ['rent', 10, 12.5]]);
      expect(at(s, 'run').marginalUsd).toBeCloseTo(100 * (10 / 12) + 2304 * (2 / 12) + 96, 6);
    }
  });

  it('does not split when the restart makes it dearer than renting it all', () => {
    // A 10-day restart: the split costs 83.33 + 384 + 1920 = 2387.33 > 2304, so the whole run is rented (the fleet alone, day 20 → 32, misses day 30).
    for (const [, s] of both(burst(30, 10))) expect(pieces(s, 'run')).toEqual([['rent', 0, 12]]);
    // No deadline: wait for the fleet (100 USD) rather than pay for any rental.
    for (const [, s] of both(burst(null, 0.5))) expect(pieces(s, 'run')).toEqual([['lab', 20, 32]]);
  });
});

describe('rented offers honour their supply limit (maxInstances)', () => {
  // Offer "small" can supply 8 GPUs at once (e.g. maxInstances 1 × 8 GPUs); "big" is unbounded and dearer.
  const rent = (id: string, usd: number, cap: number | null) => anOption('rent', 8, 5, usd, { instance: id, offerCapacityGpus: cap, costUsd: usd });
  const problem = (deadline: number | null, cap: number | null): ScheduleProblem => ({
    horizonDays: 30,
    pools: [aPool('rent', Infinity, 'rented')],
    jobs: ['a', 'b'].map((id) => aJob(id, 1, [rent('small', 960, cap), rent('big', 2000, null)], { deadlineDays: deadline })),
  });

  it('two jobs never rent more of an offer at once than it supplies', () => {
    // Both want the cheap offer; only one fits at a time. With deadlines on day 5, the other rents the dearer offer.
    for (const [, s] of both(problem(5, 8))) {
      expect(s.placements.map((p) => p.option.instance).sort()).toEqual(['big', 'small']);
      expect(s.placements.every((p) => p.meetsDeadline && p.startDay === 0)).toBe(true);
    }
    // Without deadlines the second waits for the cheap offer: days 0–5, then 5–10.
    for (const [, s] of both(problem(null, 8))) expect(s.placements.map((p) => [p.option.instance, p.startDay])).toEqual([['small', 0], ['small', 5]]);
    // Without a limit both rent the cheap offer at once.
    for (const [, s] of both(problem(5, null))) expect(s.placements.map((p) => [p.option.instance, p.startDay])).toEqual([['small', 0], ['small', 0]]);
  });

  it('an option asking for more GPUs than the offer supplies is never placed', () => {
    const p: ScheduleProblem = { horizonDays: 30, pools: [aPool('rent', Infinity, 'rented')], jobs: [aJob('j', 1, [anOption('rent', 16, 2, 100, { instance: 'small', offerCapacityGpus: 8 })])] };
    for (const [, s] of both(p)) expect(s.unscheduled.map((u) => u.id)).toEqual(['j']);
  });
});
