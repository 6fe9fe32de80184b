import { z } from 'zod';
import { warningsSchema } from './warnings.js';
import { modelConfigSchema } from './model.js';
import { layoutSchema, recomputeSchema } from './layout.js';
import { frameworkSchema, overlapSchema, recomputeBlockSchema } from './framework.js';
import { precisionSchema } from './units.js';
import { finetuneConfigSchema } from './finetune.js';
import { energyAssumptionsSchema, energySectionSchema, goodputAssumptionsSchema, goodputSectionSchema } from './goodput-document.js';

/** The schemaVersion every JSON document carries; bumped only on a breaking change (renamed/removed field, changed unit). */
export const SCHEMA_VERSION = 1;

export const schemaVersionSchema = z.literal(SCHEMA_VERSION);
export const toolSchema = z.strictObject({ name: z.literal('trainplan'), version: z.string().min(1) });
export type ToolInfoDoc = z.infer<typeof toolSchema>;

/** The catalog a document was computed with; the digest identifies the prices in use. */
export const catalogRefSchema = z.strictObject({
  snapshotDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
});

/** The training run as echoed in documents (normalised: tokens as a number, batch in sequences). */
export const trainingConfigSchema = z.strictObject({
  tokens: z.number().positive(),
  sequenceLength: z.number().int().positive(),
  globalBatchSize: z.number().int().positive(),
  precision: precisionSchema,
  optimizer: z.enum(['adam', 'sgd']),
  framework: frameworkSchema.optional(),
  overlap: overlapSchema.optional(),
  recompute: z.strictObject({ mode: recomputeSchema, blocks: z.array(recomputeBlockSchema) }).optional(),
  /** Runs sized in samples: samples per epoch and epochs (tokens = samples × epochs × sequenceLength). */
  samples: z.number().positive().optional(),
  epochs: z.number().positive().optional(),
  finetune: finetuneConfigSchema.optional(),
});

/** A layout with its derived degrees (dp, gradient accumulation), as documents print it. */
export const resolvedLayoutSchema = layoutSchema.extend({
  dp: z.number().int().positive(),
  gradientAccumulation: z.number().int().positive(),
});

const n = z.number();
const nn = z.number().nonnegative();

export const memorySectionSchema = z.strictObject({
  perGpuBytes: nn,
  capacityBytes: nn,
  fits: z.boolean(),
  headroomBytes: n,
  breakdown: z.strictObject({ weights: nn, gradients: nn, optimizer: nn, activations: nn, other: nn }),
});

/** A low–high interval (the calibration band of the run's class, src/estimator/error-bands.ts). */
export const rangeSchema = z.strictObject({ low: nn, high: nn });

export const timeSectionSchema = z.strictObject({
  stepSeconds: nn,
  stepSecondsRange: rangeSchema,
  /** steps × stepSeconds; totalSeconds is the expected wall clock (÷ goodput). */
  failureFreeSeconds: nn,
  totalSeconds: nn,
  totalDays: nn,
  steps: z.number().int().nonnegative(),
  breakdown: z.strictObject({
    compute: nn, recompute: nn, tpComm: nn, cpComm: nn, epComm: nn,
    pipelineBubble: nn, pipelineP2p: nn, dpComm: nn, optimizer: nn, overhead: nn,
  }),
});

export const throughputSectionSchema = z.strictObject({
  tokensPerSecond: nn,
  tflopsPerGpu: nn,
  /** Model FLOPs utilisation, 0..1. */
  mfu: nn,
  hfu: nn,
  mfuBf16Peak: nn,
  /** Runs sized in samples (training.samples): global batch ÷ step seconds. */
  samplesPerSecond: nn.optional(),
});

export const costSectionSchema = z.strictObject({
  usd: nn.nullable(),
  /** usd × the step-time band's ratios; null when usd is. */
  usdRange: rangeSchema.nullable(),
  gpuHours: nn,
  usdPerGpuHour: nn.nullable(),
  provider: z.string().nullable(),
  instance: z.string().nullable(),
  pricing: z.string().nullable(),
});

