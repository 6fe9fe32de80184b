import { describe, expect, it } from 'vitest';
import { fleetWorkload } from '../../src/economics/index.js';
import { loadBuiltinCatalog, loadPurchasePrices } from '../../src/io/index.js';
import { fleetSchema } from '../../src/schema/index.js';
import { aTraining, SHAPES } from '../helpers/builders.js';
import { toyPlanFn } from '../helpers/toy-planner.js';

const catalog = loadBuiltinCatalog();
const purchase = loadPurchasePrices();
const planFn = toyPlanFn(catalog, 'h100-sxm');
const models = [{ name: 'llama3-8b', model: SHAPES.llama3_8b, training: aTraining({ tokens: 2e11, sequenceLength: 8192, globalBatchSize: 512 }), constraints: { deadlineDays: 30 } }];

describe('fleetWorkload', () => {
  const r = fleetWorkload({ models, runsPerYear: 4, horizonYears: 3, catalog, planFn, purchase });
  if (!r.ok) throw new Error(r.reason);
  const rep = r.report;
  it('plans each model once and prices every option on one accelerator', () => {
    expect(rep.accelerator).toBe('h100-sxm');
    expect(rep.runs[0]!.gpus).toBe(rep.runs[0]!.plan.gpus);
    expect(rep.economics.options.map((o) => o.kind)).toContain('on-demand');
    expect(rep.economics.options.map((o) => o.kind)).toContain('buy');
  });
  it('on-demand total = GPU-hours of the plan × runs × years × price', () => {
    const run = rep.runs[0]!;
    const od = rep.economics.options.find((o) => o.kind === 'on-demand')!;
    expect(od.totalUsd).toBeCloseTo(run.plan.estimate.cost.gpuHours * 4 * 3 * rep.rent['on-demand']!.usdPerGpuHour, 3);
  });
  it('spot runs take longer (preemptions) than on-demand runs', () => {
    if (!rep.rent.spot) return;
    expect(rep.runs[0]!.hoursPerRun.spot!).toBeGreaterThan(rep.runs[0]!.hoursPerRun['on-demand']!);
  });
  it('buying uses the built-in purchase price and says what it leaves out', () => {
    expect(rep.buy!.capexUsdPerGpu).toBe(31905);
    expect(rep.notes.some((n) => n.includes('excludes networking'))).toBe(true);
  });
  it('a fleets: entry supplies the unit economics of buying', () => {
    const fleet = fleetSchema.parse({ name: 'lab', accelerator: 'h100-sxm', count: 64, capexUsdPerGpu: 40000, depreciationYears: 4, pue: 1.3, usdPerKwh: 0.1, opsUsdPerGpuHour: 0.3 });
    const f = fleetWorkload({ models, runsPerYear: 4, horizonYears: 3, catalog, planFn, purchase, fleet });
    if (!f.ok) throw new Error(f.reason);
    expect(f.report.buy).toMatchObject({ capexUsdPerGpu: 40000, depreciationYears: 4, opsUsdPerGpuHour: 0.3, label: 'fleet lab' });
  });
  it('a fleet of another accelerator is an input error', () => {
    const fleet = fleetSchema.parse({ name: 'lab', accelerator: 'a100-sxm-80gb', count: 64, capexUsdPerGpu: 1, depreciationYears: 4, pue: 1.3, usdPerKwh: 0.1 });
    expect(() => fleetWorkload({ models, runsPerYear: 4, horizonYears: 3, catalog, planFn, purchase, fleet, accelerator: 'h100-sxm' })).toThrow(/has a100-sxm-80gb/);
  });
  it('plans each model file under its own constraints; rent prices come from the union of their providers', () => {
    const seen: Array<{ name: string; providers: string[] | undefined; deadlineDays: number | undefined }> = [];
    const recording: typeof planFn = (req) => {
      seen.push({ name: req.model.name, providers: req.constraints.providers, deadlineDays: req.constraints.deadlineDays });
      return planFn(req);
    };
    const two = [
      { ...models[0]!, name: 'a', constraints: { providers: ['lambda'], deadlineDays: 30 } },
      { ...models[0]!, name: 'b', model: { ...SHAPES.llama3_8b, name: 'b' }, constraints: { providers: ['aws'], deadlineDays: 60 } },
    ];
    const r = fleetWorkload({ models: [two[0]!, { ...two[1]!, model: { ...two[1]!.model } }], runsPerYear: 1, horizonYears: 1, catalog, planFn: recording, purchase });
    if (!r.ok) throw new Error(r.reason);
    expect(seen.map((x) => [x.providers, x.deadlineDays])).toEqual([[['lambda'], 30], [['aws'], 60]]);
    const rentProviders = Object.values(r.report.rent).map((t) => t!.provider);
    for (const p of rentProviders) expect(['aws', 'lambda']).toContain(p);
    seen.length = 0;
    fleetWorkload({ models: two, runsPerYear: 1, horizonYears: 1, catalog, planFn: recording, purchase, providers: ['gcp'] });
    expect(seen.map((x) => x.providers)).toEqual([['gcp'], ['gcp']]);
  });
});
