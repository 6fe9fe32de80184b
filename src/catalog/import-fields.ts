import { InputError, type OfferRow, type PriceConfidence, type UsdPerHour } from '../schema/index.js';
import type { CsvField, CsvRecord, CsvTable } from './import-types.js';

const NOT_OFFERED_SENTINEL = 1e6;

export const at = (t: CsvTable, f: { line: number; col: number }) => `${t.file}:${f.line}:${f.col}`;

export const importError = (t: CsvTable, f: { line: number; col: number }, message: string) =>
  new InputError('CSV_INVALID', message, { location: at(t, f) });

/** Column index by header name; required columns that are missing are an error on the header line. */
export function columns<K extends string>(t: CsvTable, required: readonly K[], optional: readonly string[] = []) {
  const index = new Map(t.header.map((h, i) => [h, i]));
  for (const name of required) {
    if (!index.has(name)) {
      throw new InputError('CSV_INVALID', `missing column "${name}" (header has: ${t.header.join(', ')})`, { location: `${t.file}:${t.headerLine}:1` });
    }
  }
  return (rec: CsvRecord, name: K | (typeof optional)[number]): CsvField | undefined => {
    const i = index.get(name);
    return i === undefined ? undefined : rec.fields[i];
  };
}

/**
 * A price cell: '' → null; otherwise a finite number ≥ 0. 0 and sentinels ≥ 1e6 USD/h mean "not offered"
 * (SkyPilot writes 0; its Prime Intellect fetcher writes 99999999 for "no spot").
 */
export function priceCell(t: CsvTable, f: CsvField | undefined): number | null {
  if (f === undefined || f.value.trim() === '') return null;
  const n = Number(f.value.trim());
  if (!Number.isFinite(n) || n < 0) throw importError(t, f, `expected a price in USD per hour, got "${f.value}"`);
  return n === 0 || n >= NOT_OFFERED_SENTINEL ? null : n;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** YYYY-MM-DD with a real month and day. */
export function isIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days[mo - 1]!;
}

export const ID = /^[a-z0-9][a-z0-9.-]*$/;

export interface ImportOptions {
  /** Our provider id for every row (SkyPilot) or for rows whose provider cell is empty (plain CSV). */
  provider?: string;
  asOf: string;
  /** Replaces the default source text (the file name). */
  source?: string;
  priceConfidence?: PriceConfidence;
  knownAccelerators: ReadonlySet<string>;
}

export const noPrices = (): UsdPerHour => ({ onDemand: null, spot: null, reserved1y: null, reserved3y: null });

/** Stable output: rows sorted by provider, then instance. */
export const byKey = (a: OfferRow, b: OfferRow) =>
  a.provider !== b.provider ? (a.provider < b.provider ? -1 : 1) : a.instance < b.instance ? -1 : a.instance > b.instance ? 1 : 0;
