import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { chooseColumns, count, duration, fitColumns, int, keyValueRows, renderColumns, shortDays, tableView, textWidth, usd, wrapText, type Column } from '../../src/report/index.js';
import { InputError } from '../../src/schema/index.js';

const plain = new Chalk({ level: 0 });

describe('one number format', () => {
  it.each([
    [995.8, '$995.80'], [1080, '$1.08K'], [9999, '$10.00K'], [995_800, '$995.8K'], [1_120_000, '$1.12M'], [2.4e9, '$2.40B'], [-1500, '-$1.50K'],
  ])('usd(%d) = %s', (x, s) => expect(usd(x)).toBe(s));
  it('usd(null) is n/a', () => expect(usd(null)).toBe('n/a'));

  it.each([
    [950, '950'], [999.6, '1.00K'], [12_500, '12.5K'], [447_000, '447K'], [999_960, '1.00M'], [1_990_000, '1.99M'], [4.87e9, '4.87B'], [1.2e13, '12.0T'],
  ])('count(%d) = %s (three significant digits)', (n, s) => expect(count(n)).toBe(s));

  it.each([[16384, '16,384'], [1024, '1,024'], [999, '999'], [1_234_567, '1,234,567'], [-2048, '-2,048']])('int(%d) = %s', (n, s) => expect(int(n)).toBe(s));

  it.each([
    [0.8737, '873.7 ms'], [1.42, '1.42 s'], [600, '10.0 min'], [7 * 3600 + 12 * 60, '7 h 12 min'], [36.3 * 86400, '36.3 days'],
  ])('duration(%d s) = %s (hours and minutes under a day)', (s, t) => expect(duration(s)).toBe(t));

  it.each([[36.31, '36.3'], [0.3, '7.2 h'], [0.02, '29 min'], [2808.2, '2,808']])('shortDays(%d) = %s', (d, t) => expect(shortDays(d)).toBe(t));
});

type Row = { a: string; b: string; c: string };
const COLS: Column<Row>[] = [
  { id: 'a', header: 'A', cell: (r) => r.a, defaultView: true },
  { id: 'b', header: 'B', cell: (r) => r.b, defaultView: true, shrink: true, minWidth: 6 },
  { id: 'c', header: 'C', cell: (r) => r.c, defaultView: true, dropOrder: 1 },
  { id: 'd', header: 'D', cell: () => 'detail' },
];
const ROWS: Row[] = [{ a: 'alpha', b: 'a-rather-long-instance-name', c: 'gamma-gamma' }];

describe('columns: default view, --wide, --columns and fitting', () => {
  it('the default view takes defaultView columns; --wide all; --columns picks in order', () => {
    expect(chooseColumns(COLS, {}).map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(chooseColumns(COLS, { wide: true }).map((c) => c.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(chooseColumns(COLS, { columns: ['d', 'a'] }).map((c) => c.id)).toEqual(['d', 'a']);
  });

  it('an unknown column is an InputError naming --columns, with a did-you-mean and the list', () => {
    try {
      chooseColumns(COLS, { columns: ['a', 'dd'] });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).location).toBe('--columns');
      expect((e as InputError).suggestion).toMatch(/^did you mean d\? \(columns: a, b, c, d\)/);
    }
  });

  it('fits by cutting shrinkable cells first, then dropping by dropOrder, and says what it hid', () => {
    const cells = ROWS.map((r) => COLS.slice(0, 3).map((c) => c.cell(r)));
    const full = 5 + 2 + 27 + 2 + 11;
    expect(fitColumns(COLS.slice(0, 3), cells, { width: full }).cells[0]).toEqual(['alpha', 'a-rather-long-instance-name', 'gamma-gamma']);
    const cut = fitColumns(COLS.slice(0, 3), cells, { width: full - 10 });
    expect(cut.cells[0]![1]).toBe('a-rather-long-in…'); // 27 − 10 = 17 columns: 16 characters and the ellipsis
    expect(cut.hidden).toEqual([]);
    const dropped = fitColumns(COLS.slice(0, 3), cells, { width: 20 });
    expect(dropped.hidden).toEqual(['c']);
    expect(dropped.cells[0]![1]).toBe('a-rather-lon…'); // without c: 5 + 2 + 13 = 20
    const text = renderColumns(COLS, ROWS, 'table', plain, { width: 20 });
    expect(textWidth(text.split('\n').slice(0, 3).join('\n'))).toBeLessThanOrEqual(20);
    expect(text).toMatch(/\(c hidden to fit 20 columns; --wide shows every column\)/);
  });

  it('--wide and --columns are never cut', () => {
    const text = renderColumns(COLS, ROWS, 'table', plain, { width: 20, wide: true });
    expect(text).toContain('a-rather-long-instance-name');
    expect(text).toContain('detail');
  });

  it('the view width: COLUMNS, else the terminal width, else 100', () => {
    expect(tableView({}, { columnsEnv: '160', ttyColumns: 80 }).width).toBe(160);
    expect(tableView({}, { columnsEnv: undefined, ttyColumns: 80 }).width).toBe(80);
    expect(tableView({}, { columnsEnv: undefined, ttyColumns: undefined }).width).toBe(100);
    expect(tableView({}, { columnsEnv: 'wide', ttyColumns: undefined }).width).toBe(100);
  });
});

describe('prose that fits', () => {
  it('wraps at the width, keeping the indentation and indenting continuations', () => {
    const text = wrapText('  one two three four five six seven', 14, 4);
    expect(text.split('\n')).toEqual(['  one two', '    three four', '    five six', '    seven']);
  });
  it('key–value rows wrap their values under the value column', () => {
    const text = keyValueRows([['k', 'aaa bbb ccc ddd'], ['longer', 'x']], 16);
    expect(text.split('\n')).toEqual(['  k       aaa', '          bbb', '          ccc', '          ddd', '  longer  x']);
  });
});
