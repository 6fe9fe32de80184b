import type { Layout, ResolvedLayout } from '../schema/index.js';
import type { EstimateContext } from './context.js';
import { checkLayout, type LayoutProblem } from './layout-rules.js';
import { memoryEstimate, type MemoryEstimate } from './memory-total.js';
import { deriveShapes } from './shapes.js';
import { stepTime, type StepBreakdown } from './step-time.js';

/** The layout-dependent numbers of an estimate: what a search needs to rank and reject. */
export interface LayoutEvaluation {
  layout: ResolvedLayout;
  breakdown: StepBreakdown;
  stepSeconds: number;
  memory: MemoryEstimate;
}

export type EvaluationResult = { ok: true; evaluation: LayoutEvaluation } | { ok: false; problem: LayoutProblem };

/** Step time and memory of one layout in a prepared context (the single model behind `estimate` and `plan`). */
export function evaluateLayout(ctx: EstimateContext, input: Layout): EvaluationResult {
  const check = checkLayout(ctx.model, ctx.training, input);
  if (!check.ok) return check;
  const layout = check.layout;
  const shapes = deriveShapes(ctx.model, layout, ctx.training.sequenceLength);
  const breakdown = stepTime({
    model: ctx.model,
    training: ctx.training,
    layout,
    shapes,
    device: ctx.device(layout.precision),
    fabric: ctx.fabric,
    assumptions: ctx.assumptions,
  });
  const b = breakdown;
  const stepSeconds = b.compute + b.recompute + b.tpComm + b.cpComm + b.epComm + b.pipelineBubble + b.pipelineP2p + b.dpComm + b.optimizer + b.overhead;
  const memory = memoryEstimate(ctx.model, layout, shapes, ctx.accelerator, ctx.assumptions, ctx.training.optimizer);
  return { ok: true, evaluation: { layout, breakdown, stepSeconds, memory } };
}
