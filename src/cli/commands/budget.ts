import type { Command } from 'commander';
import { largestComputeOptimal, mostTokens, type BudgetProbe } from '../../economics/index.js';
import { loadCatalog } from '../../io/index.js';
import { budgetDocument, deriveWarnings, progressLine, renderBudget, renderWarnings } from '../../report/index.js';
import { runDate, viewFor } from '../run-context.js';
import { pricingSchema, type Constraints } from '../../schema/index.js';
import { EXIT, runAction, TOOL, type CliContext } from '../context.js';
import { chalkFor } from './catalog-options.js';
import { addEconomicsOptions, jsonOut, positiveFlag, minPriceConfidence, type EconomicsDeps, type EconomicsOpts } from './economics-options.js';
import { choiceFlag } from '../flags.js';

interface BudgetOpts extends EconomicsOpts { usd?: string; days?: string; params?: string; pricing?: string; maxGpus?: string }

/** `trainplan budget --usd X --days D [--params P]` */
export function registerBudget(program: Command, ctx: CliContext, deps: EconomicsDeps): void {
  addEconomicsOptions(program.command('budget').description('what a budget buys: largest compute-optimal model and its plan'))
    .option('--usd <x>', 'money available, USD (required; 2M = 2,000,000)')
    .option('--days <d>', 'wall-clock days available (required)')
    .option('--params <p>', 'fix the model size (e.g. 8B) and find the most tokens instead')
    .option('--pricing <model>', `pricing model (${pricingSchema.options.join(', ')})`)
    .option('--max-gpus <n>', 'largest GPU count to consider')
    .action((o: BudgetOpts) =>
      runAction(ctx, jsonOut(o), () => {
        const usd = positiveFlag(o.usd, '--usd', { required: true, max: 1e13 })!;
        const days = positiveFlag(o.days, '--days', { required: true, max: 36500 })!;
        const params = positiveFlag(o.params, '--params', { max: 1e14 }) ?? null;
        const pricing = choiceFlag(o.pricing, '--pricing', pricingSchema.options);
        const maxGpus = positiveFlag(o.maxGpus, '--max-gpus', { integer: true, max: 1_000_000 });
        const constraints: Constraints = { ...(o.accelerators ? { accelerators: o.accelerators } : {}), ...(o.providers ? { providers: o.providers } : {}), ...(pricing ? { pricing } : {}), ...(maxGpus ? { maxGpus } : {}) };
        const catalog = loadCatalog({ files: o.catalog, env: ctx.env });
        const confidence = minPriceConfidence(catalog, o.minPriceConfidence, o.providers);
        if (confidence.min) constraints.minPriceConfidence = confidence.min;
        // Progress: one line per size tried, on stderr and only for a terminal (never on stdout).
        const onProgress = ctx.stderrIsTTY ? (p: BudgetProbe) => ctx.stderr(`budget: ${progressLine(p)}\n`) : undefined;
        const req = { usd, days, planFn: deps.planFnFor(catalog), constraints, catalog, ...(onProgress ? { onProgress } : {}) };
        const r = params === null ? largestComputeOptimal(req) : mostTokens({ ...req, params });
        if (!r) {
          ctx.stderr(`trainplan: nothing trainable within $${usd} and ${days} days under these filters\n`);
          if (jsonOut(o)) ctx.stdout(JSON.stringify({ schemaVersion: 1, tool: TOOL, error: { code: 'INFEASIBLE', message: 'nothing fits the budget and the time' } }, null, 2) + '\n');
          return EXIT.gateFailed;
        }
        const input = { usd, days, params, constraints, catalog: { snapshotDate: catalog.snapshotDate, digest: catalog.digest } };
        const warnings = [...confidence.warnings, ...deriveWarnings({ runDate: runDate(ctx), catalog, uses: [{ accelerator: r.plan.accelerator, provider: r.plan.provider, instance: r.plan.instance, gpus: r.plan.gpus }] })];
        ctx.stdout(jsonOut(o) ? budgetDocument(TOOL, r, input, warnings) : renderBudget(r, chalkFor({ color: o.color }, ctx), { usd, days, params }, viewFor({}, ctx).width) + (warnings.length ? '\n' + renderWarnings(warnings, viewFor({}, ctx).width) : ''));
        return EXIT.ok;
      }));
}
