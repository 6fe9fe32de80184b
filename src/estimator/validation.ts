import type { AcceleratorSpec, CalibrationCase, Layout, ModelConfig, TrainingConfig } from '../schema/index.js';
import { resolveFinetune } from '../schema/index.js';
import type { Assumptions } from './assumptions.js';
import { estimate, type Estimate } from './estimate.js';
import { calibrationStack, type ResidualInput } from './error-bands.js';

/** The model of a calibration case, resolved the way a model file without a preset would be. */
export function caseModel(c: CalibrationCase): ModelConfig {
  const m = c.model;
  return {
    name: c.id,
    layers: m.layers,
    hiddenSize: m.hiddenSize,
    ffnHiddenSize: m.ffnHiddenSize,
    attentionHeads: m.attentionHeads,
    kvHeads: m.kvHeads,
    // MLA: the query/key head is nope + rope wide (as resolveModel does for model files).
    headDim: m.mla ? m.mla.qkNopeHeadDim + m.mla.qkRopeHeadDim : m.hiddenSize / m.attentionHeads,
    vocabSize: m.vocabSize,
    ffn: m.ffn,
    tiedEmbeddings: false,
    attention: 'causal',
    moe: m.moe ?? null,
    mla: m.mla ?? null,
  };
}

/** A layout with the contract's `estimate` defaults for every field the source left null. */
export function caseLayout(c: CalibrationCase): Layout {
  const l = c.layout;
  const tp = l.tp ?? 1;
  return {
    gpus: c.gpus,
    tp,
    pp: l.pp ?? 1,
    cp: l.cp ?? 1,
    ep: l.ep ?? 1,
    vpp: l.vpp ?? 1,
    microBatch: l.microBatch ?? 1,
    zero: l.zero ?? 1,
    recompute: l.recompute ?? 'selective',
    ...(l.recomputeBlocks ? { recomputeBlocks: l.recomputeBlocks } : {}),
    sequenceParallel: l.sequenceParallel ?? tp > 1,
    precision: c.training.precision,
  };
}

export function caseTraining(c: CalibrationCase): TrainingConfig {
  const t = c.training;
  return {
    tokens: t.globalBatchSize * t.sequenceLength, sequenceLength: t.sequenceLength, globalBatchSize: t.globalBatchSize, precision: t.precision, optimizer: 'adam',
    framework: c.framework ?? 'megatron',
    ...(c.overlap ? { overlap: c.overlap } : {}),
    ...(t.finetune ? { finetune: resolveFinetune(t.finetune) } : {}),
  };
}

export interface ValidationRow {
  id: string;
  measuredSeconds: number;
  predictedSeconds: number | null;
  /** Signed error of the prediction, percent of the measurement. */
  errorPercent: number | null;
  estimate: Estimate | null;
  problem?: string;
}

export interface ValidationSummary {
  rows: ValidationRow[];
  mape: number;
  medianApe: number;
  maxApe: number;
  korthikantiMape: number;
}

/** Predicts every case's step time and summarises the absolute percentage errors. */
export function validateCases(cases: readonly CalibrationCase[], accelerator: (id: string) => AcceleratorSpec, assumptions?: Partial<Assumptions>): ValidationSummary {
  const rows: ValidationRow[] = cases.map((c) => {
    const r = estimate({ model: caseModel(c), training: caseTraining(c), accelerator: accelerator(c.accelerator), layout: caseLayout(c), assumptions: { ...c.software, ...assumptions } });
    if (!r.ok) return { id: c.id, measuredSeconds: c.measured.stepSeconds, predictedSeconds: null, errorPercent: null, estimate: null, problem: r.problem.message };
    const p = r.estimate.time.stepSeconds;
    return { id: c.id, measuredSeconds: c.measured.stepSeconds, predictedSeconds: p, errorPercent: ((p - c.measured.stepSeconds) / c.measured.stepSeconds) * 100, estimate: r.estimate };
  });
  const apes = rows.map((r) => (r.errorPercent === null ? 100 : Math.abs(r.errorPercent)));
  const sorted = [...apes].sort((a, b) => a - b);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const mid = sorted.length ? (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) / 2 : 0;
  const kIdx = rows.map((r, i) => (r.id.startsWith('korthikanti22-t5-') ? apes[i]! : -1)).filter((x) => x >= 0);
  return { rows, mape: mean(apes), medianApe: mid, maxApe: sorted[sorted.length - 1] ?? 0, korthikantiMape: mean(kIdx) };
}

/** The residuals the error bands are built from (error-bands.ts): one per calibration run that was estimated. */
export function residualInputs(cases: readonly CalibrationCase[], summary: ValidationSummary): ResidualInput[] {
  const byId = new Map(cases.map((c) => [c.id, c]));
  return summary.rows.flatMap((r) => {
    const c = byId.get(r.id);
    if (!c || r.estimate === null || r.predictedSeconds === null) return [];
    return [{ stack: calibrationStack(c as CalibrationCase & { framework?: string; training: { framework?: string } }), generation: r.estimate.assumptions.efficiency.generation, gpus: c.gpus, measuredSeconds: r.measuredSeconds, predictedSeconds: r.predictedSeconds }];
  });
}
