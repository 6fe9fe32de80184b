import type { ChalkInstance } from 'chalk';
import { didYouMean, InputError } from '../schema/index.js';
import { COLUMN_GAP, renderGrid, visibleWidth, type GridFormat } from './grid.js';

/**
 * A table column. `id` is what `--columns` names; `defaultView` puts it in the default (narrow) table;
 * `shrink` lets the fitter cut its cells (with "…") down to `minWidth` when the table is too wide;
 * `dropOrder` (higher first) lets it drop a default column entirely when cutting is not enough.
 */
export interface Column<R> {
  id: string;
  header: string;
  cell: (row: R) => string;
  defaultView?: boolean;
  shrink?: boolean;
  minWidth?: number;
  dropOrder?: number;
  /** A compact column of the default view that `--wide` replaces by its detailed columns. */
  narrowOnly?: boolean;
}

/** How a table is shown: `--wide` (every column), `--columns a,b` (these, in this order), and the width to fit. */
export interface TableView {
  wide?: boolean;
  columns?: string[];
  /** Terminal columns available: COLUMNS, else the terminal's width, else 100 (piped). */
  width: number;
}

export const DEFAULT_TABLE_WIDTH = 100;

/** The columns a view asks for; an unknown `--columns` name is an InputError with a did-you-mean. */
export function chooseColumns<R>(all: readonly Column<R>[], view: Pick<TableView, 'wide' | 'columns'>): Column<R>[] {
  if (view.columns?.length) {
    const ids = all.map((c) => c.id);
    return view.columns.map((name) => {
      const col = all.find((c) => c.id === name);
      if (col) return col;
      const near = didYouMean(name, ids);
      throw new InputError('UNKNOWN_COLUMN', `unknown column "${name}"`, { location: '--columns', suggestion: near ? `did you mean ${near}? (columns: ${ids.join(', ')})` : `columns: ${ids.join(', ')}` });
    });
  }
  return view.wide ? all.filter((c) => !c.narrowOnly) : all.filter((c) => c.defaultView);
}

const cut = (s: string, w: number): string => (visibleWidth(s) <= w ? s : [...s].slice(0, Math.max(1, w - 1)).join('') + '…');

const tableWidth = (widths: number[]): number => widths.reduce((a, b) => a + b, 0) + COLUMN_GAP * Math.max(0, widths.length - 1);

/**
 * The default view fitted to `width`: cut shrinkable columns (never below their minWidth), then drop
 * columns by dropOrder. `--wide` and `--columns` are shown as asked (the user chose the width).
 */
export function fitColumns<R>(cols: Column<R>[], cells: string[][], view: TableView): { cols: Column<R>[]; cells: string[][]; hidden: string[] } {
  if (view.wide || view.columns?.length) return { cols, cells, hidden: [] };
  let keep = cols.map((_, i) => i);
  const hidden: string[] = [];
  for (;;) {
    const widths = keep.map((i) => Math.max(visibleWidth(cols[i]!.header), ...cells.map((r) => visibleWidth(r[i]!))));
    let over = tableWidth(widths) - view.width;
    const limits = new Map<number, number>();
    for (const [k, i] of keep.entries()) {
      const c = cols[i]!;
      if (over <= 0 || !c.shrink) continue;
      const min = Math.max(visibleWidth(c.header), c.minWidth ?? 12);
      const give = Math.min(over, Math.max(0, widths[k]! - min));
      if (give > 0) limits.set(i, widths[k]! - give);
      over -= give;
    }
    if (over <= 0 || keep.length <= 1) {
      const out = cells.map((r) => keep.map((i) => (limits.has(i) ? cut(r[i]!, limits.get(i)!) : r[i]!)));
      return { cols: keep.map((i) => cols[i]!), cells: out, hidden };
    }
    const droppable = keep.filter((i) => cols[i]!.dropOrder !== undefined).sort((a, b) => cols[b]!.dropOrder! - cols[a]!.dropOrder!);
    if (!droppable.length) {
      const out = cells.map((r) => keep.map((i) => (limits.has(i) ? cut(r[i]!, limits.get(i)!) : r[i]!)));
      return { cols: keep.map((i) => cols[i]!), cells: out, hidden };
    }
    hidden.push(cols[droppable[0]!]!.id);
    keep = keep.filter((i) => i !== droppable[0]);
  }
}

/**
 * Rows through a column set in one format. Terminal tables are fitted to the view's width (a note names
 * any hidden columns); CSV and Markdown carry the chosen columns whole.
 */
export function renderColumns<R>(all: readonly Column<R>[], rows: readonly R[], format: GridFormat, chalk: ChalkInstance, view: TableView): string {
  const chosen = chooseColumns(all, view);
  const cells = rows.map((r) => chosen.map((c) => c.cell(r)));
  if (format !== 'table') return renderGrid(chosen.map((c) => c.header), cells, format, chalk);
  const fit = fitColumns(chosen, cells, view);
  const note = fit.hidden.length ? `(${fit.hidden.join(', ')} hidden to fit ${view.width} columns; --wide shows every column)\n` : '';
  return renderGrid(fit.cols.map((c) => c.header), fit.cells, 'table', chalk) + note;
}

/** The view for a command's flags and its terminal: COLUMNS wins, then the terminal width, then 100. */
export function tableView(flags: { wide?: boolean; columns?: string[] }, terminal: { columnsEnv?: string | undefined; ttyColumns?: number | undefined }): TableView {
  const env = Number(terminal.columnsEnv);
  const width = terminal.columnsEnv && Number.isInteger(env) && env >= 20 ? env : terminal.ttyColumns && terminal.ttyColumns >= 20 ? terminal.ttyColumns : DEFAULT_TABLE_WIDTH;
  return { width, ...(flags.wide ? { wide: true } : {}), ...(flags.columns?.length ? { columns: flags.columns } : {}) };
}
