import { Option, type Command } from 'commander';
import { basename } from 'node:path';
import { loadCatalog, loadGridIntensity, loadModelFile } from '../../io/index.js';
import * as report from '../../report/index.js';
import { CONSTRAINT_KEYS, DEFAULT_DEADLINE_DAYS, type ConstraintKey, type PlanConstraints } from '../../planner/index.js';
import { InputError, parseCount, planPricingSchema, type Catalog, type Constraints, type PlanPricing } from '../../schema/index.js';
import { withOwnedFleets } from './owned-offers.js';
import { runAction, TOOL, type CliContext } from '../context.js';
import { intFlag } from '../flags.js';
import { priceConfidenceFlag } from '../price-confidence-flag.js';
import { assertFinitePlans } from '../finite-result.js';
import { locateConstraintError } from '../constraint-location.js';
import { defaultThreads, planInParallel } from '../parallel-plan.js';
import { chalkFor, gridFormat, isJson } from './catalog-options.js';
import { withFramework } from './stack-options.js';
import { kindPins, pinsFromFlags, type LayoutPinOpts } from './layout-flags.js';
import { addTableOptions, runDate, viewFor } from '../run-context.js';
import type { PlanResult } from '../../planner/index.js';
import type { WarningFacts } from '../../report/index.js';

export interface PlanOpts extends LayoutPinOpts {
  json?: boolean;
  format?: 'table' | 'json' | 'csv' | 'markdown' | 'html';
  catalog: string[];
  color: boolean;
  framework?: string;
  accelerators?: string[];
  providers?: string[];
  pricing?: string[];
  maxGpus?: string;
  minGpus?: string;
  deadlineDays?: string;
  budgetUsd?: string;
  objective?: string;
  top?: string;
  allowFp8?: boolean;
  minPriceConfidence?: string;
  wide?: boolean;
  columns?: string[];
}

/** The plans and frontier a command shows, as warning facts at the run date. */
export function planWarningFacts(result: PlanResult, catalog: Catalog, sequenceLength: number | undefined, today: string): WarningFacts {
  const uses = [...result.plans, ...result.frontier].map((p) => ({ accelerator: p.accelerator, provider: p.provider, instance: p.instance, gpus: p.gpus }));
  return { runDate: today, catalog, uses, ...(sequenceLength !== undefined ? { sequenceLength } : {}) };
}

/** The sequence length the validated-range warning judges: none for per-sample kinds (CNN, LSTM, generic), whose runs have no tokens. */
export const warnedSequenceLength = (l: { model: { sampleWorkload?: unknown }; training: { sequenceLength: number } }): number | undefined =>
  l.model.sampleWorkload ? undefined : l.training.sequenceLength;

/** The output options, shaped as the shared catalog helpers expect (html is check's and report's, not a grid). */
export const out = (o: PlanOpts) => ({ catalog: o.catalog, color: o.color, ...(o.json ? { json: o.json } : {}), ...(o.format && o.format !== 'html' ? { format: o.format } : {}) });

const collect = (value: string, prev: string[] = []): string[] => [...prev, ...value.split(',').map((s) => s.trim()).filter(Boolean)];

function positiveNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = parseCount(value.trim());
  if (n === undefined || !Number.isFinite(n) || n <= 0) throw new InputError('INVALID_OPTION', `expected a number greater than 0, got "${value}"`, { location: flag });
  return n;
}

/** Which constraints a flag set and which the model file did (the rest are defaults, resolved by the planner). */
export function constraintSourcesOf(file: Constraints, o: PlanOpts): Partial<Record<ConstraintKey, 'flag' | 'model-file'>> {
  const flags: Record<ConstraintKey, unknown> = {
    objective: o.objective, accelerators: o.accelerators?.length ? 1 : undefined, providers: o.providers?.length ? 1 : undefined,
    pricing: o.pricing?.length ? 1 : undefined, minGpus: o.minGpus, maxGpus: o.maxGpus, deadlineDays: o.deadlineDays, budgetUsd: o.budgetUsd,
    allowFp8: o.allowFp8 ? 1 : undefined, top: o.top,
  };
  const out: Partial<Record<ConstraintKey, 'flag' | 'model-file'>> = {};
  for (const k of CONSTRAINT_KEYS) {
    if (flags[k] !== undefined) out[k] = 'flag';
    else if (k !== 'top' && file[k] !== undefined) out[k] = 'model-file';
  }
  return out;
}

