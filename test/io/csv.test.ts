import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/io/csv.js';
import { InputError } from '../../src/schema/index.js';

const err = (text: string) => {
  try {
    parseCsv(text, 'f.csv');
  } catch (e) {
    return e instanceof InputError ? `${e.location}: ${e.message}` : String(e);
  }
  return 'no error';
};

describe('parseCsv (RFC 4180)', () => {
  it('keeps commas, doubled quotes and line breaks inside quoted fields, with positions', () => {
    const t = parseCsv('\ufeffa,b,c\r\n1,"x, ""y""",3\n"multi\nline",,z\n\n', 'f.csv');
    expect(t.header).toEqual(['a', 'b', 'c']);
    expect(t.rows.map((r) => r.fields.map((f) => f.value))).toEqual([['1', 'x, "y"', '3'], ['multi\nline', '', 'z']]);
    expect(t.rows[0]!.fields[2]).toMatchObject({ line: 2, col: 14 });
    expect(t.rows[1]!.fields[1]).toMatchObject({ line: 4, col: 7 });
  });

  it.each([
    ['a,b\n1,"open\n', 'f.csv:2:3: unterminated quoted field'],
    ['a,b\n1,2,3\n', 'f.csv:2:5: 3 fields, the header has 2'],
    ['a,b\n1\n', 'f.csv:2:1: 1 fields, the header has 2'],
    ['a,b\n1,x"y\n', 'f.csv:2:4: a quote inside an unquoted field'],
    ['a,b\n1,"x"y\n', 'f.csv:2:6: unexpected character after a closing quote'],
    ['', 'f.csv:1:1: empty CSV file'],
  ])('names line and column: %j', (text, expected) => {
    expect(err(text)).toContain(expected);
  });
});
