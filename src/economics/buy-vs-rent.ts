import { HOURS_PER_YEAR } from './owned.js';

export const OPTION_KINDS = ['on-demand', 'spot', 'reserved-1y', 'reserved-3y', 'buy'] as const;
export type OptionKind = (typeof OPTION_KINDS)[number];
type RentKind = Exclude<OptionKind, 'buy'>;

/** One model of the workload, planned once: GPUs per run, and wall-clock hours per run under each option (goodput differs on spot). */
export interface WorkloadRun {
  name: string;
  gpus: number;
  runsPerYear: number;
  hoursPerRun: Partial<Record<OptionKind, number>>;
  deadlineHours?: number | null;
}

export interface RentTerms {
  usdPerGpuHour: number;
  label: string;
}

export interface BuyTerms {
  capexUsdPerGpu: number;
  depreciationYears: number;
  /** Operations, paid per owned GPU-hour whether busy or idle. */
  opsUsdPerGpuHour: number;
  /** Electricity per busy GPU-hour. */
  energyUsdPerGpuHour: number;
  label: string;
}

export interface FleetEconomicsInput {
  horizonYears: number;
  runs: WorkloadRun[];
  rent: Partial<Record<RentKind, RentTerms | null>>;
  buy: BuyTerms | null;
}

export interface OptionResult {
  kind: OptionKind;
  label: string;
  /** GPUs held: the pool for commitments and buying; the largest run for pay-as-you-go. */
  gpus: number;
  usedGpuHoursPerYear: number;
  /** Used ÷ held GPU-hours (1 for pay-as-you-go). */
  utilization: number;
  totalUsd: number;
  /** Cumulative spend at the end of each month 1..12·horizon (commitment obligations and resale credit land in the last month). */
  cumulativeUsdByMonth: number[];
  meetsDeadlines: boolean;
  notes: string[];
}

export interface MixSlice {
  kind: OptionKind;
  gpus: number;
  /** Mean share of the year these GPUs are busy. */
  busyFraction: number;
}

export interface FleetEconomics {
  horizonYears: number;
  options: OptionResult[];
  cheapest: OptionKind | null;
  /** Utilisation above which buying beats each pay-as-you-go option: (depreciation + ops) / (price − energy). */
  breakEvenUtilization: Partial<Record<'on-demand' | 'spot', number | null>>;
  recommendedMix: { slices: MixSlice[]; totalUsd: number };
}

/** Pool GPUs: the largest run, or enough for the year's GPU-hours back-to-back, whichever is larger. */
export function poolSize(runs: readonly WorkloadRun[], kind: OptionKind): number {
  const biggest = Math.max(0, ...runs.map((r) => r.gpus));
  return Math.max(biggest, Math.ceil(usedGpuHours(runs, kind) / HOURS_PER_YEAR));
}

/** Σ gpus × hours × runs per year, with the option's wall-clock hours. */
export function usedGpuHours(runs: readonly WorkloadRun[], kind: OptionKind): number {
  return runs.reduce((s, r) => s + r.gpus * hoursFor(r, kind) * r.runsPerYear, 0);
}

const hoursFor = (r: WorkloadRun, kind: OptionKind): number => r.hoursPerRun[kind] ?? r.hoursPerRun['on-demand'] ?? 0;
const months = (years: number): number => Math.max(1, Math.round(years * 12));
const linear = (perYear: number, n: number): number[] => Array.from({ length: n }, (_, i) => (perYear * (i + 1)) / 12);

/** A commitment of `term` years is paid to the end of its last term: ceil(Y/T)·T years of G·8760·price. */
export function commitmentYears(horizonYears: number, termYears: number): number {
  return Math.ceil(horizonYears / termYears - 1e-9) * termYears;
}

/** Buying: G·capex at month 0 and at each end of life; residual value credited at the horizon (straight line). */
export function buyCost(g: number, b: BuyTerms, horizonYears: number, usedPerYear: number): { total: number; series: number[]; purchases: number; residual: number } {
  const n = months(horizonYears);
  const purchases = Math.ceil(horizonYears / b.depreciationYears - 1e-9);
  const lifeLeft = purchases * b.depreciationYears - horizonYears;
  const residual = g * b.capexUsdPerGpu * (lifeLeft / b.depreciationYears);
  const opexPerYear = g * b.opsUsdPerGpuHour * HOURS_PER_YEAR + usedPerYear * b.energyUsdPerGpuHour;
  const series = Array.from({ length: n }, (_, i) => {
    const t = (i + 1) / 12;
    const bought = Math.min(purchases, Math.floor(((i) / 12) / b.depreciationYears + 1e-9) + 1);
    return g * b.capexUsdPerGpu * bought + opexPerYear * t;
  });
  series[n - 1] = series[n - 1]! - residual;
  return { total: series[n - 1]!, series, purchases, residual };
}

function rentOption(kind: RentKind, t: RentTerms, input: FleetEconomicsInput): OptionResult {
  const used = usedGpuHours(input.runs, kind);
  const n = months(input.horizonYears);
  const meets = input.runs.every((r) => !r.deadlineHours || hoursFor(r, kind) <= r.deadlineHours);
  if (kind === 'on-demand' || kind === 'spot') {
    const series = linear(used * t.usdPerGpuHour, n);
    return { kind, label: t.label, gpus: Math.max(...input.runs.map((r) => r.gpus)), usedGpuHoursPerYear: used, utilization: 1, totalUsd: series[n - 1]!, cumulativeUsdByMonth: series, meetsDeadlines: meets, notes: [] };
  }
  const term = kind === 'reserved-1y' ? 1 : 3;
  const g = poolSize(input.runs, kind);
  const perYear = g * HOURS_PER_YEAR * t.usdPerGpuHour;
  const series = linear(perYear, n);
  const paidYears = commitmentYears(input.horizonYears, term);
  series[n - 1] = perYear * paidYears;
  const notes = paidYears > input.horizonYears ? [`committed for ${paidYears} years: the term outlasts the ${input.horizonYears}-year horizon`] : [];
  return { kind, label: t.label, gpus: g, usedGpuHoursPerYear: used, utilization: used / (g * HOURS_PER_YEAR), totalUsd: series[n - 1]!, cumulativeUsdByMonth: series, meetsDeadlines: meets, notes };
}

