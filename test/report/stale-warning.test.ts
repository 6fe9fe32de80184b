import { describe, expect, it } from 'vitest';
import { formatStaleWarning } from '../../src/report/index.js';
import type { Offer } from '../../src/schema/index.js';

const offer = (provider: string, instance: string, asOf: string) => ({ provider, instance, asOf }) as unknown as Offer;

describe('formatStaleWarning', () => {
  it('is empty when nothing is stale', () => {
    expect(formatStaleWarning([], '2026-12-01', 180)).toBe('');
  });

  it('wraps within the width, continuation lines indented, and keeps every word', () => {
    const stale = [{ offer: offer('primeintellect', 'H100_80GB-SXM5-8x-a-very-long-listing-name', '2025-01-01'), ageDays: 699 }];
    for (const width of [60, 80, 100]) {
      const text = formatStaleWarning(stale, '2026-12-01', 180, width);
      const lines = text.trimEnd().split('\n');
      expect(lines.length).toBeGreaterThan(1);
      for (const l of lines) expect(l.length, l).toBeLessThanOrEqual(width);
      expect(lines.slice(1).every((l) => l.startsWith('  ') && !l.startsWith('   '))).toBe(true);
      expect(lines.map((l) => l.trim()).join(' ')).toBe(
        'trainplan: warning: 1 offer(s) have prices more than 180 days older than the catalog snapshot 2026-12-01 ' +
          '(oldest: primeintellect/H100_80GB-SXM5-8x-a-very-long-listing-name, 2025-01-01); check them before relying on them',
      );
      expect(text.endsWith('\n')).toBe(true);
    }
  });
});
