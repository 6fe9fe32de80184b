#!/usr/bin/env node
// Part of `npm run build`: validates hardware-catalog/*.yaml once and writes the normalised catalog to
// dist/builtin-catalog.json, which the CLI loads instead of parsing ~50 YAML files on every run.
import { writeFileSync } from 'node:fs';
import { BUILTIN_CATALOG_DIR, EMBEDDED_CATALOG_FILE, loadCatalogDirectory } from '../dist/io/load-catalog.js';

const c = loadCatalogDirectory(BUILTIN_CATALOG_DIR);
writeFileSync(EMBEDDED_CATALOG_FILE, JSON.stringify({ snapshotDate: c.snapshotDate, accelerators: c.accelerators, offers: c.offers }));
console.error(`embedded catalog: ${c.accelerators.length} accelerators, ${c.offers.length} offers, ${c.digest}`);
