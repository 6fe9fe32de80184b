import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

type O = { provider: string; instance: string; accelerator: string; acceleratorCount: number; regions: string[]; usdPerGpuHour: Record<string, number | null>; priceConfidence: string; maxInstances: number | null };
const offers = (args: string[]): O[] => JSON.parse(runCli(['catalog', 'offers', '--json', ...args]).stdout).offers;
const accelerators = () =>
  new Map((JSON.parse(runCli(['catalog', 'accelerators', '--json']).stdout).accelerators as { id: string; peakTflops: { bf16: number | null; fp16: number | null } }[]).map((a) => [a.id, a]));

describe('trainplan catalog offers as a comparison tool', () => {
  it('filters by region and minimum GPUs per instance, with the pricing filter', () => {
    const list = offers(['--region', 'us-east-1', '--min-gpus', '8', '--pricing', 'spot']);
    expect(list.length).toBeGreaterThan(0);
    for (const o of list) {
      expect(o.regions).toContain('us-east-1');
      expect(o.acceleratorCount).toBeGreaterThanOrEqual(8);
      expect(o.usdPerGpuHour.spot).not.toBeNull();
    }
    expect(offers(['--min-gpus', '100000'])).toEqual([]);
  });

  it('--sort pflop-hour orders by $/GPU-h ÷ effective PFLOP/s, which differs from the $/GPU-h order', () => {
    const byPrice = offers(['--accelerator', 'h100-sxm,b200,a100-sxm-80gb']);
    const byPflop = offers(['--accelerator', 'h100-sxm,b200,a100-sxm-80gb', '--sort', 'pflop-hour']);
    expect(new Set(byPflop.map((o) => `${o.provider}/${o.instance}`))).toEqual(new Set(byPrice.map((o) => `${o.provider}/${o.instance}`)));
    expect(byPflop.map((o) => o.instance)).not.toEqual(byPrice.map((o) => o.instance));
    // within one accelerator the effective-PFLOP order is the price order (same peak, same efficiency)
    const specs = accelerators();
    const pf = (o: O) => o.usdPerGpuHour.onDemand! / specs.get(o.accelerator)!.peakTflops.bf16!;
    const priced = byPflop.filter((o) => o.usdPerGpuHour.onDemand !== null);
    const sameAcc = priced.filter((o) => o.accelerator === 'b200');
    expect(sameAcc.map(pf)).toEqual([...sameAcc.map(pf)].sort((a, b) => a - b));
  });

  it('JSON offers carry $/effective-PFLOP-h per pricing model, consistent with --sort pflop-hour', () => {
    const list = offers(['--sort', 'pflop-hour', '--accelerator', 'h100-sxm,b200,mi300x']) as (O & { usdPerEffectivePflopHour: Record<string, number | null> })[];
    const od = list.map((o) => o.usdPerEffectivePflopHour.onDemand).filter((v): v is number => v !== null);
    expect(od.length).toBeGreaterThan(5);
    expect(od).toEqual([...od].sort((a, b) => a - b));
    for (const o of list) if (o.usdPerGpuHour.onDemand === null) expect(o.usdPerEffectivePflopHour.onDemand).toBeNull();
  });

  it('JSON offers carry priceConfidence and maxInstances', () => {
    for (const o of offers([])) {
      expect(['list', 'reseller', 'third-party']).toContain(o.priceConfidence);
      expect(o.maxInstances === null || (Number.isInteger(o.maxInstances) && o.maxInstances > 0)).toBe(true);
    }
  });

  it('the default table fits in 100 columns; --wide shows every column', () => {
    const table = runCli(['catalog', 'offers']).stdout.split('\n');
    expect(Math.max(...table.map((l) => l.length))).toBeLessThanOrEqual(100);
    expect(table.find((l) => /provider/.test(l))).toMatch(/provider.*instance.*accelerator.*GPUs.*\$\/GPU-h.*\$\/PFLOP-h/);
    const wide = runCli(['catalog', 'offers', '--wide']).stdout;
    expect(wide).toContain('on-demand $/h');
    expect(Math.max(...wide.split('\n').map((l) => l.length))).toBeGreaterThan(100);
  });

  it('rejects a bad --min-gpus and --sort', () => {
    expect(runCli(['catalog', 'offers', '--min-gpus', 'many']).code).toBe(2);
    expect(runCli(['catalog', 'offers', '--sort', 'cheapest']).code).toBe(2);
  });
});

describe('trainplan catalog accelerators: unpriced parts', () => {
  it('says "unpriced" in the table and unpriced: true in JSON for parts no offer prices', () => {
    const doc = JSON.parse(runCli(['catalog', 'accelerators', '--json']).stdout) as { accelerators: { id: string; unpriced: boolean }[] };
    const unpriced = doc.accelerators.filter((a) => a.unpriced).map((a) => a.id);
    expect(unpriced).toEqual(expect.arrayContaining(['tpu7x', 'trn3', 'mi350x', 'gaudi3']));
    expect(unpriced).not.toContain('gb300'); // priced since 2026-12 (OCI BM.GPU.GB300.4)
    expect(unpriced).not.toContain('mi355x'); // priced since 2026-12 (Vultr, TensorWave, OCI)
    const offered = new Set(offers([]).map((o) => o.accelerator));
    for (const id of unpriced) expect(offered.has(id), id).toBe(false);
    const table = runCli(['catalog', 'accelerators']).stdout.split('\n');
    expect(table.find((l) => l.split(/ +/).includes('tpu7x'))).toContain('unpriced');
    expect(table.find((l) => l.split(/ +/).includes('h100-sxm'))).not.toContain('unpriced');
  });
});
