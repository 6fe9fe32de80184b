import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitKernelEfficiency, mapeBySource, STACKS, validateCases } from '../../src/estimator/index.js';
import { getAccelerator } from '../../src/catalog/index.js';
import { loadBuiltinCatalog, loadCalibrationCases } from '../../src/io/index.js';
import type { Framework } from '../../src/schema/index.js';

// Each stack's one kernel-efficiency factor is fitted to its own calibration runs (stacks.ts); this checks the claim.
const cases = loadCalibrationCases(resolve(__dirname, '../fixtures/validation/calibration.yaml'));
const catalog = loadBuiltinCatalog();
const acc = (id: string) => getAccelerator(catalog, id);

describe('training stacks against their calibration runs', () => {
  it('every calibration case names its stack, and PyTorch-native sources are not labelled megatron', () => {
    expect(cases.filter((c) => c.framework === undefined).map((c) => c.id)).toEqual([]);
    expect(new Set(cases.filter((c) => c.id.startsWith('mosaic-mpt-')).map((c) => c.framework))).toEqual(new Set(['fsdp']));
    expect(new Set(cases.filter((c) => c.id.startsWith('torchtitan-')).map((c) => c.framework))).toEqual(new Set(['torchtitan']));
  });

  it.each((['nemo', 'fsdp', 'torchtitan'] as Framework[]).map((f) => [f]))('%s: the factor in use is the fitted optimum (±0.02)', (f) => {
    const fit = fitKernelEfficiency(cases, acc, f)!;
    expect(fit.cases).toBeGreaterThan(0);
    expect(Math.abs(fit.factor - STACKS[f].kernelEfficiency)).toBeLessThanOrEqual(0.02);
  });

  it('megatron is the reference stack: its own fit stays within 3% of 1 (the profiles are Megatron measurements)', () => {
    expect(STACKS.megatron.kernelEfficiency).toBe(1);
    expect(Math.abs(fitKernelEfficiency(cases, acc, 'megatron')!.factor - 1)).toBeLessThanOrEqual(0.03);
  });

  it('stacks without calibration runs stay at 1 and say they are unfitted', () => {
    for (const f of ['deepspeed', 'maxtext'] as Framework[]) {
      expect(fitKernelEfficiency(cases, acc, f)).toBeNull();
      expect(STACKS[f].kernelEfficiency).toBe(1);
      expect(STACKS[f].kernelEfficiencySource).toMatch(/unfitted/);
    }
  });

  it('issue 9 targets: MAPE ≤ 6%, Korthikanti Table 5 ≤ 2.5%, every source ≤ 10%', () => {
    const s = validateCases(cases, acc);
    expect(s.mape).toBeLessThanOrEqual(6);
    expect(s.korthikantiMape).toBeLessThanOrEqual(2.5);
    const over = mapeBySource(s.rows).filter((x) => x.mape > 10);
    expect(over).toEqual([]);
  });

  it('the stack matters: the MosaicML runs as Megatron would be predicted faster than as FSDP', () => {
    const mosaic = cases.filter((c) => c.id.startsWith('mosaic-mpt-'));
    const asFsdp = validateCases(mosaic, acc).rows;
    const asMegatron = validateCases(mosaic.map((c) => ({ ...c, framework: 'megatron' as const })), acc).rows;
    asFsdp.forEach((r, i) => expect(asMegatron[i]!.predictedSeconds!).toBeLessThan(r.predictedSeconds!));
  });
});
