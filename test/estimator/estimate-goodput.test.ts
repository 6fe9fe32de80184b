import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/estimator/index.js';
import { h100, layout, llama8b, training8b } from '../helpers/fixtures.js';

const price = { usdPerGpuHour: 2, provider: 'aws', instance: 'p5.48xlarge', pricing: 'on-demand' };

function run(gpus: number, pricing = 'on-demand') {
  const r = estimate({ model: llama8b, training: training8b, accelerator: h100, layout: layout(gpus, { tp: 2, sequenceParallel: true }), price: { ...price, pricing } });
  if (!r.ok) throw new Error(JSON.stringify(r.problem));
  return r.estimate;
}

describe('estimate() with goodput and energy', () => {
  it('keeps stepSeconds pure and inflates totalSeconds and cost by goodput', () => {
    const e = run(256);
    expect(e.time.failureFreeSeconds).toBeCloseTo(e.time.steps * e.time.stepSeconds, 6);
    expect(e.time.totalSeconds).toBeCloseTo(e.time.failureFreeSeconds / e.goodput.goodput, 3);
    expect(e.cost.gpuHours).toBeCloseTo((e.time.totalSeconds * 256) / 3600, 6);
    expect(e.cost.usd).toBeCloseTo(e.cost.gpuHours * 2, 6);
    expect(e.goodput.goodput).toBeGreaterThan(0.8);
    expect(e.goodput.goodput).toBeLessThan(1);
  });
  it('sizes the checkpoint as 14 bytes per parameter for Adam', () => {
    const e = run(256);
    expect(e.goodput.checkpointBytes).toBeCloseTo(e.model.parameters * 14, 0);
  });
  it('echoes goodput and energy constants in assumptions', () => {
    const e = run(64);
    expect(e.assumptions.goodput.failuresPerGpuHour).toBeGreaterThan(0);
    expect(e.assumptions.energy.pue).toBe(1.2);
    expect(e.energy.kwh).toBeGreaterThan(0);
    expect(e.energy.kgCo2e).toBeCloseTo(e.energy.kwh * e.energy.gridKgCo2ePerKwh, 6);
  });
  it('spot pricing adds preemptions', () => {
    expect(run(256, 'spot').goodput.goodput).toBeLessThan(run(256).goodput.goodput);
  });
});

describe('a 16K-GPU run', () => {
  it('pays for failures: goodput < 1, hundreds of interruptions, cost on the wall clock', () => {
    const r = estimate({ model: llama8b, training: { ...training8b, tokens: 15e12, globalBatchSize: 2048 }, accelerator: h100, layout: layout(16384, { tp: 8, sequenceParallel: true }), price });
    if (!r.ok) throw new Error(JSON.stringify(r.problem));
    const e = r.estimate;
    expect(e.goodput.goodput).toBeLessThan(0.99);
    expect(e.goodput.jobMtbfSeconds / 3600).toBeCloseTo(3.09, 2);
    expect(e.time.totalSeconds).toBeGreaterThan(e.time.failureFreeSeconds);
    expect(e.cost.usd!).toBeCloseTo((e.time.totalSeconds * 16384 / 3600) * 2, 3);
  });
});
