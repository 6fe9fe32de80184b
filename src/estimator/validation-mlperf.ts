import type { AcceleratorSpec, Layout, MlperfBenchmark, ResolvedMlperfCase } from '../schema/index.js';
import type { Assumptions } from './assumptions.js';
import { estimate, type Estimate } from './estimate.js';
import { isAdapterMethod } from './finetune.js';

export interface MlperfRow {
  id: string;
  benchmark: MlperfBenchmark;
  measuredMinutes: number;
  /** Training steps (steps × step time) plus the evaluation passes inside the timed region. */
  predictedMinutes: number | null;
  trainMinutes: number | null;
  evalMinutes: number | null;
  errorPercent: number | null;
  estimate: Estimate | null;
  problem?: string;
}

export interface MlperfSummary {
  rows: MlperfRow[];
  /** Mean absolute percentage error over every row (a row that could not be estimated counts 100%). */
  mape: number;
  byBenchmark: { benchmark: MlperfBenchmark; cases: number; mape: number }[];
  /** The same by accelerator vendor (the catalog's `vendor`): the CNN roofline is derived from NVIDIA GPUs. */
  byVendor: { vendor: string; cases: number; mape: number }[];
}

/** The layout of an MLPerf row: the contract's `estimate` defaults for what the submission leaves unsaid. */
function rowLayout(r: ResolvedMlperfCase): Layout {
  const l = r.case.layout;
  const tp = l.tp ?? 1;
  return {
    gpus: r.case.gpus, tp, pp: l.pp ?? 1, cp: l.cp ?? 1, ep: l.ep ?? 1, vpp: l.vpp ?? 1,
    microBatch: l.microBatch ?? 1, zero: l.zero ?? 1, recompute: l.recompute ?? 'none',
    sequenceParallel: l.sequenceParallel ?? tp > 1, precision: r.training.precision,
  };
}

/**
 * Share of a training sample's compute that one evaluation (forward-only) sample costs: 1/3 when every
 * weight trains (backward ≈ 2 × forward: an input-gradient and a weight-gradient GEMM per forward GEMM;
 * Kaplan et al. 2020, "Scaling Laws for Neural Language Models", §2.1: C ≈ 6N = 3 × the 2N forward), 1/2 with frozen base weights (LoRA/QLoRA:
 * the backward keeps the input-gradient GEMM only, so training ≈ 4N and forward 2N per token).
 */
export function evalForwardShare(r: ResolvedMlperfCase): number {
  return isAdapterMethod(r.training.finetune) ? 1 / 2 : 1 / 3;
}

/**
 * Predicted MLPerf time to train: steps × step time for the samples the run took to converge, plus the
 * evaluations inside the timed region (count × samples forward passes at the step's compute rate per
 * sample — the step minus host overhead, optimizer and exposed gradient reduction, which evaluation does not do).
 */
export function predictMlperf(r: ResolvedMlperfCase, accelerator: AcceleratorSpec, assumptions?: Partial<Assumptions>): MlperfRow {
  const c = r.case;
  const base = { id: c.id, benchmark: c.benchmark, measuredMinutes: c.measured.minutes };
  const { why: _why, ...software } = c.software ?? { why: '' };
  const res = estimate({ model: r.model, training: r.training, accelerator, layout: rowLayout(r), assumptions: { ...software, ...assumptions } });
  if (!res.ok) return { ...base, predictedMinutes: null, trainMinutes: null, evalMinutes: null, errorPercent: null, estimate: null, problem: res.problem.message };
  const e = res.estimate;
  const b = e.time.breakdown;
  const perSample = (e.time.stepSeconds - b.overhead - b.optimizer - b.dpComm) / r.training.globalBatchSize;
  const evalSeconds = c.evaluation.count * c.evaluation.samples * perSample * evalForwardShare(r);
  const trainMinutes = e.time.failureFreeSeconds / 60;
  const evalMinutes = evalSeconds / 60;
  const predicted = trainMinutes + evalMinutes;
  return { ...base, predictedMinutes: predicted, trainMinutes, evalMinutes, errorPercent: ((predicted - c.measured.minutes) / c.measured.minutes) * 100, estimate: e };
}

/** Predicts every MLPerf row and summarises the absolute percentage errors, overall and per benchmark. */
export function validateMlperf(rows: readonly ResolvedMlperfCase[], accelerator: (id: string) => AcceleratorSpec, assumptions?: Partial<Assumptions>): MlperfSummary {
  const out = rows.map((r) => predictMlperf(r, accelerator(r.case.accelerator), assumptions));
  const vendorOf = new Map(rows.map((r) => [r.case.id, accelerator(r.case.accelerator).vendor]));
  const ape = (r: MlperfRow) => (r.errorPercent === null ? 100 : Math.abs(r.errorPercent));
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const benchmarks = [...new Set(out.map((r) => r.benchmark))];
  const vendors = [...new Set(out.map((r) => vendorOf.get(r.id)!))];
  return {
    rows: out,
    mape: mean(out.map(ape)),
    byBenchmark: benchmarks.map((benchmark) => {
      const own = out.filter((r) => r.benchmark === benchmark);
      return { benchmark, cases: own.length, mape: mean(own.map(ape)) };
    }),
    byVendor: vendors.map((vendor) => {
      const own = out.filter((r) => vendorOf.get(r.id) === vendor);
      return { vendor, cases: own.length, mape: mean(own.map(ape)) };
    }),
  };
}
