import { z } from 'zod';

/**
 * Physically plausible ranges for catalog numbers. A value outside is a typo or a unit mistake (or an
 * attack: `1e300` overflowed to Infinity, `peakTflops: 1e-300` priced a run at $Infinity, a
 * `domainSize` of 1e9 made the planner enumerate a billion TP degrees). Each range leaves at least
 * ~10× headroom over the largest part in hardware-catalog/ (2026-11: 288 GiB HBM3e on B300/MI355X,
 * 8 TB/s HBM, 900 GB/s NVLink 5 per direction, 800 Gb/s NICs, 1,400 W, 8,960-chip TPU v5p pods,
 * ~15 dense PFLOP/s FP4 on B300) and below the smallest (16 GiB, 0.3 TB/s, 3.125 Gb/s, 70 W).
 */
export const CATALOG_BOUNDS = {
  memoryGB: { min: 1, max: 4096, unit: 'GB' },
  memoryGiB: { min: 1, max: 4096, unit: 'GiB' },
  memoryBandwidthTBs: { min: 0.01, max: 100, unit: 'TB/s' },
  peakTflops: { min: 0.01, max: 200_000, unit: 'TFLOP/s' },
  scaleUpDomainSize: { min: 1, max: 100_000, unit: 'accelerators' },
  scaleUpGBsPerDirection: { min: 0.1, max: 20_000, unit: 'GB/s' },
  scaleOutGbpsPerGpu: { min: 0.1, max: 20_000, unit: 'Gb/s' },
  tdpWatts: { min: 1, max: 20_000, unit: 'W' },
  /** Achieved ÷ peak: no measured GEMM, HBM or collective efficiency is below 1% (hardware.ts efficiencySchema caps at 1). */
  efficiencyFraction: { min: 0.01, max: 1, unit: 'of peak' },
} as const;
export type BoundedField = keyof typeof CATALOG_BOUNDS;

const fmt = (n: number) => (Math.abs(n) >= 1e9 || (n !== 0 && Math.abs(n) < 1e-3) ? n.toExponential().replace('e+', 'e') : String(n));

/** A finite number within CATALOG_BOUNDS[field]; the message names the value, the range and the unit. */
export function boundedNumber(field: BoundedField, opts: { int?: boolean } = {}): z.ZodNumber {
  const { min, max, unit } = CATALOG_BOUNDS[field];
  const range = `${fmt(min)}–${fmt(max)} ${unit}`;
  const out = (iss: { input?: unknown }) => `${typeof iss.input === 'number' ? fmt(iss.input) : String(iss.input)} ${unit} is outside the plausible range ${range}`;
  const base = opts.int ? z.number().int({ error: (iss) => `expected a whole number of ${unit}, got ${String(iss.input)}` }) : z.number();
  return base.min(min, { error: out }).max(max, { error: out });
}

/** A real calendar date YYYY-MM-DD (2026-13-45 and 2026-02-30 are refused). */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
    return days !== undefined && d >= 1 && d <= days;
  }, 'is not a calendar date (month 01–12, day within the month)');

/** Adds an issue for every efficiency fraction below CATALOG_BOUNDS.efficiencyFraction.min (a 1e-300 GEMM efficiency made times infinite). */
export function efficiencyFloor(e: Record<string, unknown> | undefined, ctx: z.RefinementCtx): void {
  if (!e) return;
  const { min, max, unit } = CATALOG_BOUNDS.efficiencyFraction;
  for (const [k, v] of Object.entries(e)) {
    // tpOverlap is a share of communication hidden (0 is legal), not an achieved fraction of a peak
    if (k !== 'tpOverlap' && typeof v === 'number' && v < min) ctx.addIssue({ code: 'custom', path: [k], message: `${fmt(v)} ${unit} is outside the plausible range ${min}–${max}`, input: v });
  }
}

const peak = () => boundedNumber('peakTflops').nullable();

/** Dense peak TFLOP/s per precision as a catalog file gives them (hardware.ts peakTflopsSchema, bounded). */
export const peakTflopsFileSchema = z.strictObject({ fp32: peak(), tf32: peak(), bf16: peak(), fp16: peak(), fp8: peak(), fp4: peak() });
