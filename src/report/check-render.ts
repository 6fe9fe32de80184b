import { Chalk, type ChalkInstance } from 'chalk';
import type { CheckDocument, Comparison, PlanPoint } from '../schema/index.js';
import { days, gateActual, gateLimit, gateTitle, layoutLabel, money, planLabel, signedPercent } from './check-text.js';
import { renderGrid, wrapText, type GridFormat } from './grid.js';
import { DEFAULT_TABLE_WIDTH, renderColumns, type Column, type TableView } from './columns.js';
import { renderWarnings } from './warnings.js';
import { constraintsLine } from './constraints-line.js';
import { count } from './human.js';

type Row = [string, string, string, string];

const cell = (v: string | number | boolean | null): string => (v === null ? '-' : typeof v === 'number' && Math.abs(v) >= 1e4 ? count(v) : String(v));
const shortDigest = (d: string | null): string => (d === null ? '-' : `${d.slice(0, 19)}…`);
const time = (p: PlanPoint | null): string => (p ? days(p.totalSeconds / 86400) : '-');

function comparisonRows(label: string, c: Comparison, withPlan: boolean): Row[] {
  const rows: Row[] = [];
  if (withPlan) rows.push([label, c.before ? planLabel(c.before) : '-', c.after ? planLabel(c.after) : '-', '']);
  rows.push([`${withPlan ? '' : `${label} `}cost`.trim(), money(c.before?.usd ?? null), money(c.after?.usd ?? null), signedPercent(c.costChangePercent)]);
  rows.push([`${withPlan ? '' : `${label} `}time`.trim(), time(c.before), time(c.after), signedPercent(c.timeChangePercent)]);
  return rows;
}

/** Before → after rows: best plan, its cost and time, the baseline offer, the catalog, changed fields. */
export function changeRows(doc: CheckDocument): Row[] {
  const ch = doc.changes;
  if (!ch) return [];
  const rows: Row[] = comparisonRows('best plan', ch.bestPlan, true);
  if (ch.sameOffer?.before) {
    const b = ch.sameOffer.before;
    const label = `on ${b.gpus} × ${b.provider} ${b.instance}`;
    rows.push(...(ch.sameOffer.offerExists ? comparisonRows(label, ch.sameOffer, false) : [[label, 'offer', 'gone from the catalog', ''] as Row]));
  }
  rows.push(['catalog', shortDigest(ch.catalog.before), shortDigest(ch.catalog.after), ch.catalog.changed ? 'changed' : 'same']);
  for (const f of ch.fields) rows.push([f.field, cell(f.before), cell(f.after), '']);
  return rows;
}

const noColour = new Chalk({ level: 0 });

type Gate = CheckDocument['gates'][number];

/** The gates table: gate, status, limit, actual; `detail` (the full sentence) only with --wide or --columns (else printed under the table). */
const gateColumns = (c: ChalkInstance): Column<Gate>[] => [
  { id: 'gate', header: 'gate', cell: (g) => gateTitle(g), defaultView: true },
  { id: 'status', header: 'status', cell: (g) => (g.status === 'fail' ? c.red(g.status) : g.status === 'pass' ? c.green(g.status) : g.status), defaultView: true },
  { id: 'limit', header: 'limit', cell: (g) => gateLimit(g), defaultView: true },
  { id: 'actual', header: 'actual', cell: (g) => gateActual(g), defaultView: true },
  { id: 'detail', header: 'detail', cell: (g) => g.message },
];

/** CSV: raw numbers, the unit in its own column (usd, days, percent), empty for none. */
const CSV_GATE_HEADERS = ['gate', 'subject', 'metric', 'status', 'unit', 'limit', 'actual', 'excess', 'excessPercent', 'detail'];
const raw = (v: number | null | undefined): string => (v === null || v === undefined ? '' : String(v));
const csvGateRow = (g: Gate): string[] => [g.gate, g.subject ?? '', g.metric ?? '', g.status, g.unit ?? '', raw(g.limit), raw(g.actual), raw(g.excess), raw(g.excessPercent), g.message];
const STATUS: Record<string, string> = { pass: '✅ pass', fail: '❌ fail', skip: '⏭️ skip' };

