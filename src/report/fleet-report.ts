import type { ChalkInstance } from 'chalk';
import type { FleetReport, OptionKind } from '../economics/index.js';
import type { Warning } from '../schema/index.js';
import { renderCumulativeChart } from './fleet-chart.js';
import { count, duration, int, percent, roundDeep, usd } from './human.js';
import { wrapText } from './grid.js';

const SYMBOL: Record<OptionKind, string> = { 'on-demand': 'O', spot: 'S', 'reserved-1y': '1', 'reserved-3y': '3', buy: 'B' };
const NAME: Record<OptionKind, string> = { 'on-demand': 'on-demand', spot: 'spot', 'reserved-1y': '1-year commit', 'reserved-3y': '3-year commit', buy: 'buy' };

function table(head: string[], rows: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => ('  ' + cells.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ')).trimEnd();
  return [line(head), line(w.map((n) => '─'.repeat(n))), ...rows.map(line)].join('\n');
}

/** Human output of `trainplan fleet`: runs, options, break-even, mix, chart, notes. */
export function renderFleet(r: FleetReport, c: ChalkInstance, horizonYears: number, width = 100): string {
  const e = r.economics;
  const out: string[] = [c.bold(`Fleet economics over ${horizonYears} year${horizonYears === 1 ? '' : 's'} on ${r.accelerator}`)];
  out.push(table(['run', 'GPUs', 'runs/yr', 'wall clock (on-demand)', 'goodput', 'deadline'], r.runs.map((x) => [
    x.name, String(x.gpus), String(x.runsPerYear), duration((x.hoursPerRun['on-demand'] ?? 0) * 3600),
    `${percent(x.goodput.onDemand)}${x.goodput.spot !== null ? ` (spot ${percent(x.goodput.spot)})` : ''}`, x.deadlineDays === null ? '-' : `${x.deadlineDays} days`,
  ])));
  out.push('', c.bold('Options (◀ = cheapest)'));
  out.push(table(['option', 'offer', '$/GPU-h', 'GPUs', 'busy', 'total', 'deadlines'], e.options.map((o) => {
    const price = o.kind === 'buy' ? (r.buy ? `capex ${usd(r.buy.capexUsdPerGpu)}` : '-') : (r.rent[o.kind]?.usdPerGpuHour.toFixed(2) ?? '-');
    return [NAME[o.kind] + (o.kind === e.cheapest ? ' ◀' : ''), o.label, price, int(o.gpus), percent(o.utilization), usd(o.totalUsd), o.meetsDeadlines ? 'met' : 'MISSED'];
  })));
  if (r.buy) {
    const b = r.buy;
    const dep = b.capexUsdPerGpu / (b.depreciationYears * 8760);
    out.push('', wrapText(`  buying, per GPU-hour: depreciation $${dep.toFixed(3)} (${usd(b.capexUsdPerGpu)} over ${b.depreciationYears} y) + energy $${b.energyUsdPerGpuHour.toFixed(3)} (${Math.round(b.wattsPerGpu)} W × PUE ${b.pue} × $${b.usdPerKwh}/kWh) + operations $${b.opsUsdPerGpuHour.toFixed(3)}`, width, 4));
  }
  const be = Object.entries(e.breakEvenUtilization).map(([k, v]) => `${k} ${v === null || v === undefined ? 'never' : percent(v)}`);
  if (be.length) out.push(`  break-even utilisation of buying vs ${be.join(', vs ')}`);
  out.push('', c.bold(`Recommended mix: ${usd(e.recommendedMix.totalUsd)}`));
  for (const s of e.recommendedMix.slices) out.push(`  ${String(s.gpus).padStart(6)} GPUs ${NAME[s.kind].padEnd(14)} (busy ${percent(s.busyFraction)} of the year)`);
  out.push('', c.bold('Cumulative cost'));
  out.push(renderCumulativeChart(e.options.map((o) => ({ symbol: SYMBOL[o.kind], name: NAME[o.kind], values: o.cumulativeUsdByMonth }))).trimEnd());
  const notes = [...r.notes, ...e.options.flatMap((o) => o.notes.map((n) => `${NAME[o.kind]}: ${n}`))];
  if (notes.length) out.push('', ...notes.map((n) => wrapText(`  note: ${n}`, width, 8)));
  out.push('', wrapText(`  ${count(e.options[0]?.usedGpuHoursPerYear ?? 0)} GPU-hours a year used; runs are sized by the cheapest on-demand plan that meets each deadline.`, width, 4));
  return out.join('\n') + '\n';
}

/** The `fleet --json` document. */
export function fleetDocument(tool: { name: string; version: string }, r: FleetReport, input: { models: string[]; runsPerYear: number; horizonYears: number; catalog: { snapshotDate: string; digest: string } }, warnings: readonly Warning[] = []): string {
  const doc = {
    schemaVersion: 1,
    tool,
    command: 'fleet',
    input: { ...input, accelerator: r.accelerator },
    runs: r.runs.map((x) => ({
      name: x.name, gpus: x.gpus, runsPerYear: x.runsPerYear, deadlineDays: x.deadlineDays, hoursPerRun: x.hoursPerRun, goodput: x.goodput,
      plan: { provider: x.plan.provider, instance: x.plan.instance, pricing: x.plan.pricing, usdPerGpuHour: x.plan.usdPerGpuHour, layout: x.plan.estimate.layout,
        time: { stepSeconds: x.plan.estimate.time.stepSeconds, failureFreeSeconds: x.plan.estimate.time.failureFreeSeconds, totalSeconds: x.plan.estimate.time.totalSeconds },
        cost: x.plan.estimate.cost, energy: x.plan.estimate.energy },
    })),
    prices: { rent: r.rent, buy: r.buy },
    options: r.economics.options,
    cheapest: r.economics.cheapest,
    breakEvenUtilization: r.economics.breakEvenUtilization,
    recommendedMix: r.economics.recommendedMix,
    notes: r.notes,
    warnings,
  };
  return JSON.stringify(roundDeep(doc), null, 2) + '\n';
}
