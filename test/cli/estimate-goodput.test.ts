import { describe, expect, it } from 'vitest';
import { example, runCli } from '../helpers/cli.js';

describe('trainplan estimate: goodput, energy and carbon', () => {
  const args = ['estimate', example('llama3-8b.yaml'), '--accelerator', 'h100-sxm', '--gpus', '64', '--tp', '2', '--json'];
  it('JSON carries goodput and energy, and totalSeconds is the wall clock', () => {
    const doc = JSON.parse(runCli(args).stdout);
    expect(doc.goodput.goodput).toBeGreaterThan(0.9);
    expect(doc.goodput.goodput).toBeLessThan(1);
    expect(doc.time.totalSeconds).toBeGreaterThan(doc.time.failureFreeSeconds);
    expect(doc.energy.kwh).toBeGreaterThan(0);
    expect(doc.assumptions.goodput.restartSeconds).toBe(600);
    expect(doc.assumptions.energy.pue).toBe(1.2);
  });
  it('the offer region sets the grid intensity (aws us-east-1: Virginia, 323 g/kWh)', () => {
    const doc = JSON.parse(runCli([...args, '--provider', 'aws']).stdout);
    expect(doc.cost.provider).toBe('aws');
    expect(doc.energy.gridRegion).toBe('us-east-1');
    expect(doc.energy.gridKgCo2ePerKwh).toBeCloseTo(0.32305, 6);
  });
  it('spot pricing counts preemptions', () => {
    const od = JSON.parse(runCli([...args, '--provider', 'aws']).stdout);
    const spot = JSON.parse(runCli([...args, '--provider', 'aws', '--pricing', 'spot']).stdout);
    expect(spot.goodput.expectedPreemptions).toBeGreaterThan(0);
    expect(spot.goodput.goodput).toBeLessThan(od.goodput.goodput);
  });
});
