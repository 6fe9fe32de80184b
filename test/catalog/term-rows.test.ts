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

  it('GCP Flex-start: at most 7 days, discounted against the same row\'s on-demand price, built from the DWS SKUs', () => {
    const flex = catalog.offers.filter((x) => x.provider === 'gcp' && x.usdPerHour.flexStart != null);
    expect(flex.map((o) => o.instance).sort()).toEqual(['a3-highgpu-1g', 'a3-highgpu-8g']);
    // Compute Engine DWS Defined Duration SKUs (Americas): H100 GPU 4.200761 $/h, A3 core 0.010934 $/vCPU-h,
    // A3 RAM 0.000952 $/GB-h; a3-highgpu-1g = 1 GPU, 26 vCPU, 234 GB; a3-highgpu-8g = 8 GPUs, 208 vCPU, 1,872 GB.
    const shape = { 'a3-highgpu-1g': [1, 26, 234], 'a3-highgpu-8g': [8, 208, 1872] } as const;
    for (const o of flex) {
      const [gpus, vcpus, ramGb] = shape[o.instance as keyof typeof shape];
      expect(o.usdPerHour.flexStart).toBeCloseTo(gpus * 4.200761 + vcpus * 0.010934 + ramGb * 0.000952, 6);
      expect(o.termLimits?.flexStart?.maxDays).toBe(7);
      expect(o.usdPerHour.flexStart!).toBeLessThan(o.usdPerHour.onDemand!);
      expect(o.priceConfidence).toBe('third-party');
    }
  });

  it('asOfByPricing names only pricing models the row prices', () => {
    const stray = catalog.offers.flatMap((o) =>
      PRICE_KEYS.filter((k) => o.asOfByPricing?.[k] !== undefined && (o.usdPerHour[k] ?? null) === null).map((k) => `${o.provider}/${o.instance} ${k}`));
    expect(stray).toEqual([]);
  });
});
