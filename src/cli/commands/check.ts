import { basename } from 'node:path';
import type { Command } from 'commander';
import { loadCatalog, loadGridIntensity, loadModelFile, resolveOutputTarget, writeOutputAtomic } from '../../io/index.js';
import { withOwnedFleets } from './owned-offers.js';
import { runCheck } from '../../planner/index.js';
import * as report from '../../report/index.js';
import type { PlanDocument } from '../../schema/index.js';
import { EXIT, runAction, TOOL, type CliContext } from '../context.js';
import { intFlag } from '../flags.js';
import { assertFinitePlans } from '../finite-result.js';
import { withConstraintLocation } from '../constraint-location.js';
import { chalkFor, gridFormat, isJson } from './catalog-options.js';
import { baselineFromFlags, addCheckOptions, type CheckOpts } from './check-options.js';
import { addPlanOptions, constraintSourcesOf, mergeConstraints, out, planWarningFacts, warnedSequenceLength } from './plan.js';
import { withFramework } from './stack-options.js';
import { kindPins, pinsFromFlags } from './layout-flags.js';
import { runDate, viewFor } from '../run-context.js';

/** `check --format html`: the report page of the check's search, its verdict first (a CI artifact). */
function checkHtml(file: string, loaded: ReturnType<typeof loadModelFile>, catalog: { snapshotDate: string; digest: string }, result: Parameters<typeof report.planDocument>[0]['result'], doc: ReturnType<typeof report.buildCheckDocument>) {
  const plan = JSON.parse(report.planDocument({ tool: TOOL, modelFile: basename(file), model: loaded.model, training: loaded.training, catalog, result })) as PlanDocument;
  return report.renderHtmlReport({
    title: `trainplan check: ${loaded.file.name ?? loaded.model.name}`, doc: plan, candidates: [], economics: null,
    warnings: doc.warnings.map((w) => w.message), verdict: { verdict: doc.verdict === 'pass' ? 'pass' : 'fail', summary: doc.summary },
  });
}

/** `trainplan check <model.yaml>`: plan, then gate on budget, deadline and regression vs a baseline. Exit 1 when a gate fails. */
export function registerCheck(program: Command, ctx: CliContext): void {
  addCheckOptions(addPlanOptions(program.command('check <model>').description('CI gate: budget, deadline and regression vs a baseline'))).action((file: string, o: CheckOpts) =>
    runAction(ctx, isJson(out(o)), async () => {
      if (o.out !== undefined) resolveOutputTarget(o.out, { followSymlinks: o.followSymlinks === true });
      const loaded = withFramework(loadModelFile(file), o.framework);
      const constraints = mergeConstraints(loaded.constraints, o);
      const baseline = baselineFromFlags(o, loaded.model.name);
      const catalog = withOwnedFleets(loadCatalog({ files: o.catalog, env: ctx.env }), o.catalog, ctx);
      const top = intFlag(o.top, '--top');
      const catalogRef = { snapshotDate: catalog.snapshotDate, digest: catalog.digest };
      const { verdict, result } = withConstraintLocation(loaded, o, () => runCheck({ model: loaded.model, training: loaded.training, catalog, constraints, constraintSources: constraintSourcesOf(loaded.constraints, o), pins: kindPins(loaded.model, pinsFromFlags(o)), gridRegions: loadGridIntensity().regions, ...(top !== undefined ? { top } : {}), baseline: baseline.facts, maxIncreasePercent: baseline.doc?.maxIncreasePercent ?? null, catalogDigest: catalog.digest }));
      assertFinitePlans(result.plans);
      const derived = report.deriveWarnings(planWarningFacts(result, catalog, warnedSequenceLength(loaded), runDate(ctx)));
      const doc = report.buildCheckDocument({ tool: TOOL, modelFile: basename(file), model: loaded.model, training: loaded.training, catalog: catalogRef, baseline: baseline.doc, verdict, search: report.checkSearchSection(result), warnings: [...baseline.warnings, ...derived] });
      const format = o.format === 'markdown' || o.format === 'html' ? o.format : isJson(out(o)) ? 'json' : gridFormat(out(o));
      const view = viewFor(o, ctx);
      const text = format === 'json' ? report.checkJson(doc) : format === 'markdown' ? report.renderCheckMarkdown(doc)
        : format === 'html' ? await checkHtml(file, loaded, catalogRef, result, doc)
          : report.renderCheckTable(doc, format, chalkFor(out(o), ctx), view);
      if (o.out !== undefined) {
        writeOutputAtomic(o.out, text, { followSymlinks: o.followSymlinks === true });
        ctx.stderr(`${doc.summary}\n`);
      } else ctx.stdout(text);
      if (format === 'json' && doc.verdict !== 'pass') ctx.stderr(`${doc.summary}\n`);
      if (format === 'csv') for (const w of doc.warnings) ctx.stderr(`trainplan: warning: ${w.message}\n`);
      return doc.verdict === 'pass' ? EXIT.ok : EXIT.gateFailed;
    }));
}
