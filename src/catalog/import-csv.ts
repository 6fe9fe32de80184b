import { PRICING_KEY, pricingSchema, priceConfidenceSchema, type OfferRow, type UsdPerHour } from '../schema/index.js';
import { mapAcceleratorName } from './accelerator-names.js';
import { byKey, columns, ID, importError, isIsoDate, noPrices, priceCell, type ImportOptions } from './import-fields.js';
import type { CsvField, CsvTable, ImportResult } from './import-types.js';

/** The documented plain CSV columns (hardware-catalog/README.md); notes, priceConfidence, maxInstances, termMaxDays, termMaxInstances optional. */
export const PLAIN_CSV_COLUMNS = ['provider', 'instance', 'accelerator', 'count', 'pricing', 'usdPerHour', 'region', 'asOf', 'source'] as const;
const OPTIONAL = ['notes', 'priceConfidence', 'maxInstances', 'termMaxDays', 'termMaxInstances'];

interface Draft {
  row: OfferRow;
  /** The asOf of each pricing model's line. */
  dates: Partial<Record<keyof UsdPerHour, string>>;
  sources: string[];
  notes: string[];
  accField: CsvField;
}

/**
 * Plain CSV, one price per line (`provider,instance,accelerator,count,pricing,usdPerHour,region,asOf,source`),
 * so quotes can be pasted from an e-mail or a spreadsheet. Lines with the same provider and instance merge
 * into one offer: one price per pricing model, regions in order of appearance, asOf = the oldest line's
 * date (the catalog's rule) and asOfByPricing when the lines' dates differ, sources joined. Accelerator: our id or a name from the mapping table.
 */
