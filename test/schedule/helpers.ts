import type { JobOption, Pool, ScheduleJob } from '../../src/schedule/index.js';

/** Small builders for allocator tests: options are given directly (no planner), so cases are hand-checkable. */
export const aPool = (id: string, capacityGpus: number, source: Pool['source'] = 'owned'): Pool => ({
  id, source, accelerator: source === 'rented' ? null : 'h100-sxm', provider: source === 'owned' ? 'owned' : 'cloud', instance: id,
  pricing: source === 'owned' ? 'owned' : 'on-demand', capacityGpus, usdPerGpuHour: source === 'rented' ? null : 1, fixedUsdPerGpuHour: 0,
});

export const anOption = (pool: string, gpus: number, days: number, marginalUsd = 0, over: Partial<JobOption> = {}): JobOption => ({
  pool, gpus, days, gpuHours: gpus * days * 24, costUsd: marginalUsd || gpus * days * 24, marginalUsd,
  accelerator: 'h100-sxm', provider: 'p', instance: 'i', pricing: 'on-demand', usdPerGpuHour: 1, resumeDays: 0, layout: 'tp1 pp1 dp1', ...over,
});

export const aJob = (id: string, priority: number, options: JobOption[], over: Partial<ScheduleJob> = {}): ScheduleJob => ({
  id, priority, earliestStartDay: 0, deadlineDays: null, preemptible: false, after: [], options, ...over,
});
