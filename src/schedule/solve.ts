import { addToTimeline, comparePlacements, placeOption, placeSplit, priorityOrder, readyDay } from './place.js';
import { Timeline } from './timeline.js';
import { solveMilp, type MilpSolver } from './milp.js';
import type { Placement, ScheduleJob, ScheduleProblem, ScheduleSolution, Unscheduled } from './types.js';

export interface SolveOptions {
  /** Largest (job orders × option combinations) searched exhaustively; above it, list scheduling (default 20,000). */
  exhaustiveLimit?: number;
  /** Most complete schedules the greedy improvement passes may build (default: 4,000, and at most 300,000 job placements in all). */
  improveLimit?: number;
  /** A MILP solver (HiGHS): when given, portfolios too large for exhaustive search also get the time-indexed MILP's choice, improved like the greedy one; the better schedule wins. */
  milp?: MilpSolver;
}

interface Run {
  placed: Map<string, Placement | null>;
  unscheduled: Unscheduled[];
}

/**
 * Serial schedule generation: jobs in `order`, each at its earliest feasible start on the option `pick` chooses
 * (a fixed index, or the best placement for the job given what is already placed). Capacity is never exceeded.
 */
function build(problem: ScheduleProblem, order: readonly ScheduleJob[], pick: (job: ScheduleJob) => number | null): Run {
  const pools = new Map(problem.pools.map((p) => [p.id, p]));
  const timeline = new Timeline();
  const placed = new Map<string, Placement | null>();
  const unscheduled: Unscheduled[] = [];
  for (const job of order) {
    const ready = readyDay(job, placed);
    if (ready === null) {
      placed.set(job.id, null);
      unscheduled.push({ id: job.id, reason: `waits for ${job.after.filter((d) => !placed.get(d)).join(', ')}, which is not scheduled`, fixes: [] });
      continue;
    }
    if (job.options.length === 0) {
      placed.set(job.id, null);
      unscheduled.push({ id: job.id, reason: job.noOptionReason ?? 'no capacity pool can run it', fixes: [] });
      continue;
    }
    const forced = pick(job);
    const candidates = forced === null ? job.options : [job.options[forced]!];
    let best: Placement | null = null;
    for (const o of candidates) {
      const p = placeOption(job, o, pools.get(o.pool)!, timeline, ready, problem.horizonDays);
      if (p && (!best || comparePlacements(p, best) < 0)) best = p;
    }
    // Split over two options: only to meet a deadline the best single run misses, or to cost strictly less.
    for (const a of candidates) {
      for (const b of job.options) {
        if (best && best.meetsDeadline && Math.min(a.marginalUsd, b.marginalUsd) >= best.marginalUsd - 1e-6) continue;
        for (const p of placeSplit(job, a, pools.get(a.pool)!, b, pools.get(b.pool)!, timeline, ready, problem.horizonDays)) {
          if (!best || comparePlacements(p, best) < 0) best = p;
        }
      }
    }
    placed.set(job.id, best);
    if (best) addToTimeline(timeline, pools, best);
    else unscheduled.push({ id: job.id, reason: `no free capacity for it inside the ${problem.horizonDays}-day horizon`, fixes: [] });
  }
  return { placed, unscheduled };
}

/** Lexicographic score (lower is better): per priority level, unscheduled jobs, missed deadlines, days late; then cost; then finish days. */
export function score(problem: ScheduleProblem, placed: ReadonlyMap<string, Placement | null>): number[] {
  const levels = [...new Set(problem.jobs.map((j) => j.priority))].sort((a, b) => a - b);
  const out: number[] = [];
  for (const level of levels) {
    const jobs = problem.jobs.filter((j) => j.priority === level);
    out.push(jobs.filter((j) => !placed.get(j.id)).length);
    out.push(jobs.filter((j) => placed.get(j.id) && !placed.get(j.id)!.meetsDeadline).length);
    // A deadline that cannot be met is missed by as little as possible.
    const late = jobs.reduce((t, j) => t + Math.max(0, (placed.get(j.id)?.finishDay ?? 0) - (j.deadlineDays ?? Infinity)), 0);
    out.push(Math.round(late * 1e6) / 1e6);
  }
  let cost = 0;
  for (const p of placed.values()) if (p) cost += p.marginalUsd;
  out.push(Math.round(cost * 100) / 100);
  for (const j of priorityOrder(problem)) out.push(placed.get(j.id)?.finishDay ?? Infinity);
  return out;
}

