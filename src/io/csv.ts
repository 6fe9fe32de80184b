import { InputError } from '../schema/index.js';
import type { CsvRecord, CsvTable } from '../catalog/index.js';

/**
 * RFC 4180 CSV (https://www.rfc-editor.org/rfc/rfc4180, sections 2.1–2.7): comma-separated fields,
 * fields in double quotes may hold commas, line breaks and doubled quotes (""); CRLF or LF line ends;
 * a UTF-8 byte-order mark is skipped. Every field keeps its 1-based line and column so that the
 * importers can name the exact cell of a bad value. Written here (not a dependency) because the
 * position of each field is what the error messages need, and the grammar is twenty lines.
 */
export function parseCsv(text: string, file: string): CsvTable {
  const records: CsvRecord[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = i;
  const bad = (l: number, c: number, message: string) => new InputError('CSV_INVALID', message, { location: `${file}:${l}:${c}` });
  while (i < text.length) {
    const rec: CsvRecord = { line, fields: [] };
    for (;;) {
      const col = i - lineStart + 1;
      const fLine = line;
      let value = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) throw bad(fLine, col, 'unterminated quoted field (no closing ")');
          const ch = text[i]!;
          if (ch === '"') {
            if (text[i + 1] === '"') { value += '"'; i += 2; continue; }
            i++;
            break;
          }
          if (ch === '\n') { line++; lineStart = i + 1; }
          value += ch;
          i++;
        }
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') throw bad(line, i - lineStart + 1, 'unexpected character after a closing quote (expected , or end of line)');
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          if (text[i] === '"') throw bad(line, i - lineStart + 1, 'a quote inside an unquoted field (quote the whole field and double the quote)');
          value += text[i];
          i++;
        }
      }
      rec.fields.push({ value, line: fLine, col });
      if (text[i] === ',') { i++; continue; }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      lineStart = i;
      break;
    }
    const blank = rec.fields.length === 1 && rec.fields[0]!.value.trim() === '';
    if (!blank) records.push(rec);
  }
  const [header, ...rows] = records;
  if (!header) throw bad(1, 1, 'empty CSV file (expected a header line)');
  const width = header.fields.length;
  for (const r of rows) {
    if (r.fields.length !== width) {
      const f = r.fields[Math.min(width, r.fields.length - 1)]!;
      throw bad(r.line, f.col, `${r.fields.length} fields, the header has ${width}`);
    }
  }
  return { file, header: header.fields.map((f) => f.value.trim()), headerLine: header.line, rows };
}
