import type { Placement, Pool, PoolSource, ScheduleJob, ScheduleProblem, ScheduleSolution, Unscheduled } from './types.js';

/** One run segment of a job: a pool, when, how many GPUs, and that segment's share of the job's GPU-hours and cost. */
export interface Allocation {
  pool: string;
  source: PoolSource;
  accelerator: string;
  provider: string;
  instance: string;
  startDay: number;
  finishDay: number;
  gpus: number;
  gpuHours: number;
  costUsd: number;
}

export interface JobReport {
  id: string;
  priority: number;
  startDay: number;
  finishDay: number;
  gpus: number;
  accelerator: string;
  source: PoolSource;
  pool: string;
  provider: string;
  instance: string;
  pricing: string;
  layout: string;
  gpuHours: number;
  costUsd: number;
  deadlineDays: number | null;
  meetsDeadline: boolean;
  preemptible: boolean;
  allocations: Allocation[];
}

/** A pool as reported: what it is (the Pool's own fields), then its size, price, use and cost. */
export interface PoolReport extends Pick<Pool, 'id' | 'source' | 'accelerator' | 'provider' | 'instance' | 'pricing'> {
  /** Null for rented capacity (unbounded). */
  gpus: number | null;
  usdPerGpuHour: number | null;
  usedGpuHours: number;
  /** Used ÷ available GPU-hours over the horizon; null for rented capacity. */
  utilisation: number | null;
  /** Paid whatever the use: owned depreciation + operations, or the whole commitment. */
  fixedCostUsd: number;
  /** Grows with use: owned energy, rented bills. */
  usageCostUsd: number;
}

export interface Warning {
  code: string;
  message: string;
  job?: string;
}

export interface ScheduleReport {
  horizonDays: number;
  jobs: JobReport[];
  pools: PoolReport[];
  utilisation: number | null;
  fleets: Array<{ name: string; utilisation: number }>;
  totalCostUsd: { owned: number; committed: number; rented: number; total: number };
  unscheduled: Unscheduled[];
  search: { method: ScheduleSolution['method']; evaluated: number; options: number };
  warnings: Warning[];
}

function jobReport(job: ScheduleJob, p: Placement, pools: ReadonlyMap<string, Pool>): JobReport {
  // A split job is shown by the piece that trains most of its tokens (the first on a tie); allocations list every piece.
  const o = p.pieces.reduce((m, pc) => (pc.fraction > m.fraction + 1e-12 ? pc : m)).option;
  const pool = pools.get(o.pool)!;
  // Each piece's GPU-hours and cost spread over its segments by length (a preempted piece pays its resumes evenly).
  const allocations = p.pieces.flatMap((pc) => {
    const total = pc.segments.reduce((t, g) => t + g.finishDay - g.startDay, 0);
    return pc.segments.map((g) => {
      const share = total > 0 ? (g.finishDay - g.startDay) / total : 1 / pc.segments.length;
      return { pool: pc.option.pool, source: pools.get(pc.option.pool)!.source, accelerator: pc.option.accelerator, provider: pc.option.provider, instance: pc.option.instance, startDay: g.startDay, finishDay: g.finishDay, gpus: pc.option.gpus, gpuHours: pc.gpuHours * share, costUsd: pc.costUsd * share };
    });
  });
  return {
    id: job.id, priority: job.priority, startDay: p.startDay, finishDay: p.finishDay, gpus: o.gpus, accelerator: o.accelerator,
    source: pool.source, pool: pool.id, provider: o.provider, instance: o.instance, pricing: o.pricing, layout: o.layout,
    gpuHours: p.gpuHours, costUsd: p.costUsd, deadlineDays: job.deadlineDays, meetsDeadline: p.meetsDeadline, preemptible: job.preemptible,
    allocations,
  };
}

/** What would let an unscheduled job run. */
function fixesFor(u: Unscheduled, job: ScheduleJob, problem: ScheduleProblem): string[] {
  const rentable = problem.pools.some((p) => p.source === 'rented' && p.id !== 'cpu');
  const out: string[] = [];
  if (u.reason.startsWith('waits for')) return [`schedule ${job.after.join(', ')} first (see their fixes)`];
  if (job.options.length === 0) {
    out.push('more GPUs or a larger-memory accelerator in a pool (no layout fits the pools it may use)');
    if (!rentable) out.push('capacity.rent: true (burst to catalog offers)');
    if (job.deadlineDays !== null || problem.horizonDays < 3650) out.push('a longer horizonDays');
    return out;
  }
  const smallest = [...job.options].sort((a, b) => a.gpus - b.gpus || a.days - b.days)[0]!;
  out.push(`more GPUs in ${[...new Set(job.options.map((o) => o.pool))].join(' or ')} (its smallest option needs ${smallest.gpus} GPUs for ${smallest.days.toFixed(1)} days)`);
  if (!rentable) out.push('capacity.rent: true (burst to catalog offers)');
  out.push('a longer horizonDays, or a lower priority for the jobs that hold the capacity');
  return out;
}

