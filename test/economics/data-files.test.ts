import { describe, expect, it } from 'vitest';
import { gridFor } from '../../src/estimator/index.js';
import { loadBuiltinCatalog, loadFleets, loadGridIntensity, loadPurchasePrices } from '../../src/io/index.js';

describe('hardware-catalog/grid-intensity.yaml', () => {
  const g = loadGridIntensity();
  it('validates, and (provider, region) is unique', () => {
    const keys = g.regions.map((r) => `${r.provider ?? '*'}/${r.region}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
  it('covers the regions of the built-in offers of the big clouds', () => {
    const catalog = loadBuiltinCatalog();
    const missing = catalog.offers
      .filter((o) => ['aws', 'gcp', 'azure', 'oci'].includes(o.provider))
      // "global": a region-independent list price whose source names no region (OCI's Price List API rows);
      // their energy estimate falls back to the US average and says so.
      .filter((o) => o.region !== 'global')
      .filter((o) => !gridFor(g.regions, o.provider, o.region))
      .map((o) => `${o.provider}/${o.region}`);
    expect([...new Set(missing)]).toEqual([]);
  });
  it('looks up provider rows first, then provider-less rows (g → kg)', () => {
    expect(gridFor(g.regions, 'gcp', 'us-west1')!.kgCo2ePerKwh).toBeCloseTo(0.07923, 9);
    expect(gridFor(g.regions, 'owned', 'us')!.kgCo2ePerKwh).toBeCloseTo(0.366, 9);
    expect(gridFor(g.regions, 'owned', 'us-west1')).toBeNull();
  });
});

describe('hardware-catalog/purchase-prices.yaml', () => {
  it('names only accelerators the catalog knows', () => {
    const ids = new Set(loadBuiltinCatalog().accelerators.map((a) => a.id));
    expect(loadPurchasePrices().prices.filter((p) => !ids.has(p.accelerator))).toEqual([]);
  });
});

describe('loadFleets', () => {
  const known = loadBuiltinCatalog().accelerators.map((a) => a.id);
  it('reads fleets: from user catalogs (env first, then --catalog)', () => {
    const fleets = loadFleets({ files: ['test/fixtures/fleet/lab-fleet.yaml'], env: {}, knownAccelerators: known });
    expect(fleets.map((f) => [f.name, f.count, f.gpusPerNode])).toEqual([['lab-h100', 64, 8]]);
  });
  it('rejects an unknown accelerator with a suggestion', () => {
    expect(() => loadFleets({ files: ['test/fixtures/fleet/lab-fleet.yaml'], knownAccelerators: known.filter((k) => k !== 'h100-sxm') })).toThrow(/unknown accelerator "h100-sxm"/);
  });
});
