import { describe, expect, it } from 'vitest';
import { resolveModel } from '../../src/schema/index.js';
import { convMacs, DCGAN_D, DCGAN_G } from '../../src/schema/presets-gan.js';

describe('dcgan preset', () => {
  it('parameters within 5% of the published sizes (G 3.58M, D 2.77M: the pytorch/examples DCGAN)', () => {
    const w = resolveModel({ preset: 'dcgan' }).sampleWorkload!;
    expect(Math.abs(w.parameters / (3.58e6 + 2.77e6) - 1)).toBeLessThan(0.05);
  });
  it('FLOPs per image within 5% of the closed form worked by hand: G and D ≈ 104.7M MACs each, iteration = 2·(4G + 9D)', () => {
    // G: 100·512·16 + 3 × (16·512·256·16 = 64·256·128·16 = 256·128·64·16 = 33.55M) + 1024·64·3·16
    const g = 100 * 512 * 16 + 3 * 33_554_432 + 1024 * 64 * 3 * 16;
    const d = 1024 * 64 * 3 * 16 + 3 * 33_554_432 + 512 * 16;
    expect(convMacs(DCGAN_G)).toBe(g);
    expect(convMacs(DCGAN_D)).toBe(d);
    const w = resolveModel({ preset: 'dcgan' }).sampleWorkload!;
    expect(Math.abs(w.flopsPerSample / (2 * (4 * g + 9 * d)) - 1)).toBeLessThan(0.05);
    // the D step (G forward + 2 × 3 × D) over the G step (3 × G + 3 × D): 7/6 when G ≈ D
    expect((g + 6 * d) / (3 * g + 3 * d)).toBeCloseTo(7 / 6, 2);
  });
  it('is a per-sample cnn model: a transformer field on it names the field', () => {
    expect(() => resolveModel({ preset: 'dcgan', layers: 4 })).toThrow(/layers/);
  });
});
