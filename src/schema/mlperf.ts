import { z } from 'zod';
import { modelSectionSchema, trainingSectionSchema, type ModelConfig, type TrainingConfig } from './model.js';
import { calibrationCaseSchema } from './calibration.js';

/** The MLPerf Training benchmarks trainplan can express (closed division). */
export const mlperfBenchmarkSchema = z.enum(['resnet50', 'bert-large', 'llama2-70b-lora', 'stable-diffusion-v2', 'gpt3-175b', 'retinanet']);
export type MlperfBenchmark = z.infer<typeof mlperfBenchmarkSchema>;

/**
 * One MLPerf Training closed-division result (test/fixtures/validation/mlperf.yaml): the system, the
 * model and run as a model file writes them (`model:`/`training:`; `training.samples` × `epochs` is the
 * samples the run took to reach the benchmark's quality target), the layout, the evaluation work inside
 * the timed region, and the measured time to train.
 */
export const mlperfCaseSchema = z.strictObject({
  id: z.string().min(1),
  benchmark: mlperfBenchmarkSchema,
  round: z.enum(['v3.1', 'v4.0', 'v4.1', 'v5.0']),
  submitter: z.string().min(1),
  /** The results directory (system id) of the submission in mlcommons/training_results_<round>. */
  system: z.string().min(1),
  source: z.string().min(1),
  accelerator: z.string().min(1),
  gpus: z.number().int().positive(),
  model: modelSectionSchema,
  training: trainingSectionSchema,
  layout: calibrationCaseSchema.shape.layout,
  /** How samples-to-converge was obtained (the run logs' run_stop samples_count / epoch_num, olympic mean). */
  convergence: z.string().min(1),
  /**
   * Evaluation inside the timed region (run_start … run_stop): `count` evaluations of `samples` each,
   * forward passes only. Benchmarks evaluated offline (Stable Diffusion: checkpoints are scored after the
   * run and the score is back-dated to the checkpoint) give count 0.
   */
  evaluation: z.strictObject({ samples: z.number().int().nonnegative(), count: z.number().nonnegative() }),
  /**
   * Software facts the submission's own configuration states, fed to the estimator's assumptions (never fitted):
   * `stepOverheadSeconds` 0 where the whole step is captured as one CUDA/HPU graph and data is prefetched
   * asynchronously, so the Megatron-style per-step host work of the default assumptions is not paid;
   * `bytesWeight` 0 where the weights are kept in FP8 only (NeMo `fp8_params`: no 16-bit copy beside the FP8 one,
   * as calibration cases state it). `why` cites the configuration.
   */
  software: z.strictObject({
    stepOverheadSeconds: z.number().min(0).max(10).optional(),
    bytesWeight: z.number().min(0).max(4).optional(),
    why: z.string().min(1),
  }).optional(),
  measured: z.strictObject({ minutes: z.number().positive(), runs: z.number().int().positive(), how: z.string().min(1) }),
});
export type MlperfCase = z.infer<typeof mlperfCaseSchema>;

/** An MLPerf case with its model and training resolved the way a model file's are (io/load-calibration.ts). */
export interface ResolvedMlperfCase {
  case: MlperfCase;
  model: ModelConfig;
  training: TrainingConfig;
}
