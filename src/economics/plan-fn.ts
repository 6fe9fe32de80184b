import type { Estimate } from '../estimator/index.js';
import type { Constraints, ModelConfig, TrainingConfig } from '../schema/index.js';

/** The fields of a ranked plan that fleet economics reads (the planner's PlannedRun satisfies it). */
export interface PlanLike {
  accelerator: string;
  provider: string;
  instance: string;
  pricing: string;
  gpus: number;
  usdPerGpuHour: number;
  estimate: Estimate;
}

/** A planner bound to a catalog: best plans first for one model under constraints; `infeasible` says why when none. */
export type PlanFn = (req: { model: ModelConfig; training: TrainingConfig; constraints: Constraints; top?: number }) => {
  plans: readonly PlanLike[];
  infeasible: { reason: string } | null;
};

/** One model of a workload, as loaded from its file. */
export interface WorkloadModel {
  name: string;
  model: ModelConfig;
  training: TrainingConfig;
  constraints?: Constraints;
}
