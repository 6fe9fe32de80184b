import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCases } from '../../src/estimator/index.js';
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
  it('mean absolute percentage error over the calibration set is at most 10%', () => {
    expect(summary.mape).toBeLessThanOrEqual(10);
  });
  it('mean error on the eight Korthikanti et al. 2022 Table 5 runs is at most 3.5% (Calculon: 3.65%)', () => {
    expect(summary.rows.filter((r) => r.id.startsWith('korthikanti22-t5-'))).toHaveLength(8);
    expect(summary.korthikantiMape).toBeLessThanOrEqual(3.5);
  });
  it('no single case is off by more than 30%', () => {
    expect(summary.maxApe).toBeLessThan(30);
  });
});