/** Flags over the model file's `constraints:` (a flag replaces the file's value); `--deadline-days none` lifts the default deadline. */
export function mergeConstraints(file: Constraints, o: PlanOpts): PlanConstraints {
  const out: PlanConstraints = { ...file };
  if (o.accelerators?.length) out.accelerators = o.accelerators;
  if (o.providers?.length) out.providers = o.providers;
  if (o.pricing?.length) {
    for (const p of o.pricing) {
      if (!planPricingSchema.options.includes(p as PlanPricing)) throw new InputError('INVALID_OPTION', `unknown pricing model "${p}"`, { location: '--pricing', suggestion: `use ${planPricingSchema.options.join(', ')}` });
    }
    out.pricing = o.pricing as PlanPricing[];
  }
  const maxGpus = intFlag(o.maxGpus, '--max-gpus', 1, 1_000_000); // constraints.maxGpus's own limit
  const minGpus = intFlag(o.minGpus, '--min-gpus', 1, 1_000_000);
  const deadlineDays = o.deadlineDays?.trim() === 'none' ? null : positiveNumber(o.deadlineDays, '--deadline-days');
  const budgetUsd = positiveNumber(o.budgetUsd, '--budget-usd');
  if (maxGpus !== undefined) out.maxGpus = maxGpus;
  if (minGpus !== undefined) out.minGpus = minGpus;
  if (deadlineDays !== undefined) out.deadlineDays = deadlineDays;
  if (budgetUsd !== undefined) out.budgetUsd = budgetUsd;
  if (o.objective !== undefined) {
    if (o.objective !== 'cost' && o.objective !== 'time') throw new InputError('INVALID_OPTION', `unknown objective "${o.objective}"`, { location: '--objective', suggestion: 'use cost or time' });
    out.objective = o.objective;
  }
  if (o.allowFp8) out.allowFp8 = true;
  const conf = priceConfidenceFlag(o.minPriceConfidence);
  if (conf) out.minPriceConfidence = conf;
  return out;
}

/** A progress line on stderr, only for a terminal and only once the search has run for a second. */
export function progressReporter(ctx: CliContext): { tick: (done: number, total: number) => void; end: () => void } {
  const start = performance.now();
  let shown = false;
  return {
    tick: (done, total) => {
      if (!ctx.stderrIsTTY || performance.now() - start < 1000) return;
      shown = true;
      ctx.stderr(`\rsearching… ${Math.floor((100 * done) / total)}%`);
    },
    end: () => {
      if (shown) ctx.stderr('\r\x1b[K');
    },
  };
}

