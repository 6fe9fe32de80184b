import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { efficiencyFor, estimate, MEASURED_PROFILES, peakFlops, precisionSupport, PROFILES, profileEntryFor, type ProfileClass } from '../../src/estimator/index.js';
import { getAccelerator } from '../../src/catalog/index.js';
import { loadBuiltinCatalog } from '../../src/io/index.js';
import { aLayout, anAccelerator, aTraining, SHAPES } from '../helpers/builders.js';

const catalog = loadBuiltinCatalog();
const acc = (id: string) => getAccelerator(catalog, id);

describe('efficiency profiles', () => {
  it('every built-in accelerator maps to a named family (no generic fallback)', () => {
    for (const a of catalog.accelerators) expect(profileEntryFor(a).family, a.id).not.toMatch(/-unmeasured$/);
  });

  it('ids the catalog may add map by prefix to the right family', () => {
    const fam = (id: string, kind: 'gpu' | 'tpu' | 'trainium' | 'gaudi' = 'gpu') => profileEntryFor(anAccelerator({ id, kind })).family;
    expect(fam('gb300-nvl72')).toBe('b300');
    expect(fam('b300-hgx')).toBe('b300');
    expect(fam('gb200-nvl72')).toBe('b200');
    expect(fam('mi350x')).toBe('mi355x');
    expect(fam('mi355x')).toBe('mi355x');
    expect(fam('h200-nvl')).toBe('h100-pcie');
    expect(fam('h200-sxm-141gb')).toBe('h200');
    expect(fam('tpu7x', 'tpu')).toBe('tpu7x');
    expect(fam('trn3', 'trainium')).toBe('trn3');
    expect(fam('rtx-pro-6000')).toBe('rtx-blackwell');
    expect(fam('rtx-4090')).toBe('rtx-ada');
    expect(fam('l40s')).toBe('l40s');
    expect(fam('a10g')).toBe('a10');
    expect(fam('a100-sxm-40gb')).toBe('a100');
  });

  it('every family names a source for each number', () => {
    for (const p of PROFILES) {
      for (const [k, v] of Object.entries(p.sources)) expect(v.length, `${p.family}.${k}`).toBeGreaterThan(10);
      for (const k of ['gemm', 'gemmFp8', 'attention', 'memory', 'scaleUp', 'scaleOut'] as const) {
        expect(p[k], `${p.family}.${k}`).toBeGreaterThan(0);
        expect(p[k], `${p.family}.${k}`).toBeLessThanOrEqual(1);
      }
      expect(p.gemmFp8, p.family).toBeLessThanOrEqual(p.gemm);
    }
  });

  it('an unmeasured family sits below the worst measured family of its class (or the floor of all measured parts)', () => {
    const worst = (cls: ProfileClass | null, k: 'gemm' | 'gemmFp8' | 'attention') => {
      const pool = MEASURED_PROFILES.filter((p) => cls === null || p.class === cls);
      return Math.min(...(pool.length ? pool : MEASURED_PROFILES).map((p) => p[k]));
    };
    const unmeasured = PROFILES.filter((p) => !p.measured);
    expect(unmeasured.length).toBeGreaterThan(5);
    for (const p of unmeasured) {
      const hasMeasured = MEASURED_PROFILES.some((m) => m.class === p.class);
      for (const k of ['gemm', 'gemmFp8', 'attention'] as const) expect(p[k], `${p.family}.${k}`).toBeLessThan(worst(hasMeasured ? p.class : null, k));
    }
  });

  it('docs/efficiency-profiles.md lists every family with the numbers in use', () => {
    const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'efficiency-profiles.md'), 'utf8');
    for (const p of PROFILES) {
      const row = doc.split('\n').find((l) => l.startsWith(`| ${p.family} |`));
      expect(row, p.family).toBeDefined();
      expect(row).toContain(`| ${p.measured ? 'yes' : 'no'} | ${p.gemm} / ${p.fp8Units ? p.gemmFp8 : '—'} | ${p.attention} | ${p.memory} |`);
    }
  });

  it('H200 and B300 have their own headroom, not H100 / B200 copied', () => {
    const h100 = efficiencyFor(acc('h100-sxm'));
    const h200 = efficiencyFor(acc('h200-sxm'));
    const b200 = efficiencyFor(acc('b200'));
    const b300 = efficiencyFor(acc('b300'));
    expect(h200.gemm).toBeGreaterThan(h100.gemm);
    expect(b300.gemm).toBeGreaterThan(b200.gemm);
    expect(b300.attention).toBeGreaterThan(b200.attention);
    expect(h200.sources.gemm).not.toBe(h100.sources.gemm);
  });

  it('measured flag: catalog parts without a measurement are flagged, a catalog efficiency block counts as measured', () => {
    expect(efficiencyFor(acc('h100-sxm')).measured).toBe(true);
    expect(efficiencyFor(acc('mi300x')).measured).toBe(true);
    expect(efficiencyFor(acc('trn2')).measured).toBe(false);
    expect(efficiencyFor(acc('gaudi3')).measured).toBe(false);
    const own = anAccelerator({ id: 'trn2', kind: 'trainium', efficiency: { gemm: 0.5, attention: 0.3, memory: 0.8, scaleUp: 0.7, scaleOut: 0.8, source: 'our own sweep' } });
    expect(efficiencyFor(own)).toMatchObject({ measured: true, gemm: 0.5, source: 'our own sweep' });
  });
});

