import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { renderGrid } from '../../src/report/index.js';

const plain = new Chalk({ level: 0 });

describe('renderGrid', () => {
  it('quotes CSV cells with commas, quotes and newlines (RFC 4180)', () => {
    expect(renderGrid(['a', 'b'], [['x,y', 'say "hi"']], 'csv', plain)).toBe('a,b\n"x,y","say ""hi"""\n');
  });
  it('escapes pipes in Markdown cells', () => {
    expect(renderGrid(['a'], [['x|y']], 'markdown', plain)).toBe('| a |\n|---|\n| x\\|y |\n');
  });
  it('adds no colour codes with a level-0 chalk', () => {
    expect(renderGrid(['head'], [['cell']], 'table', plain)).not.toMatch(/\x1b\[/);
    expect(renderGrid(['head'], [['cell']], 'table', new Chalk({ level: 1 }))).toMatch(/\x1b\[1mhead/);
  });
});
