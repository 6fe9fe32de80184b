import { basename } from 'node:path';
import type { Command } from 'commander';
import { loadCatalog, loadGridIntensity, loadModelFile, writeOutputAtomic } from '../../io/index.js';
import { withOwnedFleets } from './owned-offers.js';
import { runCheck } from '../../planner/index.js';
import * as report from '../../report/index.js';
import { EXIT, runAction, TOOL, type CliContext } from '../context.js';
import { intFlag } from '../flags.js';
import { chalkFor, gridFormat, isJson } from './catalog-options.js';
import { baselineFromFlags, addCheckOptions, type CheckOpts } from './check-options.js';
import { addPlanOptions, mergeConstraints, out, planWarningFacts } from './plan.js';
import { runDate, viewFor } from '../run-context.js';

/** `trainplan check <model.yaml>`: plan, then gate on budget, deadline and regression vs a baseline. Exit 1 when a gate fails. */
export function registerCheck(program: Command, ctx: CliContext): void {
  addCheckOptions(addPlanOptions(program.command('check <model>').description('CI gate: budget, deadline and regression vs a baseline'))).action((file: string, o: CheckOpts) =>
    runAction(ctx, isJson(out(o)), () => {
      const loaded = loadModelFile(file);
      const constraints = mergeConstraints(loaded.constraints, o);
      const baseline = baselineFromFlags(o);
      const catalog = withOwnedFleets(loadCatalog({ files: o.catalog, env: ctx.env }), o.catalog, ctx);
      const top = intFlag(o.top, '--top');
      const catalogRef = { snapshotDate: catalog.snapshotDate, digest: catalog.digest };
      const { verdict, result } = runCheck({ model: loaded.model, training: loaded.training, catalog, constraints, gridRegions: loadGridIntensity().regions, ...(top !== undefined ? { top } : {}), baseline: baseline.facts, maxIncreasePercent: baseline.doc?.maxIncreasePercent ?? null, catalogDigest: catalog.digest });
      const derived = report.deriveWarnings(planWarningFacts(result, catalog, loaded.training.sequenceLength, runDate(ctx)));
      const doc = report.buildCheckDocument({ tool: TOOL, modelFile: basename(file), model: loaded.model, training: loaded.training, catalog: catalogRef, baseline: baseline.doc, verdict, search: report.checkSearchSection(result), warnings: [...baseline.warnings, ...derived] });
      const format = o.format === 'markdown' ? 'markdown' : isJson(out(o)) ? 'json' : gridFormat(out(o));
      const view = viewFor(o, ctx);
      const text = format === 'json' ? report.checkJson(doc) : format === 'markdown' ? report.renderCheckMarkdown(doc) : report.renderCheckTable(doc, format, chalkFor(out(o), ctx), view);
      if (o.out) {
        writeOutputAtomic(o.out, text);
        ctx.stderr(`${doc.summary}\n`);
      } else ctx.stdout(text);
      if (format === 'json' && doc.verdict !== 'pass') ctx.stderr(`${doc.summary}\n`);
      if (format === 'csv') for (const w of doc.warnings) ctx.stderr(`trainplan: warning: ${w.message}\n`);
      return doc.verdict === 'pass' ? EXIT.ok : EXIT.gateFailed;
    }));
}
