import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCatalog } from '../../src/catalog/index.js';
import { BUILTIN_CATALOG_DIR, loadCatalogDirectory } from '../../src/io/load-catalog.js';
import { ROOT } from '../helpers/cli.js';

describe('embedded built-in catalog', () => {
  const file = join(ROOT, 'dist', 'builtin-catalog.json');
  it('the build writes dist/builtin-catalog.json', () => {
    expect(existsSync(file)).toBe(true);
  });
  it('is exactly the YAML catalog (same digest, same rows)', () => {
    const yaml = loadCatalogDirectory(BUILTIN_CATALOG_DIR);
    const embedded = createCatalog(JSON.parse(readFileSync(file, 'utf8')));
    expect(embedded.digest).toBe(yaml.digest);
    expect(embedded.offers).toEqual(yaml.offers);
  });
});
