import type { Command } from 'commander';
import { findOffer } from '../../catalog/index.js';
import { exportInputFromEstimate, exportInputFromPlan, exportRun, EXPORT_FRAMEWORKS, type ExportFramework } from '../../export/index.js';
import { loadCatalog, readRunDocument } from '../../io/index.js';
import { didYouMean, InputError } from '../../schema/index.js';
import { runAction, type CliContext } from '../context.js';
import { intFlag } from '../flags.js';

interface ExportOpts {
  to?: string;
  rank?: string;
  catalog: string[];
}

function framework(to: string | undefined): ExportFramework {
  if (to === undefined) throw new InputError('INVALID_OPTION', 'which framework? (required)', { location: '--to', suggestion: `use ${EXPORT_FRAMEWORKS.join(', ')}` });
  if ((EXPORT_FRAMEWORKS as readonly string[]).includes(to)) return to as ExportFramework;
  const close = didYouMean(to, EXPORT_FRAMEWORKS);
  throw new InputError('INVALID_OPTION', `unknown framework "${to}"`, { location: '--to', suggestion: close ? `did you mean ${close}?` : `use ${EXPORT_FRAMEWORKS.join(', ')}` });
}

/** `trainplan export <plan.json|estimate.json> --to <framework> [--rank N]`: a framework's launch configuration. */
export function registerExport(program: Command, ctx: CliContext): void {
  program
    .command('export <document>')
    .description(`launch configuration for a saved plan or estimate (--to ${EXPORT_FRAMEWORKS.join('|')})`)
    .option('--to <framework>', `the training framework: ${EXPORT_FRAMEWORKS.join(', ')}`)
    .option('--rank <n>', 'which plan of a plan document (default 1, the best)')
    .option('--catalog <file>', 'user catalog merged over the built-in one, for an estimate\'s offer (repeatable)', (v: string, p: string[]) => [...p, v], [] as string[])
    .action((file: string, o: ExportOpts) =>
      runAction(ctx, false, () => {
        const to = framework(o.to);
        const rank = intFlag(o.rank, '--rank') ?? 1;
        const run = readRunDocument(file, ['plan', 'estimate']);
        let from;
        if (run.command === 'plan') from = exportInputFromPlan(run.doc, rank, null);
        else {
          if (o.rank !== undefined && rank !== 1) throw new InputError('INVALID_OPTION', 'an estimate document holds one run; --rank applies to plan documents', { location: '--rank' });
          const c = run.doc.cost;
          let perInstance: number | undefined;
          if (c.provider && c.instance) {
            try {
              perInstance = findOffer(loadCatalog({ files: o.catalog, env: ctx.env }), c.provider, c.instance).acceleratorCount;
            } catch (err) {
              if (!(err instanceof InputError)) throw err;
            }
          }
          from = exportInputFromEstimate(run.doc, perInstance);
        }
        if (!from.ok) throw new InputError('EXPORT_INVALID', from.reason, { location: from.field === '--rank' ? '--rank' : `${file}: ${from.field}` });
        const r = exportRun(from.input, to);
        if (!r.ok) throw new InputError('EXPORT_UNSUPPORTED', r.reason, { location: file });
        ctx.stdout(r.text);
        return 0;
      }),
    );
}
