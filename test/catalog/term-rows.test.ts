import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOG_DIR, loadCatalogDirectory } from '../../src/io/index.js';
import { PRICE_KEYS } from '../../src/schema/index.js';

// The YAML directory itself, as the freshness test reads it.
const catalog = loadCatalogDirectory(BUILTIN_CATALOG_DIR);
const TERM_KEYS = ['capacityBlock', 'flexStart'] as const;

describe('built-in term and flex prices carry their terms', () => {
  it('every capacity-block / flex-start price has termLimits (maxDays) and its own asOfByPricing date', () => {
    const priced = catalog.offers.filter((o) => TERM_KEYS.some((k) => (o.usdPerHour[k] ?? null) !== null));
    expect(priced.length).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const o of priced) {
      for (const k of TERM_KEYS) {
        if ((o.usdPerHour[k] ?? null) === null) continue;
        if (!o.termLimits?.[k]?.maxDays) missing.push(`${o.provider}/${o.instance} termLimits.${k}`);
        if (!o.asOfByPricing?.[k]) missing.push(`${o.provider}/${o.instance} asOfByPricing.${k}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('AWS Capacity Blocks: 182 days, 64 instances, billed in days up to 14 then weeks', () => {
    for (const o of catalog.offers.filter((x) => x.provider === 'aws' && x.usdPerHour.capacityBlock != null)) {
      expect(o.termLimits?.capacityBlock).toMatchObject({ maxDays: 182, maxInstances: 64, billingSteps: [{ upToDays: 14, stepDays: 1 }, { upToDays: 182, stepDays: 7 }] });
      expect(o.source).toContain('Capacity Blocks');
    }
  });

  it('asOfByPricing names only pricing models the row prices', () => {
    const stray = catalog.offers.flatMap((o) =>
      PRICE_KEYS.filter((k) => o.asOfByPricing?.[k] !== undefined && (o.usdPerHour[k] ?? null) === null).map((k) => `${o.provider}/${o.instance} ${k}`));
    expect(stray).toEqual([]);
  });
});
