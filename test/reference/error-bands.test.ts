import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BAND_FLOOR, BAND_TABLE, bandFor, calibrationStack, computeBandTable, stackClass, estimate, residualInputs, UNCALIBRATED_WIDEN, UNMEASURED_WIDEN, validateCases } from '../../src/estimator/index.js';
import { getAccelerator } from '../../src/catalog/index.js';
import { loadBuiltinCatalog, loadCalibrationCases } from '../../src/io/index.js';
import { aLayout, aTraining, SHAPES } from '../helpers/builders.js';

const cases = loadCalibrationCases(resolve(__dirname, '../fixtures/validation/calibration.yaml'));
const catalog = loadBuiltinCatalog();
const summary = validateCases(cases, (id) => getAccelerator(catalog, id));
const residuals = residualInputs(cases, summary);

describe('error bands from the calibration residuals', () => {
  it('the stored band table equals the one recomputed from the calibration set (run `npm run bands` after a model change)', () => {
    expect(computeBandTable(residuals)).toEqual(BAND_TABLE);
  });

  it('every calibration run lies inside the band of its own class', () => {
    for (const r of residuals) {
      const key = `${r.stack}/${r.generation}/${r.gpus <= 64 ? 'small' : 'large'}`;
      const row = BAND_TABLE.find((b) => b.key === key)!;
      const ratio = r.measuredSeconds / r.predictedSeconds;
      expect(ratio).toBeGreaterThanOrEqual(row.lowRatio - 1e-3);
      expect(ratio).toBeLessThanOrEqual(row.highRatio + 1e-3);
    }
  });

  it('bands are never narrower than the floor and widen for uncalibrated and unmeasured parts', () => {
    for (const r of BAND_TABLE) {
      expect(r.lowRatio).toBeLessThanOrEqual(1 - BAND_FLOOR + 1e-9);
      expect(r.highRatio).toBeGreaterThanOrEqual(1 + BAND_FLOOR - 1e-9);
    }
    const hopper = bandFor(BAND_TABLE, { stack: 'megatron', generation: 'hopper', gpus: 1024, measured: true });
    const cdna3 = bandFor(BAND_TABLE, { stack: 'megatron', generation: 'cdna3', gpus: 1024, measured: true });
    const trn = bandFor(BAND_TABLE, { stack: 'megatron', generation: 'trainium', gpus: 1024, measured: false });
    const stack = BAND_TABLE.find((b) => b.key === 'megatron')!;
    expect(cdna3.highRatio).toBeCloseTo(stack.highRatio + UNCALIBRATED_WIDEN, 6);
    expect(trn.highRatio).toBeCloseTo(stack.highRatio + UNMEASURED_WIDEN, 6);
    expect(trn.highRatio - trn.lowRatio).toBeGreaterThan(cdna3.highRatio - cdna3.lowRatio);
    expect(cdna3.highRatio - cdna3.lowRatio).toBeGreaterThan(hopper.highRatio - hopper.lowRatio);
    expect(trn.basis).toMatch(/unmeasured/);
  });

  it('a class with too few runs falls back to the coarser class (Blackwell: 1 run → the Megatron-class band)', () => {
    const b = bandFor(BAND_TABLE, { stack: 'megatron', generation: 'blackwell', gpus: 8, measured: true });
    expect(b.basis).toMatch(/class megatron \(/);
  });

  it('estimate() carries time.stepSecondsRange and cost.usdRange around the point values', () => {
    const price = { usdPerGpuHour: 2, provider: 'p', instance: 'i', pricing: 'on-demand' };
    const run = (id: string) => {
      const r = estimate({ model: SHAPES.llama3_8b, training: aTraining({ sequenceLength: 4096, globalBatchSize: 512 }), accelerator: getAccelerator(catalog, id), layout: aLayout({ gpus: 64, tp: 2, sequenceParallel: true }), price });
      if (!r.ok) throw new Error(r.problem.message);
      return r.estimate;
    };
    for (const id of ['h100-sxm', 'mi300x', 'trn2']) {
      const e = run(id);
      const band = e.assumptions.errorBand;
      expect(e.time.stepSecondsRange.low).toBeCloseTo(e.time.stepSeconds * band.lowRatio, 9);
      expect(e.time.stepSecondsRange.high).toBeCloseTo(e.time.stepSeconds * band.highRatio, 9);
      expect(e.time.stepSecondsRange.low).toBeLessThan(e.time.stepSeconds);
      expect(e.time.stepSecondsRange.high).toBeGreaterThan(e.time.stepSeconds);
      expect(e.cost.usdRange!.low).toBeCloseTo(e.cost.usd! * band.lowRatio, 6);
      expect(e.cost.usdRange!.high).toBeCloseTo(e.cost.usd! * band.highRatio, 6);
    }
    const width = (id: string) => run(id).assumptions.errorBand.highRatio - run(id).assumptions.errorBand.lowRatio;
    expect(width('trn2')).toBeGreaterThan(width('mi300x'));
    expect(width('mi300x')).toBeGreaterThan(width('h100-sxm'));
  });

  it('stack classes: Megatron-class by default, PyTorch-native for FSDP stacks; a case naming its framework wins over its id', () => {
    expect(stackClass(undefined)).toBe('megatron');
    for (const f of ['megatron', 'nemo', 'maxtext']) expect(stackClass(f)).toBe('megatron');
    for (const f of ['fsdp', 'torchtitan', 'deepspeed']) expect(stackClass(f)).toBe('pytorch-native');
    expect(calibrationStack({ id: 'mosaic-mpt-h100-7b' })).toBe('pytorch-native');
    expect(calibrationStack({ id: 'mosaic-mpt-h100-7b', training: { framework: 'megatron' } })).toBe('megatron');
  });

  it('no price → usdRange is null', () => {
    const r = estimate({ model: SHAPES.llama3_8b, training: aTraining(), accelerator: getAccelerator(catalog, 'h100-sxm'), layout: aLayout() });
    expect(r.ok && r.estimate.cost.usdRange).toBeNull();
  });
});