describe('precision legality', () => {
  it.each(['h100-sxm', 'h200-sxm', 'h800-sxm', 'b200', 'b300', 'gb200', 'mi300x', 'mi325x', 'mi355x', 'gaudi2', 'gaudi3', 'trn2', 'l40s', 'l4'])('fp8 is legal on %s', (id) => {
    expect(precisionSupport(acc(id), 'fp8')).toEqual({ ok: true });
    expect(efficiencyFor(acc(id)).fp8).toBe(true);
  });

  it.each(['tpu-v4', 'tpu-v5e', 'tpu-v5p', 'tpu-v6e', 'trn1', 'a100-sxm-80gb', 'a10', 't4', 'v100-sxm-32gb', 'mi250x'])('fp8 is refused on %s, with the reason', (id) => {
    const r = precisionSupport(acc(id), 'fp8');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(new RegExp(`^${id} has no FP8`));
    expect(precisionSupport(acc(id), 'bf16').ok || precisionSupport(acc(id), 'fp16').ok).toBe(true);
  });

  it('estimate() returns fp8 on a part without FP8 units as a problem value, never a slower fp8 estimate', () => {
    const r = estimate({ model: SHAPES.llama3_8b, training: aTraining({ precision: 'fp8' }), accelerator: acc('tpu-v5p'), layout: aLayout({ precision: 'fp8' }) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toMatchObject({ reason: 'precision-unsupported', message: expect.stringMatching(/tpu-v5p has no FP8 tensor units/) });
    expect(estimate({ model: SHAPES.llama3_8b, training: aTraining(), accelerator: acc('tpu-v5p'), layout: aLayout() }).ok).toBe(true);
  });

  it('TPU v5p / v6e: the catalog fp8 figure (= bf16 rate) is never used as an fp8 peak', () => {
    for (const id of ['tpu-v5p', 'tpu-v6e']) {
      expect(acc(id).peakTflops.fp8).not.toBeNull();
      expect(peakFlops(acc(id), 'fp8')).toBe(peakFlops(acc(id), 'bf16'));
    }
    expect(peakFlops(acc('h100-sxm'), 'fp8')).toBe(1979e12);
  });

  it('Blackwell and MI355X state FP4/MXFP formats without claiming a speed-up', () => {
    for (const id of ['b200', 'b300', 'mi355x']) expect(profileEntryFor(acc(id)).notes).toMatch(/FP4.*not modelled/);
  });
});
