import type { Command } from 'commander';
import { acceleratorsByPrice, filterOffers, getAccelerator, STALE_AFTER_DAYS, staleOffers } from '../../catalog/index.js';
import { loadCatalog } from '../../io/index.js';
import * as report from '../../report/index.js';
import { GB, type Catalog, type Offer } from '../../schema/index.js';
import { runAction, TOOL, type CliContext } from '../context.js';
import { registerCatalogImport } from './catalog-import.js';
import { addTableOptions, viewFor, type TableFlags } from '../run-context.js';
import { addCatalogOptions, addOfferCompareOptions, chalkFor, gridFormat, isJson, numberFlag, type CatalogOpts } from './catalog-options.js';

const filters = (o: CatalogOpts) => {
  const minGb = numberFlag(o.minMemoryGb, '--min-memory-gb');
  return { pricing: o.pricing ?? 'on-demand', requirePrice: o.pricing !== undefined, providers: o.provider, accelerators: o.accelerator,
    minMemoryBytes: minGb === undefined ? undefined : minGb * GB, maxUsdPerGpuHour: numberFlag(o.maxUsdPerGpuHour, '--max-usd-per-gpu-hour') } as const;
};

const warnStale = (ctx: CliContext, catalog: Catalog, offers: Offer[]) =>
  ctx.stderr(report.formatStaleWarning(staleOffers({ ...catalog, offers }), catalog.snapshotDate, STALE_AFTER_DAYS));

/** `trainplan catalog accelerators|offers|show <id>` */
export function registerCatalog(program: Command, ctx: CliContext): void {
  const catalog = program.command('catalog').description('accelerators and offers in the hardware catalog');
  const load = (o: CatalogOpts) => loadCatalog({ files: o.catalog, env: ctx.env });

  addTableOptions(addCatalogOptions(catalog.command('accelerators').description('accelerator specs, cheapest first'))).action((o: CatalogOpts & TableFlags) =>
    runAction(ctx, isJson(o), () => {
      const c = load(o);
      const f = filters(o);
      report.chooseColumns(report.ACCELERATOR_COLUMNS, o);
      const rows = acceleratorsByPrice(c, { ...f, ids: f.accelerators });
      ctx.stdout(isJson(o) ? report.acceleratorsDocument(TOOL, c, rows.map((r) => r.spec)) : report.renderAcceleratorColumns(rows, gridFormat(o), chalkFor(o, ctx), viewFor(o, ctx)));
      return 0;
    }));

  addOfferCompareOptions(addCatalogOptions(catalog.command('offers').description('compare rentable offers: filter, then sort by $/GPU-h or $/effective-PFLOP-h'))).action((o: CatalogOpts) =>
    runAction(ctx, isJson(o), () => {
      const c = load(o);
      const f = filters(o);
      const minGpus = numberFlag(o.minGpus, '--min-gpus');
      const offers = report.sortOffers(c, filterOffers(c, { ...f, regions: o.region, minGpus }), f.pricing, o.sort ?? 'gpu-hour');
      const format = gridFormat(o);
      const wide = o.wide === true || format !== 'table';
      ctx.stdout(
        isJson(o) ? report.offersDocument(TOOL, c, offers)
        : wide ? report.renderOffersTable(offers, f.pricing, format, chalkFor(o, ctx))
        : report.renderOffersCompact(c, offers, f.pricing, format, chalkFor(o, ctx)),
      );
      warnStale(ctx, c, offers);
      return 0;
    }));

  addTableOptions(addCatalogOptions(catalog.command('show <id>').description('everything about one accelerator and the offers carrying it'))).action((id: string, o: CatalogOpts & TableFlags) =>
    runAction(ctx, isJson(o), () => {
      const c = load(o);
      report.chooseColumns(report.OFFER_COLUMNS, o);
      const spec = getAccelerator(c, id);
      const f = filters(o);
      const offers = filterOffers(c, { ...f, accelerators: [id] });
      ctx.stdout(isJson(o) ? report.acceleratorDetailDocument(TOOL, c, spec, offers) : report.renderAcceleratorDetail(spec, offers, f.pricing, gridFormat(o), chalkFor(o, ctx), viewFor(o, ctx)));
      warnStale(ctx, c, offers);
      return 0;
    }));

  registerCatalogImport(catalog, ctx);
}
