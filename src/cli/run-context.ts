import type { Command } from 'commander';
import { InputError, ISO_DATE } from '../schema/index.js';
import { tableView, type TableView } from '../report/index.js';
import type { CliContext } from './context.js';

/**
 * The date of the run (YYYY-MM-DD), which prices age against: TRAINPLAN_TODAY when set (tests and
 * reproducible CI pin it; a bad value is exit 2), else today's UTC date. The only clock read in trainplan.
 */
export function runDate(ctx: Pick<CliContext, 'env'>): string {
  const pinned = ctx.env.TRAINPLAN_TODAY;
  if (pinned !== undefined && pinned !== '') {
    if (!ISO_DATE.test(pinned)) throw new InputError('INVALID_ENV', `expected a date YYYY-MM-DD, got "${pinned}"`, { location: 'TRAINPLAN_TODAY' });
    return pinned;
  }
  return new Date().toISOString().slice(0, 10);
}

/** `--wide` / `--columns a,b` plus the width to fit: COLUMNS, else the terminal's, else 100 (piped). */
export function viewFor(o: { wide?: boolean; columns?: string[] }, ctx: Pick<CliContext, 'env' | 'stdoutIsTTY' | 'stdoutColumns'>): TableView {
  return tableView(o, { columnsEnv: ctx.env.COLUMNS, ttyColumns: ctx.stdoutIsTTY ? ctx.stdoutColumns : undefined });
}

/** What `--wide` / `--columns` parse to. */
export interface TableFlags {
  wide?: boolean;
  columns?: string[];
}

const list = (value: string, prev: string[] = []): string[] => [...prev, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

/** Adds `--wide` (every column) and `--columns a,b,c` (these columns, in this order) to a command with a table. */
export function addTableOptions(cmd: Command): Command {
  return cmd
    .option('--wide', 'show every column (the table may be wider than the terminal)')
    .option('--columns <ids>', 'show these columns, in this order (comma-separated; an unknown name lists them)', list);
}
