/** One CSV field with its 1-based position in the file (for error messages). */
export interface CsvField {
  value: string;
  line: number;
  col: number;
}

export interface CsvRecord {
  line: number;
  fields: CsvField[];
}

/** A parsed CSV file: trimmed header names and the data records (blank lines dropped). */
export interface CsvTable {
  file: string;
  header: string[];
  headerLine: number;
  rows: CsvRecord[];
}

/** What an importer produced: user-catalog offer rows plus what it skipped and why. */
export interface ImportResult {
  offers: import('../schema/index.js').OfferRow[];
  rowsRead: number;
  /** Rows without an accelerator (CPU-only instances). */
  cpuOnlyRows: number;
  /** Rows (or instances) skipped for a stated reason: no instance type, fractional GPUs, no price. */
  skipped: { reason: string; count: number }[];
  /** Accelerator names the mapping table does not know, sorted, each once. */
  unknownAccelerators: string[];
}
