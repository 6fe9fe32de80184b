import { describe, expect, it } from 'vitest';
import { bandSuffix, withBand } from '../../src/report/index.js';

describe('compact error bands', () => {
  it('symmetric bands print as ±N%, asymmetric ones as −A%/+B%', () => {
    expect(bandSuffix(100, { low: 88, high: 112 })).toBe('±12%');
    expect(bandSuffix(100, { low: 81.5, high: 106.8 })).toBe('−19%/+7%');
    expect(bandSuffix(2, { low: 1.9, high: 2.1 })).toBe('±5%');
  });

  it('withBand formats the value, then its band; no band without a range or a value', () => {
    const usd = (x: number) => `$${(x / 1e6).toFixed(1)}M`;
    expect(withBand(1.2e6, { low: 1.056e6, high: 1.344e6 }, usd)).toBe('$1.2M ±12%');
    expect(withBand(1.2e6, null, usd)).toBe('$1.2M');
    expect(bandSuffix(0, { low: 0, high: 0 })).toBe('');
  });
});
