import type { Layout, ResolvedLayout } from '../schema/index.js';
import type { Assumptions } from './assumptions.js';
import { prepareEstimate, type ContextInput, type EstimateContext } from './context.js';
import { peakFlops, type EfficiencyProfile } from './efficiency.js';
import { evaluateLayout, type LayoutEvaluation } from './evaluate.js';
import { recomputeFlopsPerToken } from './flops.js';
import type { LayoutProblem } from './layout-rules.js';
import type { MemoryEstimate } from './memory-total.js';
import type { StepBreakdown } from './step-time.js';

export interface PriceInput {
  usdPerGpuHour: number;
  provider: string;
  instance: string;
  pricing: string;
}

export interface EstimateInput extends ContextInput {
  layout: Layout;
  price?: PriceInput | null;
}

export interface Estimate {
  model: { parameters: number; activeParameters: number };
  accelerator: string;
  layout: ResolvedLayout;
  flops: { perToken: number; perStep: number; total: number; hardwarePerStep: number };
  memory: MemoryEstimate;
  time: { stepSeconds: number; totalSeconds: number; totalDays: number; steps: number; breakdown: StepBreakdown };
  throughput: { tokensPerSecond: number; tflopsPerGpu: number; mfu: number; hfu: number; mfuBf16Peak: number };
  cost: { usd: number | null; gpuHours: number; usdPerGpuHour: number | null; provider: string | null; instance: string | null; pricing: string | null };
  assumptions: Assumptions & { efficiency: EfficiencyProfile; scaleOutBitsPerSecondPerGpu: number; scaleUpDomainSize: number; attentionFlops: string };
}

export type EstimateResult = { ok: true; estimate: Estimate } | { ok: false; problem: LayoutProblem };

/** The full estimate of an evaluated layout: FLOPs, throughput, totals, cost and the assumptions used. */
export function buildEstimate(ctx: EstimateContext, ev: LayoutEvaluation, priceInput: PriceInput | null): Estimate {
  const { layout, breakdown, stepSeconds } = ev;
  const a = ctx.assumptions;
  const m = ctx.model;
  const tr = ctx.training;
  const acc = ctx.accelerator;
  const eff = ctx.efficiency;
  const tokensPerStep = ctx.tokensPerStep;
  const perToken = ctx.modelFlopsPerToken;
  const perStep = perToken * tokensPerStep;
  const hardwarePerStep = perStep + recomputeFlopsPerToken(m, tr.sequenceLength, layout.recompute) * tokensPerStep;
  const steps = Math.ceil(tr.tokens / tokensPerStep);
  const totalSeconds = steps * stepSeconds;
  const gpuHours = (totalSeconds * layout.gpus) / 3600;
  const peak = peakFlops(acc, layout.precision);
  const achieved = perStep / stepSeconds / layout.gpus;
  const params = ctx.params;
  const price = priceInput;
  return {
      model: { parameters: params.total, activeParameters: params.active },
      accelerator: acc.id,
      layout,
      flops: { perToken, perStep, total: perToken * tr.tokens, hardwarePerStep },
      memory: ev.memory,
      time: { stepSeconds, totalSeconds, totalDays: totalSeconds / 86400, steps, breakdown },
      throughput: {
        tokensPerSecond: tokensPerStep / stepSeconds,
        tflopsPerGpu: achieved / 1e12,
        mfu: achieved / peak,
        hfu: hardwarePerStep / stepSeconds / layout.gpus / peak,
        mfuBf16Peak: achieved / peakFlops(acc, 'bf16'),
      },
      cost: {
        usd: price ? gpuHours * price.usdPerGpuHour : null,
        gpuHours,
        usdPerGpuHour: price?.usdPerGpuHour ?? null,
        provider: price?.provider ?? null,
        instance: price?.instance ?? null,
        pricing: price?.pricing ?? null,
      },
      assumptions: {
        ...a,
        efficiency: eff,
        scaleOutBitsPerSecondPerGpu: ctx.fabric.scaleOutBytesPerSecond * 8 / eff.scaleOut,
        scaleUpDomainSize: ctx.fabric.domainSize,
        attentionFlops: m.attention === 'causal' ? 'causal (s/2 keys per query, Megatron convention)' : 'bidirectional (s keys per query)',
      },
  };
}

/** One layout on one accelerator: FLOPs, memory, step time, throughput, totals and cost. */
export function estimate(input: EstimateInput): EstimateResult {
  const ctx = prepareEstimate(input);
  const r = evaluateLayout(ctx, input.layout);
  if (!r.ok) return r;
  return { ok: true, estimate: buildEstimate(ctx, r.evaluation, input.price ?? null) };
}
