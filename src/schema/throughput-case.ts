import { z } from 'zod';
import { modelSectionSchema, type ModelConfig } from './model.js';

/**
 * One published training-throughput measurement of a per-sample model (test/fixtures/validation/cnn-throughput.yaml):
 * a preset or model on `gpus` accelerators, data parallel at `microBatch` samples per GPU, and the measured
 * samples per second of the whole job. `fitted: true` marks the row a constant was fitted on (reported apart
 * from the out-of-sample rows); `outsideModel` states, with the evidence, why a row measures something the
 * estimator does not model (it is printed but not in the MAPE).
 */
export const throughputCaseSchema = z.strictObject({
  id: z.string().min(1),
  source: z.string().min(1),
  model: modelSectionSchema,
  accelerator: z.string().min(1),
  gpus: z.number().int().positive(),
  microBatch: z.number().int().positive(),
  precision: z.enum(['bf16', 'fp16', 'fp32']),
  measured: z.strictObject({ samplesPerSecond: z.number().positive(), how: z.string().min(1) }),
  fitted: z.boolean().optional(),
  outsideModel: z.string().min(1).optional(),
});
export type ThroughputCase = z.infer<typeof throughputCaseSchema>;

/** A throughput case with its model resolved the way a model file's is (io/load-calibration.ts). */
export interface ResolvedThroughputCase {
  case: ThroughputCase;
  model: ModelConfig;
}
