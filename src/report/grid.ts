import type { ChalkInstance } from 'chalk';

export type GridFormat = 'table' | 'csv' | 'markdown';

const csvCell = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const mdCell = (s: string): string => s.replace(/\|/g, '\\|');

const ANSI = /\x1b\[[0-9;]*m/g;
/** Terminal columns a cell takes: ANSI colour codes take none; every character we print is one column wide. */
export const visibleWidth = (s: string): number => [...s.replace(ANSI, '')].length;

/** A number-like cell ("1,024", "$1.12M", "48.8%", "873.7 ms", "-") is right-aligned. */
const NUMERIC = /^[-+±]?\$?\d[\d,.]*\s?[A-Za-z%]*( [a-z]+)?$|^-$/;

/** The gap between columns of a terminal table. */
export const COLUMN_GAP = 2;

/**
 * A terminal table: bold header, one rule under it, columns two spaces apart, number-like columns
 * right-aligned; no frame (a frame costs three columns per column and made every table wrap at 100).
 */
function terminalTable(headers: string[], rows: string[][], chalk: ChalkInstance): string {
  const widths = headers.map((h, i) => Math.max(visibleWidth(h), ...rows.map((r) => visibleWidth(r[i] ?? ''))));
  const right = headers.map((_, i) => rows.length > 0 && rows.every((r) => NUMERIC.test((r[i] ?? '').replace(ANSI, ''))));
  const pad = (s: string, i: number): string => {
    const fill = ' '.repeat(widths[i]! - visibleWidth(s));
    return right[i] ? fill + s : s + fill;
  };
  const line = (cells: string[]): string => cells.map(pad).join(' '.repeat(COLUMN_GAP)).trimEnd();
  return [
    line(headers.map((h) => chalk.bold(h))),
    widths.map((w) => '─'.repeat(w)).join(' '.repeat(COLUMN_GAP)),
    ...rows.map((r) => line(headers.map((_, i) => r[i] ?? ''))),
  ].join('\n') + '\n';
}

/** One grid of strings rendered as a terminal table, CSV (RFC 4180) or a Markdown table. */
export function renderGrid(headers: string[], rows: string[][], format: GridFormat, chalk: ChalkInstance): string {
  if (format === 'csv') return [headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
  if (format === 'markdown') {
    const line = (r: string[]) => `| ${r.map(mdCell).join(' | ')} |`;
    return [line(headers), `|${headers.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n') + '\n';
  }
  return terminalTable(headers, rows, chalk);
}

/** The widest line of a rendered text, in terminal columns. */
export const textWidth = (text: string): number => Math.max(0, ...text.split('\n').map(visibleWidth));

/**
 * Prose wrapped at `width` terminal columns: words (split at spaces, or at `sep` when given) packed into
 * lines, continuation lines indented by `indent` spaces. Lines of a table are never passed here.
 */
export function wrapText(text: string, width: number, indent = 4, sep = ' '): string {
  const lead = /^\s*/.exec(text)![0];
  const words = text.slice(lead.length).split(sep);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const next = line === '' ? w : line + sep + w;
    if (line !== '' && visibleWidth(next) + (lines.length ? 0 : lead.length) > width) {
      lines.push(line.trimEnd());
      line = ' '.repeat(indent) + w.trimStart();
    } else line = next;
  }
  if (line !== '') lines.push(line.trimEnd());
  lines[0] = lead + (lines[0] ?? '');
  return lines.join('\n');
}

/** "  key   value" rows, keys padded to one column, values wrapped at `width` under the value column. */
export function keyValueRows(pairs: readonly [string, string][], width = 100, indent = 2): string {
  const w = Math.max(...pairs.map(([k]) => visibleWidth(k)));
  const pad = indent + w + 2;
  return pairs.map(([k, v]) => {
    const head = `${' '.repeat(indent)}${k}${' '.repeat(w - visibleWidth(k))}  `;
    return wrapText(head + v, width, pad).replace(/^(\s*\S.*?)\s*$/gm, '$1');
  }).join('\n');
}

/** Fixed-precision number for humans; "-" for null. */
export const num = (v: number | null | undefined, digits = 2): string =>
  v === null || v === undefined ? '-' : Number.isInteger(v) ? String(v) : v.toFixed(digits);
