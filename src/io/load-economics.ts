import { join } from 'node:path';
import {
  InputError,
  didYouMean,
  fleetSchema,
  gridIntensityFileSchema,
  purchasePricesFileSchema,
  userCatalogFileSchema,
  type Fleet,
  type GridIntensityFile,
  type PurchasePricesFile,
} from '../schema/index.js';
import { readSnapshot } from './builtin-snapshot.js';
import { BUILTIN_CATALOG_DIR, readSource, userCatalogPaths } from './load-catalog.js';
import { locate, validate } from './yaml-file.js';

const CODE = 'CATALOG_INVALID';


/** grid-intensity.yaml of a catalog directory, read and validated (what the build's snapshot holds for the built-in one). */
export function readGridIntensityFile(dir: string): GridIntensityFile {
  return validate(readSource(join(dir, 'grid-intensity.yaml')), gridIntensityFileSchema, CODE, () => '');
}

/** purchase-prices.yaml of a catalog directory, read and validated. */
export function readPurchasePricesFile(dir: string): PurchasePricesFile {
  return validate(readSource(join(dir, 'purchase-prices.yaml')), purchasePricesFileSchema, CODE, () => '');
}

/** hardware-catalog/grid-intensity.yaml: grid carbon intensity per cloud region (from the build's snapshot when there is one). */
export function loadGridIntensity(dir: string = BUILTIN_CATALOG_DIR): GridIntensityFile {
  return (dir === BUILTIN_CATALOG_DIR ? readSnapshot()?.gridIntensity : undefined) ?? readGridIntensityFile(dir);
}

/** hardware-catalog/purchase-prices.yaml: capex per GPU and facility defaults for the "buy" option (snapshot when there is one). */
export function loadPurchasePrices(dir: string = BUILTIN_CATALOG_DIR): PurchasePricesFile {
  return (dir === BUILTIN_CATALOG_DIR ? readSnapshot()?.purchasePrices : undefined) ?? readPurchasePricesFile(dir);
}

/** The `fleets:` sections of every user catalog (TRAINPLAN_CATALOG, then --catalog); a later fleet with the same name wins. */
export function loadFleets(opts: { files?: readonly string[]; env?: Record<string, string | undefined>; knownAccelerators: readonly string[] }): Fleet[] {
  const byName = new Map<string, Fleet>();
  for (const file of userCatalogPaths(opts.files ?? [], opts.env ?? {})) {
    const src = readSource(file);
    const label = (path: readonly PropertyKey[]) => {
      const [section, index] = path;
      if (section !== 'fleets' || typeof index !== 'number') return '';
      const row = (src.data as { fleets?: Array<{ name?: unknown }> } | null)?.fleets?.[index];
      return typeof row?.name === 'string' ? `fleets[${index}] (${row.name})` : `fleets[${index}]`;
    };
    const parsed = validate(src, userCatalogFileSchema, CODE, label);
    (parsed.fleets ?? []).forEach((f, i) => {
      if (!opts.knownAccelerators.includes(f.accelerator)) {
        const near = didYouMean(f.accelerator, opts.knownAccelerators);
        throw new InputError('CATALOG_UNKNOWN_ACCELERATOR', `fleets[${i}] (${f.name}) accelerator: unknown accelerator "${f.accelerator}"`, {
          location: locate(src, ['fleets', i, 'accelerator']),
          ...(near ? { suggestion: `did you mean ${near}?` } : {}),
        });
      }
      byName.set(f.name, fleetSchema.parse(f));
    });
  }
  return [...byName.values()];
}
