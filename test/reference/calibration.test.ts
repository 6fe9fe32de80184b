import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateCases } from '../../src/estimator/index.js';
import { loadCalibrationCases } from '../../src/io/index.js';
import type { AcceleratorSpec } from '../../src/schema/index.js';

// Published, measured training runs (test/fixtures/validation/README.md lists the sources and their conventions).
const cases = loadCalibrationCases(resolve(__dirname, '../fixtures/validation/calibration.yaml'));
const accelerators: AcceleratorSpec[] = JSON.parse(readFileSync(resolve(__dirname, '../../scripts/tmp-accelerators.json'), 'utf8'));
const byId = (id: string) => {
  const a = accelerators.find((x) => x.id === id);
  if (!a) throw new Error(`no accelerator ${id}`);
  return a;
};
const summary = validateCases(cases, byId);

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
