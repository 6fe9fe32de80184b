import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { join } from 'node:path';

// test/fixtures/catalogs/marketplace-capacity.yaml: 1-GPU H100 listings (at most 4, 10 Gb/s) and 8-GPU HGX nodes.
const CAT = ['--catalog', join(ROOT, 'test/fixtures/catalogs/marketplace-capacity.yaml')];
const MODEL = join(ROOT, 'examples/startup-1b.yaml');
const MARKET = [...CAT, '--providers', 'market', '--accelerators', 'h100-sxm'];

describe('instance-true topology and capacity through the CLI', () => {
  it('plan: never more than maxInstances of the 1-GPU listing, never TP > 1 on it, and says when capacity binds', () => {
    const r = runCli(['plan', MODEL, ...MARKET, '--deadline-days', '6', '--top', '20', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const single = [...doc.plans, ...doc.frontier].filter((p: { instance: string }) => p.instance === '1x-h100');
    expect(single.length).toBeGreaterThan(0);
    for (const p of single) {
      expect(p.gpus).toBeLessThanOrEqual(4);
      expect(p.layout.tp).toBe(1);
      expect(p.capacity).toEqual({ maxInstances: 4, maxGpus: 4, atLimit: p.gpus === 4 });
    }
    expect(doc.plans[0]).toMatchObject({ instance: '1x-h100', gpus: 4, capacity: { atLimit: true } });
    const table = runCli(['plan', MODEL, ...MARKET, '--deadline-days', '6', '--top', '3']);
    expect(table.stdout.replace(/\n +/g, ' ')).toContain('capacity: #1 uses every GPU market 1x-h100 can supply (maxInstances 4 × 1); more would need another offer');
  });

  it('estimate --provider --instance: TP across 1-GPU listings is timed on the scale-out network and warned about', () => {
    const args = (instance: string) => ['estimate', MODEL, ...CAT, '--accelerator', 'h100-sxm', '--gpus', '8', '--tp', '8', '--provider', 'market', '--instance', instance, '--json'];
    const single = runCli(args('1x-h100'));
    const node = runCli(args('8x-h100'));
    expect(single.code).toBe(0);
    expect(node.code).toBe(0);
    const tp = (o: string) => JSON.parse(o).time.breakdown.tpComm;
    // 10 Gb/s per GPU against NVLink: orders of magnitude more exposed TP time.
    expect(tp(single.stdout)).toBeGreaterThan(20 * tp(node.stdout));
    expect(single.stderr).toContain('TP 8 spans 8 scale-up domains of 1 GPU(s) (market/1x-h100)');
    expect(single.stderr).toContain('8 GPUs is more than market/1x-h100 can supply (4 instance(s) × 1 GPU(s) = 4)');
    expect(node.stderr).not.toContain('spans');
  });
});
