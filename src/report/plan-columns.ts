import type { PlannedRun } from '../planner/index.js';
import type { Column } from './columns.js';
import { count, duration, gib, int, percent, shortDays, usd } from './human.js';

/** A plan row with its flag letters (L S U R, see warnings.ts) already worked out. */
export interface PlanRow {
  plan: PlannedRun;
  flags: string;
}

/** "TP8·PP4·VPP5·DP32 mb1 Z1 sel": degrees above 1 (DP always), micro-batch, ZeRO stage, recompute (none omitted). */
export function compactLayout(l: PlannedRun['layout']): string {
  const deg = [['TP', l.tp], ['PP', l.pp], ['VPP', l.vpp], ['CP', l.cp], ['EP', l.ep]].filter(([, v]) => (v as number) > 1).map(([k, v]) => `${k}${v}`);
  const rc = l.recompute === 'none' ? '' : l.recompute === 'selective' ? ' sel' : ` ${l.recompute}`;
  return `${[...deg, `DP${l.dp}`].join('·')} mb${l.microBatch} Z${l.zero}${rc}`;
}

/** "512 × h100-sxm @ coreweave/h100-sxm-per-gpu" */
export const planLabelShort = (p: PlannedRun): string => `${int(p.gpus)} × ${p.accelerator} @ ${p.provider}/${p.instance}`;

/** "low–high" of an optional { low, high } band on a section, "-" while the estimator has none. */
function range(section: object, key: string, fmt: (x: number) => string): string {
  const band = (section as Record<string, unknown>)[key] as { low?: unknown; high?: unknown } | undefined;
  return band && typeof band.low === 'number' && typeof band.high === 'number' ? `${fmt(band.low)}–${fmt(band.high)}` : '-';
}

const c = (id: string, header: string, cell: (r: PlanRow) => string, more: Partial<Column<PlanRow>> = {}): Column<PlanRow> => ({ id, header, cell, ...more });

/**
 * Every plan column. The default view (≤ 100 columns): rank, frontier, plan, pricing, layout, step, days,
 * cost, MFU, flags (the cost band is a line under the table, per plan in `band`); `--wide` gives every column but the two compact ones (the full table of before).
 */
export const PLAN_COLUMNS: Column<PlanRow>[] = [
  c('rank', '#', (r) => (r.plan.rank === null ? '-' : String(r.plan.rank)), { defaultView: true }),
  c('frontier', '◆', (r) => (r.plan.frontier ? '◆' : ''), { defaultView: true }),
  c('plan', 'plan', (r) => planLabelShort(r.plan), { defaultView: true, shrink: true, minWidth: 24, narrowOnly: true }),
  c('accelerator', 'accelerator', (r) => r.plan.accelerator),
  c('provider', 'provider', (r) => r.plan.provider),
  c('instance', 'instance × n', (r) => `${r.plan.instance} × ${int(r.plan.instances)}`),
  c('pricing', 'pricing', (r) => r.plan.pricing, { defaultView: true, dropOrder: 1 }),
  c('gpus', 'GPUs', (r) => int(r.plan.gpus)),
  c('layout', 'layout', (r) => compactLayout(r.plan.layout), { defaultView: true, shrink: true, minWidth: 16, narrowOnly: true }),
  c('degrees', 'TP/PP/VPP/CP/EP/DP', (r) => { const l = r.plan.layout; return `${l.tp}/${l.pp}/${l.vpp}/${l.cp}/${l.ep}/${l.dp}`; }),
  c('micro-batch', 'micro-batch', (r) => String(r.plan.layout.microBatch)),
  c('grad-acc', 'grad-acc', (r) => String(r.plan.layout.gradientAccumulation)),
  c('zero', 'ZeRO', (r) => String(r.plan.layout.zero)),
  c('recompute', 'recompute', (r) => r.plan.layout.recompute),
  c('precision', 'precision', (r) => r.plan.layout.precision),
  c('headroom', 'headroom', (r) => gib(r.plan.estimate.memory.headroomBytes)),
  c('step', 'step', (r) => duration(r.plan.estimate.time.stepSeconds), { defaultView: true }),
  c('days', 'days', (r) => shortDays(r.plan.estimate.time.totalDays), { defaultView: true }),
  c('gpu-hours', 'GPU-hours', (r) => count(r.plan.estimate.cost.gpuHours)),
  c('cost', 'cost', (r) => usd(r.plan.estimate.cost.usd), { defaultView: true }),
  c('mfu', 'MFU', (r) => percent(r.plan.estimate.throughput.mfu), { defaultView: true }),
  // Error bands (time.stepSecondsRange, cost.usdRange) once the estimator has them: shown with --wide or --columns.
  c('step-range', 'step range', (r) => range(r.plan.estimate.time, 'stepSecondsRange', duration)),
  c('cost-range', 'cost range', (r) => range(r.plan.estimate.cost, 'usdRange', usd)),
  // The cost's error band in one short cell: the wider side of the estimator's validation band for this class
  // (−18%/+19% shows as ±19%; the exact low and high are the cost-range column and cost.usdRange in JSON).
  c('band', '±', (r) => { const e = r.plan.estimate.cost; return e.usd !== null && e.usd > 0 && e.usdRange ? `±${Math.round(Math.max(1 - e.usdRange.low / e.usd, e.usdRange.high / e.usd - 1) * 100)}%` : ''; }),
  c('goodput', 'goodput', (r) => percent(r.plan.estimate.goodput.goodput)),
  c('co2', 't CO2e', (r) => (r.plan.estimate.energy.kgCo2e / 1000).toFixed(1)),
  c('flags', 'flags', (r) => r.flags, { defaultView: true }),
];

/** "±19%" or "±12%–±25%": the spread of the rows' cost bands, for the line under the table ('' without bands). */
export function costBandSummary(plans: readonly PlannedRun[]): string {
  const pct = plans.flatMap((p) => { const e = p.estimate.cost; return e.usd !== null && e.usd > 0 && e.usdRange ? [Math.round(Math.max(1 - e.usdRange.low / e.usd, e.usdRange.high / e.usd - 1) * 100)] : []; });
  if (!pct.length) return '';
  const lo = Math.min(...pct), hi = Math.max(...pct);
  return lo === hi ? `±${lo}%` : `±${lo}%–±${hi}%`;
}
