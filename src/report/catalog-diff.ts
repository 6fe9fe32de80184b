import type { ChalkInstance } from 'chalk';
import { fullUsdPerHour, type CatalogDiff } from '../catalog/index.js';
import type { CatalogDiffDocument, Offer } from '../schema/index.js';
import type { ToolInfo } from './catalog-json.js';
import { num, renderGrid, type GridFormat } from './grid.js';

export interface DiffSide {
  label: string;
  offers: number;
}

const diffOffer = (o: Offer) => ({
  provider: o.provider, instance: o.instance, accelerator: o.accelerator, acceleratorCount: o.acceleratorCount,
  usdPerHour: fullUsdPerHour(o), asOf: o.asOf, source: o.source,
});

/** `catalog diff --json` (schemas/catalog-diff.schema.json). */
export function catalogDiffDocument(tool: ToolInfo, from: DiffSide, to: DiffSide, providers: string[], d: CatalogDiff): string {
  const body: CatalogDiffDocument = {
    schemaVersion: 1, tool, from, to, providers,
    added: d.added.map(diffOffer), removed: d.removed.map(diffOffer), changed: d.changed, unchanged: d.unchanged,
  };
  return JSON.stringify(body, null, 2) + '\n';
}

const pct = (v: number | null) => (v === null ? '-' : `${v > 0 ? '+' : ''}${v.toFixed(1)}%`);
const firstPrice = (o: Offer) => Object.values(fullUsdPerHour(o)).find((p) => p !== null) ?? null;

/** Human diff: a summary line, then added, removed and changed offers (one table each, when not empty). */
export function renderCatalogDiff(from: DiffSide, to: DiffSide, d: CatalogDiff, format: GridFormat, chalk: ChalkInstance): string {
  const out: string[] = [
    `${from.label} (${from.offers} offers) → ${to.label} (${to.offers} offers): ${d.added.length} added, ${d.removed.length} removed, ` +
      `${d.changed.length} price change(s), ${d.unchanged} unchanged\n`,
  ];
  const offerRows = (list: Offer[]) => list.map((o) => [`${o.provider}/${o.instance}`, o.accelerator, String(o.acceleratorCount), num(firstPrice(o)), o.asOf]);
  const offerHead = ['offer', 'accelerator', 'count', 'first price $/h', 'asOf'];
  if (d.added.length) out.push(chalk.bold(`\nAdded (${d.added.length}):\n`), renderGrid(offerHead, offerRows(d.added), format, chalk));
  if (d.removed.length) out.push(chalk.bold(`\nRemoved (${d.removed.length}):\n`), renderGrid(offerHead, offerRows(d.removed), format, chalk));
  if (d.changed.length) {
    out.push(
      chalk.bold(`\nPrice changes (${d.changed.length}):\n`),
      renderGrid(
        ['offer', 'pricing', 'from $/h', 'to $/h', 'change', 'asOf'],
        d.changed.map((c) => [`${c.provider}/${c.instance}`, c.pricing, num(c.fromUsdPerHour), num(c.toUsdPerHour), pct(c.changePercent), `${c.fromAsOf} → ${c.toAsOf}`]),
        format,
        chalk,
      ),
    );
  }
  return out.join('');
}
