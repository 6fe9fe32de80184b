import { compareScores, score, Timeline, type Placement, type ScheduleProblem } from '../../src/schedule/index.js';

/**
 * Every schedule with whole-day starts (each job: unscheduled, or any option at any start day), capacity checked
 * at every moment, dependencies respected; the best by the allocator's score. Only for tiny, non-preemptible cases.
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
    for (const o of job.options) {
      const cap = pools.get(o.pool)!.capacityGpus;
      for (let s = job.earliestStartDay; s + o.days <= problem.horizonDays + 1e-9; s++) {
        if (timeline.peak(o.pool, s, s + o.days) + o.gpus > cap) continue;
        const finishDay = s + o.days;
        placed.set(job.id, {
          job: job.id, option: o, segments: [{ startDay: s, finishDay }], startDay: s, finishDay, gpuHours: o.gpuHours, costUsd: o.costUsd, marginalUsd: o.marginalUsd,
          meetsDeadline: job.deadlineDays === null || finishDay <= job.deadlineDays + 1e-9,
        });
        const t = timeline.clone();
        t.add(o.pool, o.gpus, [{ startDay: s, finishDay }]);
        visit(i + 1, t);
      }
    }
    placed.delete(job.id);
  };
  visit(0, new Timeline());
  return best!;
}
