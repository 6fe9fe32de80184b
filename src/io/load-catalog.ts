import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCatalog, duplicateKeys, mergeCatalogs, offerKey, resolveOffer } from '../catalog/index.js';
import {
  InputError,
  acceleratorFileSchema,
  catalogManifestSchema,
  didYouMean,
  normaliseAccelerator,
  offerFileSchema,
  userCatalogFileSchema,
  type AcceleratorSpec,
  type Catalog,
  type Offer,
  type OfferRow,
} from '../schema/index.js';
import { BUILTIN_CATALOG_DIR, readSnapshot } from './builtin-snapshot.js';
import { readInputFile } from './input-file.js';
import { locate, parseYaml, validate, type YamlSource } from './yaml-file.js';

const CODE = 'CATALOG_INVALID';

export { BUILTIN_CATALOG_DIR };

/** Reads and parses one catalog YAML file through the guarded input layer (input-file.ts, yaml-file.ts). */
export function readSource(file: string): YamlSource {
  return parseYaml(readInputFile(file, 'catalog'), file, CODE);
}

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(dir, f));

/** Rows of a list: "offers[3] (aws/p5.48xlarge)" so an error names the row as well as the line. */
function rowLabel(data: unknown, provider?: string) {
  return (path: readonly PropertyKey[]): string => {
    const [section, index] = path;
    if (typeof section !== 'string' || typeof index !== 'number') return '';
    const row = (data as Record<string, unknown[]> | null)?.[section]?.[index] as Record<string, unknown> | undefined;
    if (row === null || typeof row !== 'object') return `${section}[${index}]`;
    const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '?');
    const name = section === 'offers' ? `${text(row.provider ?? provider)}/${text(row.instance)}` : text(row.id ?? row.name);
    return `${section}[${index}] (${name})`;
  };
}

/** Resolve offer rows against known accelerators; unknown ids and duplicated keys are errors at their line. */
function resolveRows(src: YamlSource, rows: OfferRow[], known: Map<string, AcceleratorSpec>): Offer[] {
  const dup = duplicateKeys(rows, offerKey)[0];
  if (dup) {
    throw new InputError('CATALOG_DUPLICATE_OFFER', `offers[${dup.index}] (${dup.key}): duplicated key provider/instance (first at offers[${dup.firstIndex}])`, {
      location: locate(src, ['offers', dup.index, 'instance']),
    });
  }
  return rows.map((row, i) => {
    const spec = known.get(row.accelerator);
    if (spec) return resolveOffer(row, spec);
    const best = didYouMean(row.accelerator, [...known.keys()]);
    throw new InputError('CATALOG_UNKNOWN_ACCELERATOR', `offers[${i}] (${offerKey(row)}) accelerator: unknown accelerator "${row.accelerator}"`, {
      location: locate(src, ['offers', i, 'accelerator']),
      ...(best ? { suggestion: `did you mean ${best}?` } : {}),
    });
  });
}

let builtin: Catalog | undefined;

/**
 * The catalog shipped with the package (cached after the first call): the build's JSON snapshot
 * (builtin-snapshot.ts; validated by the build and by a test) when present and fresh, else the YAML files of
 * hardware-catalog/, read and validated.
 */
export function loadBuiltinCatalog(dir: string = BUILTIN_CATALOG_DIR): Catalog {
  if (dir !== BUILTIN_CATALOG_DIR) return loadCatalogDirectory(dir);
  builtin ??= readSnapshot()?.catalog ?? loadCatalogDirectory(dir);
  return builtin;
}

/** Reads and validates a catalog directory (catalog.yaml, accelerators/*.yaml, offers/*.yaml). */
export function loadCatalogDirectory(dir: string): Catalog {
  const manifest = validate(readSource(join(dir, 'catalog.yaml')), catalogManifestSchema, CODE, () => '');
  const accelerators = new Map<string, AcceleratorSpec>();
  for (const file of yamlFiles(join(dir, 'accelerators'))) {
    const src = readSource(file);
    const spec = normaliseAccelerator(validate(src, acceleratorFileSchema, CODE, () => ''));
    if (`${spec.id}.yaml` !== basename(file)) throw new InputError(CODE, `id "${spec.id}" must match the file name`, { location: locate(src, ['id']) });
    accelerators.set(spec.id, spec);
  }
  const offers: Offer[] = [];
  const seen = new Set<string>();
  for (const file of yamlFiles(join(dir, 'offers'))) {
    const src = readSource(file);
    const parsed = validate(src, offerFileSchema, CODE, rowLabel(src.data, (src.data as { provider?: string } | null)?.provider));
    if (`${parsed.provider}.yaml` !== basename(file)) throw new InputError(CODE, `provider "${parsed.provider}" must match the file name`, { location: locate(src, ['provider']) });
    const rows = parsed.offers.map((r) => ({ provider: parsed.provider, ...r }));
    for (const offer of resolveRows(src, rows, accelerators)) {
      if (seen.has(offerKey(offer))) throw new InputError('CATALOG_DUPLICATE_OFFER', `duplicated offer ${offerKey(offer)}`, { location: file });
      seen.add(offerKey(offer));
      offers.push(offer);
    }
  }
  return createCatalog({ accelerators: [...accelerators.values()], offers, snapshotDate: manifest.snapshotDate });
}

/** Merge one user catalog file over `base`; rows with an existing key override the base row. */
export function mergeUserCatalogFile(base: Catalog, file: string): Catalog {
  const src = readSource(file);
  const parsed = validate(src, userCatalogFileSchema, CODE, rowLabel(src.data));
  const accRows = parsed.accelerators ?? [];
  const dup = duplicateKeys(accRows, (a) => a.id)[0];
  if (dup) throw new InputError(CODE, `accelerators[${dup.index}] (${dup.key}): duplicated id`, { location: locate(src, ['accelerators', dup.index, 'id']) });
  const accelerators = accRows.map(normaliseAccelerator);
  const known = new Map(base.accelerators.map((a) => [a.id, a]));
  for (const a of accelerators) known.set(a.id, a);
  return mergeCatalogs(base, { accelerators, offers: resolveRows(src, parsed.offers ?? [], known) });
}

/** User catalog paths: TRAINPLAN_CATALOG (':'-separated) first, then --catalog flags; later files win. */
export function userCatalogPaths(files: readonly string[], env: Record<string, string | undefined>): string[] {
  const fromEnv = (env.TRAINPLAN_CATALOG ?? '').split(':').filter((p) => p.trim() !== '');
  return [...fromEnv, ...files];
}

/** The built-in catalog with every user catalog merged over it. */
export function loadCatalog(opts: { files?: readonly string[]; env?: Record<string, string | undefined> } = {}): Catalog {
  return userCatalogPaths(opts.files ?? [], opts.env ?? {}).reduce(mergeUserCatalogFile, loadBuiltinCatalog());
}