/** The solution as the report shows it: jobs, pools with utilisation, totals split by source, fixes and warnings. */
export function summarise(problem: ScheduleProblem, sol: ScheduleSolution): ScheduleReport {
  const pools = new Map(problem.pools.map((p) => [p.id, p]));
  const jobs = new Map(problem.jobs.map((j) => [j.id, j]));
  const hours = problem.horizonDays * 24;
  const reports = sol.placements.map((p) => jobReport(jobs.get(p.job)!, p, pools));
  const poolReports: PoolReport[] = problem.pools.map((pool) => {
    const mine = sol.placements.flatMap((p) => p.pieces).filter((pc) => pc.option.pool === pool.id);
    const used = mine.reduce((s, pc) => s + pc.segments.reduce((t, g) => t + (g.finishDay - g.startDay) * 24 * pc.option.gpus, 0), 0);
    const finite = Number.isFinite(pool.capacityGpus);
    return {
      id: pool.id, source: pool.source, accelerator: pool.accelerator, provider: pool.provider, instance: pool.instance, pricing: pool.pricing,
      gpus: finite ? pool.capacityGpus : null, usdPerGpuHour: pool.usdPerGpuHour, usedGpuHours: used,
      utilisation: finite ? used / (pool.capacityGpus * hours) : null,
      fixedCostUsd: finite ? pool.fixedUsdPerGpuHour * pool.capacityGpus * hours : 0,
      usageCostUsd: mine.reduce((s, p) => s + p.marginalUsd, 0),
    };
  });
  const finitePools = poolReports.filter((p) => p.gpus !== null);
  const capHours = finitePools.reduce((s, p) => s + p.gpus! * hours, 0);
  const bySource = (src: PoolSource) => poolReports.filter((p) => p.source === src).reduce((s, p) => s + p.fixedCostUsd + p.usageCostUsd, 0);
  const totals = { owned: bySource('owned'), committed: bySource('committed'), rented: bySource('rented'), total: 0 };
  totals.total = totals.owned + totals.committed + totals.rented;
  const unscheduled = sol.unscheduled.map((u) => ({ ...u, fixes: fixesFor(u, jobs.get(u.id)!, problem) }));
  const warnings: Warning[] = [];
  for (const r of reports) {
    if (!r.meetsDeadline) {
      warnings.push({ code: 'DEADLINE_MISSED', job: r.id, message: `${r.id} finishes on day ${r.finishDay.toFixed(1)}, after its deadline (day ${r.deadlineDays}): no assignment of the capacity meets it; fixes: a deadline of day ${Math.ceil(r.finishDay)} or later, more GPUs, or capacity.rent: true` });
    }
    const placement = sol.placements.find((p) => p.job === r.id)!;
    const yields = placement.pieces.reduce((t, pc) => t + pc.segments.length - 1, 0);
    if (yields > 0) warnings.push({ code: 'PREEMPTED', job: r.id, message: `${r.id} yields ${yields} time(s) to higher-priority work (each resume pays a checkpoint save and a restart)` });
    if (placement.pieces.length > 1) {
      const [a, b] = placement.pieces;
      warnings.push({ code: 'SPLIT', job: r.id, message: `${r.id} runs ${(a!.fraction * 100).toFixed(0)}% of its tokens on ${a!.option.pool} (${a!.option.gpus} GPUs), then moves to ${b!.option.pool} (${b!.option.gpus} GPUs) on day ${b!.segments[0]!.startDay.toFixed(1)}: one checkpoint save and restart at the switch` });
    }
  }
  for (const p of finitePools) if (p.usedGpuHours === 0) warnings.push({ code: 'POOL_IDLE', message: `${p.id} is never used: its ${p.source} cost is paid for nothing` });
  return {
    horizonDays: problem.horizonDays,
    jobs: reports,
    pools: poolReports,
    utilisation: capHours > 0 ? finitePools.reduce((s, p) => s + p.usedGpuHours, 0) / capHours : null,
    fleets: finitePools.map((p) => ({ name: p.id, utilisation: p.utilisation! })),
    totalCostUsd: totals,
    unscheduled,
    search: { method: sol.method, evaluated: sol.evaluated, options: problem.jobs.reduce((s, j) => s + j.options.length, 0) },
    warnings,
  };
}
