import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapeBySource, validateCases } from '../../src/estimator/index.js';
import { getAccelerator } from '../../src/catalog/index.js';
import { loadBuiltinCatalog, loadCalibrationCases } from '../../src/io/index.js';

// Published, measured training runs (test/fixtures/validation/README.md lists the sources and their conventions).
const cases = loadCalibrationCases(resolve(__dirname, '../fixtures/validation/calibration.yaml'));
const catalog = loadBuiltinCatalog();
const summary = validateCases(cases, (id) => getAccelerator(catalog, id));

describe('step time against measured runs', () => {
  it('estimates every calibration case (no layout is rejected)', () => {
    expect(summary.rows.filter((r) => r.predictedSeconds === null).map((r) => r.id)).toEqual([]);
  });
  // Issue 9's targets: ≤ 6% over the set, ≤ 2.5% on Korthikanti Table 5, every source ≤ 10%.
  it('mean absolute percentage error over the calibration set is at most 6%', () => {
    expect(summary.mape).toBeLessThanOrEqual(6);
  });
  it('mean error on the eight Korthikanti et al. 2022 Table 5 runs is at most 2.5% (Calculon: 3.65%)', () => {
    expect(summary.rows.filter((r) => r.id.startsWith('korthikanti22-t5-'))).toHaveLength(8);
    expect(summary.korthikantiMape).toBeLessThanOrEqual(2.5);
  });
  it('every source (case-id prefix) is within 10% on average', () => {
    const sources = mapeBySource(summary.rows);
    expect(sources.length).toBeGreaterThanOrEqual(8);
    expect(sources.filter((s) => s.mape > 10).map((s) => `${s.source} ${s.mape.toFixed(2)}%`)).toEqual([]);
  });
  it('no single case is off by more than 30%', () => {
    expect(summary.maxApe).toBeLessThan(30);
  });
});
