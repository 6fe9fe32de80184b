import { describe, expect, it } from 'vitest';
import { getAccelerator } from '../../src/catalog/index.js';
import { fleetToOffer } from '../../src/economics/index.js';
import { loadBuiltinCatalog } from '../../src/io/index.js';
import { plan } from '../../src/planner/index.js';
import { fleetSchema } from '../../src/schema/index.js';
import { aModel, aTraining } from '../helpers/builders.js';

const catalog = loadBuiltinCatalog();
const fleet = fleetSchema.parse({ name: 'lab', accelerator: 'h100-sxm', count: 16, capexUsdPerGpu: 30000, depreciationYears: 5, pue: 1.3, usdPerKwh: 0.08, opsUsdPerGpuHour: 0.2 });
const owned = [fleetToOffer(fleet, getAccelerator(catalog, 'h100-sxm'), catalog.snapshotDate)];
const model = aModel({ layers: 12, hiddenSize: 1024, ffnHiddenSize: 4096, attentionHeads: 16, kvHeads: 16 });
const training = aTraining({ tokens: 2e10, sequenceLength: 2048, globalBatchSize: 256 });

describe('plan with pricing owned', () => {
  it('places runs on the fleet at its effective price, never above its GPU count', () => {
    const r = plan({ model, training, catalog: { ...catalog, owned }, constraints: { pricing: ['owned'], accelerators: ['h100-sxm'], objective: 'time' }, top: 20 });
    expect(r.plans.length).toBeGreaterThan(0);
    for (const p of [...r.plans, ...r.frontier]) {
      expect(p).toMatchObject({ provider: 'owned', instance: 'lab', pricing: 'owned' });
      expect(p.gpus).toBeLessThanOrEqual(16);
      expect(p.usdPerGpuHour).toBeCloseTo(owned[0]!.usdPerGpuHour, 12);
    }
  });
  it('competes with cloud offers, and is skipped unless pricing includes owned', () => {
    // Against the hyperscalers (H100 on demand ≥ 5 $/GPU-h): auction markets such as Mithril list ~1 $/GPU-h,
    // about the fleet's own ≈0.9, which would make the winner a coin toss.
    const providers = ['aws', 'gcp', 'azure', 'oci'];
    const both = plan({ model, training, catalog: { ...catalog, owned }, constraints: { pricing: ['owned', 'on-demand'], accelerators: ['h100-sxm'], providers: [...providers, 'owned'] } });
    expect(both.plans[0]!.pricing).toBe('owned');
    const cloud = plan({ model, training, catalog: { ...catalog, owned }, constraints: { pricing: ['on-demand'], accelerators: ['h100-sxm'] } });
    expect(cloud.plans.every((p) => p.pricing === 'on-demand')).toBe(true);
  });
});
