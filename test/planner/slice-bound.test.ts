import { describe, expect, it } from 'vitest';
import { emptyStageTerms, fillStageTerms, stagedContext, stageLocalParams, stateBytes } from '../../src/estimator/index.js';
import { coarseStageTerms, familyStepBound, LayerRow, sliceStepBound } from '../../src/planner/bounds.js';
import { divisorsOf, familiesOf, microBatchValues, zeroValues, type SpaceSpec } from '../../src/planner/index.js';
import { aModel, aTraining, anAccelerator } from '../helpers/builders.js';

// The per-slice bound (bounds.ts sliceStepBound) must stay at or below the coarse and the exact family bounds
// for every pp of its (tp, cp, dp, ep) slice, and be finite wherever they are: the search skips with it the
// families the coarse bound would skip, which is only right if it is never the larger of the two.
const moe = { ...aModel({ layers: 13, hiddenSize: 2048, ffnHiddenSize: 5632, attentionHeads: 16, kvHeads: 8 }), moe: { experts: 16, activeExperts: 2, expertFfnHiddenSize: 1408, sharedExperts: 1, denseLayers: 1, imbalance: 1 } };

describe('sliceStepBound', () => {
  for (const [name, model, batch, memoryGb] of [
    ['MoE, 80 GB', moe, 240, 80],
    ['MoE, 12 GB (many OOM pairs)', moe, 240, 12],
    ['dense, 6 GB', aModel({ layers: 10 }), 96, 6],
  ] as const) {
    it(`never exceeds the coarse or exact family bound: ${name}`, () => {
      const training = aTraining({ globalBatchSize: batch, sequenceLength: 4096 });
      const accelerator = anAccelerator({ memoryBytes: memoryGb * 1e9 });
      const c = stagedContext({ model, training, accelerator, precision: 'bf16' });
      const spec: SpaceSpec = { model, training, domainSize: 8, precision: 'bf16', minGpus: 1, maxGpus: 512, gpuCountAllowed: () => true, minTokensPerCpRank: 512 };
      const allMb = divisorsOf(batch);
      const offered = [true, true, true];
      const capMargin = c.capacityBytes * (1 + 1e-9);
      let compared = 0, finite = 0, oom = 0;
      for (const tp of [1, 2, 4]) {
        const rows = new Map<number, LayerRow>();
        for (const f of familiesOf(spec, tp, 1)) {
          const row = rows.get(f.ep) ?? new LayerRow(allMb.length * 3);
          rows.set(f.ep, row);
          const mbs = microBatchValues(training, f.dp);
          const mbIdx = Int32Array.from(mbs, (m) => allMb.indexOf(m));
          const zeros = zeroValues(f.dp, 1);
          const slice = new Float64Array(2);
          sliceStepBound(c, f, mbs, mbIdx, offered, batch / f.dp, row, capMargin, Math.floor(spec.maxGpus / (tp * f.dp)), slice);
          const lb = slice[0]! / f.pp + slice[1]!;
          const lp = stageLocalParams(c, tp, f.pp, 1, f.ep);
          const leastStates = stateBytes(c, lp, tp, f.pp, 1, f.ep, f.dp, 1, zeros[zeros.length - 1]!);
          const coarse = familyStepBound(c, coarseStageTerms(c, f.pp, leastStates, emptyStageTerms(), []), f, mbs, mbIdx, offered, zeros, batch / f.dp, row, capMargin, false);
          const exact = familyStepBound(c, fillStageTerms(c, tp, f.pp, 1, f.ep, f.dp, 1, lp, emptyStageTerms()), f, mbs, mbIdx, offered, zeros, batch / f.dp, row, capMargin, true);
          compared++;
          if (coarse === Infinity) {
            oom++;
            continue;
          }
          finite++;
          expect(lb).toBeGreaterThan(0);
          expect(lb).toBeLessThanOrEqual(coarse);
          expect(lb).toBeLessThanOrEqual(exact);
        }
      }
      expect(finite).toBeGreaterThan(20);
      if (memoryGb < 80) expect(oom).toBeGreaterThan(0);
      expect(compared).toBe(finite + oom);
    });
  }
});