export function importPlainCsv(t: CsvTable, opts: ImportOptions): ImportResult {
  const col = columns(t, PLAIN_CSV_COLUMNS, OPTIONAL);
  const drafts = new Map<string, Draft>();
  const unknown = new Set<string>();
  for (const rec of t.rows) {
    const get = (name: (typeof PLAIN_CSV_COLUMNS)[number]) => col(rec, name)!;
    const text = (name: (typeof PLAIN_CSV_COLUMNS)[number]) => get(name).value.trim();
    const provider = text('provider') || opts.provider || '';
    if (!ID.test(provider)) throw importError(t, get('provider'), `expected a lower-case provider id such as aws, got "${text('provider')}" (or pass --provider)`);
    const instance = text('instance');
    if (instance === '') throw importError(t, get('instance'), 'empty instance');
    const accName = text('accelerator');
    if (accName === '') throw importError(t, get('accelerator'), 'empty accelerator');
    const count = Number(text('count'));
    if (!Number.isInteger(count) || count <= 0) throw importError(t, get('count'), `expected a whole number of accelerators per instance, got "${text('count')}"`);
    const pricing = pricingSchema.safeParse(text('pricing'));
    if (!pricing.success) throw importError(t, get('pricing'), `expected one of ${pricingSchema.options.join(', ')}, got "${text('pricing')}"`);
    const price = priceCell(t, get('usdPerHour'));
    if (price === null) throw importError(t, get('usdPerHour'), 'expected a price greater than 0 in USD per instance-hour');
    const asOf = text('asOf') || opts.asOf;
    if (!isIsoDate(asOf)) throw importError(t, get('asOf'), `expected a date YYYY-MM-DD, got "${text('asOf')}"`);
    const conf = col(rec, 'priceConfidence')?.value.trim() ?? '';
    const confidence = priceConfidenceSchema.safeParse(conf || opts.priceConfidence || 'list');
    if (!confidence.success) throw importError(t, col(rec, 'priceConfidence')!, `expected list, reseller or third-party, got "${conf}"`);
    const maxField = col(rec, 'maxInstances');
    const maxText = maxField?.value.trim() ?? '';
    const maxInstances = maxText === '' ? undefined : Number(maxText);
    if (maxInstances !== undefined && (!Number.isInteger(maxInstances) || maxInstances <= 0)) throw importError(t, maxField!, `expected a whole number of instances, got "${maxText}"`);
    // Term limits of this line's pricing model (a Capacity Block's 182 days and 64 instances …).
    const termField = col(rec, 'termMaxDays');
    const termText = termField?.value.trim() ?? '';
    const termDays = termText === '' ? undefined : Number(termText);
    if (termDays !== undefined && (!Number.isFinite(termDays) || termDays <= 0 || termDays > 3650)) throw importError(t, termField!, `expected the pricing model's longest term in days (0 < days ≤ 3650), got "${termText}"`);
    const termInstField = col(rec, 'termMaxInstances');
    const termInstText = termInstField?.value.trim() ?? '';
    const termInstances = termInstText === '' ? undefined : Number(termInstText);
    if (termInstances !== undefined && (!Number.isInteger(termInstances) || termInstances <= 0)) throw importError(t, termInstField!, `expected a whole number of instances, got "${termInstText}"`);
    if (termInstances !== undefined && termDays === undefined) throw importError(t, termInstField!, 'termMaxInstances needs termMaxDays on the same line');
    const id = mapAcceleratorName(accName, opts.knownAccelerators, provider);
    if (id === undefined) { unknown.add(accName); continue; }
    const region = text('region') || 'unknown';
    const source = text('source') || opts.source || `${t.file.split('/').pop()} (trainplan catalog import --from csv)`;
    const key = `${provider}/${instance}`;
    let d = drafts.get(key);
    if (!d) {
      d = { row: { provider, instance, accelerator: id, acceleratorCount: count, regions: [], usdPerHour: noPrices(), priceConfidence: confidence.data, asOf, source }, dates: {}, sources: [], notes: [], accField: get('accelerator') };
      drafts.set(key, d);
    } else if (d.row.accelerator !== id || d.row.acceleratorCount !== count) {
      throw importError(t, d.row.accelerator !== id ? get('accelerator') : get('count'), `${key} is ${d.row.accelerator} x ${d.row.acceleratorCount} at line ${d.accField.line}`);
    }
    const slot = PRICING_KEY[pricing.data];
    if ((d.row.usdPerHour[slot] ?? null) !== null) throw importError(t, get('pricing'), `${key} already has a ${pricing.data} price (one line per pricing model)`);
    d.row.usdPerHour[slot] = price;
    d.dates[slot] = asOf;
    if (termDays !== undefined) d.row.termLimits = { ...d.row.termLimits, [slot]: { maxDays: termDays, ...(termInstances !== undefined ? { maxInstances: termInstances } : {}) } };
    if (!d.row.regions.includes(region)) d.row.regions.push(region);
    if (asOf < d.row.asOf) d.row.asOf = asOf;
    if (!d.sources.includes(source)) d.sources.push(source);
    const note = col(rec, 'notes')?.value.trim();
    if (note && !d.notes.includes(note)) d.notes.push(note);
    if (maxInstances !== undefined) d.row.maxInstances = maxInstances;
    // The weakest confidence of the lines wins: the offer is no surer than its least sure price.
    if (confidenceRank(confidence.data) > confidenceRank(d.row.priceConfidence!)) d.row.priceConfidence = confidence.data;
  }
  const offers = [...drafts.values()].map((d) => {
    // One asOf per pricing model when the lines were read on different days (the row's asOf stays the oldest).
    const byPricing = new Set(Object.values(d.dates)).size > 1 ? { asOfByPricing: d.dates } : {};
    return { ...d.row, ...byPricing, source: d.sources.join('; '), ...(d.notes.length ? { notes: d.notes.join('; ') } : {}) };
  });
  return { offers: offers.sort(byKey), rowsRead: t.rows.length, cpuOnlyRows: 0, skipped: [], unknownAccelerators: [...unknown].sort() };
}

const confidenceRank = (c: string) => ['list', 'reseller', 'third-party'].indexOf(c);
