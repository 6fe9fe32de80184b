import { countParameters } from '../estimator/index.js';
import type { Constraints, ModelConfig, TrainingConfig } from '../schema/index.js';
import type { PlanFn, PlanLike } from './plan-fn.js';

/** Compute-optimal data: ≈20 training tokens per parameter [Hoffmann et al. 2022, "Training Compute-Optimal LLMs", Table 3 / Chinchilla 70B on 1.4T]. */
export const CHINCHILLA_TOKENS_PER_PARAM = 20;

/** Sequence length and batch of the budget runs: 4,096 tokens × 1,024 sequences = 4M-token batches [Llama 2, arXiv:2307.09288 §2.2]. */
export const BUDGET_TRAINING = { sequenceLength: 4096, globalBatchSize: 1024 } as const;

export const SCALING_RULE =
  'Hoffmann et al. 2022 (Chinchilla), ~20 tokens per parameter; dense Llama-style shapes (hidden ≈ 128·layers, SwiGLU 3.5×, GQA 8 KV heads, 128K vocabulary)';

/**
 * A dense Llama-style model with `layers` layers: heads = L rounded up to a multiple of 8 (from 8 layers on, so every
 * tensor-parallel degree up to 8 divides them), hidden = 128·heads, FFN 3.5·hidden rounded to 256, 8 KV heads
 * [Llama 3 8B: 32 layers × 4096 hidden, 32 heads, FFN 14336]. Parameters never fall as L grows.
 */
export function denseShape(layers: number): ModelConfig {
  const heads = layers < 8 ? layers : 8 * Math.ceil(layers / 8);
  const hidden = 128 * heads;
  return {
    name: `dense-${layers}l`,
    layers,
    hiddenSize: hidden,
    ffnHiddenSize: Math.max(256, Math.round((3.5 * hidden) / 256) * 256),
    attentionHeads: heads,
    kvHeads: heads % 8 === 0 ? 8 : heads,
    headDim: 128,
    vocabSize: 128256,
    ffn: 'swiglu',
    tiedEmbeddings: false,
    attention: 'causal',
    moe: null,
    mla: null,
  };
}

/** The family member whose parameter count is closest to `params` (log distance). */
export function shapeForParams(params: number): ModelConfig {
  let best = denseShape(2);
  for (let l = 2; l <= 256; l++) {
    const m = denseShape(l);
    if (Math.abs(Math.log(countParameters(m).total / params)) < Math.abs(Math.log(countParameters(best).total / params))) best = m;
  }
  return best;
}

const trainingFor = (tokens: number): TrainingConfig => ({ tokens, ...BUDGET_TRAINING, precision: 'bf16', optimizer: 'adam' });

export interface BudgetRequest {
  usd: number;
  days: number;
  planFn: PlanFn;
  constraints?: Constraints;
}

export interface BudgetResult {
  rule: string;
  model: ModelConfig;
  parameters: number;
  tokens: number;
  tokensPerParameter: number;
  plan: PlanLike;
  /** Planner calls made by the search. */
  evaluations: number;
}

function planUnder(req: BudgetRequest, model: ModelConfig, tokens: number): PlanLike | null {
  const constraints: Constraints = { ...req.constraints, budgetUsd: req.usd, deadlineDays: req.days, objective: 'cost' };
  return req.planFn({ model, training: trainingFor(tokens), constraints, top: 1 }).plans[0] ?? null;
}

/** Largest compute-optimal dense model (D = 20·N) trainable within `usd` and `days`: binary search over depth (cost and time rise with N). */
export function largestComputeOptimal(req: BudgetRequest): BudgetResult | null {
  let lo = 0; // largest depth known feasible (0: none yet)
  let hi = 256;
  let best: { model: ModelConfig; plan: PlanLike; tokens: number } | null = null;
  let evaluations = 0;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const model = denseShape(mid);
    const tokens = CHINCHILLA_TOKENS_PER_PARAM * countParameters(model).total;
    const plan = planUnder(req, model, tokens);
    evaluations++;
    if (plan) {
      lo = mid;
      best = { model, plan, tokens };
    } else hi = mid - 1;
  }
  if (!best) return null;
  const parameters = countParameters(best.model).total;
  return { rule: SCALING_RULE, model: best.model, parameters, tokens: best.tokens, tokensPerParameter: best.tokens / parameters, plan: best.plan, evaluations };
}

/** Most tokens a model of ~`params` parameters can see within `usd` and `days`: bisection on log(tokens), 1% resolution. */
export function mostTokens(req: BudgetRequest & { params: number }): BudgetResult | null {
  const model = shapeForParams(req.params);
  const parameters = countParameters(model).total;
  let lo = Math.log(1e6);
  let hi = Math.log(1e16);
  let best: { plan: PlanLike; tokens: number } | null = null;
  let evaluations = 0;
  while (hi - lo > 0.01) {
    const mid = (lo + hi) / 2;
    const tokens = Math.round(Math.exp(mid));
    const plan = planUnder(req, model, tokens);
    evaluations++;
    if (plan) {
      lo = mid;
      best = { plan, tokens };
    } else hi = mid;
  }
  if (!best) return null;
  return { rule: SCALING_RULE, model, parameters, tokens: best.tokens, tokensPerParameter: best.tokens / parameters, plan: best.plan, evaluations };
}
