import type { ChalkInstance } from 'chalk';
import type { PlannedRun, PlanResult } from '../planner/index.js';
import { renderGrid, type GridFormat } from './grid.js';
import { constraintsLine } from './constraints-line.js';
import { count, duration, gib, percent, usd } from './human.js';

const HEADERS = ['#', 'frontier', 'accelerator', 'provider', 'instance × n', 'pricing', 'GPUs', 'TP/PP/VPP/CP/EP/DP', 'micro-batch', 'grad-acc', 'ZeRO', 'recompute', 'precision', 'headroom', 'step', 'days', 'GPU-hours', 'USD', 'MFU', 'goodput', 't CO2e'];

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

function row(p: PlannedRun, human: boolean): string[] {
  const e = p.estimate;
  const l = p.layout;
  return [
    p.rank === null ? '-' : String(p.rank),
    p.frontier ? '◆' : '',
    p.accelerator,
    p.provider,
    `${p.instance} × ${p.instances}`,
    p.pricing,
    String(p.gpus),
    `${l.tp}/${l.pp}/${l.vpp}/${l.cp}/${l.ep}/${l.dp}`,
    String(l.microBatch),
    String(l.gradientAccumulation),
    String(l.zero),
    l.recompute,
    l.precision,
    human ? gib(e.memory.headroomBytes) : String(e.memory.headroomBytes),
    human ? duration(e.time.stepSeconds) : e.time.stepSeconds.toPrecision(6),
    e.time.totalDays.toFixed(1),
    human ? count(e.cost.gpuHours) : e.cost.gpuHours.toFixed(0),
    human ? usd(e.cost.usd) : (e.cost.usd ?? 0).toFixed(2),
    human ? percent(e.throughput.mfu) : e.throughput.mfu.toFixed(4),
    human ? percent(e.goodput.goodput) : e.goodput.goodput.toFixed(4),
    human ? (e.energy.kgCo2e / 1000).toFixed(1) : (e.energy.kgCo2e / 1000).toFixed(3),
  ];
}

/** A plan that uses all of its offer's capacity: capacity, not price or speed, limits it. */
const capacityLine = (p: PlannedRun): string =>
  `capacity: ${p.rank === null ? `frontier plan ${p.gpus} × ${p.instance}` : `#${p.rank}`} uses every GPU ${p.provider} ${p.instance} can supply (${p.capacity.maxInstances !== null ? `maxInstances ${p.capacity.maxInstances} × ${p.gpus / p.instances}` : `fleet of ${p.capacity.maxGpus}`}); more would need another offer`;

/** Search counts and rejection reasons, one line each. */
export function renderSearchSummary(r: PlanResult): string {
  const s = r.search;
  const reasons = Object.entries(s.rejected.byReason).map(([k, v]) => `${k} ${v}`).join(', ');
  const lines = [
    `searched ${s.accelerators.length} accelerator(s): ${count(s.evaluated)} candidate plans (${count(s.layouts)} layouts, ${count(s.estimated)} fully estimated), ${count(s.feasible)} feasible`,
    `rejected: ${reasons || 'none'}`,
  ];
  for (const k of s.skipped) lines.push(`skipped ${k.accelerator}: ${k.reason}`);
  return lines.join('\n') + '\n';
}

/** Plans best first with the cost–time frontier marked, the frontier beyond the top, and the search summary. */
export function renderPlan(r: PlanResult, format: GridFormat, chalk: ChalkInstance): string {
  const human = format !== 'csv';
  if (format === 'csv') return renderGrid(CSV_HEADERS, r.plans.map(csvRow), 'csv', chalk);
  const parts: string[] = [];
  const objective = r.constraints.objective === 'cost' ? 'total cost' : 'time to train';
  if (r.plans.length) {
    parts.push(chalk.bold(`Best plans by ${objective} (◆ = on the cost–time Pareto frontier)`) + '\n');
    parts.push(constraintsLine(r.constraints) + '\n');
    parts.push(renderGrid(HEADERS, r.plans.map((p) => row(p, human)), format, chalk));
    const extra = r.frontier.filter((f) => !r.plans.includes(f));
    if (extra.length) {
      parts.push('\n' + chalk.bold('Pareto frontier beyond the top plans (cheapest first)') + '\n');
      parts.push(renderGrid(HEADERS, extra.map((p) => row(p, human)), format, chalk));
    }
  } else if (r.infeasible) {
    parts.push(chalk.bold('No feasible plan: ') + r.infeasible.reason + '\n');
    parts.push(constraintsLine(r.constraints) + '\n');
    for (const f of r.infeasible.fixes) parts.push(`  fix: ${f.message}\n`);
  }
  const capped = [...r.plans, ...r.frontier.filter((f) => !r.plans.includes(f))].filter((p) => p.capacity.atLimit);
  if (capped.length) parts.push('\n' + capped.map(capacityLine).join('\n') + '\n');
  parts.push('\n' + renderSearchSummary(r));
  return parts.join('');
}
