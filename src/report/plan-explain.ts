import type { ChalkInstance } from 'chalk';
import { countParameters, modelFlopsPerToken } from '../estimator/index.js';
import type { PlannedRun, PlanResult } from '../planner/index.js';
import type { ModelConfig, Offer, TrainingConfig } from '../schema/index.js';
import { memoryLines, stepTimeLines } from './estimate-table.js';
import { count, flops, int, usd } from './human.js';
import { wrapText } from './grid.js';
import { priceAgeDays } from './warnings.js';
import { runSizeText } from './run-size.js';

/** What the header needs besides the plan result. */
export interface PlanHeaderInput {
  modelName: string;
  model: ModelConfig;
  training: TrainingConfig;
  catalog: { snapshotDate: string; digest: string; offers: readonly Offer[] };
  runDate: string;
  /** Where each constraint came from ('flag' | 'model file' | 'default'), when the planner says. */
  provenance?: Record<string, string>;
}

/** Provenance given by the caller, else the planner's own record of where each constraint came from. */
function sourceOf(r: PlanResult, h: PlanHeaderInput, key: string): string | undefined {
  const planner = (r.constraints.sources as Record<string, string> | undefined)?.[key];
  return h.provenance?.[key] ?? (planner === 'model-file' ? 'model file' : planner);
}

/** The constraints in effect, one short line (with provenance when known). */
export function constraintLine(r: PlanResult, h: PlanHeaderInput): string {
  const k = r.constraints;
  const from = (_r: PlanResult, _h: PlanHeaderInput, key: string): string => { const s = sourceOf(r, h, key); return s ? ` (${s})` : ''; };
  const parts = [
    `objective ${k.objective}${from(r, h, 'objective')}`,
    `deadline ${k.deadlineDays === null ? 'none' : `${k.deadlineDays} days`}${from(r, h, 'deadlineDays')}`,
    `budget ${k.budgetUsd === null ? 'none' : usd(k.budgetUsd)}${from(r, h, 'budgetUsd')}`,
    `GPUs ${int(k.minGpus)}–${int(k.maxGpus)}${from(r, h, 'maxGpus')}`,
    `pricing ${k.pricing.join(', ')}${from(r, h, 'pricing')}`,
    `providers ${k.providers === null ? 'all' : k.providers.join(', ')}${from(r, h, 'providers')}`,
    `accelerators ${k.accelerators.length <= 4 ? k.accelerators.join(', ') : `${k.accelerators.length}`}${from(r, h, 'accelerators')}`,
  ];
  return parts.join(' · ');
}

/** Model, constraints in effect, catalog snapshot and the age of the prices shown. */
export function renderPlanHeader(r: PlanResult, h: PlanHeaderInput, c: ChalkInstance, width = 100): string {
  const p = countParameters(h.model);
  const total = modelFlopsPerToken(h.model, h.training.sequenceLength) * h.training.tokens;
  const shown = [...r.plans, ...r.frontier];
  const ages = shown
    .map((x) => h.catalog.offers.find((o) => o.provider === x.provider && o.instance === x.instance))
    .filter((o): o is Offer => o !== undefined)
    .map((o) => priceAgeDays(o.asOf, h.runDate));
  const span = ages.length ? (Math.min(...ages) === Math.max(...ages) ? `${ages[0]}` : `${Math.min(...ages)}–${Math.max(...ages)}`) : '';
  const age = ages.length ? `prices shown ${span} days old on ${h.runDate}` : `run date ${h.runDate}`;
  return [
    c.bold(h.modelName),
    `  model: ${count(p.total)} parameters (${count(p.active)} active) · ${runSizeText(h.model, h.training)} · ${flops(total)} in total`,
    `  constraints: ${constraintLine(r, h)}`,
    `  catalog: snapshot ${h.catalog.snapshotDate} (${h.catalog.digest.slice(0, 19)}…) · ${age}`,
  ].map((l) => wrapText(l, width - 2, 4, ' · ').replace(/\n/g, ' ·\n')).join('\n') + '\n';
}

const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
const signed = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(1)}%`;

/**
 * What a runner-up loses on against the best plan: its cost and time change, then the factors of cost
 * (price per GPU-hour × GPU-hours, GPU-hours = GPUs × time): "#2 +12.3% cost, −43.5% time: 1.00× price/GPU-h, 1.13× GPU-hours (2.00× GPUs, 0.56× time)".
 */
export function runnerUpLine(best: PlannedRun, p: PlannedRun, objective: 'cost' | 'time'): string {
  const e = p.estimate;
  const b = best.estimate;
  const cost = e.cost.usd !== null && b.cost.usd !== null && b.cost.usd > 0 ? signed((e.cost.usd / b.cost.usd - 1) * 100) + ' cost' : 'cost n/a';
  const time = signed((e.time.totalSeconds / b.time.totalSeconds - 1) * 100) + ' time';
  const lead = objective === 'cost' ? `${cost}, ${time}` : `${time}, ${cost}`;
  const factors = [
    `${ratio(p.usdPerGpuHour, best.usdPerGpuHour)} price/GPU-h`,
    `${ratio(e.cost.gpuHours, b.cost.gpuHours)} GPU-hours (${ratio(p.gpus, best.gpus)} GPUs, ${ratio(e.time.stepSeconds, b.time.stepSeconds)} step)`,
  ];
  return `  #${p.rank ?? '-'} ${lead}: ${factors.join(', ')}`;
}

/** After the table: the best plan's memory and step-time breakdown, then one line per runner-up. */
export function renderPlanExplanation(r: PlanResult, c: ChalkInstance): string {
  const best = r.plans[0];
  if (!best) return '';
  const out = [c.bold(`Why #1 (${best.gpus} × ${best.accelerator} @ ${best.provider}/${best.instance})`), ...memoryLines(best.estimate, c), ...stepTimeLines(best.estimate, c)];
  const rest = r.plans.slice(1);
  if (rest.length) out.push(c.bold('What the others lose on'), ...rest.map((p) => runnerUpLine(best, p, r.constraints.objective)));
  return out.join('\n') + '\n';
}

/** Offers the providers: constraint left out, counted by provider ("skipped: 12 offers of azure, gcp (not in providers: aws, lambda)"). */
export function skippedProviderLines(r: PlanResult, offers: readonly Offer[]): string[] {
  const allowed = r.constraints.providers;
  if (allowed === null) return [];
  const accel = new Set(r.constraints.accelerators);
  const left = offers.filter((o) => !allowed.includes(o.provider) && (accel.size === 0 || accel.has(o.accelerator)));
  if (!left.length) return [];
  const byProvider = new Map<string, number>();
  for (const o of left) byProvider.set(o.provider, (byProvider.get(o.provider) ?? 0) + 1);
  const list = [...byProvider].sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, n]) => `${p} ${n}`).join(', ');
  return [`skipped ${left.length} offer(s) whose provider is not in providers: [${allowed.join(', ')}] (${list})`];
}
