import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../../src/io/index.js';
import { estimateRequest, plan } from '../../src/planner/index.js';
import { estimateDocument, planDocument } from '../../src/report/index.js';
import { errorDocumentSchema, estimateDocumentSchema, planDocumentSchema, type Constraints, type Layout, type Pricing } from '../../src/schema/index.js';
import { errorDocument, TOOL } from '../../src/cli/context.js';
import { aLayout, aModel, aTraining, SHAPES } from '../helpers/builders.js';

const catalog = loadBuiltinCatalog();

function estimateDoc(opts: { model?: ReturnType<typeof aModel>; layout?: Partial<Layout>; accelerator?: string; pricing?: Pricing; provider?: string } = {}) {
  const model = opts.model ?? aModel();
  const training = aTraining();
  const r = estimateRequest({
    model, training, catalog, accelerator: opts.accelerator ?? 'h100-sxm', layout: aLayout(opts.layout), pricing: opts.pricing ?? 'on-demand',
    ...(opts.provider ? { provider: opts.provider } : {}),
  });
  if (!r.result.ok) throw new Error(r.result.problem.message);
  return estimateDocument({
    tool: TOOL, modelFile: 'examples/model.yaml', model, training,
    catalog: { snapshotDate: catalog.snapshotDate, digest: catalog.digest }, estimate: r.result.estimate, warnings: r.warnings.map((message) => ({ code: 'ESTIMATE_NOTE', message })),
  });
}

describe('every JSON document parses with its published schema', () => {
  it.each([
    ['dense, cheapest on-demand offer', {}],
    ['MoE + MLA on 64 GPUs with ep and pp', { model: SHAPES.deepseekV3, layout: { gpus: 256, tp: 8, pp: 8, ep: 4, zero: 1 as const, sequenceParallel: true } }],
    ['spot pricing on a named provider', { pricing: 'spot' as const, provider: 'aws' }],
    ['an accelerator no offer carries at that pricing (cost null)', { accelerator: 'v100-sxm-32gb', pricing: 'reserved-3y' as const }],
  ])('estimate: %s', (_name, opts) => {
    const text = estimateDoc(opts);
    const parsed = estimateDocumentSchema.safeParse(JSON.parse(text));
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('the schema is strict: a field the builder adds without the schema fails the test', () => {
    const doc = JSON.parse(estimateDoc());
    expect(estimateDocumentSchema.safeParse({ ...doc, surprise: 1 }).success).toBe(false);
    expect(estimateDocumentSchema.safeParse({ ...doc, memory: { ...doc.memory, extra: 0 } }).success).toBe(false);
  });

  it.each([
    ['a feasible search with a frontier', { accelerators: ['h100-sxm', 'a100-sxm-80gb'], maxGpus: 64, pricing: ['on-demand', 'spot'] } as Constraints],
    ['an infeasible search (deadline nothing meets)', { accelerators: ['l4'], maxGpus: 8, deadlineDays: 0.01 } as Constraints],
  ])('plan: %s', (_name, constraints) => {
    const model = aModel({ layers: 12, hiddenSize: 768, ffnHiddenSize: 3072, attentionHeads: 12 });
    const training = aTraining();
    const result = plan({ model, training, catalog, constraints });
    const text = planDocument({ tool: TOOL, modelFile: 'model.yaml', model, training, catalog: { snapshotDate: catalog.snapshotDate, digest: catalog.digest }, result });
    const parsed = planDocumentSchema.safeParse(JSON.parse(text));
    expect(parsed.error?.issues ?? []).toEqual([]);
  });

  it('error document', () => {
    expect(errorDocumentSchema.parse(JSON.parse(errorDocument('CATALOG_UNKNOWN_ACCELERATOR', 'unknown', 'did you mean b200?'))).error.code).toBe('CATALOG_UNKNOWN_ACCELERATOR');
  });
});
