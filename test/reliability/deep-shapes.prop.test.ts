import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/estimator/index.js';
import { loadBuiltinCatalog } from '../../src/io/index.js';
import { plan } from '../../src/planner/index.js';
import { lpKey } from '../../src/planner/search.js';
import { aModel, aTraining } from '../helpers/builders.js';

const catalog = loadBuiltinCatalog();

/** Issue 16: 1,500+ layers made the search reuse another layout's parameters (a packed cache key with radix 1,024). */
describe('deep and odd shapes: the staged search agrees with estimate()', () => {
  it('lpKey is injective over (tp, pp, vpp, ep index) for deep models', () => {
    const layers = 1500;
    const seen = new Map<number, string>();
    for (const tp of [1, 2, 3, 4, 8]) {
      for (const pp of [1, 2, 1024, 1025, 1026, 1499, 1500]) {
        for (const vpp of [1, 2, 1025, 1500]) {
          for (let ei = 0; ei < 3; ei++) {
            const k = lpKey(tp, pp, vpp, ei, layers, 3);
            const id = `${tp}/${pp}/${vpp}/${ei}`;
            expect(seen.get(k) ?? id).toBe(id);
            seen.set(k, id);
          }
        }
      }
    }
  });

  it.each([
    [1500, 'h100-sxm', 2048],
    [2000, 'h100-sxm', 2048],
    [10000, 'h100-sxm', 2048],
    [1500, 'mi300x', 16384],
  ])('the issue case: %i layers on %s (≤ %i GPUs) plans without a self-check failure', (layers, accelerator, maxGpus) => {
    const model = aModel({ name: 'deep', layers, hiddenSize: 4096, ffnHiddenSize: 16384, attentionHeads: 32, kvHeads: 32, vocabSize: 32000 });
    const training = aTraining({ tokens: 1e12, sequenceLength: 8192, globalBatchSize: 1024 });
    const r = plan({ model, training, catalog, constraints: { accelerators: [accelerator], maxGpus } });
    expect(r.plans.length).toBeGreaterThan(0);
    for (const p of r.plans) expect(p.estimate.memory.perGpuBytes).toBeLessThanOrEqual(catalog.accelerators.find((a) => a.id === accelerator)!.memoryBytes);
  });

  it('random deep/odd shapes: every plan is estimate()\'s own numbers and fits', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1025, 1031, 1100, 1536, 2049, 3001),
        fc.constantFrom([2048, 16], [1536, 12], [2304, 18], [1024, 8]),
        fc.constantFrom(256, 384, 512),
        fc.constantFrom('h100-sxm', 'mi300x', 'a100-sxm-80gb'),
        (layers, [hiddenSize, heads], batch, accelerator) => {
          const model = aModel({ layers, hiddenSize: hiddenSize!, ffnHiddenSize: 4 * hiddenSize!, attentionHeads: heads!, kvHeads: heads! });
          const training = aTraining({ tokens: 1e11, sequenceLength: 2048, globalBatchSize: batch });
          const acc = catalog.accelerators.find((a) => a.id === accelerator)!;
          const r = plan({ model, training, catalog, constraints: { accelerators: [accelerator], maxGpus: 1100, top: 3 } }); // > 1,024 GPUs: pipelines deeper than the old radix
          for (const p of r.plans) {
            const again = estimate({ model, training, accelerator: acc, layout: { ...p.layout, gpus: p.gpus } });
            expect(again.ok).toBe(true);
            expect(p.estimate.memory.perGpuBytes).toBeLessThanOrEqual(acc.memoryBytes);
          }
        },
      ),
      { numRuns: 5, seed: 16016 },
    );
  }, 120_000);
});
