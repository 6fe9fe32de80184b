import type { AcceleratorSpec, ResolvedThroughputCase } from '../schema/index.js';
import { estimate, type Estimate } from './estimate.js';

export interface ThroughputRow {
  id: string;
  measuredSamplesPerSecond: number;
  predictedSamplesPerSecond: number | null;
  /** (predicted − measured) / measured, in percent. */
  errorPercent: number | null;
  fitted: boolean;
  outsideModel?: string;
  estimate: Estimate | null;
  problem?: string;
}

export interface ThroughputSummary {
  rows: ThroughputRow[];
  /** Mean absolute percentage error over the out-of-sample rows the model covers (a row that could not be estimated counts 100%). */
  mape: number;
  cases: number;
  /** The same over the fitted rows (should be ≈ 0: it says the fit is applied as derived). */
  fittedMape: number;
}

/**
 * Predicts the throughput of one published run: data parallel over `gpus` with `microBatch` samples per GPU
 * (ZeRO 0, no recompute, one micro-batch per step, as image classification trainers run), the global batch
 * = gpus × microBatch.
 */
export function predictThroughput(r: ResolvedThroughputCase, accelerator: AcceleratorSpec): ThroughputRow {
  const c = r.case;
  const base = { id: c.id, measuredSamplesPerSecond: c.measured.samplesPerSecond, fitted: c.fitted ?? false, ...(c.outsideModel ? { outsideModel: c.outsideModel } : {}) };
  const batch = c.gpus * c.microBatch;
  const training = { tokens: batch, sequenceLength: 1, globalBatchSize: batch, precision: c.precision, optimizer: 'sgd' as const, samples: batch, epochs: 1 };
  const res = estimate({
    model: r.model, training, accelerator,
    layout: { gpus: c.gpus, tp: 1, pp: 1, cp: 1, ep: 1, vpp: 1, microBatch: c.microBatch, zero: 0, recompute: 'none', sequenceParallel: false, precision: c.precision },
  });
  if (!res.ok) return { ...base, predictedSamplesPerSecond: null, errorPercent: null, estimate: null, problem: res.problem.message };
  const p = res.estimate.throughput.samplesPerSecond ?? null;
  return { ...base, predictedSamplesPerSecond: p, errorPercent: p === null ? null : ((p - c.measured.samplesPerSecond) / c.measured.samplesPerSecond) * 100, estimate: res.estimate };
}

/** Predicts every row; the MAPE is over the out-of-sample rows the model covers (not fitted, not `outsideModel`). */
export function validateThroughput(rows: readonly ResolvedThroughputCase[], accelerator: (id: string) => AcceleratorSpec): ThroughputSummary {
  const out = rows.map((r) => predictThroughput(r, accelerator(r.case.accelerator)));
  const ape = (r: ThroughputRow) => (r.errorPercent === null ? 100 : Math.abs(r.errorPercent));
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const scored = out.filter((r) => !r.fitted && !r.outsideModel);
  return { rows: out, mape: mean(scored.map(ape)), cases: scored.length, fittedMape: mean(out.filter((r) => r.fitted).map(ape)) };
}
