import { stringify } from 'yaml';
import { importPlainCsv, importSkypilot, type ImportResult } from '../catalog/index.js';
import { InputError, type Catalog, type PriceConfidence } from '../schema/index.js';
import { parseCsv } from './csv.js';
import { mergeUserCatalogFile } from './load-catalog.js';
import { INPUT_LIMITS, readInputFile } from './input-file.js';

/** Provider catalog CSVs are bigger than model files (SkyPilot's AWS vms.csv is a few MB): the input layer's csv cap. */
export const MAX_CSV_BYTES = INPUT_LIMITS.csv.maxBytes;

export type ImportFormat = 'skypilot' | 'csv';

export interface ImportRequest {
  from: ImportFormat;
  file: string;
  provider?: string;
  asOf: string;
  source?: string;
  priceConfidence?: PriceConfidence;
  knownAccelerators: ReadonlySet<string>;
}

/** Reads and converts one CSV; every problem is an InputError naming file:line:col. Writes nothing. */
export function importCatalogCsv(req: ImportRequest): ImportResult {
  const table = parseCsv(readInputFile(req.file, 'csv'), req.file);
  const opts = { asOf: req.asOf, knownAccelerators: req.knownAccelerators, ...(req.source ? { source: req.source } : {}), ...(req.priceConfidence ? { priceConfidence: req.priceConfidence } : {}) };
  if (req.from === 'skypilot') {
    if (!req.provider) throw new InputError('MISSING_OPTION', 'give --provider <id> (SkyPilot files do not name the provider)', { location: '--provider' });
    return importSkypilot(table, { ...opts, provider: req.provider });
  }
  return importPlainCsv(table, { ...opts, ...(req.provider ? { provider: req.provider } : {}) });
}

/** The user-catalog YAML for imported offers (what `--catalog` reads), with a comment saying where it came from. */
export function importedCatalogYaml(result: ImportResult, from: ImportFormat, file: string): string {
  const head = `# Written by \`trainplan catalog import --from ${from} ${file.split('/').pop()}\`: ${result.offers.length} offers.\n# Check it with \`trainplan catalog diff builtin <this file>\`, then use it with --catalog.\n`;
  return head + stringify({ offers: result.offers }, { lineWidth: 0 });
}

/** Only the offers (and accelerators) of one user catalog file, resolved against the built-in accelerators. */
export function loadCatalogFileOnly(base: Catalog, file: string): Catalog {
  return mergeUserCatalogFile({ ...base, offers: [] }, file);
}
