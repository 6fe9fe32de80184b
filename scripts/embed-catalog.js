#!/usr/bin/env node
// Part of `npm run build`: validates hardware-catalog/*.yaml once and writes the normalised catalog, sorted and
// with its digest, to dist/builtin-catalog.json, which the CLI loads instead of parsing ~70 YAML files (and
// validating and hashing them) on every run. test/io/embedded-catalog.test.ts checks it against the YAML.
import { writeFileSync } from 'node:fs';
import { BUILTIN_CATALOG_DIR, EMBEDDED_CATALOG_FILE, embeddedCatalogJson, loadCatalogDirectory } from '../dist/io/load-catalog.js';

const c = loadCatalogDirectory(BUILTIN_CATALOG_DIR);
writeFileSync(EMBEDDED_CATALOG_FILE, embeddedCatalogJson(c));
console.error(`embedded catalog: ${c.accelerators.length} accelerators, ${c.offers.length} offers, ${c.digest}`);
