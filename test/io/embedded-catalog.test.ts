import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogDigest } from '../../src/catalog/index.js';
import { BUILTIN_CATALOG_DIR, embeddedCatalogJson, embeddedCatalogSchema, loadCatalogDirectory } from '../../src/io/load-catalog.js';
import { loadBuiltinCatalog } from '../../dist/io/load-catalog.js';
import { ROOT } from '../helpers/cli.js';

/**
 * The CLI loads dist/builtin-catalog.json without validating or hashing it, so this test is its validation:
 * it must be hardware-catalog/ exactly (the same rows, sorted, the right digest) and pass the strict schemas.
 */
describe('embedded built-in catalog', () => {
  const file = join(ROOT, 'dist', 'builtin-catalog.json');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const yaml = loadCatalogDirectory(BUILTIN_CATALOG_DIR);

  it('the build writes dist/builtin-catalog.json, and it is what the YAML gives today (not out of date)', () => {
    expect(existsSync(file)).toBe(true);
    expect(text).toBe(embeddedCatalogJson(yaml));
  });

  it('is exactly the YAML catalog: same digest, same rows, and the digest is the rows\' digest', () => {
    const data = JSON.parse(text) as { digest: string; snapshotDate: string; accelerators: never[]; offers: never[] };
    expect(data.digest).toBe(yaml.digest);
    expect(catalogDigest(data.accelerators, data.offers, data.snapshotDate)).toBe(data.digest);
    expect(data.offers).toEqual(yaml.offers);
    expect(data.accelerators).toEqual(yaml.accelerators);
    expect(data.snapshotDate).toBe(yaml.snapshotDate);
  });

  it('passes the strict snapshot schema unchanged (what the run time no longer checks)', () => {
    const data: unknown = JSON.parse(text);
    expect(embeddedCatalogSchema.parse(data)).toEqual(data);
  });

  it('the built loader returns the snapshot as it stands, with nothing added or reordered', () => {
    const { format, ...snapshot } = JSON.parse(text) as Record<string, unknown>;
    expect(format).toBe(1);
    expect(JSON.stringify(loadBuiltinCatalog())).toBe(JSON.stringify(snapshot));
  });
});
