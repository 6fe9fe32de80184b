import { z } from 'zod';

const nn = z.number().nonnegative();
/** Infinite values (no failures modelled) print as null in JSON. */
const nnOrNull = nn.nullable();

/** `goodput` in estimate and plan documents (estimator/goodput.ts). */
export const goodputSectionSchema = z.strictObject({
  goodput: nn.max(1),
  wallClockInflation: nn,
  wallClockSeconds: nn,
  jobMtbfSeconds: nnOrNull,
  expectedInterruptions: nn,
  expectedPreemptions: nn,
  checkpointBytes: nn,
  checkpointSeconds: nn,
  checkpointIntervalSeconds: nnOrNull,
  youngIntervalSeconds: nnOrNull,
  restartSeconds: nn,
  checkpointOverheadSeconds: nn,
  lostWorkSeconds: nn,
});

/** `energy` in estimate and plan documents (estimator/energy.ts). */
export const energySectionSchema = z.strictObject({
  acceleratorWatts: nn,
  hostWatts: nn,
  pue: z.number().min(1),
  kwh: nn,
  kgCo2e: nn,
  gridKgCo2ePerKwh: nn,
  gridRegion: z.string().nullable(),
  gridSource: z.string(),
});

/** `assumptions.goodput` and `assumptions.energy`: every constant of the two models. */
export const goodputAssumptionsSchema = z.strictObject({
  failuresPerGpuHour: nn,
  restartSeconds: nn,
  checkpointBytesPerSecondPerGpu: nn,
  checkpointMaxBytesPerSecond: nn,
  spotPreemptionsPerInstanceMonth: z.record(z.string(), nn),
});
export const energyAssumptionsSchema = z.strictObject({
  idleFractionOfTdp: nn,
  hfuAtTdp: nn,
  hostFractionOfTdp: nn,
  pue: z.number().min(1),
  gridKgCo2ePerKwh: nn,
  gridSource: z.string(),
});
