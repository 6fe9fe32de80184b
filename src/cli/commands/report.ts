import { basename } from 'node:path';
import type { Command } from 'commander';
import { fleetWorkload, type FleetReport } from '../../economics/index.js';
import { loadCatalog, loadFleets, loadGridIntensity, loadModelFile, loadPurchasePrices, readRunDocument, writeOutputAtomic, resolveOutputTarget } from '../../io/index.js';
import * as report from '../../report/index.js';
import { didYouMean, InputError, type PlanDocument } from '../../schema/index.js';
import { EXIT, runAction, TOOL, type CliContext } from '../context.js';
import { intFlag } from '../flags.js';
import { defaultThreads, planInParallel } from '../parallel-plan.js';
import { economicsDeps } from './economics-deps.js';
import { positiveFlag } from './economics-options.js';
import { withOwnedFleets } from './owned-offers.js';
import { addPlanOptions, mergeConstraints, progressReporter, type PlanOpts } from './plan.js';

interface ReportOpts extends PlanOpts {
  out?: string;
  from?: string;
  candidates?: string;
  horizonYears?: string;
  runsPerYear?: string;
  fleet?: string;
}

/** Candidate plans to scatter: the ranking's best per offer and GPU count, this many deep (plus the frontier). */
const DEFAULT_CANDIDATES = 300;
/** The ranking is asked for every offer × GPU count (its best layout each), so the offers chart sees every offer. */
const EVERY_OFFER = 1_000_000;

/** Warnings a (newer) plan document carries: strings or { message } objects. */
const docWarnings = (doc: PlanDocument): string[] => {
  const w = (doc as { warnings?: unknown }).warnings;
  return Array.isArray(w) ? w.map((x) => (typeof x === 'string' ? x : String((x as { message?: unknown }).message ?? JSON.stringify(x)))) : [];
};

async function fromModel(file: string, o: ReportOpts, ctx: CliContext) {
  const horizonYears = positiveFlag(o.horizonYears, '--horizon-years', { max: 30 });
  if (horizonYears === undefined && (o.fleet !== undefined || o.runsPerYear !== undefined)) {
    throw new InputError('INVALID_OPTION', 'needs --horizon-years <n> (the buy-vs-rent comparison)', { location: o.fleet !== undefined ? '--fleet' : '--runs-per-year' });
  }
  const runsPerYear = positiveFlag(o.runsPerYear, '--runs-per-year', { max: 10000 }) ?? 1;
  const loaded = loadModelFile(file);
  const constraints = mergeConstraints(loaded.constraints, o);
  const top = intFlag(o.top, '--top') ?? 5;
  const depth = Math.max(top, intFlag(o.candidates, '--candidates') ?? DEFAULT_CANDIDATES);
  const catalog = withOwnedFleets(loadCatalog({ files: o.catalog, env: ctx.env }), o.catalog, ctx);
  const progress = progressReporter(ctx);
  const result = await planInParallel(
    { model: loaded.model, training: loaded.training, catalog, constraints, gridRegions: loadGridIntensity().regions, top: EVERY_OFFER },
    { threads: defaultThreads(ctx.env), onProgress: progress.tick },
  );
  progress.end();
  const full = JSON.parse(report.planDocument({ tool: TOOL, modelFile: basename(file), model: loaded.model, training: loaded.training, catalog: { snapshotDate: catalog.snapshotDate, digest: catalog.digest }, result })) as PlanDocument;
  // The ranking does not depend on how deep it goes: the first `top` are exactly `plan --top <top>`'s plans.
  const doc: PlanDocument = { ...full, plans: full.plans.slice(0, top), input: { ...full.input, constraints: { ...full.input.constraints, top } } };
  const warnings: string[] = [];
  let economics: { report: FleetReport; horizonYears: number } | null = null;
  if (horizonYears !== undefined && doc.plans.length) {
    const fleets = loadFleets({ files: o.catalog, env: ctx.env, knownAccelerators: catalog.accelerators.map((a) => a.id) });
    const fleet = o.fleet === undefined ? null : fleets.find((f) => f.name === o.fleet);
    if (fleet === undefined) {
      const near = didYouMean(o.fleet!, fleets.map((f) => f.name));
      throw new InputError('UNKNOWN_FLEET', `unknown fleet "${o.fleet}"`, { location: '--fleet', suggestion: near ? `did you mean ${near}?` : 'define it under fleets: in a --catalog file' });
    }
    const r = fleetWorkload({
      models: [economicsDeps.loadModel(file)], runsPerYear, horizonYears,
      catalog, planFn: economicsDeps.planFnFor(catalog), purchase: loadPurchasePrices(), fleet, accelerator: fleet?.accelerator ?? doc.plans[0]!.accelerator,
    });
    if (r.ok) economics = { report: r.report, horizonYears };
    else warnings.push(`buy vs rent left out: ${r.model}: ${r.reason}`);
  }
  return { doc, candidates: full.plans.slice(0, depth), offers: full.plans, economics, warnings, title: `trainplan report: ${loaded.file.name ?? loaded.model.name}` };
}

