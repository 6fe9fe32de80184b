import { z } from 'zod';
import { catalogRefSchema, schemaVersionSchema, toolSchema } from './document.js';

const day = z.number().nonnegative();
const usd = z.number().nonnegative();
const source = z.enum(['owned', 'committed', 'rented']);

/** One run segment: several per job when it is preempted or split across pools; gpuHours and costUsd add up to the job's. */
export const scheduleAllocationSchema = z.strictObject({
  pool: z.string(),
  source,
  accelerator: z.string(),
  provider: z.string(),
  instance: z.string(),
  startDay: day,
  finishDay: day,
  gpus: z.number().int().nonnegative(),
  gpuHours: z.number().nonnegative(),
  costUsd: usd,
});

/** One scheduled job: where, when and at what cost; `allocations` lists its run segments (several when preempted or split across pools); the top-level pool, GPUs and layout are those of the piece that trains most of the tokens. */
export const scheduleJobSchema = z.strictObject({
  id: z.string(),
  priority: z.number().int().positive(),
  startDay: day,
  finishDay: day,
  gpus: z.number().int().nonnegative(),
  accelerator: z.string(),
  source,
  pool: z.string(),
  provider: z.string(),
  instance: z.string(),
  pricing: z.string(),
  layout: z.string(),
  gpuHours: z.number().nonnegative(),
  costUsd: usd,
  deadlineDays: z.number().positive().nullable(),
  meetsDeadline: z.boolean(),
  preemptible: z.boolean(),
  allocations: z.array(scheduleAllocationSchema),
});

export const schedulePoolSchema = z.strictObject({
  id: z.string(),
  source,
  accelerator: z.string().nullable(),
  provider: z.string().nullable(),
  instance: z.string().nullable(),
  pricing: z.string(),
  /** Capacity in GPUs; null for rented capacity (unbounded). */
  gpus: z.number().int().nonnegative().nullable(),
  usdPerGpuHour: z.number().nonnegative().nullable(),
  usedGpuHours: z.number().nonnegative(),
  utilisation: z.number().min(0).max(1).nullable(),
  fixedCostUsd: usd,
  usageCostUsd: usd,
});

export const scheduleAdviceSchema = z.strictObject({
  pool: z.string(),
  source: z.enum(['owned', 'committed']),
  currentGpus: z.number().int().nonnegative(),
  bestGpus: z.number().int().nonnegative(),
  /** Portfolio cost over the horizon at each size swept (same service: no more unscheduled jobs or missed deadlines). */
  sweep: z.array(z.strictObject({ gpus: z.number().int().nonnegative(), totalCostUsd: usd, utilisation: z.number().min(0).max(1).nullable(), unscheduled: z.number().int().nonnegative(), missedDeadlines: z.number().int().nonnegative() })),
  /** Utilisation above which this capacity is cheaper than renting the same GPU-hours; null when renting is never dearer. */
  breakEvenUtilisation: z.number().nonnegative().nullable(),
  rentUsdPerGpuHour: z.number().nonnegative().nullable(),
  note: z.string(),
});

export const scheduleDocumentSchema = z.strictObject({
  schemaVersion: schemaVersionSchema,
  tool: toolSchema,
  command: z.literal('schedule'),
  input: z.strictObject({
    portfolio: z.string(),
    name: z.string().nullable(),
    horizonDays: z.number().int().positive(),
    start: z.string().nullable(),
    catalog: catalogRefSchema,
  }),
  jobs: z.array(scheduleJobSchema),
  pools: z.array(schedulePoolSchema),
  /** Used ÷ available GPU-hours of owned and committed capacity over the horizon; null when there is none. */
  utilisation: z.number().min(0).max(1).nullable(),
  fleets: z.array(z.strictObject({ name: z.string(), utilisation: z.number().min(0).max(1) })),
  totalCostUsd: z.strictObject({ owned: usd, committed: usd, rented: usd, total: usd }),
  unscheduled: z.array(z.strictObject({ id: z.string(), reason: z.string(), fixes: z.array(z.string()) })),
  search: z.strictObject({ method: z.enum(['exhaustive', 'greedy', 'milp']), evaluated: z.number().int().nonnegative(), options: z.number().int().nonnegative() }),
  advice: z.array(scheduleAdviceSchema).optional(),
  warnings: z.array(z.looseObject({ code: z.string(), message: z.string() })),
});
export type ScheduleDocument = z.infer<typeof scheduleDocumentSchema>;