/** `check --format markdown`: a pull-request comment (verdict line, before → after, gates). */
export function renderCheckMarkdown(doc: CheckDocument): string {
  const name = doc.input.model.name;
  const out: string[] = [];
  out.push(`### trainplan check: ${doc.verdict === 'pass' ? '✅ PASS' : '❌ FAIL'} — ${name}`, '', doc.summary.replace(/^(PASS|FAIL): /, ''), '');
  const rows = changeRows(doc);
  if (rows.length) {
    out.push(`Compared with the baseline \`${doc.input.baseline?.file ?? ''}\` (trainplan ${doc.changes!.baseline.toolVersion}, ${doc.changes!.baseline.command} document):`, '');
    out.push(renderGrid(['', 'baseline', 'this change', 'change'], rows, 'markdown', noColour).trimEnd(), '');
  } else {
    const best = doc.plans[0];
    if (best) out.push(`Best plan: ${best.gpus} × ${best.accelerator} · ${best.provider} ${best.instance} · ${best.pricing} — ${money(best.cost.usd)}, ${days(best.time.totalDays)}`, '');
  }
  out.push('**Gates**', '');
  out.push(renderGrid(['gate', 'status', 'limit', 'actual', 'detail'], doc.gates.map((g) => [gateTitle(g), STATUS[g.status]!, gateLimit(g), gateActual(g), g.message]), 'markdown', noColour).trimEnd());
  if (doc.warnings.length) out.push('', ...doc.warnings.map((w) => `> ⚠️ ${w.message}`));
  out.push('', `<sub>catalog ${doc.input.catalog?.snapshotDate ?? '-'} · ${doc.input.catalog?.digest ?? '-'} · trainplan ${doc.tool.version}</sub>`);
  return out.join('\n') + '\n';
}

/** `check` for a terminal (or `--format csv`): verdict, best plan, before → after, gates. */
export function renderCheckTable(doc: CheckDocument, format: GridFormat, c: ChalkInstance, view: TableView = { width: DEFAULT_TABLE_WIDTH }): string {
  if (format === 'csv') return renderGrid(CSV_GATE_HEADERS, doc.gates.map(csvGateRow), 'csv', c);
  const out: string[] = [];
  const colour = doc.verdict === 'pass' ? c.green : c.red;
  out.push(colour.bold(wrapText(doc.summary, view.width, 4)), wrapText(constraintsLine(doc.input.constraints), view.width, 4), '');
  const best = doc.plans[0];
  if (best) {
    out.push(c.bold('Best plan'));
    out.push(wrapText(`  ${best.gpus} × ${best.accelerator} on ${best.provider} ${best.instance} (${best.pricing}): ${money(best.cost.usd)}, ${days(best.time.totalDays)}`, view.width, 4));
    out.push(wrapText(`  ${layoutLabel(best.layout)}`, view.width, 4));
    out.push(`  goodput ${(best.goodput.goodput * 100).toFixed(1)}% (${best.goodput.expectedInterruptions.toFixed(1)} interruptions expected); ${(best.energy.kgCo2e / 1000).toFixed(1)} t CO2e`, '');
  }
  const rows = changeRows(doc);
  if (rows.length) {
    // The plan labels are too long for a 100-column grid: the best plans go above it, one line each.
    const planRow = rows[0]![0] === 'best plan' ? rows.shift()! : null;
    out.push(c.bold(`Against the baseline ${doc.input.baseline?.file ?? ''}`));
    if (planRow) out.push(wrapText(`  best plan then: ${planRow[1]}`, view.width, 4), wrapText(`  best plan now:  ${planRow[2] === planRow[1] ? 'the same' : planRow[2]}`, view.width, 4));
    out.push(renderGrid(['', 'baseline', 'now', 'change'], rows, 'table', c));
  }
  const gates = renderColumns(gateColumns(c), doc.gates, 'table', c, view);
  const showsDetail = view.wide || view.columns?.includes('detail');
  out.push(c.bold('Gates'), gates + (showsDetail ? '' : doc.gates.map((g) => wrapText(`  ${gateTitle(g)}: ${g.message}`, view.width) + '\n').join('')));
  if (doc.warnings.length) out.push(renderWarnings(doc.warnings, view.width));
  return out.join('\n');
}
