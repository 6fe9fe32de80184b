import { billedSeconds, type BillingStep, type Layout, type ResolvedLayout } from '../schema/index.js';
import type { Assumptions } from './assumptions.js';
import { prepareEstimate, type ContextInput, type EstimateContext } from './context.js';
import { peakFlops, precisionSupport, type EfficiencyProfile } from './efficiency.js';
import { evaluateLayout, type LayoutEvaluation } from './evaluate.js';
import { recomputeFlopsPerToken } from './flops.js';
import type { LayoutProblem } from './layout-rules.js';
import type { MemoryEstimate } from './memory-total.js';
import type { StepBreakdown } from './step-time.js';
import { runOverheads, type RunOverheads, type RunOverheadsInput } from './run-overheads.js';
import { bandFor, stackClass, type Band } from './error-bands.js';
import { BAND_TABLE } from './error-band-table.js';
import { finetuneSummary, type FinetuneSummary } from './finetune-summary.js';

export interface PriceInput {
  usdPerGpuHour: number;
  provider: string;
  instance: string;
  pricing: string;
  /** GPUs per rented instance (spot preemption reclaims whole instances); default 8. */
  gpusPerInstance?: number;
  /** Term pricing models billed in whole steps (Capacity Blocks: days, then weeks): cost.usd pays the booked time (schema/term-billing.ts). */
  billingSteps?: readonly BillingStep[];
}

export interface EstimateInput extends ContextInput {
  layout: Layout;
  price?: PriceInput | null;
  /** Failure, checkpoint, preemption and energy constants, and the region's grid intensity (goodput.ts, energy.ts). */
  overheads?: RunOverheadsInput;
}

export interface Estimate {
  model: { parameters: number; activeParameters: number };
  /** Fine-tuning runs only: what trains, how the frozen weights are stored, host-resident optimizer bytes. */
  finetune?: FinetuneSummary;
  accelerator: string;
  layout: ResolvedLayout;
  flops: { perToken: number; perStep: number; total: number; hardwarePerStep: number };
  memory: MemoryEstimate;
  /** stepSeconds: one failure-free step; failureFreeSeconds = steps × stepSeconds; totalSeconds/totalDays: expected wall clock including goodput losses. */
  /** stepSecondsRange: the calibration band of this run's class (error-bands.ts) around stepSeconds. */
  time: { stepSeconds: number; stepSecondsRange: Range; failureFreeSeconds: number; totalSeconds: number; totalDays: number; steps: number; breakdown: StepBreakdown };
  throughput: { tokensPerSecond: number; tflopsPerGpu: number; mfu: number; hfu: number; mfuBf16Peak: number; samplesPerSecond?: number };
  goodput: RunOverheads['goodput'];
  energy: RunOverheads['energy'];
  /** usd and gpuHours are for the wall clock (time.totalSeconds): GPUs are paid while failures are repaired. */
  cost: { usd: number | null; usdRange: Range | null; gpuHours: number; usdPerGpuHour: number | null; provider: string | null; instance: string | null; pricing: string | null };
  assumptions: Assumptions & { efficiency: EfficiencyProfile; errorBand: Band; scaleOutBitsPerSecondPerGpu: number; scaleUpDomainSize: number; attentionFlops: string } & RunOverheads['assumptions'];
}

/** A low–high interval in the unit of the field it sits beside. */
export interface Range {
  low: number;
  high: number;
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
  // The training stack (training.framework once the model file carries it; Megatron-class by default).
  const band = bandFor(BAND_TABLE, { stack: stackClass((tr as { framework?: string }).framework), generation: eff.generation, gpus: layout.gpus, measured: eff.measured });
  // Whole-step billing (a Capacity Block is booked by the day, then by the week): the booked time is paid, not the wall clock.
  const billedGpuHours = price?.billingSteps ? (billedSeconds(totalSeconds, price.billingSteps) * layout.gpus) / 3600 : gpuHours;
  const usd = price ? billedGpuHours * price.usdPerGpuHour : null;
  // Cost scales with the step time (wall clock = steps × step ÷ goodput), so it carries the same relative band.
  const range = (x: number): Range => ({ low: x * band.lowRatio, high: x * band.highRatio });
  const ft = finetuneSummary(ctx, layout);
  return {
      model: { parameters: params.total, activeParameters: params.active },
      ...(ft ? { finetune: ft } : {}),
      accelerator: acc.id,
      layout,
      flops: { perToken, perStep, total: perToken * tr.tokens, hardwarePerStep },
      memory: ev.memory,
      time: { stepSeconds, stepSecondsRange: range(stepSeconds), failureFreeSeconds, totalSeconds, totalDays: totalSeconds / 86400, steps, breakdown },
      throughput: {
        tokensPerSecond: tokensPerStep / stepSeconds,
        tflopsPerGpu: achieved / 1e12,
        mfu: achieved / peak,
        hfu,
        mfuBf16Peak: achieved / peakFlops(acc, 'bf16'),
        ...(tr.samples !== undefined ? { samplesPerSecond: tr.globalBatchSize / stepSeconds } : {}),
      },
      goodput: over.goodput,
      energy: over.energy,
      cost: {
        usd,
        usdRange: usd === null ? null : range(usd),
        gpuHours,
        usdPerGpuHour: price?.usdPerGpuHour ?? null,
        provider: price?.provider ?? null,
        instance: price?.instance ?? null,
        pricing: price?.pricing ?? null,
      },
      assumptions: {
        ...a,
        efficiency: eff,
        errorBand: band,
        scaleOutBitsPerSecondPerGpu: ctx.fabric.scaleOutBytesPerSecond * 8 / eff.scaleOut,
        scaleUpDomainSize: ctx.fabric.domainSize,
        attentionFlops: m.attention === 'causal' ? 'causal (s/2 keys per query, Megatron convention)' : 'bidirectional (s keys per query)',
        ...over.assumptions,
      },
  };
}

/** One layout on one accelerator: FLOPs, memory, step time, throughput, totals and cost. */
export function estimate(input: EstimateInput): EstimateResult {
  const support = precisionSupport(input.accelerator, input.layout.precision);
  if (!support.ok) return { ok: false, problem: { reason: 'precision-unsupported', message: support.reason, suggestion: 'use bf16' } };
  if (input.training.finetune?.method === 'qlora' && input.layout.precision !== 'bf16' && input.layout.precision !== 'fp16') {
    return { ok: false, problem: { reason: 'precision-unsupported', message: `QLoRA de-quantises to a 16-bit compute dtype; ${input.layout.precision} is not supported`, suggestion: 'use bf16' } };
  }
  const ctx = prepareEstimate(input);
  const r = evaluateLayout(ctx, input.layout);
  if (!r.ok) return r;
  return { ok: true, estimate: buildEstimate(ctx, r.evaluation, input.price ?? null, input.overheads) };
}
