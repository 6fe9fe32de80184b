import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogDigest } from '../../src/catalog/index.js';
import { embeddedCatalogJson, embeddedCatalogSchema } from '../../src/io/builtin-snapshot.js';
import { BUILTIN_CATALOG_DIR, loadCatalogDirectory } from '../../src/io/load-catalog.js';
import { readGridIntensityFile, readPurchasePricesFile } from '../../src/io/load-economics.js';
import { loadBuiltinCatalog, loadGridIntensity, loadPurchasePrices } from '../../dist/io/index.js';
import { ROOT } from '../helpers/cli.js';

/**
 * The CLI reads dist/builtin-catalog.json without validating or hashing it, so this test is its validation:
 * it must be hardware-catalog/ exactly (the same rows, sorted, the right digest) and pass the strict schemas.
 */
describe('embedded built-in catalog', () => {
  const file = join(ROOT, 'dist', 'builtin-catalog.json');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const yaml = loadCatalogDirectory(BUILTIN_CATALOG_DIR);
  const gridIntensity = readGridIntensityFile(BUILTIN_CATALOG_DIR);
  const purchasePrices = readPurchasePricesFile(BUILTIN_CATALOG_DIR);

  it('the build writes dist/builtin-catalog.json, and it is what the YAML gives today (not out of date)', () => {
    expect(existsSync(file)).toBe(true);
    expect(text).toBe(embeddedCatalogJson({ catalog: yaml, gridIntensity, purchasePrices }));
  });

  it('is exactly the YAML: same digest, same rows, and the digest is the rows\' digest', () => {
    const data = JSON.parse(text) as Record<string, never>;
    expect(data.digest).toBe(yaml.digest);
    expect(catalogDigest(data.accelerators, data.offers, data.snapshotDate)).toBe(data.digest);
    expect(data.offers).toStrictEqual(yaml.offers);
    expect(data.accelerators).toStrictEqual(yaml.accelerators);
    expect(data.snapshotDate).toBe(yaml.snapshotDate);
    expect(data.gridIntensity).toStrictEqual(gridIntensity);
    expect(data.purchasePrices).toStrictEqual(purchasePrices);
  });

  it('passes the strict snapshot schema unchanged (what the run time no longer checks)', () => {
    const data: unknown = JSON.parse(text);
    expect(embeddedCatalogSchema.parse(data)).toStrictEqual(data);
  });

  it('the built loaders return the snapshot as it stands, with nothing added or reordered', () => {
    const { format, gridIntensity: g, purchasePrices: p, ...catalog } = JSON.parse(text) as Record<string, unknown>;
    expect(format).toBe(2);
    expect(JSON.stringify(loadBuiltinCatalog())).toBe(JSON.stringify(catalog));
    expect(JSON.stringify(loadGridIntensity())).toBe(JSON.stringify(g));
    expect(JSON.stringify(loadPurchasePrices())).toBe(JSON.stringify(p));
    expect(JSON.stringify(loadGridIntensity())).toBe(JSON.stringify(gridIntensity));
  });

  it('a YAML file newer than the snapshot (edited since the build) makes the loaders read the YAML', () => {
    const used = () => spawnSync(process.execPath, ['--input-type=module', '-e', "const m = await import('./dist/io/builtin-snapshot.js'); process.stdout.write(String(m.readSnapshot() !== null));"], { cwd: ROOT, encoding: 'utf8' }).stdout;
    const yamlFile = join(ROOT, 'hardware-catalog', 'offers', 'aws.yaml');
    const { atime, mtime } = statSync(yamlFile);
    expect(used()).toBe('true');
    try {
      utimesSync(yamlFile, atime, new Date(statSync(file).mtimeMs + 60_000));
      expect(used()).toBe('false');
    } finally {
      utimesSync(yamlFile, atime, mtime);
    }
    expect(used()).toBe('true');
  });
});
