import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { epochDay } from '../../src/catalog/index.js';
import { BUILTIN_CATALOG_DIR, loadCatalogDirectory } from '../../src/io/index.js';
import { catalogManifestSchema, offerFileRowSchema } from '../../src/schema/index.js';
import { NOT_RENTABLE_IN_CATALOG } from './contract-ids.js';

// Read the YAML directory itself (not the embedded JSON) so these tests judge the files a refresh edits.
const catalog = loadCatalogDirectory(BUILTIN_CATALOG_DIR);
const manifest = catalogManifestSchema.parse(parse(readFileSync(join(BUILTIN_CATALOG_DIR, 'catalog.yaml'), 'utf8')));
const offerFiles = readdirSync(join(BUILTIN_CATALOG_DIR, 'offers')).filter((f) => f.endsWith('.yaml')).sort();
const rawRows = offerFiles.flatMap((f) => {
  const doc = parse(readFileSync(join(BUILTIN_CATALOG_DIR, 'offers', f), 'utf8')) as { provider: string; offers: Record<string, unknown>[] };
  return doc.offers.map((row) => ({ file: f, provider: doc.provider, row }));
});
const label = (r: { provider: string; row: Record<string, unknown> }) => `${r.provider}/${String(r.row.instance)}`;

describe('built-in prices are within the declared freshness window', () => {
  it('catalog.yaml declares a window', () => {
    expect(manifest.freshnessDays).toBeGreaterThan(0);
  });

  it('the window is tight: at most 31 days looser than the oldest built-in price (tighten it as rows are refreshed)', () => {
    const snap = epochDay(catalog.snapshotDate);
    const oldest = Math.max(...catalog.offers.flatMap((o) => [o.asOf, ...Object.values(o.asOfByPricing ?? {})]).map((d) => snap - epochDay(d)));
    expect(oldest).toBeLessThanOrEqual(manifest.freshnessDays!);
    expect(manifest.freshnessDays! - oldest).toBeLessThanOrEqual(31);
  });

  it.each(catalog.offers.map((o) => [`${o.provider}/${o.instance}`, o] as const))('%s', (_key, o) => {
    const snap = epochDay(catalog.snapshotDate);
    const dates = [o.asOf, ...Object.values(o.asOfByPricing ?? {})];
    for (const d of dates) {
      expect(d <= catalog.snapshotDate, `${d} is after the snapshot`).toBe(true);
      expect(snap - epochDay(d), `${d} is more than ${manifest.freshnessDays} days before ${catalog.snapshotDate}`).toBeLessThanOrEqual(manifest.freshnessDays!);
    }
    // asOf is the row's oldest price date
    if (o.asOfByPricing) expect(o.asOf).toBe([...Object.values(o.asOfByPricing)].sort()[0]);
  });
});

describe('every built-in offer row', () => {
  it.each(rawRows.map((r) => [label(r), r] as const))('%s passes the row schema and states its price confidence', (_k, r) => {
    const parsed = offerFileRowSchema.safeParse(r.row);
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
    expect(['list', 'reseller', 'third-party']).toContain(r.row.priceConfidence);
    if (r.row.maxInstances !== undefined) expect(Number.isInteger(r.row.maxInstances)).toBe(true);
  });

  it('marketplace listings (one machine each) carry maxInstances 1', () => {
    for (const r of rawRows.filter((x) => ['vast', 'simplepod', 'hyperbolic', 'primeintellect'].includes(x.provider))) {
      expect(r.row.maxInstances, label(r)).toBe(1);
    }
  });

  it('spot prices from snapshots say so in the notes or the source', () => {
    for (const o of catalog.offers.filter((x) => x.usdPerHour.spot !== null)) {
      expect(`${o.source} ${o.notes ?? ''}`, `${o.provider}/${o.instance}`).toMatch(/spot|preemptible|SpotPrice|auction/i);
    }
  });
});

describe('coverage', () => {
  it('has at least 25 providers and 180 offers', () => {
    expect(new Set(catalog.offers.map((o) => o.provider)).size).toBeGreaterThanOrEqual(25);
    expect(catalog.offers.length).toBeGreaterThanOrEqual(180);
  });

  it.each(['tpu7x', 'trn3', 'gb300', 'mi350x', 'h200-nvl', 'rtx-pro-6000', 'rtx-4090', 'rtx-5090'])('has the part %s with sources', (id) => {
    const a = catalog.accelerators.find((x) => x.id === id);
    expect(a?.sources.length).toBeGreaterThan(0);
  });

  it.each(catalog.accelerators.map((a) => [a.id, a] as const))('%s is priced somewhere or marked unpriced (not both)', (id, a) => {
    const priced = catalog.offers.some((o) => o.accelerator === id && Object.values(o.usdPerHour).some((p) => p !== null));
    expect(priced !== (a.unpriced === true)).toBe(true);
  });

  it('the contract parts without any public rental price are the unpriced ones', () => {
    for (const id of NOT_RENTABLE_IN_CATALOG) expect(catalog.accelerators.find((a) => a.id === id)?.unpriced).toBe(true);
  });
});