export function compareScores(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (Math.abs(x - y) > 1e-9 && x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function* permutations<T>(items: readonly T[]): Generator<T[]> {
  if (items.length <= 1) {
    yield [...items];
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const p of permutations(rest)) yield [items[i]!, ...p];
  }
}

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

function finish(problem: ScheduleProblem, run: Run, method: ScheduleSolution['method'], evaluated: number): ScheduleSolution {
  const order = priorityOrder(problem);
  const placements = order.map((j) => run.placed.get(j.id)).filter((p): p is Placement => Boolean(p));
  const byId = new Map(run.unscheduled.map((u) => [u.id, u]));
  const unscheduled = order.filter((j) => byId.has(j.id)).map((j) => byId.get(j.id)!);
  return { placements, unscheduled, method, evaluated };
}

/**
 * Assigns every job a pool, a GPU count and start time(s). Small portfolios: every job order that respects
 * `after:` × every option combination, best by `score` (exact over schedules that start each job as early as
 * its order allows, which contain an optimum for these regular objectives). Larger ones: list scheduling in
 * priority order, each job on its best placement, then two improvement passes that keep any change improving the
 * score: force each job onto each of its other options; serve each job earlier in the order.
 */
export function solve(problem: ScheduleProblem, opts: SolveOptions = {}): ScheduleSolution {
  const limit = opts.exhaustiveLimit ?? 20_000;
  const jobs = problem.jobs;
  let combos = 1;
  for (const j of jobs) combos *= Math.max(1, j.options.length);
  const space = combos * factorial(jobs.length);
  if (jobs.length <= 8 && space <= limit) return exhaustive(problem, combos);
  // Each schedule places every option of every job once; cap the work so large portfolios stay fast.
  const perBuild = Math.max(1, jobs.reduce((t, j) => t + Math.max(1, j.options.length), 0));
  const limit2 = opts.improveLimit ?? Math.max(20, Math.min(4000, Math.floor(300_000 / perBuild)));
  const g = greedy(problem, limit2, priorityOrder(problem), new Map());
  const choices = opts.milp ? solveMilp(problem, opts.milp) : null;
  if (!choices) return finish(problem, g.run, 'greedy', g.evaluated);
  const seed = milpSeed(problem, choices);
  const m = greedy(problem, limit2, seed.order, seed.forced);
  const better = compareScores(score(problem, m.run.placed), score(problem, g.run.placed)) < 0;
  return finish(problem, better ? m.run : g.run, better ? 'milp' : 'greedy', g.evaluated + m.evaluated);
}

/** The MILP's choice as a list-scheduling seed: jobs by MILP start day (then priority), each forced onto its option; left-out jobs last. */
function milpSeed(problem: ScheduleProblem, choices: readonly { job: string; option: number; startDay: number }[]): { order: ScheduleJob[]; forced: Map<string, number> } {
  const byId = new Map(choices.map((c) => [c.job, c]));
  const rank = new Map(priorityOrder(problem).map((j, i) => [j.id, i]));
  const key = (j: ScheduleJob) => byId.get(j.id)?.startDay ?? Infinity;
  const sorted = [...problem.jobs].sort((a, b) => key(a) - key(b) || rank.get(a.id)! - rank.get(b.id)!);
  const order: ScheduleJob[] = [];
  const done = new Set<string>();
  while (order.length < sorted.length) {
    const next = sorted.find((j) => !done.has(j.id) && j.after.every((d) => done.has(d)))!;
    done.add(next.id);
    order.push(next);
  }
  return { order, forced: new Map(choices.map((c) => [c.job, c.option])) };
}

function exhaustive(problem: ScheduleProblem, combos: number): ScheduleSolution {
  const jobs = problem.jobs;
  const index = new Map(jobs.map((j, i) => [j.id, i]));
  let best: { run: Run; s: number[] } | null = null;
  let evaluated = 0;
  for (const order of permutations(priorityOrder(problem))) {
    const seen = new Set<string>();
    if (!order.every((j) => (j.after.every((d) => seen.has(d)) ? (seen.add(j.id), true) : false))) continue;
    for (let c = 0; c < combos; c++) {
      const choice: number[] = [];
      let rest = c;
      for (const j of jobs) {
        const n = Math.max(1, j.options.length);
        choice.push(rest % n);
        rest = Math.floor(rest / n);
      }
      const run = build(problem, order, (j) => (j.options.length ? choice[index.get(j.id)!]! : null));
      evaluated++;
      const s = score(problem, run.placed);
      if (!best || compareScores(s, best.s) < 0) best = { run, s };
    }
  }
  return finish(problem, best!.run, 'exhaustive', evaluated);
}

function validOrder(order: readonly ScheduleJob[]): boolean {
  const seen = new Set<string>();
  for (const j of order) {
    if (!j.after.every((d) => seen.has(d))) return false;
    seen.add(j.id);
  }
  return true;
}

function greedy(problem: ScheduleProblem, improveLimit: number, start: readonly ScheduleJob[], seed: ReadonlyMap<string, number>): { run: Run; evaluated: number } {
  let order = [...start];
  const forced = new Map(seed);
  const runWith = (o: readonly ScheduleJob[], f: ReadonlyMap<string, number>) => build(problem, o, (j) => f.get(j.id) ?? null);
  let best = runWith(order, forced);
  let bestScore = score(problem, best.placed);
  let evaluated = 1;
  const consider = (o: readonly ScheduleJob[], f: ReadonlyMap<string, number>): boolean => {
    const run = runWith(o, f);
    evaluated++;
    const s = score(problem, run.placed);
    if (compareScores(s, bestScore) >= 0) return false;
    best = run;
    bestScore = s;
    return true;
  };
  // Pass 1: force each job onto each of its other options.
  for (const job of order) {
    for (let i = 0; i < job.options.length && evaluated < improveLimit; i++) {
      if (forced.get(job.id) === i) continue;
      const trial = new Map(forced).set(job.id, i);
      if (consider(order, trial)) forced.set(job.id, i);
    }
  }
  // Pass 2: serve a job earlier than its priority says (e.g. a lower-priority deadline ahead of a job with slack).
  for (let i = 1; i < order.length; i++) {
    for (let k = 0; k < i && evaluated < improveLimit; k++) {
      const moved = [...order.slice(0, k), order[i]!, ...order.slice(k, i), ...order.slice(i + 1)];
      if (validOrder(moved) && consider(moved, forced)) {
        order = moved;
        break;
      }
    }
  }
  return { run: best, evaluated };
}
