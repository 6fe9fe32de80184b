import type { AcceleratorSpec, Layout, ModelConfig, ResolvedLayout, TrainingConfig } from '../schema/index.js';
import { DEFAULT_ASSUMPTIONS, type Assumptions } from './assumptions.js';
import type { Fabric } from './comm.js';
import { efficiencyFor, peakFlops, type EfficiencyProfile } from './efficiency.js';
import { modelFlopsPerToken, recomputeFlopsPerToken } from './flops.js';
import type { Device } from './kernels.js';
import { checkLayout, type LayoutProblem } from './layout-rules.js';
import { memoryEstimate, type MemoryEstimate } from './memory-total.js';
import { countParameters } from './params.js';
import { deriveShapes } from './shapes.js';
import { stepTime, type StepBreakdown } from './step-time.js';

export interface NetworkOverride {
  scaleOutBitsPerSecondPerGpu?: number;
  scaleUpDomainSize?: number;
}

export interface PriceInput {
  usdPerGpuHour: number;
  provider: string;
  instance: string;
  pricing: string;
}

export interface EstimateInput {
  model: ModelConfig;
  training: TrainingConfig;
  accelerator: AcceleratorSpec;
  layout: Layout;
  network?: NetworkOverride;
  price?: PriceInput | null;
  assumptions?: Partial<Assumptions>;
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

/** Builds the hardware view the kernel models need. */
function deviceFor(acc: AcceleratorSpec, layout: Layout, eff: EfficiencyProfile, a: Assumptions): Device {
  const fp8 = layout.precision === 'fp8' && acc.peakTflops.fp8 !== null;
  return {
    gemmPeak: peakFlops(acc, layout.precision),
    attentionPeak: peakFlops(acc, layout.precision === 'fp8' ? 'bf16' : layout.precision),
    memoryBytesPerSecond: acc.memoryBandwidthBytesPerSecond,
    eff,
    gemmEff: fp8 ? eff.gemmFp8 : eff.gemm,
    operandBytes: fp8 ? 1 : layout.precision === 'fp32' ? 4 : 2,
    kernelOverheadSeconds: a.kernelOverheadSeconds,
    gemmHalfFlops: a.gemmHalfFlops,
    elementwiseFactor: a.elementwiseFactor,
  };
}

/** One layout on one accelerator: FLOPs, memory, step time, throughput, totals and cost. */
export function estimate(input: EstimateInput): EstimateResult {
  const check = checkLayout(input.model, input.training, input.layout);
  if (!check.ok) return check;
  const layout = check.layout;
  const a: Assumptions = { ...DEFAULT_ASSUMPTIONS, ...input.assumptions };
  const m = input.model;
  const tr = input.training;
  const acc = input.accelerator;
  const eff = efficiencyFor(acc);
  const domainSize = input.network?.scaleUpDomainSize ?? acc.scaleUp.domainSize;
  const outBits = input.network?.scaleOutBitsPerSecondPerGpu ?? acc.scaleOutBitsPerSecondPerGpu;
  const fabric: Fabric = {
    scaleUpBytesPerSecond: acc.scaleUp.bandwidthBytesPerSecond * eff.scaleUp,
    scaleOutBytesPerSecond: (outBits / 8) * eff.scaleOut,
    domainSize,
    scaleUpLatencySeconds: a.scaleUpLatencySeconds,
    scaleOutLatencySeconds: a.scaleOutLatencySeconds,
  };
  const shapes = deriveShapes(m, layout, tr.sequenceLength);
  const device = deviceFor(acc, layout, eff, a);
  const breakdown = stepTime({ model: m, training: tr, layout, shapes, device, fabric, assumptions: a });
  const stepSeconds = Object.values(breakdown).reduce((x, y) => x + y, 0);

  const tokensPerStep = tr.globalBatchSize * tr.sequenceLength;
  const perToken = modelFlopsPerToken(m, tr.sequenceLength);
  const perStep = perToken * tokensPerStep;
  const hardwarePerStep = perStep + recomputeFlopsPerToken(m, tr.sequenceLength, layout.recompute) * tokensPerStep;
  const steps = Math.ceil(tr.tokens / tokensPerStep);
  const totalSeconds = steps * stepSeconds;
  const gpuHours = (totalSeconds * layout.gpus) / 3600;
  const peak = peakFlops(acc, layout.precision);
  const achieved = perStep / stepSeconds / layout.gpus;
  const params = countParameters(m);
  const price = input.price ?? null;
  return {
    ok: true,
    estimate: {
      model: { parameters: params.total, activeParameters: params.active },
      accelerator: acc.id,
      layout,
      flops: { perToken, perStep, total: perToken * tr.tokens, hardwarePerStep },
      memory: memoryEstimate(m, layout, shapes, acc, a, tr.optimizer),
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
        scaleOutBitsPerSecondPerGpu: outBits,
        scaleUpDomainSize: domainSize,
        attentionFlops: m.attention === 'causal' ? 'causal (s/2 keys per query, Megatron convention)' : 'bidirectional (s keys per query)',
      },
    },
  };
}
