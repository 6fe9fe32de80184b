import { Timeline } from './timeline.js';
import type { JobOption, Placement, Pool, ScheduleJob, ScheduleProblem, Segment } from './types.js';

const EPS = 1e-9;

/** Earliest placement of one job on one option given what is already on the timeline; null when it cannot run. */
export function placeOption(job: ScheduleJob, option: JobOption, pool: Pool, timeline: Timeline, earliest: number, horizon: number): Placement | null {
  let segments: Segment[] | null;
  if (job.preemptible && Number.isFinite(pool.capacityGpus)) {
    segments = timeline.fillGaps(pool.id, pool.capacityGpus, option.gpus, option.days, option.resumeDays, earliest, horizon);
  } else {
    const s = timeline.earliestStart(pool.id, pool.capacityGpus, option.gpus, option.days, earliest, horizon);
    segments = s === null ? null : [{ startDay: s, finishDay: s + option.days }];
  }
  if (!segments || segments.length === 0) return null;
  const resumes = segments.length - 1;
  const extraGpuHours = resumes * option.resumeDays * 24 * option.gpus;
  const perGpuHour = option.gpuHours > 0 ? option.costUsd / option.gpuHours : 0;
  const marginalPerGpuHour = option.gpuHours > 0 ? option.marginalUsd / option.gpuHours : 0;
  const finishDay = segments[segments.length - 1]!.finishDay;
  return {
    job: job.id,
    option,
    segments,
    startDay: segments[0]!.startDay,
    finishDay,
    gpuHours: option.gpuHours + extraGpuHours,
    costUsd: option.costUsd + extraGpuHours * perGpuHour,
    marginalUsd: option.marginalUsd + extraGpuHours * marginalPerGpuHour,
    meetsDeadline: job.deadlineDays === null || finishDay <= job.deadlineDays + EPS,
  };
}

/** How good one placement is for its job: meets the deadline (else finishes first), then adds least to the bill, then finishes first. */
export function comparePlacements(a: Placement, b: Placement): number {
  if (a.meetsDeadline !== b.meetsDeadline) return a.meetsDeadline ? -1 : 1;
  if (!a.meetsDeadline && Math.abs(a.finishDay - b.finishDay) > EPS) return a.finishDay - b.finishDay;
  if (Math.abs(a.marginalUsd - b.marginalUsd) > 1e-6) return a.marginalUsd - b.marginalUsd;
  if (Math.abs(a.finishDay - b.finishDay) > EPS) return a.finishDay - b.finishDay;
  return optionKey(a.option) < optionKey(b.option) ? -1 : optionKey(a.option) > optionKey(b.option) ? 1 : 0;
}

export const optionKey = (o: JobOption): string => `${o.pool}|${String(o.gpus).padStart(7, '0')}|${o.accelerator}|${o.provider}|${o.instance}`;

/** Earliest start allowed by the job's own date and by the jobs it waits for; null when one of those is not placed. */
export function readyDay(job: ScheduleJob, placed: ReadonlyMap<string, Placement | null>): number | null {
  let day = job.earliestStartDay;
  for (const dep of job.after) {
    const p = placed.get(dep);
    if (!p) return null;
    day = Math.max(day, Math.ceil(p.finishDay - EPS));
  }
  return day;
}

/** Jobs in an order that respects `after:` (Kahn's algorithm), served by (priority, deadline, id) among ready ones. */
export function priorityOrder(problem: ScheduleProblem): ScheduleJob[] {
  const key = (j: ScheduleJob) => [j.priority, j.deadlineDays ?? Infinity, j.id] as const;
  const less = (a: ScheduleJob, b: ScheduleJob) => {
    const x = key(a);
    const y = key(b);
    return x[0] !== y[0] ? x[0] < y[0] : x[1] !== y[1] ? x[1] < y[1] : x[2] < y[2];
  };
  const left = [...problem.jobs];
  const done = new Set<string>();
  const out: ScheduleJob[] = [];
  while (left.length) {
    let best = -1;
    left.forEach((j, i) => {
      if (j.after.every((d) => done.has(d)) && (best < 0 || less(j, left[best]!))) best = i;
    });
    if (best < 0) throw new Error(`schedule: the after: references form a cycle among ${left.map((j) => j.id).join(', ')}`);
    const [j] = left.splice(best, 1);
    done.add(j!.id);
    out.push(j!);
  }
  return out;
}
