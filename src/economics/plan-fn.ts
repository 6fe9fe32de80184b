import type { Estimate } from '../estimator/index.js';
import type { PlanConstraints } from '../planner/index.js';
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

/**
 * A planner bound to a catalog: best plans first for one model under constraints; `infeasible` says why when none;
 * `frontier`: the cost–time Pareto frontier of every feasible plan (the real planner's; fakes may leave it out).
 */
export type PlanFn = (req: { model: ModelConfig; training: TrainingConfig; constraints: PlanConstraints; top?: number }) => {
  plans: readonly PlanLike[];
  frontier?: readonly PlanLike[];
  infeasible: { reason: string } | null;
};

/** One model of a workload, as loaded from its file. */
export interface WorkloadModel {
  name: string;
  model: ModelConfig;
  training: TrainingConfig;
  constraints?: Constraints;
}
