import { describe, expect, it } from 'vitest';
import { buildSearchPlan, resolveConstraints } from '../../src/planner/index.js';
import { goodputContextOf, pointsAt, priceOfPoint, spaceSpec, wallsAt } from '../../src/planner/units.js';
import { loadBuiltinCatalog, loadModelFile } from '../../src/io/index.js';
import { wallClockFor } from '../../src/estimator/index.js';

// The search shares one wall-clock model among every offer, pricing model and network group that wallClockFor
// cannot tell apart (units.ts wallModels, issue 15). Every point must still get exactly the model of its own price.
describe('shared wall-clock models', () => {
  const m = loadModelFile('examples/llama3-70b.yaml');
  const input = { model: m.model, training: m.training, catalog: loadBuiltinCatalog(), constraints: { pricing: ['on-demand', 'spot', 'reserved-1y', 'capacity-block'] as const } };
  const sp = buildSearchPlan(input, resolveConstraints(input));

  it('every point of every group at several GPU counts: the model wallClockFor builds for its own price', () => {
    const g = goodputContextOf(input);
    let spot = 0, checked = 0;
    for (const n of [8, 64, 512, 2048]) {
      for (const group of sp.groups) {
        const pts = pointsAt(group, n);
        const walls = wallsAt(pts, g, n);
        pts.points.forEach((p, i) => {
          expect(walls[i]).toStrictEqual(wallClockFor(g, n, priceOfPoint(p)));
          if (p.pricing === 'spot') spot++;
          checked++;
        });
      }
    }
    // Spot points of several providers and instance sizes (preemption differs by both) are among them.
    expect(spot).toBeGreaterThan(10);
    expect(checked).toBeGreaterThan(100);
  });

  it('one goodput context per inputs object, a new one when its training is replaced', () => {
    const x = { ...input };
    const a = goodputContextOf(x);
    expect(goodputContextOf(x)).toBe(a);
    x.training = { ...x.training, tokens: x.training.tokens * 2 };
    const b = goodputContextOf(x);
    expect(b).not.toBe(a);
    expect(b.training).toBe(x.training);
  });

  it('the GPU counts a group can supply are remembered per group, not mixed across groups', () => {
    for (const group of sp.groups.slice(0, 20)) {
      const spec = spaceSpec({ model: m.model, training: m.training }, sp, group, 0);
      for (const n of [1, 2, 4, 8, 16, 24, 72, 512]) {
        expect(spec.gpuCountAllowed(n)).toBe(group.points.some((p) => n % p.acceleratorCount === 0 && (p.maxGpus === undefined || n <= p.maxGpus)));
      }
    }
  });
});