function buyOption(b: BuyTerms, input: FleetEconomicsInput): OptionResult {
  const used = usedGpuHours(input.runs, 'buy');
  const g = poolSize(input.runs, 'buy');
  const c = buyCost(g, b, input.horizonYears, used);
  const notes = [`${c.purchases} purchase(s) of ${g} GPUs; resale (straight-line book) value ${Math.round(c.residual)} USD credited at the horizon`];
  const meets = input.runs.every((r) => !r.deadlineHours || hoursFor(r, 'buy') <= r.deadlineHours);
  return { kind: 'buy', label: b.label, gpus: g, usedGpuHoursPerYear: used, utilization: used / (g * HOURS_PER_YEAR), totalUsd: c.total, cumulativeUsdByMonth: c.series, meetsDeadlines: meets, notes };
}

/** Buying beats paying p per used GPU-hour when u·p > f + u·e, i.e. u* = f / (p − e), f = capex/(life·8760) + ops. */
export function breakEvenUtilization(b: BuyTerms, usdPerGpuHour: number): number | null {
  const fixed = b.capexUsdPerGpu / (b.depreciationYears * HOURS_PER_YEAR) + b.opsUsdPerGpuHour;
  const margin = usdPerGpuHour - b.energyUsdPerGpuHour;
  return margin > 0 ? fixed / margin : null;
}

/** GPU slot k (1-based) is busy Σ_{runs with gpus ≥ k} hours·runs per year, capped at a full year. */
export function slotBusyHours(runs: readonly WorkloadRun[], k: number, kind: OptionKind): number {
  return Math.min(HOURS_PER_YEAR, runs.filter((r) => r.gpus >= k).reduce((s, r) => s + hoursFor(r, kind) * r.runsPerYear, 0));
}

/** Cost over the horizon of serving one GPU slot busy `busy` hours a year under each option (marginal analysis). */
function slotCost(kind: OptionKind, input: FleetEconomicsInput, k: number): number | null {
  const y = input.horizonYears;
  const busy = slotBusyHours(input.runs, k, kind);
  if (kind === 'buy') return input.buy ? buyCost(1, input.buy, y, busy).total : null;
  const t = input.rent[kind];
  if (!t) return null;
  if (kind === 'on-demand' || kind === 'spot') return busy * t.usdPerGpuHour * y;
  return HOURS_PER_YEAR * t.usdPerGpuHour * commitmentYears(y, kind === 'reserved-1y' ? 1 : 3);
}

/** Recommended mix: each GPU slot, from the busiest down, goes to the option that serves it cheapest over the horizon. */
export function recommendMix(input: FleetEconomicsInput, allowed: readonly OptionKind[]): { slices: MixSlice[]; totalUsd: number } {
  const gMax = Math.max(0, ...input.runs.map((r) => r.gpus));
  const slices: Array<{ kind: OptionKind; gpus: number; busyHours: number }> = [];
  let total = 0;
  for (let k = 1; k <= gMax; k++) {
    let best: { kind: OptionKind; usd: number } | null = null;
    for (const kind of allowed) {
      const usd = slotCost(kind, input, k);
      if (usd !== null && (best === null || usd < best.usd - 1e-9)) best = { kind, usd };
    }
    if (!best) continue;
    total += best.usd;
    const busy = slotBusyHours(input.runs, k, 'on-demand');
    const last = slices[slices.length - 1];
    if (last && last.kind === best.kind) {
      last.gpus += 1;
      last.busyHours += busy;
    } else slices.push({ kind: best.kind, gpus: 1, busyHours: busy });
  }
  // Mean busy share over each slice's GPUs.
  return { slices: slices.map((x) => ({ kind: x.kind, gpus: x.gpus, busyFraction: x.busyHours / x.gpus / HOURS_PER_YEAR })), totalUsd: total };
}

/** Total cost over the horizon for every option, break-even utilisation of buying, and the recommended mix. */
export function fleetEconomics(input: FleetEconomicsInput): FleetEconomics {
  const options: OptionResult[] = [];
  for (const kind of ['on-demand', 'spot', 'reserved-1y', 'reserved-3y'] as const) {
    const t = input.rent[kind];
    if (t) options.push(rentOption(kind, t, input));
  }
  if (input.buy) options.push(buyOption(input.buy, input));
  const eligible = options.filter((o) => o.meetsDeadlines);
  const cheapest = eligible.reduce<OptionResult | null>((b, o) => (b === null || o.totalUsd < b.totalUsd ? o : b), null);
  const breakEven: FleetEconomics['breakEvenUtilization'] = {};
  for (const kind of ['on-demand', 'spot'] as const) {
    const t = input.rent[kind];
    if (input.buy && t) breakEven[kind] = breakEvenUtilization(input.buy, t.usdPerGpuHour);
  }
  const allowed = eligible.map((o) => o.kind);
  return { horizonYears: input.horizonYears, options, cheapest: cheapest?.kind ?? null, breakEvenUtilization: breakEven, recommendedMix: recommendMix(input, allowed) };
}
