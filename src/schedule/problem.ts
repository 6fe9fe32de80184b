import { InputError } from '../schema/index.js';
import { poolOptions, poolSearches, type AcceleratorFilter, type ModelWorkload, type OptionContext } from './options.js';
import type { PoolSpec } from './pools.js';
import type { JobOption, Pool, ScheduleJob, ScheduleProblem } from './types.js';

export interface CpuWorkload {
  cpuHours: number;
  usdPerCpuHour: number;
  durationDays: number;
}

/** A job of the portfolio file, its workload already loaded. */
export interface PortfolioJobSpec {
  id: string;
  priority: number;
  earliestStartDay: number;
  deadlineDays?: number;
  repeat: number;
  preemptible: boolean;
  after: readonly string[];
  filter: AcceleratorFilter;
  workload: { kind: 'model'; spec: ModelWorkload } | { kind: 'cpu'; spec: CpuWorkload };
}

export const CPU_POOL: Pool = { id: 'cpu', source: 'rented', accelerator: null, provider: 'cpu', instance: 'cpu', pricing: 'on-demand', capacityGpus: Infinity, usdPerGpuHour: null, fixedUsdPerGpuHour: 0 };

function cpuOption(w: CpuWorkload): JobOption {
  const usd = w.cpuHours * w.usdPerCpuHour;
  return { pool: CPU_POOL.id, gpus: 0, days: w.durationDays, gpuHours: 0, costUsd: usd, marginalUsd: usd, accelerator: 'cpu', provider: 'cpu', instance: 'cpu', pricing: 'on-demand', usdPerGpuHour: 0, resumeDays: 0, layout: `${w.cpuHours} CPU-hours` };
}

/** Expanded id of the k-th repeat (1-based); a job run once keeps its id. */
export const repeatId = (job: { id: string; repeat: number }, k: number): string => (job.repeat === 1 ? job.id : `${job.id}-${k}`);

/**
 * Every job's options on every pool (the planner runs once per distinct job spec, not per repeat), and the
 * jobs expanded by `repeat`. A planner error for a job is reported with the job id in front.
 */
export function buildProblem(given: OptionContext, pools: readonly PoolSpec[], jobs: readonly PortfolioJobSpec[]): ScheduleProblem {
  // One prepared search per pool catalog for the whole portfolio (options.ts poolSearches): the same options as
  // independent searches, each model prepared once for all its pools and GPU counts.
  const ctx: OptionContext = given.searchFor ? given : { ...given, searchFor: poolSearches() };
  const expanded = new Map(jobs.map((j) => [j.id, Array.from({ length: j.repeat }, (_, k) => repeatId(j, k + 1))]));
  const out: ScheduleJob[] = [];
  // A job's options read only its workload and accelerator filter (poolOptions: not its priority, dates or deadline):
  // jobs equal in both share one list, as a job's repeats do.
  const byWorkload = new Map<string, JobOption[]>();
  let cpu = false;
  for (const j of jobs) {
    let options: JobOption[];
    if (j.workload.kind === 'cpu') {
      options = [cpuOption(j.workload.spec)];
      cpu = true;
    } else {
      const w = j.workload.spec;
      const key = JSON.stringify([w, j.filter]);
      try {
        options = byWorkload.get(key) ?? pools.flatMap((p) => poolOptions(ctx, p, w, j.filter));
        byWorkload.set(key, options);
      } catch (err) {
        if (err instanceof InputError) throw new InputError(err.code, `job ${j.id}: ${err.location ? `${err.location}: ` : ''}${err.message}`, { ...(err.suggestion ? { suggestion: err.suggestion } : {}) });
        throw err;
      }
    }
    const after = j.after.flatMap((d) => expanded.get(d) ?? [d]);
    for (const id of expanded.get(j.id)!) {
      out.push({
        id,
        priority: j.priority,
        earliestStartDay: j.earliestStartDay,
        deadlineDays: j.deadlineDays ?? null,
        preemptible: j.preemptible,
        after,
        options,
        ...(options.length === 0 ? { noOptionReason: noOptionReason(pools) } : {}),
      });
    }
  }
  return { horizonDays: ctx.horizonDays, pools: [...pools.map((p) => p.pool), ...(cpu ? [CPU_POOL] : [])], jobs: out };
}

function noOptionReason(pools: readonly PoolSpec[]): string {
  const names = pools.map((p) => p.pool.id).join(', ') || 'none';
  return `no layout fits in memory or finishes inside the horizon on any allowed accelerator of the pools (${names})`;
}
