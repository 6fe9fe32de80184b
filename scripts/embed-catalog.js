#!/usr/bin/env node
// Part of `npm run build`: validates hardware-catalog/*.yaml once and writes the normalised catalog (sorted, with
// its digest), the grid intensities and the purchase prices to dist/builtin-catalog.json, which the CLI reads
// instead of parsing, validating and hashing ~70 YAML files on every run. test/io/embedded-catalog.test.ts
// checks it against the YAML.
import { writeFileSync } from 'node:fs';
import { EMBEDDED_CATALOG_FILE, embeddedCatalogJson } from '../dist/io/builtin-snapshot.js';
import { BUILTIN_CATALOG_DIR, loadCatalogDirectory } from '../dist/io/load-catalog.js';
import { readGridIntensityFile, readPurchasePricesFile } from '../dist/io/load-economics.js';

const catalog = loadCatalogDirectory(BUILTIN_CATALOG_DIR);
const gridIntensity = readGridIntensityFile(BUILTIN_CATALOG_DIR);
const purchasePrices = readPurchasePricesFile(BUILTIN_CATALOG_DIR);
writeFileSync(EMBEDDED_CATALOG_FILE, embeddedCatalogJson({ catalog, gridIntensity, purchasePrices }));
console.error(`embedded catalog: ${catalog.accelerators.length} accelerators, ${catalog.offers.length} offers, ${gridIntensity.regions.length} grid regions, ${purchasePrices.prices.length} purchase prices, ${catalog.digest}`);
