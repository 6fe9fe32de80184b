import { countParameters } from '../estimator/index.js';
import { buildSearchPlan, DEFAULT_MAX_GPUS, resolveConstraints } from '../planner/index.js';
import type { Constraints, ModelConfig, PlanPricing, Pricing, TrainingConfig } from '../schema/index.js';
import { acceleratorBounds, lowerBounds, margin, type AcceleratorBound, type BoundsCatalog } from './budget-bounds.js';
import { largestFitting, type SizeProbe } from './budget-search.js';
import { shapeForParams } from './budget-shapes.js';
import type { PlanFn, PlanLike } from './plan-fn.js';

export { denseShape, shapeForParams } from './budget-shapes.js';

/** Compute-optimal data: ≈20 training tokens per parameter [Hoffmann et al. 2022, "Training Compute-Optimal LLMs", Table 3 / Chinchilla 70B on 1.4T]. */
export const CHINCHILLA_TOKENS_PER_PARAM = 20;

/** Sequence length and batch of the budget runs: 4,096 tokens × 1,024 sequences = 4M-token batches [Llama 2, arXiv:2307.09288 §2.2]. */
export const BUDGET_TRAINING = { sequenceLength: 4096, globalBatchSize: 1024 } as const;

export const SCALING_RULE =
  'Hoffmann et al. 2022 (Chinchilla), ~20 tokens per parameter; dense Llama-style shapes of any size (hidden ≈ 128·layers, SwiGLU ≈ 3.5×, GQA 8 KV heads, 128K vocabulary)';

/** Stop once a limit is used to within 2% (or a fitting and a not-fitting size are that close). */
const TOLERANCE = 0.02;

const trainingFor = (tokens: number): TrainingConfig => ({ tokens, ...BUDGET_TRAINING, precision: 'bf16', optimizer: 'adam' });

export interface BudgetRequest {
  usd: number;
  days: number;
  planFn: PlanFn;
  constraints?: Constraints;
  /** The catalog the planner searches: its peaks and prices bound every plan's cost and time (prunes accelerators, brackets the size). */
  catalog?: BoundsCatalog;
  /** One call per size tried (for a progress line). */
  onProgress?: (p: BudgetProbe) => void;
}

/** A size the search tried and how close its best plans came to the limits. */
export interface BudgetProbe {
  parameters: number;
  tokens: number;
  /** max(cost ÷ budget, days ÷ deadline) of the plan closest to fitting; ≤ 1 fits. */
  margin: number;
  fits: boolean;
  /** Accelerators searched (the others cannot fit by the lower bounds). */
  accelerators: number;
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
  probes: BudgetProbe[];
  /** How much of the money and time the plan uses, which limit binds, and the smallest size tried that did not fit. */
  fit: { usdFraction: number; daysFraction: number; limitedBy: 'budget' | 'days'; smallestNotFitting: { parameters: number; tokens: number } | null };
}

interface Evaluated {
  plan: PlanLike;
  model: ModelConfig;
  tokens: number;
  limitedBy: 'budget' | 'days';
}

const pricingList = (c?: Constraints): Pricing[] => {
  const p = c?.pricing === undefined ? ['on-demand' as PlanPricing] : Array.isArray(c.pricing) ? c.pricing : [c.pricing];
  return p.filter((x): x is Pricing => x !== 'owned');
};

/**
 * Plans `model` for `tokens` without budget or deadline and reads, from the cost–time frontier, how close the best
 * plans come to both limits. Accelerators that the lower bounds rule out are not searched.
 */
function evaluate(req: BudgetRequest, bounds: AcceleratorBound[] | null, model: ModelConfig, tokens: number): { margin: number; found: Evaluated | null; accelerators: number } {
  const limit = { usd: req.usd, days: req.days };
  let accelerators = req.constraints?.accelerators;
  if (bounds) {
    const lb = bounds.map((b) => {
      const x = lowerBounds(b, model, BUDGET_TRAINING.sequenceLength, tokens);
      return { id: b.id, m: margin(x.usd, x.days, limit) };
    });
    const kept = lb.filter((x) => x.m <= 1).map((x) => x.id);
    if (kept.length === 0) return { margin: Math.min(...lb.map((x) => x.m)), found: null, accelerators: 0 };
    accelerators = kept;
  }
  const r = req.planFn({ model, training: trainingFor(tokens), constraints: { ...req.constraints, ...(accelerators ? { accelerators } : {}), deadlineDays: null, objective: 'cost' }, top: 1 });
  const points = r.frontier ?? r.plans;
  let m = Infinity;
  let limitedBy: 'budget' | 'days' = 'budget';
  let best: PlanLike | null = null;
  for (const p of points) {
    const usd = p.estimate.cost.usd ?? Infinity;
    const days = p.estimate.time.totalDays;
    const pm = margin(usd, days, limit);
    if (pm < m) {
      m = pm;
      limitedBy = usd / limit.usd >= days / limit.days ? 'budget' : 'days';
    }
    if (usd <= limit.usd && days <= limit.days && (!best || usd < (best.estimate.cost.usd ?? Infinity))) best = p;
  }
  return { margin: m, found: best ? { plan: best, model, tokens, limitedBy } : null, accelerators: accelerators?.length ?? 0 };
}

