import { describe, expect, it } from 'vitest';
import { plan } from '../../src/planner/index.js';
import { loadBuiltinCatalog } from '../../src/io/index.js';
import type { Framework } from '../../src/schema/index.js';
import { aTraining, SHAPES } from '../helpers/builders.js';

// The search covers only the recompute modes the training stack offers, and only the pinned degrees.
const catalog = loadBuiltinCatalog();
function run(framework: Framework, pins = {}) {
  return plan({
    model: SHAPES.llama3_8b, training: aTraining({ tokens: 1e11, sequenceLength: 4096, globalBatchSize: 256, framework }), catalog, top: 20, pins,
    constraints: { accelerators: ['h100-sxm'], maxGpus: 64, deadlineDays: 36500 },
  });
}

describe('search space per stack and pins', () => {
  it.each([['megatron', ['none', 'selective', 'full']], ['fsdp', ['none', 'full']], ['torchtitan', ['none', 'full']]] as const)('%s: plans use only %j', (f, modes) => {
    const r = run(f);
    const used = new Set([...r.plans, ...r.frontier].map((p) => p.layout.recompute));
    expect(used.size).toBeGreaterThan(0);
    for (const m of used) expect(modes).toContain(m);
  });
  // The space's size: layouts judged plus those branch and bound skipped whole.
  const space = (r: ReturnType<typeof run>) => r.search.layouts + r.search.pruned.layouts;
  it('fewer recompute modes means fewer layouts in the space (2 of 3)', () => {
    expect(space(run('fsdp')) * 3).toBe(space(run('megatron')) * 2);
  });
  it('pins keep only the pinned degrees and shrink the space', () => {
    const free = run('megatron');
    const pinned = run('megatron', { tp: 2, zero: 1, recompute: 'selective' });
    expect(space(pinned)).toBeLessThan(space(free));
    for (const p of [...pinned.plans, ...pinned.frontier]) expect([p.layout.tp, p.layout.zero, p.layout.recompute]).toEqual([2, 1, 'selective']);
    expect(pinned.constraints.pins).toEqual({ tp: 2, zero: 1, recompute: 'selective' });
  });
});
