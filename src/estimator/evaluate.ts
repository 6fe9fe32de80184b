import type { Layout, ResolvedLayout } from '../schema/index.js';
import type { EstimateContext } from './context.js';
import { checkLayout, type LayoutProblem } from './layout-rules.js';
import { memoryFromTerms, type MemoryEstimate } from './memory-total.js';
import { emptyStepPrefix, stagedStepPrefix, stagedStepWith } from './staged.js';
import { layerTerms, stageTerms, stagedContextFrom } from './staged-terms.js';
import { stepBreakdown, type StepBreakdown } from './step-time.js';

/** The layout-dependent numbers of an estimate: what a search needs to rank and reject. */
export interface LayoutEvaluation {
  layout: ResolvedLayout;
  breakdown: StepBreakdown;
  stepSeconds: number;
  memory: MemoryEstimate;
}

export type EvaluationResult = { ok: true; evaluation: LayoutEvaluation } | { ok: false; problem: LayoutProblem };

/** Step time and memory of one layout in a prepared context: the same terms and composition the planner uses. */
export function evaluateLayout(ctx: EstimateContext, input: Layout): EvaluationResult {
  const check = checkLayout(ctx.model, ctx.training, input);
  if (!check.ok) return check;
  const layout = check.layout;
  const c = stagedContextFrom(ctx, layout.precision);
  const l = layerTerms(c, layout.tp, layout.cp, layout.microBatch, layout.ep, layout.recompute, layout.sequenceParallel, layout.recomputeBlocks ?? []);
  const s = stageTerms(c, layout.tp, layout.pp, layout.vpp, layout.ep, layout.dp, layout.cp);
  const ga = layout.gradientAccumulation;
  const x = stagedStepPrefix(c, l, s, ga, emptyStepPrefix());
  return {
    ok: true,
    evaluation: {
      layout,
      breakdown: stepBreakdown(c, s, x, ga, layout.zero),
      stepSeconds: stagedStepWith(c, s, x, ga, layout.zero),
      memory: memoryFromTerms(c, l, s, ga, layout.zero),
    },
  };
}
