import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NAME_MAX_BYTES, tempNameFor } from '../../src/io/index.js';

describe('tempNameFor: temporary --out names always fit NAME_MAX', () => {
  it.each([
    ['a short name', 'check.md'],
    ['a 250-byte name', `${'r'.repeat(247)}.md`],
    ['a 255-byte name', 'x'.repeat(255)],
    ['multi-byte characters', `${'é'.repeat(120)}.md`],
    ['emoji (4-byte, surrogate pairs)', `${'🙂'.repeat(63)}.md`],
  ])('%s', (_n, name) => {
    const tmp = basename(tempNameFor(`/some/dir/${name}`, 4194304, 123456));
    expect(Buffer.byteLength(tmp)).toBeLessThanOrEqual(NAME_MAX_BYTES);
    expect(tmp).toMatch(/^\..*\.4194304\.123456\.tmp$/);
    expect(tmp).not.toContain('\ufffd');
    expect(Buffer.from(tmp).toString('utf8')).toBe(tmp); // no lone surrogate
  });

  it('keeps the directory and as much of the name as fits', () => {
    expect(tempNameFor('/d/check.md', 7, 1)).toBe('/d/.check.md.7.1.tmp');
  });
});
