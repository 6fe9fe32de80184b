import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertFiniteEstimate } from '../../src/cli/finite-result.js';
import { estimate } from '../../src/estimator/index.js';
import { loadBuiltinCatalog, loadCatalog } from '../../src/io/index.js';
import { CATALOG_BOUNDS, InputError } from '../../src/schema/index.js';
import { aLayout, SHAPES, aTraining } from '../helpers/builders.js';
import { tempDir } from '../helpers/tmp.js';

const BASE = readFileSync('test/fixtures/catalogs/negotiated.yaml', 'utf8');
const dir = tempDir('trainplan-ranges-');
let n = 0;

function loadWith(from: string, to: string): InputError | null {
  expect(BASE).toContain(from);
  const p = join(dir, `c${++n}.yaml`);
  writeFileSync(p, BASE.replace(from, to));
  try {
    loadCatalog({ files: [p] });
    return null;
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
}

describe('catalog numbers are finite, positive and physically plausible', () => {
  it.each([
    ['memoryGB: 80', 'memoryGB: 1e300', /memoryGB: 1e300 GB is outside the plausible range 1–4096 GB/],
    ['memoryGB: 80', 'memoryGB: 0.5', /0\.5 GB is outside/],
    ['memoryBandwidthTBs: 3.35', 'memoryBandwidthTBs: 1e300', /memoryBandwidthTBs: 1e300 TB\/s is outside/],
    ['scaleOutGbpsPerGpu: 200', 'scaleOutGbpsPerGpu: 1e300', /scaleOutGbpsPerGpu: 1e300 Gb\/s is outside/],
    ['bandwidthGBsPerDirection: 450', 'bandwidthGBsPerDirection: 1e300', /scaleUp\.bandwidthGBsPerDirection: 1e300 GB\/s is outside/],
    ['bf16: 989', 'bf16: 1e-300', /peakTflops\.bf16: 1e-300 TFLOP\/s is outside/],
    ['bf16: 989', 'bf16: .inf', /peakTflops\.bf16/],
    ['domainSize: 8', 'domainSize: 1000000000', /scaleUp\.domainSize: 1e9 accelerators is outside the plausible range 1–100000 accelerators/],
    ['domainSize: 8', 'domainSize: 8.5', /scaleUp\.domainSize: expected a whole number, got 8\.5/],
    ['tdpWatts: 700', 'tdpWatts: 1e9', /tdpWatts: 1e9 W is outside/],
    ['asOf: "2026-05-01"\n    sources', 'asOf: "2026-13-45"\n    sources', /asOf: is not a calendar date/],
    ['asOf: "2026-05-01"\n    sources', 'asOf: "2026-02-30"\n    sources', /asOf: is not a calendar date/],
    ['acceleratorCount: 64', 'acceleratorCount: 64\n    scaleUpDomainSize: 1000000000', /scaleUpDomainSize: 1e9 accelerators is outside/],
    ['tdpWatts: 700', 'tdpWatts: 700\n    efficiency: { gemm: 1e-300, attention: 0.5, memory: 0.8, scaleUp: 0.8, scaleOut: 0.8, source: x }', /efficiency\.gemm: 1e-300 of peak is outside the plausible range 0\.01–1/],
  ])('%s → %s is refused at its line with the unit', (from, to, message) => {
    const err = loadWith(from, to);
    expect(err?.code).toBe('CATALOG_INVALID');
    expect(err?.message).toMatch(message);
    expect(err?.location).toMatch(/c\d+\.yaml:\d+:\d+$/);
  });

  it('a measured efficiency profile inside the bounds is accepted (tpOverlap 0 included)', () => {
    expect(loadWith('tdpWatts: 700', 'tdpWatts: 700\n    efficiency: { gemm: 0.7, attention: 0.5, memory: 0.8, scaleUp: 0.8, scaleOut: 0.8, tpOverlap: 0, source: x }')).toBeNull();
  });

  it('leap days are calendar dates', () => {
    expect(loadWith('asOf: "2026-05-01"\n    sources', 'asOf: "2024-02-29"\n    sources')).toBeNull();
  });

  it('every built-in accelerator lies inside the bounds (they are not tuned to exclude real parts)', () => {
    const c = loadBuiltinCatalog();
    for (const a of c.accelerators) {
      expect(a.memoryBytes / 1e9).toBeLessThanOrEqual(CATALOG_BOUNDS.memoryGB.max);
      expect(a.scaleUp.domainSize).toBeLessThanOrEqual(CATALOG_BOUNDS.scaleUpDomainSize.max);
      for (const v of Object.values(a.peakTflops)) if (v !== null) expect(v).toBeGreaterThanOrEqual(CATALOG_BOUNDS.peakTflops.min);
    }
  });
});

describe('results are finite before they are printed', () => {
  const acc = loadBuiltinCatalog().accelerators.find((a) => a.id === 'h100-sxm')!;
  const r = estimate({ model: SHAPES.llama3_8b, training: aTraining(), accelerator: acc, layout: aLayout({ gpus: 8 }) });
  if (!r.ok) throw new Error('fixture layout must be valid');

  it('a finite estimate passes', () => {
    expect(() => assertFiniteEstimate(r.estimate)).not.toThrow();
  });

  it('an infinite wall clock is an error naming the field and the cause', () => {
    const e = { ...r.estimate, time: { ...r.estimate.time, totalSeconds: Infinity, totalDays: Infinity } };
    try {
      assertFiniteEstimate(e);
      throw new Error('expected an error');
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).code).toBe('RESULT_NOT_FINITE');
      expect((err as InputError).message).toMatch(/time\.totalSeconds is not a finite number: with 8 GPUs the job is interrupted every/);
    }
  });

  it('a NaN cost is an error too', () => {
    const e = { ...r.estimate, cost: { ...r.estimate.cost, usd: NaN } };
    expect(() => assertFiniteEstimate(e)).toThrow(/cost\.usd is not a finite number/);
  });
});
