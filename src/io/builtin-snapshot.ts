import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { createCatalog } from '../catalog/index.js';
import {
  acceleratorSpecSchema,
  gridIntensityFileSchema,
  offerSchema,
  purchasePricesFileSchema,
  type Catalog,
  type GridIntensityFile,
  type PurchasePricesFile,
} from '../schema/index.js';

/**
 * The build's JSON snapshot of hardware-catalog/ (scripts/embed-catalog.js writes it next to dist/): the
 * catalog, the grid intensities and the purchase prices, validated once by `npm run build`, so a run reads one
 * JSON file instead of parsing, validating and hashing ~70 YAML files (test/io/embedded-catalog.test.ts is its
 * validation: strict schemas, digest, equal to the YAML).
 */
export const EMBEDDED_CATALOG_FILE = fileURLToPath(new URL('../builtin-catalog.json', import.meta.url));

/** hardware-catalog/ of the installed package (works from src/io, dist/io and dist/bundle alike, from any cwd). */
export const BUILTIN_CATALOG_DIR = fileURLToPath(new URL('../../hardware-catalog/', import.meta.url));

/** The tsc output the snapshot's layout follows (written before the snapshot by `npm run build`). */
const SCHEMA_BUILD_FILE = fileURLToPath(new URL('../schema/catalog.js', import.meta.url));

/**
 * Whether the snapshot is at least as new as everything it was made from: the YAML files and their folders
 * (an added or removed file changes its folder) and the schemas' build. A YAML edited, or a lone `tsc` run,
 * since the last `npm run build` makes the loaders read the YAML again, so a run never sees stale data.
 * About 75 stats; an installed package's files share one mtime, which passes.
 */
function snapshotIsFresh(): boolean {
  try {
    const made = statSync(EMBEDDED_CATALOG_FILE).mtimeMs;
    const newer = (path: string) => statSync(path).mtimeMs > made;
    if (newer(SCHEMA_BUILD_FILE) || newer(BUILTIN_CATALOG_DIR)) return false;
    for (const name of ['catalog.yaml', 'grid-intensity.yaml', 'purchase-prices.yaml']) if (newer(join(BUILTIN_CATALOG_DIR, name))) return false;
    for (const sub of ['accelerators', 'offers']) {
      const dir = join(BUILTIN_CATALOG_DIR, sub);
      if (newer(dir) || readdirSync(dir).some((f) => f.endsWith('.yaml') && newer(join(dir, f)))) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/** Bumped when the snapshot's layout changes; a snapshot of another format is ignored (the YAML is read). */
const EMBEDDED_FORMAT = 2;

/** What the snapshot holds: the data exactly as these schemas parse it. */
export const embeddedCatalogSchema = z.strictObject({
  format: z.literal(EMBEDDED_FORMAT),
  snapshotDate: z.string(),
  digest: z.string(),
  accelerators: z.array(acceleratorSpecSchema),
  offers: z.array(offerSchema),
  gridIntensity: gridIntensityFileSchema,
  purchasePrices: purchasePricesFileSchema,
});

export interface BuiltinData {
  catalog: Catalog;
  gridIntensity: GridIntensityFile;
  purchasePrices: PurchasePricesFile;
}

/** The snapshot's text: the validated data put through the schemas once more, the catalog sorted and with its digest. */
export function embeddedCatalogJson(data: BuiltinData): string {
  const { catalog: c, gridIntensity, purchasePrices } = data;
  const parsed = embeddedCatalogSchema.omit({ format: true, digest: true }).parse({
    snapshotDate: c.snapshotDate, accelerators: c.accelerators, offers: c.offers, gridIntensity, purchasePrices,
  });
  const { accelerators, offers, snapshotDate } = parsed;
  return JSON.stringify({ format: EMBEDDED_FORMAT, ...createCatalog({ accelerators, offers, snapshotDate }), gridIntensity: parsed.gridIntensity, purchasePrices: parsed.purchasePrices });
}

let snapshot: BuiltinData | null | undefined;

/**
 * The snapshot (read once per process), or null when it is missing, older than its sources or of another
 * format. Not re-validated at run time: the build wrote it from the validated YAML.
 */
export function readSnapshot(): BuiltinData | null {
  if (snapshot !== undefined) return snapshot;
  if (!snapshotIsFresh()) return (snapshot = null);
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(readFileSync(EMBEDDED_CATALOG_FILE, 'utf8')) as Record<string, unknown>;
  } catch {
    return (snapshot = null);
  }
  const { accelerators, offers, snapshotDate, digest, gridIntensity, purchasePrices } = data;
  const ok = data.format === EMBEDDED_FORMAT && Array.isArray(accelerators) && Array.isArray(offers) && typeof snapshotDate === 'string' && typeof digest === 'string'
    && typeof gridIntensity === 'object' && gridIntensity !== null && typeof purchasePrices === 'object' && purchasePrices !== null;
  snapshot = ok
    ? { catalog: { accelerators, offers, snapshotDate, digest } as Catalog, gridIntensity: gridIntensity as GridIntensityFile, purchasePrices: purchasePrices as PurchasePricesFile }
    : null;
  return snapshot;
}
