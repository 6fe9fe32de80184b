import { describe, expect, it } from 'vitest';
import { familiesOf, FamilyCursor, type Family, type SpaceSpec } from '../../src/planner/index.js';
import { aModel, aTraining } from '../helpers/builders.js';

// The search walks families with FamilyCursor (no allocation per family); enumerateLayouts, the brute-force
// reference, walks familiesOf. They must yield the same families in the same order.
const dense = aModel({ layers: 12, hiddenSize: 1024, ffnHiddenSize: 4096, attentionHeads: 16, kvHeads: 8, vocabSize: 32000 });
const moe = { ...aModel({ layers: 10 }), moe: { experts: 12, activeExperts: 2, expertFfnHiddenSize: 1024, sharedExperts: 0, denseLayers: 1, imbalance: 1 } };

const walk = (spec: SpaceSpec, tp: number, cp: number): Family[] => {
  const out: Family[] = [];
  const c = new FamilyCursor(spec, tp, cp, { tp: 0, cp: 0, dp: 0, ep: 0, pp: 0, gpus: 0, vpps: [] });
  while (c.next()) out.push({ ...c.family });
  expect(c.next()).toBe(false);
  return out;
};

describe('FamilyCursor', () => {
  const cases: Array<[string, SpaceSpec]> = [
    ['dense, every count', { model: dense, training: aTraining({ globalBatchSize: 96 }), domainSize: 8, precision: 'bf16', minGpus: 1, maxGpus: 512, gpuCountAllowed: () => true, minTokensPerCpRank: 512 }],
    ['dense, multiples of 8 from 16', { model: dense, training: aTraining({ globalBatchSize: 360 }), domainSize: 8, precision: 'bf16', minGpus: 16, maxGpus: 4096, gpuCountAllowed: (n) => n % 8 === 0, minTokensPerCpRank: 512 }],
    ['moe', { model: moe, training: aTraining({ globalBatchSize: 120 }), domainSize: 8, precision: 'bf16', minGpus: 1, maxGpus: 2048, gpuCountAllowed: (n) => n % 2 === 0, minTokensPerCpRank: 512 }],
    ['moe, pins', { model: moe, training: aTraining({ globalBatchSize: 120 }), domainSize: 8, precision: 'bf16', minGpus: 1, maxGpus: 2048, gpuCountAllowed: () => true, minTokensPerCpRank: 512, pins: { ep: 4, pp: 2, vpp: 5 } }],
    ['moe, pinned ep with no valid dp', { model: moe, training: aTraining({ globalBatchSize: 7 }), domainSize: 8, precision: 'bf16', minGpus: 1, maxGpus: 64, gpuCountAllowed: () => true, minTokensPerCpRank: 512, pins: { ep: 4 } }],
  ];
  for (const [name, spec] of cases) {
    it(`yields familiesOf's families in order: ${name}`, () => {
      for (const tp of [1, 2, 4]) {
        for (const cp of [1, 2]) {
          const ref = [...familiesOf(spec, tp, cp)].map((f) => ({ ...f }));
          expect(walk(spec, tp, cp)).toEqual(ref);
          if (name !== 'moe, pinned ep with no valid dp' && tp === 1 && cp === 1) expect(ref.length).toBeGreaterThan(3);
        }
      }
    });
  }
});
