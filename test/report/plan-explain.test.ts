import { describe, expect, it } from 'vitest';
import { compactLayout, PLAN_COLUMNS, runnerUpLine } from '../../src/report/index.js';
import type { PlannedRun } from '../../src/planner/index.js';

const layout = (over: Partial<PlannedRun['layout']> = {}): PlannedRun['layout'] => ({
  gpus: 1024, tp: 8, pp: 4, cp: 1, ep: 1, vpp: 5, dp: 32, microBatch: 1, gradientAccumulation: 16, zero: 1, recompute: 'selective', sequenceParallel: true, precision: 'bf16', ...over,
});

/** Just the fields runnerUpLine reads. */
const run = (gpus: number, usdPerGpuHour: number, stepSeconds: number, days: number): PlannedRun => {
  const gpuHours = gpus * days * 24;
  return {
    rank: null, accelerator: 'h100-sxm', provider: 'p', instance: 'i', pricing: 'on-demand', instances: gpus / 8, gpus, usdPerGpuHour, layout: layout({ gpus }), frontier: false,
    estimate: { time: { stepSeconds, totalSeconds: days * 86400, totalDays: days }, cost: { usd: gpuHours * usdPerGpuHour, gpuHours } } as unknown as PlannedRun['estimate'],
  };
};

describe('compact layout string', () => {
  it.each([
    [layout(), 'TP8·PP4·VPP5·DP32 mb1 Z1 sel'],
    [layout({ tp: 1, pp: 1, vpp: 1, dp: 512, zero: 2, recompute: 'none' }), 'DP512 mb1 Z2'],
    [layout({ tp: 2, pp: 1, vpp: 1, cp: 2, ep: 4, dp: 256, microBatch: 2, zero: 3, recompute: 'full' }), 'TP2·CP2·EP4·DP256 mb2 Z3 full'],
  ])('%o → %s', (l, s) => expect(compactLayout(l)).toBe(s));
});

describe('what a runner-up loses on', () => {
  it('splits the cost change into price per GPU-hour × GPU-hours (GPUs × step)', () => {
    const best = { ...run(512, 2, 1.0, 30), rank: 1 };
    // 2× the GPUs at 0.6× the step: 1.2× the GPU-hours; at 0.9× the price: 1.08× the cost; 0.6× the days.
    const other = { ...run(1024, 1.8, 0.6, 18), rank: 2 };
    expect(runnerUpLine(best, other, 'cost')).toBe('  #2 +8.0% cost, −40.0% time: 0.90× price/GPU-h, 1.20× GPU-hours (2.00× GPUs, 0.60× step)');
    expect(runnerUpLine(best, other, 'time')).toBe('  #2 −40.0% time, +8.0% cost: 0.90× price/GPU-h, 1.20× GPU-hours (2.00× GPUs, 0.60× step)');
  });
});

describe('error bands have a column waiting for them', () => {
  const col = (id: string) => PLAN_COLUMNS.find((c) => c.id === id)!;
  it('prints "-" until the estimator fills time.stepSecondsRange / cost.usdRange, then low–high', () => {
    const p = run(512, 2, 1.0, 30);
    expect(col('step-range').cell({ plan: p, flags: '' })).toBe('-');
    const banded = { ...p, estimate: { ...p.estimate, time: { ...p.estimate.time, stepSecondsRange: { low: 0.9, high: 1.2 } }, cost: { ...p.estimate.cost, usdRange: { low: 1.2e6, high: 1.6e6 } } } } as PlannedRun;
    expect(col('step-range').cell({ plan: banded, flags: '' })).toBe('900.0 ms–1.20 s');
    expect(col('cost-range').cell({ plan: banded, flags: '' })).toBe('$1.20M–$1.60M');
  });
});
