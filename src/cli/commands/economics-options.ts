import { Option, type Command } from 'commander';
import type { PlanFn, WorkloadModel } from '../../economics/index.js';
import { InputError, parseCount, type Catalog, type PriceConfidence, type Warning } from '../../schema/index.js';
import { splitByPriceConfidence } from '../../catalog/index.js';
import { priceConfidenceFlag } from '../price-confidence-flag.js';

/** What `fleet` and `budget` need from the planner and the model loader (bound in commands/index.ts). */
export interface EconomicsDeps {
  planFnFor: (catalog: Catalog) => PlanFn;
  loadModel: (path: string) => WorkloadModel;
}

export interface EconomicsOpts {
  json?: boolean;
  format?: string;
  catalog: string[];
  color: boolean;
  accelerators?: string[];
  providers?: string[];
  minPriceConfidence?: string;
}

export const collectIds = (value: string, prev: string[] = []): string[] => [...prev, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

/** Options shared by `fleet` and `budget`. */
export function addEconomicsOptions(cmd: Command): Command {
  return cmd
    .option('--json', 'print one JSON document')
    .addOption(new Option('--format <format>', 'output format (fleet and budget print tables or JSON)').choices(['table', 'json']))
    .option('--catalog <file>', 'user catalog merged over the built-in one (repeatable; may hold fleets:)', (v: string, p: string[]) => [...p, v], [] as string[])
    .option('--accelerators <ids>', 'only these accelerators (comma-separated)', collectIds)
    .option('--providers <ids>', 'only these providers (comma-separated)', collectIds)
    .option('--min-price-confidence <class>', 'skip offers whose price is less sure: list, reseller, third-party (default: all)')
    .option('--no-color', 'disable colour');
}

/** A number > 0 (K/M/B/T suffixes allowed), or an InputError naming the flag; `max` guards against unit slips. */
export function positiveFlag(value: string | undefined, flag: string, opts: { required?: boolean; max?: number; integer?: boolean } = {}): number | undefined {
  if (value === undefined) {
    if (opts.required) throw new InputError('INVALID_OPTION', 'is required', { location: flag });
    return undefined;
  }
  const n = parseCount(value.replace(/^\$/, ''));
  if (n === undefined || !Number.isFinite(n) || n <= 0) throw new InputError('INVALID_OPTION', `expected a number greater than 0, got "${value}"`, { location: flag });
  if (opts.integer && !Number.isInteger(n)) throw new InputError('INVALID_OPTION', `expected a whole number, got "${value}"`, { location: flag });
  if (opts.max !== undefined && n > opts.max) throw new InputError('INVALID_OPTION', `${value} is more than the maximum ${opts.max}`, { location: flag });
  return n;
}

/**
 * `--min-price-confidence` for fleet and budget: the class (passed on to the planner, which skips the offers
 * below it) and a PRICES_SKIPPED warning listing those offers (among --providers when given).
 */
export function minPriceConfidence(catalog: Catalog, flag: string | undefined, providers?: readonly string[]): { min?: PriceConfidence; warnings: Warning[] } {
  const min = priceConfidenceFlag(flag);
  if (min === undefined) return { warnings: [] };
  const inScope = providers ? catalog.offers.filter((o) => providers.includes(o.provider)) : catalog.offers;
  const { skipped } = splitByPriceConfidence(inScope, min);
  if (skipped.length === 0) return { min, warnings: [] };
  const shown = skipped.slice(0, 6).map((o) => `${o.provider}/${o.instance} (${o.priceConfidence})`).join(', ');
  const message = `skipped ${skipped.length} offer(s) below price confidence ${min}: ${shown}${skipped.length > 6 ? `, … ${skipped.length - 6} more` : ''}`;
  return { min, warnings: [{ code: 'PRICES_SKIPPED', message, minPriceConfidence: min, offers: skipped }] };
}

export const jsonOut = (o: EconomicsOpts): boolean => o.json === true || o.format === 'json';