function boundsOf(req: BudgetRequest): AcceleratorBound[] | null {
  if (!req.catalog) return null;
  const c = req.constraints;
  return acceleratorBounds(req.catalog, { pricing: pricingList(c), maxGpus: c?.maxGpus ?? DEFAULT_MAX_GPUS, ...(c?.providers ? { providers: c.providers } : {}), ...(c?.accelerators ? { accelerators: c.accelerators } : {}) });
}

/** The largest size for which some accelerator's lower bounds fit the limits (with a given efficiency ≤ 1: bounds ÷ eff). */
function boundedSize(bounds: AcceleratorBound[], at: (size: number) => { model: ModelConfig; tokens: number }, limit: { usd: number; days: number }, eff: number): number {
  const ok = (size: number) => {
    const { model, tokens } = at(size);
    return bounds.some((b) => {
      const lb = lowerBounds(b, model, BUDGET_TRAINING.sequenceLength, tokens);
      return margin(lb.usd / eff, lb.days / eff, limit) <= 1;
    });
  };
  let lo = 1e3;
  let hi = 1e17;
  if (!ok(lo)) return lo;
  for (let i = 0; i < 60 && hi / lo > 1.001; i++) {
    const mid = Math.sqrt(lo * hi);
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  return hi;
}

function run(req: BudgetRequest, at: (size: number) => { model: ModelConfig; tokens: number }, k: number, min: number): BudgetResult | null {
  if (req.catalog) {
    // Unknown accelerator or provider ids (and filters no offer matches) are input errors, as in `plan`, before any bound prunes them away.
    const { model, tokens } = at(1e9);
    const input = { model, training: trainingFor(tokens), catalog: { accelerators: [...req.catalog.accelerators], offers: [...req.catalog.offers] }, constraints: { ...req.constraints, deadlineDays: null } };
    buildSearchPlan(input, resolveConstraints(input));
  }
  const bounds = boundsOf(req);
  const limit = { usd: req.usd, days: req.days };
  // Without a catalog, a wide bracket; with one, MFU ≤ 1 bounds the size from above, and ~45% MFU (typical of the
  // validation set, README "How accurate is it?") gives the first guess.
  const hi = bounds ? boundedSize(bounds, at, limit, 1) : 1e16;
  const guess = bounds ? boundedSize(bounds, at, limit, 0.45) : 1e9;
  const probes: BudgetProbe[] = [];
  let evaluations = 0;
  const { best } = largestFitting<Evaluated>({
    hi, guess, min, k, tol: TOLERANCE, maxEvaluations: 12,
    evaluate: (size) => {
      const { model, tokens } = at(size);
      const e = evaluate(req, bounds, model, tokens);
      if (e.accelerators > 0 || !bounds) evaluations++;
      const probe: BudgetProbe = { parameters: countParameters(model).total, tokens, margin: e.margin, fits: e.found !== null, accelerators: e.accelerators };
      probes.push(probe);
      req.onProgress?.(probe);
      const sp: SizeProbe = { size, margin: e.margin, fits: e.found !== null };
      return { probe: sp, value: e.found };
    },
  });
  if (!best) return null;
  const f = best.value;
  const parameters = countParameters(f.model).total;
  const notFitting = probes.filter((p) => !p.fits && p.parameters * p.tokens > parameters * f.tokens).sort((a, b) => a.parameters * a.tokens - b.parameters * b.tokens)[0];
  return {
    rule: SCALING_RULE, model: f.model, parameters, tokens: f.tokens, tokensPerParameter: f.tokens / parameters, plan: f.plan, evaluations, probes,
    fit: {
      usdFraction: (f.plan.estimate.cost.usd ?? 0) / req.usd,
      daysFraction: f.plan.estimate.time.totalDays / req.days,
      limitedBy: f.limitedBy,
      smallestNotFitting: notFitting ? { parameters: notFitting.parameters, tokens: notFitting.tokens } : null,
    },
  };
}

/**
 * Largest compute-optimal dense model (D = 20·N) trainable within `usd` and `days`: a search on the continuous
 * parameter axis (shapeForParams), each step one planner search of every layout, accelerator and offer.
 */
export function largestComputeOptimal(req: BudgetRequest): BudgetResult | null {
  const at = (params: number) => {
    const model = shapeForParams(params);
    return { model, tokens: CHINCHILLA_TOKENS_PER_PARAM * countParameters(model).total };
  };
  return run(req, at, 2, 1e7);
}

/** Most tokens a model of ~`params` parameters can see within `usd` and `days` (cost and time ∝ tokens). */
export function mostTokens(req: BudgetRequest & { params: number }): BudgetResult | null {
  const model = shapeForParams(req.params);
  return run(req, (tokens) => ({ model, tokens: Math.round(tokens) }), 1, 1e6);
}
