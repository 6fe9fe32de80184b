import { Timeline } from './timeline.js';
import type { JobOption, Piece, Placement, Pool, ScheduleJob, ScheduleProblem, Segment } from './types.js';

const EPS = 1e-9;

/**
 * Where an option's GPUs are counted and how many fit: its pool's capacity, or for a rented offer with a supply
 * limit (offerCapacityGpus), that offer's — shared by every job renting it at the same moment.
 */
export function capacityOf(option: JobOption, pool: Pool): { key: string; capacity: number } {
  if (!Number.isFinite(pool.capacityGpus) && option.offerCapacityGpus != null) return { key: `${pool.id}|${option.provider}/${option.instance}`, capacity: option.offerCapacityGpus };
  return { key: pool.id, capacity: pool.capacityGpus };
}

/** One piece's bill: its share of the option's GPU-hours and cost, plus `resumes` checkpoint-and-restart overheads at the option's price. */
function piece(option: JobOption, segments: Segment[], fraction: number, resumes: number): Piece {
  const extraGpuHours = resumes * option.resumeDays * 24 * option.gpus;
  const perGpuHour = option.gpuHours > 0 ? option.costUsd / option.gpuHours : 0;
  const marginalPerGpuHour = option.gpuHours > 0 ? option.marginalUsd / option.gpuHours : 0;
  return {
    option, segments, fraction,
    gpuHours: fraction * option.gpuHours + extraGpuHours,
    costUsd: fraction * option.costUsd + extraGpuHours * perGpuHour,
    marginalUsd: fraction * option.marginalUsd + extraGpuHours * marginalPerGpuHour,
  };
}

/** A placement from its pieces (in time order): totals are the pieces' sums. */
export function fromPieces(job: ScheduleJob, pieces: Piece[]): Placement {
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  const finishDay = last.segments[last.segments.length - 1]!.finishDay;
  return {
    job: job.id,
    option: first.option,
    segments: first.segments,
    pieces,
    startDay: first.segments[0]!.startDay,
    finishDay,
    gpuHours: pieces.reduce((t, p) => t + p.gpuHours, 0),
    costUsd: pieces.reduce((t, p) => t + p.costUsd, 0),
    marginalUsd: pieces.reduce((t, p) => t + p.marginalUsd, 0),
    meetsDeadline: job.deadlineDays === null || finishDay <= job.deadlineDays + EPS,
  };
}

/** Puts a placement's pieces on the timeline, each where its GPUs are counted. */
export function addToTimeline(timeline: Timeline, pools: ReadonlyMap<string, Pool>, p: Placement): void {
  for (const pc of p.pieces) timeline.add(capacityOf(pc.option, pools.get(pc.option.pool)!).key, pc.option.gpus, pc.segments);
}

/** Earliest placement of one job on one option given what is already on the timeline; null when it cannot run. */
export function placeOption(job: ScheduleJob, option: JobOption, pool: Pool, timeline: Timeline, earliest: number, horizon: number): Placement | null {
  const { key, capacity } = capacityOf(option, pool);
  let segments: Segment[] | null;
  if (job.preemptible && Number.isFinite(capacity)) {
    segments = timeline.fillGaps(key, capacity, option.gpus, option.days, option.resumeDays, earliest, horizon);
  } else {
    const s = timeline.earliestStart(key, capacity, option.gpus, option.days, earliest, horizon);
    segments = s === null ? null : [{ startDay: s, finishDay: s + option.days }];
  }
  if (!segments || segments.length === 0) return null;
  return fromPieces(job, [piece(option, segments, 1, segments.length - 1)]);
}

/**
 * The job split over two options (another pool, or the same pool with another GPU count): the first piece starts
 * as early as `a`'s GPUs are free and runs while they stay free (or, when `b` is faster, only as long as still lets
 * the remainder on `b` meet the deadline); the rest of the tokens continue on `b` from the first moment its GPUs are
 * free, after one checkpoint save and restart (b.resumeDays, goodput model). Empty when no split fits the horizon.
 * Both pieces run contiguously.
 */
export function placeSplit(job: ScheduleJob, a: JobOption, poolA: Pool, b: JobOption, poolB: Pool, timeline: Timeline, earliest: number, horizon: number): Placement[] {
  const ca = capacityOf(a, poolA);
  const cb = capacityOf(b, poolB);
  if (a === b || a.days <= EPS || a.gpus > ca.capacity || b.gpus > cb.capacity) return [];
  const s1 = timeline.earliestStart(ca.key, ca.capacity, a.gpus, 0, earliest, horizon);
  if (s1 === null) return [];
  const longest = Math.min(a.days, timeline.freeUntil(ca.key, ca.capacity, a.gpus, s1, horizon) - s1);
  const lengths = longest > EPS && longest < a.days - EPS ? [longest] : [];
  // Finish = s1 + L + (1 − L/a.days)·b.days + b.resumeDays ≤ deadline, solved for L (only when b is the faster).
  if (job.deadlineDays !== null && b.days < a.days - EPS) {
    const tight = (job.deadlineDays - s1 - b.days - b.resumeDays) / (1 - b.days / a.days);
    if (tight > EPS && tight < longest - EPS) lengths.push(tight);
  }
  const out: Placement[] = [];
  for (const length of lengths) {
    const fraction = length / a.days;
    const rest = (1 - fraction) * b.days + b.resumeDays;
    const s2 = timeline.earliestStart(cb.key, cb.capacity, b.gpus, rest, s1 + length, horizon);
    if (s2 === null) continue;
    out.push(fromPieces(job, [piece(a, [{ startDay: s1, finishDay: s1 + length }], fraction, 0), piece(b, [{ startDay: s2, finishDay: s2 + rest }], 1 - fraction, 1)]));
  }
  return out;
}

/** How good one placement is for its job: meets the deadline (else finishes first), then adds least to the bill, then finishes first. */
export function comparePlacements(a: Placement, b: Placement): number {
  if (a.meetsDeadline !== b.meetsDeadline) return a.meetsDeadline ? -1 : 1;
  if (!a.meetsDeadline && Math.abs(a.finishDay - b.finishDay) > EPS) return a.finishDay - b.finishDay;
  if (Math.abs(a.marginalUsd - b.marginalUsd) > 1e-6) return a.marginalUsd - b.marginalUsd;
  if (Math.abs(a.finishDay - b.finishDay) > EPS) return a.finishDay - b.finishDay;
    if (a.pieces.length !== b.pieces.length) return a.pieces.length - b.pieces.length;
  const ka = a.pieces.map((p) => optionKey(p.option)).join(';');
  const kb = b.pieces.map((p) => optionKey(p.option)).join(';');
  return ka < kb ? -1 : ka > kb ? 1 : 0;
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
