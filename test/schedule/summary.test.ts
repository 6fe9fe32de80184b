import { describe, expect, it } from 'vitest';
import { allowsAccelerator, candidateCounts, pruneDominated, solve, summarise, type ScheduleProblem } from '../../src/schedule/index.js';
import { anAccelerator } from '../helpers/builders.js';
import { aJob, anOption, aPool } from './helpers.js';

describe('schedule costs and utilisation', () => {
  it('owned and committed capacity is paid for the whole horizon; rented only for what runs', () => {
    const owned = { ...aPool('lab', 8), fixedUsdPerGpuHour: 0.5 };
    const committed = { ...aPool('cw', 4, 'committed'), fixedUsdPerGpuHour: 2 };
    const p: ScheduleProblem = {
      horizonDays: 10, pools: [owned, committed, aPool('rent', Infinity, 'rented')],
      jobs: [
        aJob('a', 1, [anOption('lab', 8, 5, 100)]), // energy 100 USD on the fleet
        aJob('b', 1, [anOption('cw', 4, 2.5, 0)]),
        aJob('c', 1, [anOption('rent', 2, 1, 300)], { earliestStartDay: 1 }),
      ],
    };
    const r = summarise(p, solve(p));
    // owned: 0.5 $/GPU-h × 8 GPUs × 240 h + 100 energy; committed: 2 × 4 × 240; rented: 300.
    expect(r.totalCostUsd).toEqual({ owned: 960 + 100, committed: 1920, rented: 300, total: 960 + 100 + 1920 + 300 });
    expect(r.fleets).toEqual([{ name: 'lab', utilisation: 0.5 }, { name: 'cw', utilisation: 0.25 }]);
    expect(r.utilisation).toBeCloseTo((8 * 5 + 4 * 2.5) / (12 * 10), 12);
    expect(r.pools.find((x) => x.id === 'rent')).toMatchObject({ gpus: null, utilisation: null, usedGpuHours: 48, usageCostUsd: 300 });
    expect(r.jobs.map((j) => [j.id, j.source])).toEqual([['a', 'owned'], ['b', 'committed'], ['c', 'rented']]);
  });

  it('warns about an idle pool and a missed deadline, and lists fixes for an unscheduled job', () => {
    const p: ScheduleProblem = {
      horizonDays: 10, pools: [aPool('lab', 8), aPool('spare', 8)],
      jobs: [aJob('late', 1, [anOption('lab', 8, 6)], { earliestStartDay: 2, deadlineDays: 5 }), aJob('huge', 2, [anOption('lab', 16, 1)])],
    };
    const r = summarise(p, solve(p));
    expect(r.warnings.map((w) => w.code)).toEqual(['DEADLINE_MISSED', 'POOL_IDLE']);
    expect(r.warnings[0]!.message).toContain('a deadline of day 8 or later');
    expect(r.unscheduled).toEqual([{ id: 'huge', reason: 'no free capacity for it inside the 10-day horizon', fixes: [
      'more GPUs in lab (its smallest option needs 16 GPUs for 1.0 days)', 'capacity.rent: true (burst to catalog offers)', 'a longer horizonDays, or a lower priority for the jobs that hold the capacity',
    ] }]);
  });
});

describe('job options', () => {
  it('GPU counts: powers of two up to the pool, plus the pool size', () => {
    expect(candidateCounts(48)).toEqual([1, 2, 4, 8, 16, 32, 48]);
    expect(candidateCounts(64, 8)).toEqual([8, 16, 32, 64]);
    expect(candidateCounts(Infinity, 1)).toHaveLength(21);
  });

  it('drops an option beaten on GPUs, days and cost at once, keeps trade-offs', () => {
    const keep = [anOption('lab', 8, 10, 50), anOption('lab', 16, 5, 60)];
    expect(pruneDominated([...keep, anOption('lab', 16, 11, 70)])).toEqual(keep);
    expect(pruneDominated([anOption('lab', 8, 10, 50), anOption('rent', 8, 10, 50)])).toHaveLength(2);
  });

  it('pins and exclusions by id and kind, then the model file constraints', () => {
    const tpu = anAccelerator({ id: 'tpu-v5p', kind: 'tpu' });
    const gpu = anAccelerator({ id: 'h100-sxm', kind: 'gpu' });
    const none = { excludeAccelerators: [], excludeKinds: [] };
    expect(allowsAccelerator({ ...none, kinds: ['tpu'] }, {}, tpu)).toBe(true);
    expect(allowsAccelerator({ ...none, kinds: ['tpu'] }, {}, gpu)).toBe(false);
    expect(allowsAccelerator({ ...none, excludeKinds: ['tpu'] }, {}, tpu)).toBe(false);
    expect(allowsAccelerator({ ...none, excludeAccelerators: ['h100-sxm'] }, {}, gpu)).toBe(false);
    expect(allowsAccelerator(none, { accelerators: ['tpu-v5p'] }, gpu)).toBe(false);
    expect(allowsAccelerator({ ...none, accelerators: ['h100-sxm'] }, {}, gpu)).toBe(true);
  });
});
