import type { ChalkInstance } from 'chalk';
import type { PlannedRun, PlanResult } from '../planner/index.js';
import type { Offer, Warning } from '../schema/index.js';
import { DEFAULT_TABLE_WIDTH, renderColumns, type TableView } from './columns.js';
import { renderGrid, wrapText, type GridFormat } from './grid.js';
import { count } from './human.js';
import { constraintsLine } from './constraints-line.js';
import { costBandSummary, PLAN_COLUMNS, type PlanRow } from './plan-columns.js';
import { renderPlanExplanation, renderPlanHeader, skippedProviderLines, type PlanHeaderInput } from './plan-explain.js';
import { FLAG_LEGEND, flagLetters, flagsFor, renderWarnings, type WarningFacts } from './warnings.js';

/** CSV: one row per plan, machine-friendly column names with units, unrounded layout degrees. */
const CSV_HEADERS = ['rank', 'frontier', 'accelerator', 'provider', 'instance', 'instances', 'pricing', 'gpus', 'tp', 'pp', 'vpp', 'cp', 'ep', 'dp', 'microBatch', 'gradientAccumulation', 'zero', 'recompute', 'precision', 'perGpuBytes', 'headroomBytes', 'stepSeconds', 'totalDays', 'gpuHours', 'usd', 'mfu', 'goodput', 'kgCo2e'];

function csvRow(p: PlannedRun): string[] {
  const e = p.estimate;
  const l = p.layout;
  const sig = (x: number) => String(Number(x.toPrecision(6)));
  return [
    p.rank === null ? '' : String(p.rank), p.frontier ? 'yes' : 'no', p.accelerator, p.provider, p.instance, String(p.instances), p.pricing, String(p.gpus),
    ...[l.tp, l.pp, l.vpp, l.cp, l.ep, l.dp, l.microBatch, l.gradientAccumulation, l.zero].map(String), l.recompute, l.precision,
    Math.round(e.memory.perGpuBytes).toString(), Math.round(e.memory.headroomBytes).toString(), sig(e.time.stepSeconds), sig(e.time.totalDays),
    sig(e.cost.gpuHours), e.cost.usd === null ? '' : e.cost.usd.toFixed(2), sig(e.throughput.mfu), sig(e.goodput.goodput), sig(e.energy.kgCo2e),
  ];
}

/** A plan that uses all of its offer's capacity: capacity, not price or speed, limits it. */
const capacityLine = (p: PlannedRun): string =>
  `capacity: ${p.rank === null ? `frontier plan ${p.gpus} × ${p.instance}` : `#${p.rank}`} uses every GPU ${p.provider} ${p.instance} can supply (${p.capacity.maxInstances !== null ? `maxInstances ${p.capacity.maxInstances} × ${p.gpus / p.instances}` : `fleet of ${p.capacity.maxGpus}`}); more would need another offer`;

/** Search counts and rejection reasons, one line each. */
export function renderSearchSummary(r: PlanResult, offers: readonly Offer[] = [], width = 100): string {
  const s = r.search;
  const reasons = Object.entries(s.rejected.byReason).map(([k, v]) => `${k} ${count(v)}`).join(', ');
  const lines = [
    `searched ${s.accelerators.length} accelerator(s): ${count(s.evaluated)} candidate plans (${count(s.layouts)} layouts, ${count(s.estimated)} fully estimated), ${count(s.feasible)} feasible`,
    `rejected: ${reasons || 'none'}`,
  ];
  const pr = s.pruned;
  if (pr.families > 0) {
    const why = Object.entries(pr.byReason).map(([k, v]) => `${k} ${count(v ?? 0)}`).join(', ');
    lines.push(`pruned: ${count(pr.evaluated)} candidate plans in ${count(pr.families)} layout families that bounds show cannot change the result (${why})`);
  }
  for (const k of s.skipped) lines.push(`skipped ${k.accelerator}: ${k.reason}`);
  if (s.skippedOffers?.length) {
    const shown = s.skippedOffers.slice(0, 6).map((o) => `${o.provider}/${o.instance} (${o.priceConfidence})`);
    const more = s.skippedOffers.length > shown.length ? `, … ${s.skippedOffers.length - shown.length} more` : '';
    lines.push(`skipped ${count(s.skippedOffers.length)} offer(s) below price confidence ${r.constraints.minPriceConfidence}: ${shown.join(', ')}${more}`);
  }
  lines.push(...skippedProviderLines(r, offers));
  return lines.map((l) => wrapText(l, width)).join('\n') + '\n';
}

