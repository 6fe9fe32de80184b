import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../../src/io/load-catalog.js';
import { layerCompute, layerTerms, stagedContext } from '../../src/estimator/index.js';
import { resolveFinetune, resolveModel, type AcceleratorSpec, type Recompute } from '../../src/schema/index.js';
import { aTraining, SHAPES } from '../helpers/builders.js';

// The planner computes a layer's compute seconds once per (tp, cp, micro-batch, ep) and shares them across the
// recompute modes, and the dense layer and logits across ep (issue 15). Whatever is shared, the layer terms must
// be the ones layerTerms computes on its own, bit for bit.
const catalog = loadBuiltinCatalog();
const acc = (id: string): AcceleratorSpec => catalog.accelerators.find((a) => a.id === id)!;

describe('layerCompute: the layer terms from shared compute equal the unshared ones', () => {
  const finetunes = [undefined, resolveFinetune({ method: 'lora', rank: 16 }), resolveFinetune({ method: 'qlora' })];
  it('random MoE and dense shapes, fine-tuning methods, precisions, ep pairs and recompute modes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(SHAPES.deepseekV3, SHAPES.llama3_8b), fc.constantFrom(...finetunes), fc.constantFrom('h100-sxm', 'mi300x', 'l40s'),
        fc.constantFrom('bf16' as const, 'fp8' as const), fc.constantFrom(1, 2, 8), fc.constantFrom(1, 2), fc.constantFrom(1, 2, 4),
        fc.constantFrom(1, 2, 8, 64), fc.constantFrom(1, 4, 32), fc.constantFrom<Recompute>('none', 'selective', 'full'),
        (m, finetune, a, precision, tp, cp, mb, ep, ep2, recompute) => {
          const training = aTraining({ globalBatchSize: 64, ...(finetune ? { finetune } : {}) });
          if (precision === 'fp8' && !acc(a).peakTflops.fp8) return;
          const c = stagedContext({ model: m, training, accelerator: acc(a), precision });
          const e = m.moe ? ep : 1;
          const other = layerCompute(c, tp, cp, mb, m.moe ? ep2 : 1)!;
          const shared = layerCompute(c, tp, cp, mb, e, true, other)!;
          expect(layerTerms(c, tp, cp, mb, e, recompute, true, [], shared)).toStrictEqual(layerTerms(c, tp, cp, mb, e, recompute));
        },
      ),
      { numRuns: 150, seed: 15 },
    );
  });

  it('the MoE layer is never lent across ep: its routed experts differ', () => {
    const c = stagedContext({ model: SHAPES.deepseekV3, training: aTraining({ globalBatchSize: 64 }), accelerator: acc('h100-sxm'), precision: 'bf16' });
    const at8 = layerCompute(c, 1, 1, 1, 8)!;
    const at64 = layerCompute(c, 1, 1, 1, 64, true, at8)!;
    expect(at64.dense).toBe(at8.dense);
    expect(at64.moe!.forward).not.toBe(at8.moe!.forward);
    expect(at64.moe).toStrictEqual(layerCompute(c, 1, 1, 1, 64)!.moe);
  });

  it('kinds with their own layer model have nothing to share (null); their layer terms are unchanged', () => {
    const m = resolveModel({ preset: 't5-base' });
    const c = stagedContext({ model: m, training: aTraining({ globalBatchSize: 64, sequenceLength: 512 }), accelerator: acc('h100-sxm'), precision: 'bf16' });
    expect(layerCompute(c, 1, 1, 4, 1)).toBeNull();
    expect(layerTerms(c, 1, 1, 4, 1, 'full').dense.compute).toBeGreaterThan(0);
  });
});
