import type { AcceleratorSpec, CalibrationCase, MemoryCase } from '../schema/index.js';
import type { Assumptions } from './assumptions.js';
import { estimate } from './estimate.js';
import { caseLayout, caseModel, caseTraining } from './validation.js';

export interface MemoryRow {
  id: string;
  compare: MemoryCase['compare'];
  measuredBytes: number | null;
  predictedBytes: number | null;
  errorPercent: number | null;
  fits: boolean | null;
  problem?: string;
}

export interface MemorySummary {
  rows: MemoryRow[];
  /** Mean absolute percentage error over the cases with a published figure. */
  mape: number;
  /** Production layouts (compare: fits) that do not fit. */
  notFitting: string[];
  /** Layouts the source says cannot fit (compare: does-not-fit) that the estimate fits. */
  fittingButShouldNot: string[];
}

/** Predicts every memory case: peak per GPU, model states or stored activations, and whether it fits. */
export function validateMemoryCases(cases: readonly MemoryCase[], accelerator: (id: string) => AcceleratorSpec, assumptions?: Partial<Assumptions>): MemorySummary {
  const rows = cases.map((mc): MemoryRow => {
    const c = { ...mc, measured: { stepSeconds: 1, how: mc.measured.how } } as CalibrationCase;
    const r = estimate({ model: caseModel(c), training: caseTraining(c), accelerator: accelerator(c.accelerator), layout: caseLayout(c), assumptions: { ...c.software, ...assumptions } });
    const base = { id: mc.id, compare: mc.compare, measuredBytes: mc.measured.bytes };
    if (!r.ok) return { ...base, predictedBytes: null, errorPercent: null, fits: null, problem: r.problem.message };
    const m = r.estimate.memory;
    const b = m.breakdown;
    const predicted = mc.compare === 'model-states' ? b.weights + b.gradients + b.optimizer : mc.compare === 'activations' ? b.activations : m.perGpuBytes;
    const err = mc.measured.bytes === null ? null : ((predicted - mc.measured.bytes) / mc.measured.bytes) * 100;
    return { ...base, predictedBytes: predicted, errorPercent: err, fits: m.fits };
  });
  const apes = rows.filter((r) => r.measuredBytes !== null).map((r) => (r.errorPercent === null ? 100 : Math.abs(r.errorPercent)));
  const mape = apes.length ? apes.reduce((a, b) => a + b, 0) / apes.length : 0;
  return {
    rows,
    mape,
    notFitting: rows.filter((r) => r.compare === 'fits' && r.fits !== true).map((r) => r.id),
    fittingButShouldNot: rows.filter((r) => r.compare === 'does-not-fit' && r.fits !== false).map((r) => r.id),
  };
}
