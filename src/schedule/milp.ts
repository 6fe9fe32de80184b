import type { ScheduleJob, ScheduleProblem } from './types.js';

/**
 * A MILP solver for CPLEX LP-format text (e.g. HiGHS compiled to WebAssembly, injected by the CLI): returns the
 * model status and each column's value. Pure callers may pass any solver with this shape.
 */
export type MilpSolver = (lp: string) => { status: string; values: Record<string, number> };

/** The most binaries the time-indexed model may have; above it the list scheduler works alone. */
export const MILP_MAX_BINARIES = 1_000;

/** A job's choice as the MILP makes it: option index and start slot (days = slot × slotDays). */
export interface MilpChoice {
  job: string;
  option: number;
  startDay: number;
}

interface Var {
  name: string;
  job: number;
  option: number;
  slot: number;
  slots: number;
}

/** Slot length in days: whole days, at most 30 slots over the horizon (a coarse guide: the list scheduler re-times the choice exactly). */
export const slotDaysFor = (horizonDays: number): number => Math.max(1, Math.ceil(horizonDays / 30));

/**
 * Time-indexed MILP (Pritsker, Watters & Wolfe 1969, "Multiproject scheduling with limited resources: a zero-one
 * programming approach", Management Science 16(1)): x[j,o,s] = 1 when job j starts option o in slot s, u[j] = 1
 * when it is left out. Σ x + u = 1 per job; per finite pool and slot, the GPUs of runs covering the slot ≤ capacity;
 * a job starts after the jobs it waits for finish; m[j] flags a missed deadline and l[j] ≥ finish − deadline its days
 * late. Rented options (unbounded pools) only start at the earliest slot: waiting never helps them. Durations round
 * up to whole slots, so the model is conservative; its choice is re-timed exactly by the list scheduler.
 * The objective weights priority levels apart (unscheduled ≫ missed ≫ late ≫ the next level ≫ cost ≫ finish),
 * an approximation of the lexicographic score that the caller re-checks exactly.
 */
export function buildMilp(problem: ScheduleProblem): { lp: string; vars: Var[]; slotDays: number } | null {
  const slotDays = slotDaysFor(problem.horizonDays);
  const T = Math.floor(problem.horizonDays / slotDays);
  const pools = new Map(problem.pools.map((p) => [p.id, p]));
  const jobs = problem.jobs;
  const levels = [...new Set(jobs.map((j) => j.priority))].sort((a, b) => a - b);
  const R = Math.min(levels.length, 3);
  const levelWeight = (j: ScheduleJob) => 10 ** (3 * Math.max(0, R - 1 - Math.min(levels.indexOf(j.priority), R - 1)));
  const maxCost = Math.max(1, ...jobs.flatMap((j) => j.options.map((o) => o.marginalUsd)));
  const vars: Var[] = [];
  jobs.forEach((job, ji) => {
    const earliest = Math.ceil(job.earliestStartDay / slotDays);
    job.options.forEach((o, oi) => {
      const slots = Math.max(1, Math.ceil(o.days / slotDays - 1e-9));
      const unbounded = !Number.isFinite(pools.get(o.pool)!.capacityGpus);
      const last = unbounded ? Math.min(earliest, T - slots) : T - slots;
      for (let s = earliest; s <= last; s++) vars.push({ name: `x_${ji}_${oi}_${s}`, job: ji, option: oi, slot: s, slots });
    });
  });
  if (vars.length > MILP_MAX_BINARIES) return null;
  const byJob = jobs.map((_, ji) => vars.filter((v) => v.job === ji));
  const term = (c: number, name: string) => `${c >= 0 ? '+' : '-'} ${Math.abs(c)} ${name}`;
  const finish = (ji: number, sign = 1) => byJob[ji]!.map((v) => term(sign * (v.slot + v.slots) * slotDays, v.name)).join(' ');
  const obj: string[] = [];
  const rows: string[] = [];
  const ids = new Map(jobs.map((j, i) => [j.id, i]));
  jobs.forEach((job, ji) => {
    const w = levelWeight(job);
    obj.push(term(100 * w, `u_${ji}`));
    for (const v of byJob[ji]!) {
      const o = job.options[v.option]!;
      // Cost (≤ 1 per job) and a small pull towards finishing early.
      obj.push(term(o.marginalUsd / maxCost + ((v.slot + v.slots) * slotDays) / (problem.horizonDays * jobs.length * 10), v.name));
    }
    rows.push(` one_${ji}: ${[...byJob[ji]!.map((v) => `+ ${v.name}`), `+ u_${ji}`].join(' ')} = 1`);
    if (job.deadlineDays !== null && byJob[ji]!.length) {
      obj.push(term(10 * w, `m_${ji}`), term(w / problem.horizonDays, `l_${ji}`));
      rows.push(` miss_${ji}: ${finish(ji)} - ${problem.horizonDays * 2} m_${ji} <= ${job.deadlineDays}`);
      rows.push(` late_${ji}: ${finish(ji)} - l_${ji} <= ${job.deadlineDays}`);
    }
    for (const dep of job.after) {
      const di = ids.get(dep)!;
      rows.push(` dep_${ji}_${di}: u_${ji} - u_${di} >= 0`);
      if (byJob[ji]!.length && byJob[di]!.length) {
        const start = byJob[ji]!.map((v) => term(v.slot * slotDays, v.name)).join(' ');
        rows.push(` after_${ji}_${di}: ${start} ${finish(di, -1)} + ${problem.horizonDays * 2} u_${ji} >= 0`);
      }
    }
  });
  for (const pool of problem.pools) {
    if (!Number.isFinite(pool.capacityGpus)) continue;
    for (let t = 0; t < T; t++) {
      const cover = vars.filter((v) => jobs[v.job]!.options[v.option]!.pool === pool.id && v.slot <= t && t < v.slot + v.slots);
      if (cover.length) rows.push(` cap_${pool.id.replace(/[^A-Za-z0-9]/g, '_')}_${t}: ${cover.map((v) => term(jobs[v.job]!.options[v.option]!.gpus, v.name)).join(' ')} <= ${pool.capacityGpus}`);
    }
  }
  const binaries = [...vars.map((v) => v.name), ...jobs.map((_, i) => `u_${i}`), ...jobs.flatMap((j, i) => (j.deadlineDays !== null && byJob[i]!.length ? [`m_${i}`] : []))];
  const lp = ['Minimize', ` obj: ${obj.join(' ')}`, 'Subject To', ...rows, 'Binaries', ...chunk(binaries), 'End'].join('\n');
  return { lp, vars, slotDays };
}

function chunk(names: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < names.length; i += 20) out.push(` ${names.slice(i, i + 20).join(' ')}`);
  return out;
}

/** The MILP's choice per job (null when it leaves the job out or the solver found no solution). */
export function solveMilp(problem: ScheduleProblem, solver: MilpSolver): MilpChoice[] | null {
  const model = buildMilp(problem);
  if (!model) return null;
  const r = solver(model.lp);
  if (r.status !== 'Optimal' && !(r.status.includes('limit') && Object.keys(r.values).length)) return null;
  const out: MilpChoice[] = [];
  for (const v of model.vars) if ((r.values[v.name] ?? 0) > 0.5) out.push({ job: problem.jobs[v.job]!.id, option: v.option, startDay: v.slot * model.slotDays });
  return out;
}