/** The search options `plan` and `check` share (flags over the model file's constraints, output format). */
export function addPlanOptions(cmd: Command): Command {
  return addTableOptions(cmd)
    .option('--accelerators <ids>', 'only these accelerators (comma-separated, repeatable)', collect)
    .option('--providers <ids>', 'only these providers (comma-separated, repeatable)', collect)
    .option('--pricing <models>', `pricing models to compare: ${planPricingSchema.options.join(', ')} (comma-separated; owned = fleets: in a --catalog file)`, collect)
    .option('--max-gpus <n>', 'largest GPU count to consider (default 16384)')
    .option('--min-gpus <n>', 'smallest GPU count to consider')
    .option('--deadline-days <d>', `reject plans that take longer (default ${DEFAULT_DEADLINE_DAYS}; none = no deadline)`)
    .option('--budget-usd <x>', 'reject plans that cost more (e.g. 2.5M)')
    .option('--objective <cost|time>', 'rank by total cost (default) or time to train')
    .option('--top <n>', 'how many plans to show (default 5)')
    .option('--allow-fp8', 'also consider FP8 training on accelerators that support it')
    .option('--min-price-confidence <class>', 'skip offers whose price is less sure: list (provider pages only), reseller, third-party (default: all)')
    .option('--framework <stack>', 'training stack: megatron|nemo|deepspeed|fsdp|torchtitan|maxtext (default: the model file, else megatron)')
    .option('--tp <n>', 'search only this tensor-parallel degree (likewise --pp --cp --ep --vpp --micro-batch --zero --recompute)')
    .option('--pp <n>', 'search only this pipeline-parallel degree')
    .option('--cp <n>', 'search only this context-parallel degree')
    .option('--ep <n>', 'search only this expert-parallel degree')
    .option('--vpp <n>', 'search only this virtual-stage count')
    .option('--micro-batch <n>', 'search only this micro-batch size')
    .option('--zero <stage>', 'search only this ZeRO stage (0-3)')
    .option('--recompute <mode>', 'search only this recompute mode (none|selective|full)')
    .option('--json', 'print one JSON document (same as --format json)')
    .addOption(new Option('--format <format>', 'output format (html: check only; see also `trainplan report`)').choices(['table', 'json', 'csv', 'markdown', 'html']))
    .option('--catalog <file>', 'user catalog merged over the built-in one (repeatable)', (v: string, p: string[]) => [...p, v], [] as string[])
    .option('--no-color', 'disable colour');
}

/** `trainplan plan <model.yaml>` */
export function registerPlan(program: Command, ctx: CliContext): void {
  addPlanOptions(program
    .command('plan <model>')
    .description('search layouts × accelerators × offers and rank plans by cost or time'))
    .action((file: string, o: PlanOpts) =>
      runAction(ctx, isJson(out(o)), async () => {
        if (o.format === 'html') throw new InputError('INVALID_OPTION', 'plan prints table, csv, markdown or json; for HTML use `trainplan report`', { location: '--format' });
        report.chooseColumns(report.PLAN_COLUMNS, o);
        const loaded = withFramework(loadModelFile(file), o.framework);
        const constraints = mergeConstraints(loaded.constraints, o);
        const top = intFlag(o.top, '--top');
        const catalog = withOwnedFleets(loadCatalog({ files: o.catalog, env: ctx.env }), o.catalog, ctx);
        const progress = progressReporter(ctx);
        const result = await planInParallel(
          { model: loaded.model, training: loaded.training, catalog, constraints, constraintSources: constraintSourcesOf(loaded.constraints, o), pins: kindPins(loaded.model, pinsFromFlags(o)), gridRegions: loadGridIntensity().regions, ...(top !== undefined ? { top } : {}) },
          { threads: defaultThreads(ctx.env), onProgress: progress.tick },
        ).catch((err: unknown) => {
          throw locateConstraintError(err, loaded, { ...o });
        });
        progress.end();
        assertFinitePlans(result.plans);
        const today = runDate(ctx);
        const facts = planWarningFacts(result, catalog, warnedSequenceLength(loaded), today);
        const warnings = report.deriveWarnings(facts);
        if (isJson(out(o))) {
          ctx.stdout(report.planDocument({ tool: TOOL, modelFile: basename(file), model: loaded.model, training: loaded.training, catalog: { snapshotDate: catalog.snapshotDate, digest: catalog.digest }, result, warnings }));
        } else {
          const header = { modelName: `${loaded.file.name ?? loaded.model.name} — ${basename(file)}`, model: loaded.model, training: loaded.training, catalog, runDate: today };
          ctx.stdout(report.renderPlan(result, gridFormat(out(o)), chalkFor(out(o), ctx), { view: viewFor(o, ctx), flagFacts: facts, warnings, header }));
        }
        if (result.infeasible) ctx.stderr(`trainplan: no feasible plan: ${result.infeasible.reason}\n`);
        return result.plans.length ? 0 : 1;
      }),
    );
}