/** Everything the human plan output may show besides the result; each part is optional. */
export interface PlanRenderExtras {
  view?: TableView;
  /** Flags per row (L S U R) need the catalog and run date. */
  flagFacts?: WarningFacts;
  warnings?: readonly Warning[];
  header?: PlanHeaderInput;
}

/** "MFU = model FLOPs ÷ dense bf16 peak" for the precisions the plans use. */
const mfuLegend = (plans: readonly PlannedRun[]): string =>
  `MFU: model FLOPs ÷ the accelerator's dense ${[...new Set(plans.map((p) => p.layout.precision))].sort().join('/')} peak · ◆ on the cost–time Pareto frontier`;

/** Header, plans best first with the cost–time frontier marked, the frontier beyond the top, the best plan explained, warnings and the search summary. */
export function renderPlan(r: PlanResult, format: GridFormat, chalk: ChalkInstance, x: PlanRenderExtras = {}): string {
  if (format === 'csv') return renderGrid(CSV_HEADERS, r.plans.map(csvRow), 'csv', chalk);
  const view = x.view ?? { width: DEFAULT_TABLE_WIDTH };
  const rowOf = (p: PlannedRun): PlanRow => ({ plan: p, flags: x.flagFacts ? flagLetters(flagsFor(x.flagFacts, { accelerator: p.accelerator, provider: p.provider, instance: p.instance, gpus: p.gpus })) : '' });
  const parts: string[] = [];
  if (x.header && format === 'table') parts.push(renderPlanHeader(r, x.header, chalk, view.width) + '\n');
  const objective = r.constraints.objective === 'cost' ? 'total cost' : 'time to train';
  if (r.plans.length) {
    const extra = r.frontier.filter((f) => !r.plans.includes(f));
    const pricings = new Set([...r.plans, ...extra].map((p) => p.pricing));
    // One pricing model for every row: said once in the title instead of a column (default view only).
    const oneP = pricings.size === 1 && !view.wide && !view.columns?.length ? [...pricings][0]! : null;
    const columns = oneP ? PLAN_COLUMNS.filter((c) => c.id !== 'pricing') : PLAN_COLUMNS;
    parts.push(chalk.bold(`Best plans by ${objective}${oneP ? `, ${oneP} prices` : ''}`) + '\n');
    parts.push(renderColumns(columns, r.plans.map(rowOf), format, chalk, view));
    if (extra.length) {
      parts.push('\n' + chalk.bold('Pareto frontier beyond the top plans (cheapest first)') + '\n');
      parts.push(renderColumns(columns, extra.map(rowOf), format, chalk, view));
    }
    if (format === 'table') {
      parts.push(wrapText(mfuLegend([...r.plans, ...extra]), view.width) + '\n');
      const band = costBandSummary([...r.plans, ...extra]);
      if (band) parts.push(wrapText(`cost error band ${band}: the estimator's validation residuals for each plan's class (stack × accelerator generation × scale); per plan: --columns …,band or --wide`, view.width, 7) + '\n');
      if (x.flagFacts) parts.push(wrapText(FLAG_LEGEND, view.width, 7) + '\n');
      parts.push('\n' + renderPlanExplanation(r, chalk));
    }
  } else if (r.infeasible) {
    parts.push(chalk.bold('No feasible plan: ') + r.infeasible.reason + '\n');
    if (!x.header || format !== 'table') parts.push(constraintsLine(r.constraints) + '\n');
    for (const f of r.infeasible.fixes) parts.push(`  fix: ${f.message}\n`);
  }
  const capped = [...r.plans, ...r.frontier.filter((f) => !r.plans.includes(f))].filter((p) => p.capacity.atLimit);
  if (capped.length && format === 'table') parts.push('\n' + capped.map((p) => wrapText(capacityLine(p), view.width, 4)).join('\n') + '\n');
  if (x.warnings?.length) parts.push('\n' + renderWarnings(x.warnings, view.width));
  parts.push('\n' + renderSearchSummary(r, x.header?.catalog.offers ?? [], view.width));
  return parts.join('');
}
