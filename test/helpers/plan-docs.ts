import type { PlanEntry, PlanPoint } from '../../src/schema/index.js';
import { aModel, aTraining } from './builders.js';

/** A plan point: 64 × h100-sxm on aws p5.48xlarge for 10 days at $1M; override any field. */
export function aPlanPoint(over: Partial<PlanPoint> = {}): PlanPoint {
  return {
    accelerator: 'h100-sxm', provider: 'aws', instance: 'p5.48xlarge', pricing: 'on-demand', gpus: 64,
    layout: { tp: 8, pp: 1, dp: 8, cp: 1, ep: 1, vpp: 1, microBatch: 1, zero: 1, recompute: 'selective', precision: 'bf16' },
    usd: 1e6, totalSeconds: 10 * 86400, ...over,
  };
}

/** A plan-document entry for a plan point (numbers shaped like estimate's). */
export function aPlanEntry(p: PlanPoint = aPlanPoint(), rank: number | null = 1): PlanEntry {
  const gpuHours = (p.totalSeconds * p.gpus) / 3600;
  return {
    rank, accelerator: p.accelerator, provider: p.provider, instance: p.instance, pricing: p.pricing, gpus: p.gpus, instances: p.gpus / 8,
    layout: { gpus: p.gpus, ...p.layout, zero: p.layout.zero as 0 | 1 | 2 | 3, gradientAccumulation: 8, sequenceParallel: p.layout.tp > 1 },
    memory: { perGpuBytes: 60e9, capacityBytes: 85899345920, fits: true, headroomBytes: 25e9, breakdown: { weights: 1e10, gradients: 1e10, optimizer: 2e10, activations: 1.5e10, other: 5e9 } },
    time: { stepSeconds: 2, stepSecondsRange: { low: 1.8, high: 2.2 }, failureFreeSeconds: p.totalSeconds * 0.98, totalSeconds: p.totalSeconds, totalDays: p.totalSeconds / 86400, steps: p.totalSeconds / 2,
      breakdown: { compute: 1.5, recompute: 0.1, tpComm: 0.1, cpComm: 0, epComm: 0, pipelineBubble: 0, pipelineP2p: 0, dpComm: 0.1, optimizer: 0.1, overhead: 0.1 } },
    throughput: { tokensPerSecond: 5e5, tflopsPerGpu: 400, mfu: 0.4, hfu: 0.45, mfuBf16Peak: 0.4 },
    goodput: { goodput: 0.98, wallClockInflation: 1 / 0.98, wallClockSeconds: p.totalSeconds, jobMtbfSeconds: 2.8e6, expectedInterruptions: 0.3, expectedPreemptions: 0,
      checkpointBytes: 1.1e12, checkpointSeconds: 140, checkpointIntervalSeconds: 28000, youngIntervalSeconds: 28000, restartSeconds: 600, checkpointOverheadSeconds: 4000, lostWorkSeconds: 13000 },
    energy: { acceleratorWatts: 700, hostWatts: 269, pue: 1.2, kwh: 1.8e5, kgCo2e: 6.6e4, gridKgCo2ePerKwh: 0.366, gridRegion: null, gridSource: 'US average' },
    cost: { usd: p.usd, usdRange: { low: p.usd * 0.9, high: p.usd * 1.1 }, gpuHours, usdPerGpuHour: p.usd / gpuHours, provider: p.provider, instance: p.instance, pricing: p.pricing },
    frontier: rank === 1,
    capacity: { maxInstances: null, maxGpus: null, atLimit: false },
  };
}

export const DIGEST_A = `sha256:${'a'.repeat(64)}`;
export const DIGEST_B = `sha256:${'b'.repeat(64)}`;

/** A `plan --json` document as a baseline would hold it. */
export function aPlanDocument(opts: { plans?: PlanPoint[]; model?: object; training?: object; digest?: string } = {}) {
  const plans = opts.plans ?? [aPlanPoint()];
  return {
    schemaVersion: 1,
    tool: { name: 'trainplan', version: '0.1.0' },
    command: 'plan',
    input: {
      modelFile: 'model.yaml', model: opts.model ?? aModel(), training: opts.training ?? aTraining(),
      catalog: { snapshotDate: '2026-01-15', digest: opts.digest ?? DIGEST_A },
      constraints: { objective: 'cost' as const, accelerators: ['h100-sxm'], providers: null, pricing: ['on-demand' as const], minGpus: 1, maxGpus: 1024,
        deadlineDays: null, budgetUsd: null, allowFp8: false, top: 5, minTokensPerCpRank: 1024,
        sources: { objective: 'default' as const, accelerators: 'flag' as const, providers: 'default' as const, pricing: 'default' as const, minGpus: 'default' as const,
          maxGpus: 'model-file' as const, deadlineDays: 'flag' as const, budgetUsd: 'default' as const, allowFp8: 'default' as const, top: 'default' as const } },
    },
    plans: plans.map((p, i) => aPlanEntry(p, i + 1)),
    frontier: plans.slice(0, 1).map((p) => aPlanEntry(p, 1)),
    search: { evaluated: 100, feasible: 10, rejected: { byReason: { oom: 90 } }, pruned: { families: 0, layouts: 0, evaluated: 0, byReason: {} }, layouts: 50, estimated: 20, accelerators: ['h100-sxm'], skipped: [] },
    infeasible: plans.length ? null : { reason: 'no layout fits', fixes: [] },
    warnings: [],
  };
}
