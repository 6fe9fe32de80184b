import { compareScores, score, Timeline, type JobOption, type Piece, type Placement, type ScheduleJob, type ScheduleProblem } from '../../src/schedule/index.js';

const piece = (option: JobOption, startDay: number, finishDay: number, fraction: number, resumes: number) => {
  const extra = resumes * option.resumeDays * 24 * option.gpus;
  const rate = option.gpuHours > 0 ? 1 / option.gpuHours : 0;
  return { option, segments: [{ startDay, finishDay }], fraction, gpuHours: fraction * option.gpuHours + extra, costUsd: fraction * option.costUsd + extra * option.costUsd * rate, marginalUsd: fraction * option.marginalUsd + extra * option.marginalUsd * rate };
};

/** Every way to run a job: one option from any whole day, or (split) option a from a whole day to a half-day switch point, then option b from the switch or any later whole day. */
function runs(job: ScheduleJob, horizon: number): Piece[][] {
  const out: Piece[][] = [];
  for (const o of job.options) for (let s = job.earliestStartDay; s + o.days <= horizon + 1e-9; s++) out.push([piece(o, s, s + o.days, 1, 0)]);
  for (const a of job.options) {
    for (const b of job.options) {
      if (a === b) continue;
      for (let s = job.earliestStartDay; s < horizon; s++) {
        for (let e = s + 0.5; e < s + a.days - 1e-9; e += 0.5) {
          const f = (e - s) / a.days;
          const rest = (1 - f) * b.days + b.resumeDays;
          for (const s2 of [e, ...Array.from({ length: horizon }, (_, k) => k).filter((k) => k > e + 1e-9)]) {
            if (s2 + rest <= horizon + 1e-9) out.push([piece(a, s, e, f, 0), piece(b, s2, s2 + rest, 1 - f, 1)]);
          }
        }
      }
    }
  }
  return out;
}

/**
 * Every schedule with whole-day starts (each job: unscheduled, any option at any start day, or split over two options
 * at a half-day switch point), capacity checked at every moment, dependencies respected; the best by the allocator's
 * score. Only for tiny, non-preemptible cases.
 */
export function bruteForceSchedule(problem: ScheduleProblem): { score: number[]; placed: Map<string, Placement | null> } {
  const pools = new Map(problem.pools.map((p) => [p.id, p]));
  const jobs = problem.jobs;
  let best: { score: number[]; placed: Map<string, Placement | null> } | null = null;
  const placed = new Map<string, Placement | null>();
  const visit = (i: number, timeline: Timeline) => {
    if (i === jobs.length) {
      const deps = jobs.every((j) => {
        const p = placed.get(j.id);
        return !p || j.after.every((d) => placed.get(d) && p.startDay >= Math.ceil(placed.get(d)!.finishDay - 1e-9));
      });
      if (!deps) return;
      const s = score(problem, placed);
      if (!best || compareScores(s, best.score) < 0) best = { score: s, placed: new Map(placed) };
      return;
    }
    const job = jobs[i]!;
    placed.set(job.id, null);
    visit(i + 1, timeline);
    for (const pieces of runs(job, problem.horizonDays)) {
      if (pieces.some((pc) => timeline.peak(pc.option.pool, pc.segments[0]!.startDay, pc.segments[0]!.finishDay) + pc.option.gpus > pools.get(pc.option.pool)!.capacityGpus)) continue;
      // Two pieces on one pool never overlap (the second starts after the first ends), so checking each against the others' use suffices.
      const first = pieces[0]!;
      const last = pieces[pieces.length - 1]!;
      const finishDay = last.segments[0]!.finishDay;
      placed.set(job.id, {
        job: job.id, option: first.option, segments: first.segments, pieces, startDay: first.segments[0]!.startDay, finishDay,
        gpuHours: pieces.reduce((t, pc) => t + pc.gpuHours, 0), costUsd: pieces.reduce((t, pc) => t + pc.costUsd, 0), marginalUsd: pieces.reduce((t, pc) => t + pc.marginalUsd, 0),
        meetsDeadline: job.deadlineDays === null || finishDay <= job.deadlineDays + 1e-9,
      });
      const t = timeline.clone();
      for (const pc of pieces) t.add(pc.option.pool, pc.option.gpus, pc.segments);
      visit(i + 1, t);
    }
    placed.delete(job.id);
  };
  visit(0, new Timeline());
  return best!;
}
