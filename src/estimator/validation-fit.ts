import type { AcceleratorSpec, CalibrationCase, Framework } from '../schema/index.js';
import { validateCases, type ValidationRow } from './validation.js';

/** Source of a calibration case: its id up to the model name (e.g. `mosaic-mpt-`, `korthikanti22-t5-`). */
export function caseSource(id: string): string {
  const prefixes = ['megatron-sc21-', 'megatron-h100-2024-', 'korthikanti22-t5-', 'nemo2407-', 'bridge2511-', 'automodel-', 'torchtitan-', 'mosaic-mpt-'];
  return prefixes.find((p) => id.startsWith(p)) ?? id.split('-')[0]!;
}

/** Mean absolute percentage error per source (a failed case counts as 100%). */
export function mapeBySource(rows: readonly ValidationRow[]): { source: string; cases: number; mape: number }[] {
  const by = new Map<string, number[]>();
  for (const r of rows) {
    const k = caseSource(r.id);
    by.set(k, [...(by.get(k) ?? []), r.errorPercent === null ? 100 : Math.abs(r.errorPercent)]);
  }
  return [...by].map(([source, apes]) => ({ source, cases: apes.length, mape: apes.reduce((a, b) => a + b, 0) / apes.length }));
}

/**
 * The one kernel-efficiency factor of a stack that minimises the MAPE of that stack's calibration runs
 * (grid 0.70…1.10 in steps of 0.005): how `kernelEfficiency` in stacks.ts was fitted. null without runs.
 */
export function fitKernelEfficiency(cases: readonly CalibrationCase[], accelerator: (id: string) => AcceleratorSpec, framework: Framework): { factor: number; mape: number; cases: number } | null {
  const own = cases.filter((c) => (c.framework ?? 'megatron') === framework);
  if (own.length === 0) return null;
  let best = { factor: 1, mape: Infinity, cases: own.length };
  for (let i = 0; i <= 80; i++) {
    const factor = Math.round((0.7 + i * 0.005) * 1000) / 1000;
    const mape = validateCases(own, accelerator, { kernelEfficiency: factor }).mape;
    if (mape < best.mape) best = { factor, mape, cases: own.length };
  }
  return best;
}
