import { Option, type Command } from 'commander';
import { diffOffers, isIsoDate } from '../../catalog/index.js';
import { importCatalogCsv, importedCatalogYaml, loadBuiltinCatalog, loadCatalogFileOnly, writeOutputAtomic, type ImportFormat } from '../../io/index.js';
import * as report from '../../report/index.js';
import { InputError, priceConfidenceSchema, type Catalog, type PriceConfidence } from '../../schema/index.js';
import { runAction, TOOL, type CliContext } from '../context.js';
import { chalkFor, gridFormat, isJson, type CatalogOpts } from './catalog-options.js';

interface ImportOpts {
  from: ImportFormat;
  provider?: string;
  asOf?: string;
  source?: string;
  priceConfidence?: PriceConfidence;
  out?: string;
}

/** Today's date in UTC: the default as-of of an import (the day the file is read). The CLI owns the clock. */
const todayUtc = (): string => new Date().toISOString().slice(0, 10);

/** "a, b, c" for up to 12 names, then "and N more" (one stderr line). */
const listNames = (names: string[]) => (names.length <= 12 ? names.join(', ') : `${names.slice(0, 12).join(', ')} and ${names.length - 12} more`);

/** `trainplan catalog import` and `trainplan catalog diff`. */
export function registerCatalogImport(catalog: Command, ctx: CliContext): void {
  catalog
    .command('import <file>')
    .description('convert a downloaded price CSV (SkyPilot catalog or plain CSV) into a user catalog for --catalog')
    .addOption(new Option('--from <format>', 'input format').choices(['skypilot', 'csv']).makeOptionMandatory())
    .option('--provider <id>', 'our provider id (required for skypilot; fills empty provider cells for csv)')
    .option('--as-of <date>', 'the date the prices were read (YYYY-MM-DD; default today, UTC)')
    .option('--source <text>', 'source text for every row (default: the file name)')
    .addOption(new Option('--price-confidence <class>', 'price confidence of every row (default: reseller for skypilot, list for csv)').choices([...priceConfidenceSchema.options]))
    .option('--out <file>', 'write the YAML here (atomically) instead of stdout')
    .action((file: string, o: ImportOpts) =>
      runAction(ctx, false, () => {
        const asOf = o.asOf ?? todayUtc();
        if (!isIsoDate(asOf)) throw new InputError('INVALID_OPTION', `expected a date YYYY-MM-DD, got "${asOf}"`, { location: '--as-of' });
        if (o.provider !== undefined && !/^[a-z0-9][a-z0-9.-]*$/.test(o.provider)) {
          throw new InputError('INVALID_OPTION', `expected a lower-case provider id such as aws, got "${o.provider}"`, { location: '--provider' });
        }
        const known = new Set(loadBuiltinCatalog().accelerators.map((a) => a.id));
        const result = importCatalogCsv({ from: o.from, file, asOf, knownAccelerators: known, ...(o.provider ? { provider: o.provider } : {}), ...(o.source ? { source: o.source } : {}), ...(o.priceConfidence ? { priceConfidence: o.priceConfidence } : {}) });
        if (result.offers.length === 0) throw new InputError('IMPORT_EMPTY', `no offers found in ${result.rowsRead} rows${result.unknownAccelerators.length ? ` (unknown accelerator names: ${listNames(result.unknownAccelerators)})` : ''}`, { location: file });
        const yaml = importedCatalogYaml(result, o.from, file);
        if (o.out !== undefined) writeOutputAtomic(o.out, yaml);
        else ctx.stdout(yaml);
        const skipped = [result.cpuOnlyRows ? `${result.cpuOnlyRows} CPU-only rows` : '', ...result.skipped.map((s) => `${s.count} ${s.reason}`)].filter(Boolean);
        ctx.stderr(`trainplan: imported ${result.offers.length} offers from ${result.rowsRead} rows${o.out ? ` into ${o.out}` : ''}${skipped.length ? `; skipped ${skipped.join(', ')}` : ''}\n`);
        if (result.unknownAccelerators.length) ctx.stderr(`trainplan: warning: unknown accelerator names (rows skipped; add them to src/catalog/accelerator-names.ts): ${listNames(result.unknownAccelerators)}\n`);
        return 0;
      }),
    );

  catalog
    .command('diff <a> [b]')
    .description('offers added, removed and repriced going from catalog a to catalog b (files, or "builtin"; b defaults to builtin)')
    .option('--json', 'print one JSON document (same as --format json)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'csv', 'markdown']))
    .option('--no-color', 'disable colour')
    .action((a: string, b: string | undefined, o: CatalogOpts) =>
      runAction(ctx, isJson(o), () => {
        const builtin = loadBuiltinCatalog();
        const side = (name: string): Catalog => (name === 'builtin' ? builtin : loadCatalogFileOnly(builtin, name));
        const to = b ?? 'builtin';
        let from = side(a);
        let target = side(to);
        // The built-in side covers every provider; compare it only on the providers the file lists.
        const fileProviders = new Set([...(a === 'builtin' ? [] : from.offers), ...(to === 'builtin' ? [] : target.offers)].map((x) => x.provider));
        const restrict = (c: Catalog, name: string) => (name === 'builtin' && fileProviders.size ? { ...c, offers: c.offers.filter((x) => fileProviders.has(x.provider)) } : c);
        from = restrict(from, a);
        target = restrict(target, to);
        const providers = [...new Set([...from.offers, ...target.offers].map((x) => x.provider))].sort();
        const d = diffOffers(from.offers, target.offers);
        const fromSide = { label: a, offers: from.offers.length };
        const toSide = { label: to, offers: target.offers.length };
        ctx.stdout(isJson(o) ? report.catalogDiffDocument(TOOL, fromSide, toSide, providers, d) : report.renderCatalogDiff(fromSide, toSide, d, gridFormat(o), chalkFor(o, ctx)));
        return 0;
      }),
    );
}
