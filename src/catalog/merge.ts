import type { Catalog, CatalogFragment } from '../schema/index.js';
import { createCatalog, offerKey } from './build.js';

/**
 * Merge user fragments over a catalog, later ones winning: an accelerator with the same id or an
 * offer with the same provider/instance replaces the earlier row; new rows are added.
 */
export function mergeCatalogs(base: Catalog, ...fragments: CatalogFragment[]): Catalog {
  const accelerators = new Map(base.accelerators.map((a) => [a.id, a]));
  const offers = new Map(base.offers.map((o) => [offerKey(o), o]));
  for (const f of fragments) {
    for (const a of f.accelerators) accelerators.set(a.id, a);
    for (const o of f.offers) offers.set(offerKey(o), o);
  }
  return createCatalog({ accelerators: [...accelerators.values()], offers: [...offers.values()], snapshotDate: base.snapshotDate });
}
