import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getAccelerator } from '../../src/catalog/index.js';
import { validateThroughput } from '../../src/estimator/index.js';
import { loadBuiltinCatalog, loadThroughputCases } from '../../src/io/index.js';

const catalog = loadBuiltinCatalog();
const file = fileURLToPath(new URL('../fixtures/validation/cnn-throughput.yaml', import.meta.url));
const summary = validateThroughput(loadThroughputCases(file), (id) => getAccelerator(catalog, id));

describe('CNN training throughput (npm run validate -- --cnn)', () => {
  it('estimates every row', () => {
    expect(summary.rows.length).toBeGreaterThanOrEqual(10);
    for (const r of summary.rows) expect(r.problem).toBeUndefined();
  });

  it('out of sample: MAPE ≤ 12% over the rows the model covers, none off by more than 20%', () => {
    expect(summary.cases).toBeGreaterThanOrEqual(5);
    expect(summary.mape).toBeLessThanOrEqual(12);
    for (const r of summary.rows.filter((x) => !x.fitted && !x.outsideModel)) expect(Math.abs(r.errorPercent!)).toBeLessThan(20);
  });

  it('fitted rows: each within 12% (the ResNet-50 pair shares one mean constant; the B4 A100 row is exact)', () => {
    for (const r of summary.rows.filter((x) => x.fitted)) expect(Math.abs(r.errorPercent!)).toBeLessThan(12);
  });

  it('rows limited by what the model leaves out (the host input pipeline) are predicted faster than measured, never slower', () => {
    const outside = summary.rows.filter((r) => r.outsideModel);
    expect(outside.length).toBeGreaterThan(0);
    for (const r of outside) expect(r.errorPercent!).toBeGreaterThan(0);
  });
});
