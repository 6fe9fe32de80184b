import type { ChalkInstance } from 'chalk';
import type { ScheduleReport } from '../schedule/index.js';
import type { AdviceReport } from '../schedule/index.js';
import { percent, roundDeep, usd } from './human.js';
import { renderGantt } from './schedule-gantt.js';

const WIDTH = 100;

/** Plain aligned table (first column left, the rest right), each cell cut to `max[i]` characters. */
function table(head: string[], rows: string[][], max: number[]): string {
  const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  const cells = [head, ...rows].map((r) => r.map((c, i) => cut(c, max[i] ?? 40)));
  const w = head.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => ('  ' + r.map((c, i) => (i <= 1 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ')).trimEnd();
  return [line(cells[0]!), line(w.map((n) => '─'.repeat(n))), ...cells.slice(1).map(line)].join('\n');
}

const dayText = (d: number) => d.toFixed(1);

/** Wraps a note at the report width, indented. */
function wrap(text: string, indent = '  '): string[] {
  const out: string[] = [];
  let line = indent;
  for (const word of text.split(' ')) {
    if (line.length + word.length + 1 > WIDTH && line.trim()) {
      out.push(line.trimEnd());
      line = indent + '  ';
    }
    line += (line.trim() ? ' ' : '') + word;
  }
  if (line.trim()) out.push(line.trimEnd());
  return out;
}

/** Human output of `trainplan schedule`: jobs, Gantt chart, pools, totals, unscheduled jobs and warnings (≤ 100 columns). */
export function renderSchedule(r: ScheduleReport, c: ChalkInstance, title: string, advice?: readonly AdviceReport[]): string {
  const out: string[] = [c.bold(`Schedule for ${title} over ${r.horizonDays} days`)];
  if (r.jobs.length) {
    out.push(table(['job', 'pool', 'pri', 'GPUs', 'start', 'finish', 'deadline', 'GPU-h', 'cost'], r.jobs.map((j) => [
      j.id, j.pool, String(j.priority), j.gpus === 0 ? j.accelerator : `${j.gpus}×${j.accelerator}`, dayText(j.startDay), dayText(j.finishDay),
      j.deadlineDays === null ? '-' : `${j.deadlineDays}${j.meetsDeadline ? '' : ' MISSED'}`, String(Math.round(j.gpuHours)), usd(j.costUsd),
    ]), [16, 18, 3, 14, 6, 6, 10, 7, 9]));
    out.push('', renderGantt(r.jobs, r.horizonDays, WIDTH));
  }
  out.push('', c.bold('Capacity'));
  out.push(table(['pool', 'source', 'GPUs', '$/GPU-h', 'used GPU-h', 'utilisation', 'fixed', 'usage'], r.pools.map((p) => [
    p.id, p.source, p.gpus === null ? 'any' : String(p.gpus), p.usdPerGpuHour === null ? (p.id === 'cpu' ? '-' : 'offer') : p.usdPerGpuHour.toFixed(2), String(Math.round(p.usedGpuHours)),
    p.utilisation === null ? '-' : percent(p.utilisation), usd(p.fixedCostUsd), usd(p.usageCostUsd),
  ]), [18, 9, 6, 7, 10, 11, 9, 9]));
  const t = r.totalCostUsd;
  out.push('', c.bold(`Total ${usd(t.total)}`) + `: owned ${usd(t.owned)}, committed ${usd(t.committed)}, rented ${usd(t.rented)}` +
    (r.utilisation === null ? '' : `; owned + committed utilisation ${percent(r.utilisation)}`));
  if (r.unscheduled.length) {
    out.push('', c.bold(`Unscheduled (${r.unscheduled.length})`));
    for (const u of r.unscheduled) {
      out.push(...wrap(`${u.id}: ${u.reason}`));
      for (const f of u.fixes) out.push(...wrap(`fix: ${f}`, '    '));
    }
  }
  if (advice?.length) {
    out.push('', c.bold('Capacity advice'));
    for (const a of advice) {
      out.push(...wrap(`${a.pool} (${a.source}): ${a.currentGpus} → ${a.bestGpus} GPUs; ${a.note}`));
      out.push(...wrap(`sweep: ${a.sweep.map((s) => `${s.gpus} GPUs ${usd(s.totalCostUsd)}${s.unscheduled + s.missedDeadlines > 0 ? '*' : ''}`).join(', ')}`, '    '));
    }
    out.push('  (* a size that leaves jobs unscheduled or misses deadlines is not eligible)');
  }
  for (const w of r.warnings) out.push(...wrap(`warning: ${w.message}`));
  out.push('', ...wrap(`search: ${r.search.method}, ${r.search.evaluated} schedule(s) compared over ${r.search.options} job option(s); job days and costs are estimate()'s for the planner's cheapest layout per GPU count`));
  return out.join('\n') + '\n';
}

/** The `schedule --json` document: fixed key order, jobs in priority order, numbers rounded by roundDeep. */
export function scheduleDocument(tool: { name: string; version: string }, r: ScheduleReport, input: { portfolio: string; name: string | null; horizonDays: number; start: string | null; catalog: { snapshotDate: string; digest: string } }, advice?: readonly AdviceReport[]): string {
  const doc = {
    schemaVersion: 1,
    tool,
    command: 'schedule',
    input,
    jobs: r.jobs,
    pools: r.pools,
    utilisation: r.utilisation,
    fleets: r.fleets,
    totalCostUsd: r.totalCostUsd,
    unscheduled: r.unscheduled,
    search: r.search,
    ...(advice ? { advice } : {}),
    warnings: r.warnings,
  };
  return JSON.stringify(roundDeep(doc), null, 2) + '\n';
}
