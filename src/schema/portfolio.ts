import { z } from 'zod';
import { constraintsSchema, modelSectionSchema, trainingSectionSchema } from './model.js';
import { pricingSchema } from './units.js';

/** A commitment is paid for the whole horizon: term and flex models (capacity-block, flex-start: at most 182 / 7 days) cannot be one. */
const commitmentPricingSchema = pricingSchema.exclude(['capacity-block', 'flex-start']);

const id = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'expected a lower-case id such as flagship or sft-70b');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
export const acceleratorKindSchema = z.enum(['gpu', 'tpu', 'trainium', 'gaudi']);

/** A reserved block of a catalog offer, paid for the whole horizon whether used or not. `count` is instances. */
export const commitmentSchema = z.strictObject({
  provider: id,
  instance: z.string().min(1),
  count: z.number().int('count must be a whole number of instances').min(1, 'count must be at least 1').max(100_000),
  pricing: commitmentPricingSchema.default('reserved-1y'),
});
export type Commitment = z.infer<typeof commitmentSchema>;

export const capacitySchema = z.strictObject({
  /** Names of `fleets:` entries in the --catalog files (owned GPUs; `count` is enforced). */
  fleets: z.array(id).default([]),
  commitments: z.array(commitmentSchema).default([]),
  /** May jobs burst to rented catalog offers? */
  rent: z.boolean().default(false),
  /** Providers rented capacity may come from (default: every provider in the catalog). */
  providers: z.array(id).min(1).optional(),
  /** Pricing of rented capacity. */
  rentPricing: z.enum(['on-demand', 'spot']).default('on-demand'),
  /** Largest GPU count a single rented job may use. */
  rentMaxGpus: z.number().int().min(1).max(65536).default(1024),
});
export type Capacity = z.infer<typeof capacitySchema>;

/**
 * One job of a portfolio. Its workload is one of: `model: <path>` (a model file, relative to the portfolio),
 * inline `model:` + `training:` sections, or a CPU-only job (`cpuHours`, `usdPerCpuHour`, `durationDays`).
 */
export const portfolioJobSchema = z
  .strictObject({
    id,
    model: z.union([z.string().min(1), modelSectionSchema]).optional(),
    training: trainingSectionSchema.optional(),
    constraints: constraintsSchema.optional(),
    /** 1 is the most important; jobs are served in priority order. */
    priority: z.number().int('priority must be a whole number').min(1).max(1000).default(10),
    deadlineDays: z.number().positive().max(36500).optional(),
    earliestStartDay: z.number().int('earliestStartDay must be a whole number of days').min(0).max(36500).default(0),
    /** Run this job this many times (ids id-1 … id-N). */
    repeat: z.number().int('repeat must be a whole number').min(1).max(1000).default(1),
    /** May be paused for higher-priority work and resumed later (paying a checkpoint and a restart). */
    preemptible: z.boolean().default(false),
    /** Jobs that must finish before this one starts. */
    after: z.array(id).default([]),
    /** Only these accelerator ids / kinds; or never these. */
    accelerators: z.array(id).min(1).optional(),
    excludeAccelerators: z.array(id).default([]),
    kinds: z.array(acceleratorKindSchema).min(1).optional(),
    excludeKinds: z.array(acceleratorKindSchema).default([]),
    cpuHours: z.number().positive().max(1e9).optional(),
    usdPerCpuHour: z.number().min(0).max(1000).optional(),
    durationDays: z.number().positive().max(36500).optional(),
  })
  .superRefine((j, ctx) => {
    const cpu = j.cpuHours !== undefined || j.usdPerCpuHour !== undefined || j.durationDays !== undefined;
    if (cpu) {
      if (j.model !== undefined || j.training !== undefined) ctx.addIssue({ code: 'custom', path: ['cpuHours'], message: 'a CPU-only job has no model: or training: (give one or the other)' });
      for (const k of ['cpuHours', 'usdPerCpuHour', 'durationDays'] as const) {
        if (j[k] === undefined) ctx.addIssue({ code: 'custom', path: [k], message: `a CPU-only job needs cpuHours, usdPerCpuHour and durationDays (${k} is missing)` });
      }
    } else if (j.model === undefined) {
      ctx.addIssue({ code: 'custom', path: ['model'], message: 'give model: (a model-file path or an inline model section) or a CPU-only job (cpuHours, usdPerCpuHour, durationDays)' });
    } else if (typeof j.model === 'string' && j.training !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['training'], message: 'training: goes in the model file when model: is a path' });
    } else if (typeof j.model !== 'string' && j.training === undefined) {
      ctx.addIssue({ code: 'custom', path: ['training'], message: 'an inline model: needs an inline training: section' });
    }
    if (j.deadlineDays !== undefined && j.deadlineDays <= j.earliestStartDay) {
      ctx.addIssue({ code: 'custom', path: ['deadlineDays'], message: `deadline (day ${j.deadlineDays}) is not after earliestStartDay ${j.earliestStartDay}` });
    }
  });
export type PortfolioJob = z.infer<typeof portfolioJobSchema>;

export const portfolioFileSchema = z
  .strictObject({
    name: z.string().min(1).max(200).optional(),
    horizonDays: z.number().int('horizonDays must be a whole number').min(1).max(3650).default(365),
    /** Calendar anchor for day 0 (echoed; the timeline itself is in days). */
    start: isoDate.optional(),
    capacity: capacitySchema,
    jobs: z.array(portfolioJobSchema).min(1),
  })
  .superRefine((p, ctx) => {
    const seen = new Map<string, number>();
    p.jobs.forEach((j, i) => {
      if (seen.has(j.id)) ctx.addIssue({ code: 'custom', path: ['jobs', i, 'id'], message: `duplicate job id "${j.id}" (first at jobs[${seen.get(j.id)}])` });
      else seen.set(j.id, i);
    });
    p.jobs.forEach((j, i) => {
      j.after.forEach((dep, k) => {
        if (!seen.has(dep)) ctx.addIssue({ code: 'custom', path: ['jobs', i, 'after', k], message: `unknown job "${dep}"` });
        else if (dep === j.id) ctx.addIssue({ code: 'custom', path: ['jobs', i, 'after', k], message: 'a job cannot wait for itself' });
      });
      if (j.deadlineDays !== undefined && j.deadlineDays > p.horizonDays) {
        ctx.addIssue({ code: 'custom', path: ['jobs', i, 'deadlineDays'], message: `deadline day ${j.deadlineDays} is past horizonDays ${p.horizonDays}` });
      }
      if (j.earliestStartDay >= p.horizonDays) {
        ctx.addIssue({ code: 'custom', path: ['jobs', i, 'earliestStartDay'], message: `day ${j.earliestStartDay} is not inside horizonDays ${p.horizonDays}` });
      }
    });
    const c = p.capacity;
    if (c.fleets.length === 0 && c.commitments.length === 0 && !c.rent) {
      ctx.addIssue({ code: 'custom', path: ['capacity'], message: 'no capacity: give fleets:, commitments: or rent: true' });
    }
    const names = new Set<string>();
    c.fleets.forEach((f, i) => {
      if (names.has(f)) ctx.addIssue({ code: 'custom', path: ['capacity', 'fleets', i], message: `fleet "${f}" is listed twice` });
      names.add(f);
    });
  });
export type PortfolioFile = z.infer<typeof portfolioFileSchema>;
