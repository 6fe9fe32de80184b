import type { Placement, Pool, PoolSource, ScheduleJob, ScheduleProblem, ScheduleSolution, Unscheduled } from './types.js';

export interface Allocation {
  pool: string;
  startDay: number;
  finishDay: number;
  gpus: number;
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

export interface PoolReport {
  id: string;
  source: PoolSource;
  accelerator: string | null;
  provider: string | null;
  instance: string | null;
  pricing: string;
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

function jobReport(job: ScheduleJob, p: Placement, pool: Pool): JobReport {
  const o = p.option;
  return {
    id: job.id, priority: job.priority, startDay: p.startDay, finishDay: p.finishDay, gpus: o.gpus, accelerator: o.accelerator,
    source: pool.source, pool: pool.id, provider: o.provider, instance: o.instance, pricing: o.pricing, layout: o.layout,
    gpuHours: p.gpuHours, costUsd: p.costUsd, deadlineDays: job.deadlineDays, meetsDeadline: p.meetsDeadline, preemptible: job.preemptible,
    allocations: p.segments.map((s) => ({ pool: pool.id, startDay: s.startDay, finishDay: s.finishDay, gpus: o.gpus })),
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
  const reports = sol.placements.map((p) => jobReport(jobs.get(p.job)!, p, pools.get(p.option.pool)!));
  const poolReports: PoolReport[] = problem.pools.map((pool) => {
    const mine = sol.placements.filter((p) => p.option.pool === pool.id);
    const used = mine.reduce((s, p) => s + p.segments.reduce((t, g) => t + (g.finishDay - g.startDay) * 24 * p.option.gpus, 0), 0);
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
    if (r.allocations.length > 1) warnings.push({ code: 'PREEMPTED', job: r.id, message: `${r.id} yields ${r.allocations.length - 1} time(s) to higher-priority work (each resume pays a checkpoint save and a restart)` });
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
