import { basename } from 'node:path';
import type { Command } from 'commander';
import { loadCatalog, loadGridIntensity, loadModelFile } from '../../io/index.js';
import { estimateRequest } from '../../planner/index.js';
import { autoLine, deriveWarnings, estimateDocument, noteWarnings, renderEstimate, renderWarnings } from '../../report/index.js';
import { runDate, viewFor } from '../run-context.js';
import { warnedSequenceLength } from './plan.js';
import { InputError } from '../../schema/index.js';
import { EXIT, runAction, TOOL, type CliContext } from '../context.js';
import { chalkFor } from './catalog-options.js';
import { assertFiniteEstimate } from '../finite-result.js';
import { withFramework } from './stack-options.js';
import { resolveAuto } from './estimate-auto.js';
import { addEstimateOptions, kernelFlag, layoutFromFlags, pricingFlag, type EstimateOpts } from './estimate-options.js';

/** `trainplan estimate <model.yaml>`: one layout on one accelerator. Exit 1 when it does not fit in memory. */
export function registerEstimate(program: Command, ctx: CliContext): void {
  addEstimateOptions(program.command('estimate <model>').description('FLOPs, memory, step time, MFU and cost of one layout')).action((path: string, o: EstimateOpts) =>
    runAction(ctx, o.json === true || o.format === 'json', () => {
      const loaded = withFramework(loadModelFile(path), o.framework);
      const catalog = loadCatalog({ files: o.catalog, env: ctx.env });
      const kernel = kernelFlag(o);
      const { opts, auto } = resolveAuto(o, loaded, catalog, pricingFlag(o), kernel ? { attentionKernel: kernel } : {}, loadGridIntensity().regions);
      const layout = layoutFromFlags(opts, loaded.training);
      const { result, warnings } = estimateRequest({
        model: loaded.model, training: loaded.training, catalog, accelerator: o.accelerator!, layout,
        ...(o.provider ? { provider: o.provider } : {}), ...(o.instance ? { instance: o.instance } : {}),
        pricing: pricingFlag(o), ...(kernel ? { assumptions: { attentionKernel: kernel } } : {}),
        gridRegions: loadGridIntensity().regions,
        precisionSource: o.precision !== undefined ? '--precision' : `${path}: training.precision`,
      });
      if (!result.ok) throw new InputError(`LAYOUT_${result.problem.reason.toUpperCase().replace(/-/g, '_')}`, result.problem.message, { location: 'layout', ...(result.problem.suggestion ? { suggestion: result.problem.suggestion } : {}) });
      const e = result.estimate;
      assertFiniteEstimate(e);
      const derived = deriveWarnings({ runDate: runDate(ctx), catalog, uses: [{ accelerator: e.accelerator, provider: e.cost.provider, instance: e.cost.instance, gpus: e.layout.gpus }], ...(warnedSequenceLength(loaded) !== undefined ? { sequenceLength: warnedSequenceLength(loaded)! } : {}) });
      // The estimator's own notes, less those the derived warnings already say (the unmeasured-part note).
      const notes = warnings.filter((w) => !derived.some((d) => d.message === w));
      if (o.json === true || o.format === 'json') {
        ctx.stdout(estimateDocument({ tool: TOOL, modelFile: basename(path), model: loaded.model, training: loaded.training, catalog: { snapshotDate: catalog.snapshotDate, digest: catalog.digest }, estimate: e, warnings: [...noteWarnings('ESTIMATE_NOTE', notes), ...derived], ...(auto ? { auto } : {}) }));
      } else {
        ctx.stdout(renderEstimate(e, chalkFor(o, ctx), `${loaded.file.name ?? loaded.model.name} — ${basename(path)}`, viewFor({}, ctx).width, loaded.model));
        if (auto) ctx.stdout(autoLine(auto));
        if (derived.length) ctx.stdout('\n' + renderWarnings(derived, viewFor({}, ctx).width));
      }
      for (const w of notes) ctx.stderr(`trainplan: warning: ${w}\n`);
      if (!e.memory.fits) ctx.stderr(`trainplan: ${e.layout.gpus} × ${e.accelerator} do not fit this layout in memory (${(e.memory.perGpuBytes / 2 ** 30).toFixed(1)} GiB per GPU needed, ${(e.memory.capacityBytes / 2 ** 30).toFixed(1)} GiB available)\n`);
      return e.memory.fits ? EXIT.ok : EXIT.gateFailed;
    }));
}
