/**
 * Goodput: the share of wall-clock time that advances training, once failures, checkpoints,
 * restarts and (on spot capacity) preemptions are paid for [modeling-reference §11].
 */

/** Every constant the goodput model uses; echoed in the estimate's `assumptions.goodput`. */
export interface GoodputAssumptions {
  /**
   * Unexpected job interruptions per GPU-hour, all causes (GPU, HBM, network, host, software).
   * Llama 3: 419 unexpected interruptions in a 54-day snapshot on 16,384 H100
   * → 419 / (54·24·16,384) = 1.97e-5 per GPU-hour, i.e. one per ≈50,700 GPU-hours [Llama3 §3.3.4, arXiv:2407.21783].
   */
  failuresPerGpuHour: number;
  /** Seconds from an interruption until training resumes: detect, reschedule, reload, warm up (modeling-reference §11.2 worked example; assumption). */
  restartSeconds: number;
  /**
   * Sustained checkpoint write bandwidth per GPU (bytes/s). Derived: Llama 3's Tectonic store sustained
   * 2 TB/s for 16,384 GPUs → 2e12 / 16,384 ≈ 122 MB/s per GPU [Llama3 §3.3.4].
   */
  checkpointBytesPerSecondPerGpu: number;
  /** Cap on the aggregate checkpoint write bandwidth of the storage system (bytes/s): 2 TB/s sustained [Llama3 §3.3.4]. */
  checkpointMaxBytesPerSecond: number;
  /**
   * Spot/preemptible reclaims per instance per 30-day month, by provider ("default" for the rest).
   * Assumption: AWS Spot Instance Advisor publishes interruption-frequency buckets of <5% … >20% per month;
   * large GPU instances sit in the upper buckets, so 10%/month is used unless a provider entry says otherwise.
   */
  spotPreemptionsPerInstanceMonth: Record<string, number>;
}

export const DEFAULT_GOODPUT_ASSUMPTIONS: GoodputAssumptions = {
  failuresPerGpuHour: 419 / (54 * 24 * 16384),
  restartSeconds: 600,
  checkpointBytesPerSecondPerGpu: 2e12 / 16384,
  checkpointMaxBytesPerSecond: 2e12,
  spotPreemptionsPerInstanceMonth: { default: 0.1 },
};

export interface GoodputInput {
  gpus: number;
  /** Failure-free training time (steps × step time), seconds. */
  failureFreeSeconds: number;
  /** Bytes written per checkpoint (all ranks together). */
  checkpointBytes: number;
  /** Present when the run is on spot capacity: who reclaims it and how many GPUs make one instance. */
  spot?: { provider: string; gpusPerInstance: number } | null;
  assumptions?: Partial<GoodputAssumptions>;
}

export interface Goodput {
  /** Failure-free time ÷ expected wall-clock time, in 0..1. */
  goodput: number;
  /** Expected wall clock ÷ failure-free time (= 1 / goodput). */
  wallClockInflation: number;
  wallClockSeconds: number;
  /** Mean time between interruptions of the whole job (hardware failures plus preemptions), seconds. */
  jobMtbfSeconds: number;
  expectedInterruptions: number;
  expectedPreemptions: number;
  checkpointBytes: number;
  /** Blocking time of one checkpoint save. */
  checkpointSeconds: number;
  /** Daly's optimal compute time between checkpoints. */
  checkpointIntervalSeconds: number;
  /** Young's first-order interval, for comparison. */
  youngIntervalSeconds: number;
  restartSeconds: number;
  /** Wall-clock time spent saving checkpoints. */
  checkpointOverheadSeconds: number;
  /** Wall-clock time lost to restarts and recomputing work since the last checkpoint. */
  lostWorkSeconds: number;
}

const SECONDS_PER_MONTH = 30 * 86400;

/** Young's interval τ = √(2·C·M) [Young74, CACM 17(9)]. */
export function youngInterval(checkpointSeconds: number, mtbfSeconds: number): number {
  return Math.sqrt(2 * checkpointSeconds * mtbfSeconds);
}

/** Daly's interval τ = √(2CM)·[1 + ⅓√(C/2M) + (1/9)(C/2M)] − C for C < 2M, else M [Daly06, FGCS 22(3) eq. 37]. */
export function dalyInterval(checkpointSeconds: number, mtbfSeconds: number): number {
  const c = checkpointSeconds;
  const m = mtbfSeconds;
  if (!Number.isFinite(m)) return Infinity;
  if (c >= 2 * m) return m;
  const x = c / (2 * m);
  return Math.sqrt(2 * c * m) * (1 + Math.sqrt(x) / 3 + x / 9) - c;
}

