import { Option, type Command } from 'commander';
import { Chalk, type ChalkInstance } from 'chalk';
import { InputError, pricingSchema, type Pricing } from '../../schema/index.js';
import type { GridFormat } from '../../report/index.js';
import type { CliContext } from '../context.js';
import { decimalFlag } from '../flags.js';

export interface CatalogOpts {
  json?: boolean;
  format?: GridFormat | 'json';
  catalog: string[];
  color: boolean;
  provider?: string[];
  accelerator?: string[];
  pricing?: Pricing;
  minMemoryGb?: string;
  maxUsdPerGpuHour?: string;
  region?: string[];
  minGpus?: string;
  sort?: 'gpu-hour' | 'pflop-hour';
  wide?: boolean;
}

const collect = (value: string, prev: string[] = []): string[] => [...prev, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

/** The options every catalog subcommand shares. */
export function addCatalogOptions(cmd: Command): Command {
  return cmd
    .option('--json', 'print one JSON document (same as --format json)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv', 'markdown']))
    .option('--catalog <file>', 'user catalog merged over the built-in one (repeatable)', (v: string, p: string[]) => [...p, v], [] as string[])
    .option('--provider <ids>', 'only these providers (comma-separated, repeatable)', collect)
    .option('--accelerator <ids>', 'only these accelerators (comma-separated, repeatable)', collect)
    .addOption(new Option('--pricing <model>', 'price column used to sort and filter').choices([...pricingSchema.options]))
    .option('--min-memory-gb <n>', 'accelerators with at least this much memory (1 GB = 1e9 bytes)')
    .option('--max-usd-per-gpu-hour <x>', 'offers at or below this price per accelerator-hour')
    .option('--no-color', 'disable colour');
}

/** `catalog offers` only: the comparison filters, sort and width. */
export function addOfferCompareOptions(cmd: Command): Command {
  return cmd
    .option('--region <names>', 'only offers listing one of these regions (comma-separated, repeatable)', collect)
    .option('--min-gpus <n>', 'instances with at least this many accelerators')
    .addOption(new Option('--sort <key>', 'order: $/GPU-h or $/effective-PFLOP-h (dense bf16 peak x GEMM efficiency)').choices(['gpu-hour', 'pflop-hour']).default('gpu-hour'))
    .option('--wide', 'every column (instance-hour prices, network, asOf, source confidence); default fits 100 columns');
}

/** A non-negative number flag (decimal only), or an InputError naming the flag. */
export const numberFlag = decimalFlag;

export const isJson = (o: CatalogOpts): boolean => o.json === true || o.format === 'json';
export const gridFormat = (o: CatalogOpts): GridFormat => (o.format === undefined || o.format === 'json' ? 'table' : o.format);

/** Colour only for a TTY, never with --no-color or NO_COLOR; FORCE_COLOR turns it on. */
export function chalkFor(o: { color: boolean }, ctx: CliContext): ChalkInstance {
  const env = ctx.env;
  const off = !o.color || (env.NO_COLOR !== undefined && env.NO_COLOR !== '') || env.FORCE_COLOR === '0';
  const on = !off && ((env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') || ctx.stdoutIsTTY);
  return new Chalk({ level: on ? 1 : 0 });
}
