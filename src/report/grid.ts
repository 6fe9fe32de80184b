import Table from 'cli-table3';
import type { ChalkInstance } from 'chalk';

export type GridFormat = 'table' | 'csv' | 'markdown';

const csvCell = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const mdCell = (s: string): string => s.replace(/\|/g, '\\|');

/** One grid of strings rendered as a terminal table, CSV (RFC 4180) or a Markdown table. */
export function renderGrid(headers: string[], rows: string[][], format: GridFormat, chalk: ChalkInstance): string {
  if (format === 'csv') return [headers, ...rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
  if (format === 'markdown') {
    const line = (r: string[]) => `| ${r.map(mdCell).join(' | ')} |`;
    return [line(headers), `|${headers.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n') + '\n';
  }
  const table = new Table({
    head: headers.map((h) => chalk.bold(h)),
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  table.push(...rows);
  return table.toString() + '\n';
}

/** Fixed-precision number for humans; "-" for null. */
export const num = (v: number | null | undefined, digits = 2): string =>
  v === null || v === undefined ? '-' : Number.isInteger(v) ? String(v) : v.toFixed(digits);