const efficiencyProfileSchema = z.strictObject({
  gemm: n, gemmFp8: n, attention: n, memory: n, scaleUp: n, scaleOut: n, tpOverlap: n, source: z.string(), computeUnits: n,
  /** false: a class default (no public measurement for this accelerator family); bands are wider. */
  measured: z.boolean(),
  /** The profile family (src/estimator/efficiency-profiles.ts), its vendor class and generation. */
  family: z.string(),
  class: z.enum(['nvidia', 'amd', 'tpu', 'gaudi', 'trainium', 'other']),
  generation: z.string(),
  /** FP8 training is legal on this part (FP8 tensor units on the datasheet). */
  fp8: z.boolean(),
  /** Where each number comes from. */
  sources: z.strictObject({ gemm: z.string(), attention: z.string(), memory: z.string(), network: z.string(), tpOverlap: z.string(), fp8: z.string() }),
});

/** Every constant the estimator used (echoed so a reader can reproduce the numbers). */
export const assumptionsSectionSchema = z.strictObject({
  bytesWeight: n, bytesGradient: n, bytesMaster: n, bytesOptimizerMoments: n, reserveBytes: n, fragmentation: n,
  kernelOverheadSeconds: n, scaleUpLatencySeconds: n, scaleOutLatencySeconds: n,
  dpOverlap: n, fsdpOverlap: n, tpOverlap: n.nullable(), cpOverlap: n, epOverlap: n,
  gradReduceFp32ForBf16: z.boolean(), optimizerBytesPerParam: n, stepOverheadSeconds: n,
  attentionKernel: z.enum(['flash', 'unfused']), gemmHalfFlops: n, elementwiseFactor: n, attentionBackwardRatio: n,
  framework: frameworkSchema, kernelEfficiency: n, dualPipe: z.boolean(), unshardedParamsWithPp: z.boolean(),
  efficiency: efficiencyProfileSchema,
  /** The error band: measured ÷ predicted step-time ratios of the run's calibration class, and which class. */
  errorBand: z.strictObject({ lowRatio: n, highRatio: n, basis: z.string(), cases: n }),
  scaleOutBitsPerSecondPerGpu: n,
  scaleUpDomainSize: n,
  attentionFlops: z.string(),
  goodput: goodputAssumptionsSchema,
  energy: energyAssumptionsSchema,
});

export const modelSizeSchema = z.strictObject({ parameters: nn, activeParameters: nn });
/** Fine-tuning runs only (src/estimator/finetune-summary.ts). */
export const finetuneSummarySchema = z.strictObject({ method: z.enum(['full', 'lora', 'qlora']), trainableParameters: nn, frozenBitsPerParam: nn, hostOptimizerBytes: nn });
export const flopsSectionSchema = z.strictObject({ perToken: nn, perStep: nn, total: nn, hardwarePerStep: nn });

/** The sections an estimate and every plan share: memory, time, throughput, goodput, energy, cost. */
export const runSections = {
  memory: memorySectionSchema,
  time: timeSectionSchema,
  throughput: throughputSectionSchema,
  goodput: goodputSectionSchema,
  energy: energySectionSchema,
  cost: costSectionSchema,
};

/** `estimate --json`. */
export const estimateDocumentSchema = z.strictObject({
  schemaVersion: schemaVersionSchema,
  tool: toolSchema,
  command: z.literal('estimate'),
  input: z.strictObject({
    /** The model file as given on the command line (relative paths stay relative), or null. */
    modelFile: z.string().nullable(),
    model: modelConfigSchema,
    training: trainingConfigSchema,
    accelerator: z.string(),
    catalog: catalogRefSchema.nullable(),
  }),
  model: modelSizeSchema,
  finetune: finetuneSummarySchema.optional(),
  layout: resolvedLayoutSchema,
  flops: flopsSectionSchema,
  ...runSections,
  assumptions: assumptionsSectionSchema,
  /** Present when some layout flags were `auto`: which, and what the search chose. */
  auto: z.strictObject({ fields: z.array(z.string()), chosen: z.record(z.string(), z.union([z.number(), z.string()])), how: z.string() }).optional(),
  /** The estimate's own notes (ESTIMATE_NOTE), prices, accelerator and size to double-check (warnings.ts codes). */
  warnings: warningsSchema,
});
export type EstimateDocument = z.infer<typeof estimateDocumentSchema>;

/** The error document printed on stdout in JSON mode when a command fails (exit 2 or 3). */
export const errorDocumentSchema = z.strictObject({
  schemaVersion: schemaVersionSchema,
  tool: toolSchema,
  error: z.strictObject({ code: z.string().min(1), message: z.string(), suggestion: z.string().optional() }),
});
export type ErrorDocument = z.infer<typeof errorDocumentSchema>;