/** `trainplan report <model.yaml> [plan flags] --out report.html` or `trainplan report --from plan.json`: HTML with charts. */
export function registerReport(program: Command, ctx: CliContext): void {
  addPlanOptions(program
    .command('report [model]')
    .description('self-contained HTML report with charts (cost vs time, step time, memory, offers, buy vs rent)'))
    .option('--out <file>', 'write the HTML to this file (atomically) instead of stdout')
    .option('--from <plan.json>', 'render a saved `plan --json` document instead of planning')
    .option('--candidates <n>', `how deep the ranking goes for the cost-vs-time scatter (default ${DEFAULT_CANDIDATES})`)
    .option('--horizon-years <n>', 'add buy vs rent over this many years (as `trainplan fleet`)')
    .option('--runs-per-year <k>', 'with --horizon-years: runs of this model a year (default 1)')
    .option('--fleet <name>', 'with --horizon-years: price buying with this fleets: entry of a --catalog file')
    .action((file: string | undefined, o: ReportOpts) =>
      runAction(ctx, false, async () => {
        if (o.json || (o.format && o.format !== 'table' && o.format !== 'html')) throw new InputError('INVALID_OPTION', 'report writes HTML; for JSON use `trainplan plan --json`', { location: o.json ? '--json' : '--format' });
        if (o.out !== undefined) resolveOutputTarget(o.out); // refuse a bad target before planning
        if ((file === undefined) === (o.from === undefined)) throw new InputError('INVALID_OPTION', file === undefined ? 'give a model file or --from <plan.json>' : 'give a model file or --from, not both', { location: file === undefined ? 'report' : '--from' });
        let input: report.HtmlReportInput;
        if (o.from !== undefined) {
          if (o.horizonYears !== undefined) throw new InputError('INVALID_OPTION', 'buy vs rent needs the model file (it plans each option), not --from', { location: '--horizon-years' });
          const run = readRunDocument(o.from, ['plan']);
          const doc = run.doc as PlanDocument;
          input = { doc, candidates: [], economics: null, warnings: docWarnings(doc), title: `trainplan report: ${doc.input.model.name}` };
        } else input = await fromModel(file!, o, ctx);
        const html = await report.renderHtmlReport(input);
        if (o.out !== undefined) {
          writeOutputAtomic(o.out, html);
          ctx.stderr(`trainplan: wrote ${o.out} (${input.doc.plans.length} plans, ${input.doc.frontier.length} on the frontier)\n`);
        } else ctx.stdout(html);
        for (const w of input.warnings) ctx.stderr(`trainplan: warning: ${w}\n`);
        return input.doc.plans.length ? EXIT.ok : EXIT.gateFailed;
      }),
    );
}
