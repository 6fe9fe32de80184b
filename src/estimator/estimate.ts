import type { Layout, ResolvedLayout } from '../schema/index.js';
import type { Assumptions } from './assumptions.js';
import { prepareEstimate, type ContextInput, type EstimateContext } from './context.js';
import { peakFlops, type EfficiencyProfile } from './efficiency.js';
import { evaluateLayout, type LayoutEvaluation } from './evaluate.js';
import { recomputeFlopsPerToken } from './flops.js';
import type { LayoutProblem } from './layout-rules.js';
import type { MemoryEstimate } from './memory-total.js';
import type { StepBreakdown } from './step-time.js';
import { runOverheads, type RunOverheads, type RunOverheadsInput } from './run-overheads.js';

export interface PriceInput {
  usdPerGpuHour: number;
  provider: string;
  instance: string;
  pricing: string;
  /** GPUs per rented instance (spot preemption reclaims whole instances); default 8. */
  gpusPerInstance?: number;
}

export interface EstimateInput extends ContextInput {
  layout: Layout;
  price?: PriceInput | null;
  /** Failure, checkpoint, preemption and energy constants, and the region's grid intensity (goodput.ts, energy.ts). */
  overheads?: RunOverheadsInput;
}

export interface Estimate {
  model: { parameters: number; activeParameters: number };
  accelerator: string;
  layout: ResolvedLayout;
  flops: { perToken: number; perStep: number; total: number; hardwarePerStep: number };
  memory: MemoryEstimate;
  /** stepSeconds: one failure-free step; failureFreeSeconds = steps × stepSeconds; totalSeconds/totalDays: expected wall clock including goodput losses. */
  time: { stepSeconds: number; failureFreeSeconds: number; totalSeconds: number; totalDays: number; steps: number; breakdown: StepBreakdown };
  throughput: { tokensPerSecond: number; tflopsPerGpu: number; mfu: number; hfu: number; mfuBf16Peak: number };
  goodput: RunOverheads['goodput'];
  energy: RunOverheads['energy'];
  /** usd and gpuHours are for the wall clock (time.totalSeconds): GPUs are paid while failures are repaired. */
  cost: { usd: number | null; gpuHours: number; usdPerGpuHour: number | null; provider: string | null; instance: string | null; pricing: string | null };
  assumptions: Assumptions & { efficiency: EfficiencyProfile; scaleOutBitsPerSecondPerGpu: number; scaleUpDomainSize: number; attentionFlops: string } & RunOverheads['assumptions'];
}

export type EstimateResult = { ok: true; estimate: Estimate } | { ok: false; problem: LayoutProblem };

/** The full estimate of an evaluated layout: FLOPs, throughput, totals, cost and the assumptions used. */
export function buildEstimate(ctx: EstimateContext, ev: LayoutEvaluation, priceInput: PriceInput | null, overheads?: RunOverheadsInput): Estimate {
  const { layout, breakdown, stepSeconds } = ev;
  const a = ctx.assumptions;
  const m = ctx.model;
  const tr = ctx.training;
  const acc = ctx.accelerator;
  const eff = ctx.efficiency;
  const tokensPerStep = ctx.tokensPerStep;
  const perToken = ctx.modelFlopsPerToken;
  const perStep = perToken * tokensPerStep;
  const hardwarePerStep = perStep + recomputeFlopsPerToken(m, tr.sequenceLength, layout.recompute, layout.recomputeBlocks ?? []) * tokensPerStep;
  const steps = Math.ceil(tr.tokens / tokensPerStep);
  const peak = peakFlops(acc, layout.precision);
  const achieved = perStep / stepSeconds / layout.gpus;
  const params = ctx.params;
  const price = priceInput;
  const failureFreeSeconds = steps * stepSeconds;
  const hfu = hardwarePerStep / stepSeconds / layout.gpus / peak;
  const over = runOverheads({ ctx, gpus: layout.gpus, failureFreeSeconds, tdpWatts: acc.tdpWatts, hfu, price, ...(overheads ? { input: overheads } : {}) });
  const totalSeconds = over.goodput.wallClockSeconds;
  const gpuHours = (totalSeconds * layout.gpus) / 3600;
  return {
      model: { parameters: params.total, activeParameters: params.active },
      accelerator: acc.id,
      layout,
      flops: { perToken, perStep, total: perToken * tr.tokens, hardwarePerStep },
      memory: ev.memory,
      time: { stepSeconds, failureFreeSeconds, totalSeconds, totalDays: totalSeconds / 86400, steps, breakdown },
      throughput: {
        tokensPerSecond: tokensPerStep / stepSeconds,
        tflopsPerGpu: achieved / 1e12,
        mfu: achieved / peak,
        hfu,
        mfuBf16Peak: achieved / peakFlops(acc, 'bf16'),
      },
      goodput: over.goodput,
      energy: over.energy,
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
        ...over.assumptions,
      },
  };
}

/** One layout on one accelerator: FLOPs, memory, step time, throughput, totals and cost. */
export function estimate(input: EstimateInput): EstimateResult {
  const ctx = prepareEstimate(input);
  const r = evaluateLayout(ctx, input.layout);
  if (!r.ok) return r;
  return { ok: true, estimate: buildEstimate(ctx, r.evaluation, input.price ?? null, input.overheads) };
}
