import type { Command } from 'commander';
import { fleetWorkload } from '../../economics/index.js';
import { loadCatalog, loadFleets, loadPurchasePrices } from '../../io/index.js';
import { deriveWarnings, fleetDocument, renderFleet, renderWarnings } from '../../report/index.js';
import { runDate, viewFor } from '../run-context.js';
import { InputError, didYouMean, fleetWarnings } from '../../schema/index.js';
import { capexPerGpu } from '../../economics/index.js';
import { EXIT, runAction, TOOL, type CliContext } from '../context.js';
import { chalkFor } from './catalog-options.js';
import { addEconomicsOptions, jsonOut, positiveFlag, minPriceConfidence, type EconomicsDeps, type EconomicsOpts } from './economics-options.js';

interface FleetOpts extends EconomicsOpts { horizonYears?: string; runsPerYear?: string; fleet?: string }

/** `trainplan fleet <model.yaml>… --horizon-years N [--runs-per-year K] [--fleet name]` */
export function registerFleet(program: Command, ctx: CliContext, deps: EconomicsDeps): void {
  addEconomicsOptions(program.command('fleet <models...>').description('buy vs rent vs commit over a horizon, for a workload'))
    .option('--horizon-years <n>', 'years to compare over (required)')
    .option('--runs-per-year <k>', 'times each model is trained per year', '1')
    .option('--fleet <name>', 'price buying with this fleets: entry of a --catalog file')
    .action((paths: string[], o: FleetOpts) =>
      runAction(ctx, jsonOut(o), () => {
        const horizonYears = positiveFlag(o.horizonYears, '--horizon-years', { required: true, max: 30 })!;
        const runsPerYear = positiveFlag(o.runsPerYear, '--runs-per-year', { max: 10000 })!;
        const models = paths.map(deps.loadModel);
        const catalog = loadCatalog({ files: o.catalog, env: ctx.env });
        const confidence = minPriceConfidence(catalog, o.minPriceConfidence, o.providers);
        const fleets = loadFleets({ files: o.catalog, env: ctx.env, knownAccelerators: catalog.accelerators.map((a) => a.id) });
        fleets.flatMap((f) => fleetWarnings(f, capexPerGpu(f))).forEach((w) => ctx.stderr(`trainplan: warning: ${w}\n`));
        const fleet = o.fleet === undefined ? null : fleets.find((f) => f.name === o.fleet);
        if (fleet === undefined) {
          const near = didYouMean(o.fleet!, fleets.map((f) => f.name));
          throw new InputError('UNKNOWN_FLEET', `unknown fleet "${o.fleet}"`, { location: '--fleet', suggestion: near ? `did you mean ${near}?` : 'define it under fleets: in a --catalog file' });
        }
        const r = fleetWorkload({ models, runsPerYear, horizonYears, catalog, planFn: deps.planFnFor(catalog), purchase: loadPurchasePrices(), fleet,
          ...(o.accelerators?.[0] ? { accelerator: o.accelerators[0] } : {}), ...(o.providers ? { providers: o.providers } : {}), ...(confidence.min ? { minPriceConfidence: confidence.min } : {}) });
        if (!r.ok) {
          ctx.stderr(`trainplan: ${r.model}: no feasible plan: ${r.reason}\n`);
          if (jsonOut(o)) ctx.stdout(JSON.stringify({ schemaVersion: 1, tool: TOOL, error: { code: 'INFEASIBLE', message: `${r.model}: ${r.reason}` } }, null, 2) + '\n');
          return EXIT.gateFailed;
        }
        const input = { models: models.map((m) => m.name), runsPerYear, horizonYears, catalog: { snapshotDate: catalog.snapshotDate, digest: catalog.digest } };
        const uses = r.report.runs.map((x) => ({ accelerator: r.report.accelerator, provider: x.plan.provider, instance: x.plan.instance, gpus: x.gpus }));
        const warnings = [...confidence.warnings, ...deriveWarnings({ runDate: runDate(ctx), catalog, uses })];
        ctx.stdout(jsonOut(o) ? fleetDocument(TOOL, r.report, input, warnings) : renderFleet(r.report, chalkFor({ color: o.color }, ctx), horizonYears, viewFor({}, ctx).width) + (warnings.length ? '\n' + renderWarnings(warnings, viewFor({}, ctx).width) : ''));
        return EXIT.ok;
      }));
}
