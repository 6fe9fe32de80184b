import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../../src/io/index.js';
import { runCheck } from '../../src/planner/index.js';
import { buildCheckDocument, checkSearchSection } from '../../src/report/index.js';
import { checkDocumentSchema } from '../../src/schema/index.js';
import { aModel, aTraining } from '../helpers/builders.js';

const catalog = loadBuiltinCatalog();

describe('check properties', () => {
  it('the document always parses; the verdict passes exactly when the gated search finds a plan; a failed ceiling gate names a positive excess', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 24 }),
        fc.constantFrom(512, 1024, 2048),
        fc.double({ min: 1e9, max: 2e11, noNaN: true }),
        fc.option(fc.double({ min: 10, max: 1e6, noNaN: true }), { nil: undefined }),
        fc.option(fc.double({ min: 0.01, max: 30, noNaN: true }), { nil: undefined }),
        (layers, hiddenSize, tokens, budgetUsd, deadlineDays) => {
          const model = aModel({ layers, hiddenSize, ffnHiddenSize: 4 * hiddenSize, attentionHeads: hiddenSize / 128, kvHeads: hiddenSize / 128 });
          const training = aTraining({ tokens });
          const constraints = { accelerators: ['h100-sxm', 'a100-sxm-80gb'], providers: ['aws', 'lambda'], maxGpus: 64, ...(budgetUsd ? { budgetUsd } : {}), ...(deadlineDays ? { deadlineDays } : {}) };
          const { verdict, result } = runCheck({ model, training, catalog, constraints, baseline: null, maxIncreasePercent: null, catalogDigest: catalog.digest });
          const doc = buildCheckDocument({ tool: { name: 'trainplan', version: '0.1.0' }, modelFile: null, model, training, catalog: null, baseline: null, verdict, search: checkSearchSection(result), warnings: [] });
          expect(checkDocumentSchema.safeParse(doc).success).toBe(true);
          expect(verdict.verdict === 'pass').toBe(result.plans.length > 0);
          for (const g of verdict.gates) {
            if (g.status === 'fail' && g.gate !== 'feasible') expect(g.excess).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 25, seed: 20261122 },
    );
  });
});