/** Daly's expected wall time T_w = M·e^{R/M}·(e^{(τ+C)/M} − 1)·T_s/τ [Daly06 eq. 13]; failure-free limit (τ+C)·T_s/τ. */
export function dalyWallTime(solveSeconds: number, tau: number, checkpointSeconds: number, restartSeconds: number, mtbfSeconds: number): number {
  const m = mtbfSeconds;
  if (!Number.isFinite(m)) return Number.isFinite(tau) ? ((tau + checkpointSeconds) * solveSeconds) / tau : solveSeconds;
  if (!Number.isFinite(tau)) return solveSeconds;
  return m * Math.exp(restartSeconds / m) * Math.expm1((tau + checkpointSeconds) / m) * (solveSeconds / tau);
}

/** Blocking save time C = bytes / min(n·per-GPU write bandwidth, storage cap) [modeling-reference §11.3]. */
export function checkpointSeconds(bytes: number, gpus: number, a: GoodputAssumptions): number {
  return bytes / Math.min(gpus * a.checkpointBytesPerSecondPerGpu, a.checkpointMaxBytesPerSecond);
}

/** Job interruption rate (per second): n·λ_gpu plus instances·λ_preempt on spot, independent exponential failures [modeling-reference §11.1]. */
export function interruptionRates(input: GoodputInput, a: GoodputAssumptions): { failures: number; preemptions: number } {
  const failures = (input.gpus * a.failuresPerGpuHour) / 3600;
  if (!input.spot) return { failures, preemptions: 0 };
  const table = a.spotPreemptionsPerInstanceMonth;
  const perMonth = table[input.spot.provider] ?? table.default ?? 0;
  const instances = Math.ceil(input.gpus / Math.max(1, input.spot.gpusPerInstance));
  return { failures, preemptions: (instances * perMonth) / SECONDS_PER_MONTH };
}

/** Everything of Daly's model that does not depend on the solve time: T_w = factor · T_s/τ (linear in T_s). */
export interface WallClockModel {
  mtbf: number;
  checkpointSeconds: number;
  tau: number;
  /** M·e^{R/M}·(e^{(τ+C)/M} − 1), or τ + C without failures. */
  factor: number;
  rates: { failures: number; preemptions: number };
  restartSeconds: number;
}

/** Daly's model for a job of `gpus` GPUs; independent of the run length, so a search computes it once per GPU count and offer. */
export function wallClockModel(input: Omit<GoodputInput, 'failureFreeSeconds'>): WallClockModel {
  const a: GoodputAssumptions = { ...DEFAULT_GOODPUT_ASSUMPTIONS, ...input.assumptions };
  const rates = interruptionRates({ ...input, failureFreeSeconds: 0 }, a);
  const rate = rates.failures + rates.preemptions;
  const mtbf = rate > 0 ? 1 / rate : Infinity;
  const c = checkpointSeconds(input.checkpointBytes, input.gpus, a);
  const tau = dalyInterval(c, mtbf);
  const factor = Number.isFinite(mtbf) ? mtbf * Math.exp(a.restartSeconds / mtbf) * Math.expm1((tau + c) / mtbf) : tau + c;
  return { mtbf, checkpointSeconds: c, tau, factor, rates, restartSeconds: a.restartSeconds };
}

/** Expected wall clock of `failureFreeSeconds` of work under the model: factor · T_s/τ [Daly06 eq. 13]. */
export function wallClockSeconds(w: WallClockModel, failureFreeSeconds: number): number {
  if (failureFreeSeconds <= 0) return 0;
  if (!Number.isFinite(w.tau)) return failureFreeSeconds;
  return w.factor * (failureFreeSeconds / w.tau);
}

/** Expected goodput of one run: Daly-optimal checkpointing under exponential interruptions [Daly06; Llama3 §3.3.4]. */
export function goodput(input: GoodputInput): Goodput {
  const a: GoodputAssumptions = { ...DEFAULT_GOODPUT_ASSUMPTIONS, ...input.assumptions };
  const w = wallClockModel({ ...input, assumptions: a });
  const { mtbf, tau, rates } = w;
  const rate = rates.failures + rates.preemptions;
  const c = w.checkpointSeconds;
  const ts = input.failureFreeSeconds;
  const tw = wallClockSeconds(w, ts);
  const checkpointOverhead = Number.isFinite(tau) ? (ts / tau) * c : 0;
  const interruptions = Number.isFinite(mtbf) ? tw / mtbf : 0;
  const g = tw > 0 ? ts / tw : 1;
  return {
    goodput: g,
    wallClockInflation: 1 / g,
    wallClockSeconds: tw,
    jobMtbfSeconds: mtbf,
    expectedInterruptions: interruptions,
    expectedPreemptions: rate > 0 ? interruptions * (rates.preemptions / rate) : 0,
    checkpointBytes: input.checkpointBytes,
    checkpointSeconds: c,
    checkpointIntervalSeconds: tau,
    youngIntervalSeconds: Number.isFinite(mtbf) ? youngInterval(c, mtbf) : Infinity,
    restartSeconds: a.restartSeconds,
    checkpointOverheadSeconds: checkpointOverhead,
    lostWorkSeconds: Math.max(0, tw - ts - checkpointOverhead),
  };
}
