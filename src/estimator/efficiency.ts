import type { AcceleratorSpec, Efficiency, Precision } from '../schema/index.js';
import { fallbackProfile, UNMEASURED_PROFILES } from './efficiency-defaults.js';
import { MEASURED_PROFILES, type ProfileClass, type ProfileEntry, type ProfileSources } from './efficiency-profiles.js';

/** Every family trainplan knows, measured first (efficiency-profiles.ts, efficiency-defaults.ts). */
export const PROFILES: readonly ProfileEntry[] = [...MEASURED_PROFILES, ...UNMEASURED_PROFILES];

/** The family entry for an accelerator id: the longest matching id prefix, else a kind/vendor fallback. */
export function profileEntryFor(acc: Pick<AcceleratorSpec, 'id' | 'kind' | 'vendor' | 'peakTflops'>): ProfileEntry {
  let best: ProfileEntry | undefined;
  let bestLength = 0;
  for (const p of PROFILES) {
    for (const prefix of p.prefixes) {
      if (acc.id.startsWith(prefix) && prefix.length > bestLength) {
        best = p;
        bestLength = prefix.length;
      }
    }
  }
  return best ?? fallbackProfile(acc.kind, acc.vendor, acc.peakTflops.fp8 !== null);
}

/**
 * The profile an estimate uses. `measured`: false for a family with no public measurement (class default);
 * `fp8`: FP8 training is legal on this part (FP8 units on the datasheet and an FP8 peak in the catalog).
 */
export type EfficiencyProfile = Required<Efficiency> & {
  computeUnits: number;
  measured: boolean;
  family: string;
  class: ProfileClass;
  generation: string;
  fp8: boolean;
  sources: ProfileSources;
};

/** The efficiency profile for an accelerator: its catalog `efficiency` block if any (measured by whoever wrote it), else its family's. */
export function efficiencyFor(acc: AcceleratorSpec): EfficiencyProfile {
  const base = profileEntryFor(acc);
  const e = acc.efficiency;
  const fp8 = base.fp8Units && acc.peakTflops.fp8 !== null;
  const profile: EfficiencyProfile = {
    gemm: e?.gemm ?? base.gemm,
    gemmFp8: e?.gemmFp8 ?? base.gemmFp8,
    attention: e?.attention ?? base.attention,
    memory: e?.memory ?? base.memory,
    scaleUp: e?.scaleUp ?? base.scaleUp,
    scaleOut: e?.scaleOut ?? base.scaleOut,
    tpOverlap: e?.tpOverlap ?? base.tpOverlap,
    source: e?.source ?? base.sources.gemm,
    computeUnits: base.computeUnits,
    measured: e !== undefined || base.measured,
    family: base.family,
    class: base.class,
    generation: base.generation,
    fp8,
    sources: base.sources,
  };
  return profile;
}

export type PrecisionCheck = { ok: true } | { ok: false; reason: string };

/** Whether the part can train at `precision`: fp8 needs FP8 tensor units (datasheet) and an FP8 peak; 16/32-bit always can. */
export function precisionSupport(acc: AcceleratorSpec, precision: Precision): PrecisionCheck {
  if (precision !== 'fp8') return { ok: true };
  const entry = profileEntryFor(acc);
  if (acc.peakTflops.fp8 === null) return { ok: false, reason: `${acc.id} has no FP8 peak in the catalog (no FP8 tensor units)` };
  if (!entry.fp8Units) return { ok: false, reason: `${acc.id} has no FP8 tensor units: ${entry.sources.fp8}` };
  return { ok: true };
}

/** Dense peak FLOP/s for the GEMM precision; fp8 falls back to bf16/fp16 when the part lacks it (callers check precisionSupport first). */
export function peakFlops(acc: AcceleratorSpec, precision: Precision): number {
  const p = acc.peakTflops;
  const fp8 = precision === 'fp8' && precisionSupport(acc, 'fp8').ok;
  const tf =
    fp8
      ? p.fp8
      : precision === 'bf16' || precision === 'fp8'
        ? (p.bf16 ?? p.fp16)
        : precision === 'fp16'
          ? (p.fp16 ?? p.bf16)
          : (p.tf32 ?? p.fp32);
  return (tf ?? p.fp32 ?? 1) * 1e12;
}

/** The warning every command prints for a part on class-default efficiencies (null when measured). */
export function unmeasuredWarning(acc: AcceleratorSpec): string | null {
  const eff = efficiencyFor(acc);
  return eff.measured ? null : `${acc.id} has no public efficiency measurement: class-default efficiencies (below the measured ${eff.class} parts), error band widened`;
}
