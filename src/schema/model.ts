import { z } from 'zod';
import { frameworkSchema, overlapSchema, recomputeBlockSchema, type Framework, type OverlapConfig, type RecomputeBlock } from './framework.js';
import { countSchema, planPricingSchema, precisionSchema, priceConfidenceSchema } from './units.js';
import { finetuneSectionSchema, type FinetuneConfig } from './finetune.js';
import { encoderDecoderSchema } from './encoder-decoder.js';

const posInt = (max: number) => z.number().int().positive().max(max);
const nonNegInt = (max: number) => z.number().int().nonnegative().max(max);

export const moeSchema = z.strictObject({
  experts: posInt(65536),
  activeExperts: posInt(1024),
  sharedExperts: nonNegInt(64).default(0),
  expertFfnHiddenSize: posInt(1 << 20),
  denseLayers: nonNegInt(100000).default(0),
  /** max/mean tokens per expert-parallel rank; 1 = perfectly balanced routing. */
  imbalance: z.number().min(1).max(64).default(1),
});
export type MoeConfig = z.infer<typeof moeSchema>;

export const mlaSchema = z.strictObject({
  qLoraRank: nonNegInt(1 << 20),
  kvLoraRank: posInt(1 << 20),
  qkRopeHeadDim: posInt(4096),
  qkNopeHeadDim: posInt(4096),
  vHeadDim: posInt(4096),
});
export type MlaConfig = z.infer<typeof mlaSchema>;

/** Workload kinds: transformer kinds (decoder, encoder, vit) share the transformer path; cnn, generic and lstm are sized per sample. */
export const modelKindSchema = z.enum(['decoder', 'encoder', 'vit', 'cnn', 'generic', 'lstm', 'encoder-decoder']);
export type ModelKind = z.infer<typeof modelKindSchema>;

/**
 * What a CNN's training step is made of beyond its FLOPs (issue 12): the training FLOPs of the depthwise and
 * grouped convolutions (part of `flopsPerSample`; the rest are dense convolutions), the HBM bytes the
 * memory-bound kernels move per sample at 16-bit (batch norm, activations, squeeze-and-excitation, residual
 * adds, depthwise convolution I/O; forward + backward) and the kernel launches per training step.
 */
export const kernelMixSchema = z.strictObject({
  depthwiseFlopsPerSample: z.number().min(0).max(1e18),
  groupedFlopsPerSample: z.number().min(0).max(1e18),
  memoryBoundBytesPerSample: z.number().min(0).max(1e15),
  kernelsPerStep: z.number().int().min(0).max(1e9),
});
export type KernelMix = z.infer<typeof kernelMixSchema>;

/** A per-sample workload (kinds cnn and generic): what a model costs per training sample. */
export const sampleWorkloadSchema = z.strictObject({
  parameters: z.number().positive().max(1e14),
  /** Training FLOPs per sample, forward + backward. */
  flopsPerSample: z.number().positive().max(1e18),
  /** Activation bytes stored per sample for the backward pass. */
  activationBytesPerSample: z.number().positive().max(1e13),
  /** A preset's measured end-to-end fraction of the dense peak, replacing the kind's default rate (sample-workload.ts). */
  peakFraction: z.number().positive().max(1).optional(),
  /** Share of the FLOPs a mixed-precision code keeps in true fp32 (no TF32) whatever the training precision. */
  fp32Fraction: z.number().min(0).max(1).optional(),
  /** A CNN preset's per-kernel classes (schema/cnn/kernels.ts), timed class by class (estimator/conv-kernels.ts). */
  kernelMix: kernelMixSchema.optional(),
});
export type SampleWorkload = z.infer<typeof sampleWorkloadSchema>;

/** A stacked LSTM's shape (kind lstm): what the sequential, latency-bound recurrent time needs. */
export const recurrentSchema = z.strictObject({
  layers: posInt(10000),
  hidden: posInt(1 << 20),
  /** Unrolled time steps per sample (the sequence length). */
  steps: posInt(1 << 20),
  vocab: posInt(1 << 24),
});
export type Recurrent = z.infer<typeof recurrentSchema>;

/** The `model:` section as written: every field optional because a preset may supply it. */
export const modelSectionSchema = z.strictObject({
  preset: z.string().min(1).optional(),
  kind: modelKindSchema.optional(),
  parameters: countSchema(1e14).optional(),
  flopsPerSample: countSchema(1e18).optional(),
  activationBytesPerSample: countSchema(1e13).optional(),
  /** Kind lstm only: unrolled time steps per sample. */
  sequenceLength: posInt(1 << 20).optional(),
  layers: posInt(10000).optional(),
  hiddenSize: posInt(1 << 20).optional(),
  ffnHiddenSize: posInt(1 << 22).optional(),
  attentionHeads: posInt(65536).optional(),
  kvHeads: posInt(65536).optional(),
  headDim: posInt(4096).optional(),
  vocabSize: posInt(1 << 24).optional(),
  /** relu and gated-gelu: kind encoder-decoder only (T5 v1.0 / v1.1 FFNs). */
  ffn: z.enum(['gelu', 'swiglu', 'relu', 'gated-gelu']).optional(),
  tiedEmbeddings: z.boolean().optional(),
  /** Kind encoder-decoder only: the two stacks' depths and tokens per sample (inputs, targets). */
  encoderLayers: posInt(10000).optional(),
  decoderLayers: posInt(10000).optional(),
  encoderSequenceLength: posInt(1 << 20).optional(),
  decoderSequenceLength: posInt(1 << 20).optional(),
  attention: z.enum(['causal', 'bidirectional']).optional(),
  moe: moeSchema.nullable().optional(),
  mla: mlaSchema.nullable().optional(),
});
export type ModelSection = z.infer<typeof modelSectionSchema>;

/** A fully resolved transformer shape (preset merged, defaults filled). */
export const modelConfigSchema = z.strictObject({
  name: z.string(),
  layers: posInt(10000),
  hiddenSize: posInt(1 << 20),
  ffnHiddenSize: posInt(1 << 22),
  attentionHeads: posInt(65536),
  kvHeads: posInt(65536),
  headDim: posInt(4096),
  vocabSize: posInt(1 << 24),
  ffn: z.enum(['gelu', 'swiglu']),
  tiedEmbeddings: z.boolean(),
  attention: z.enum(['causal', 'bidirectional']),
  moe: moeSchema.nullable(),
  mla: mlaSchema.nullable(),
  /**
   * The model file's kind when it is not a decoder (absent = decoder). Per-sample kinds (cnn, generic, lstm) have
   * the transformer fields above at 1 and unused; encoder and vit are transformers with bidirectional attention;
   * encoder-decoder carries its two stacks in `encoderDecoder`.
   */
  kind: modelKindSchema.optional(),
  sampleWorkload: sampleWorkloadSchema.optional(),
  /** Kind lstm: the stack's shape (sampleWorkload then holds its closed-form totals). */
  recurrent: recurrentSchema.optional(),
  /** Kind encoder-decoder: the two stacks' shape (sampleWorkload then holds its closed-form totals per input/target pair). */
  encoderDecoder: encoderDecoderSchema.optional(),
});
export type ModelConfig = z.infer<typeof modelConfigSchema>;

export const trainingSectionSchema = z
  .strictObject({
    tokens: countSchema(1e16).optional(),
    /** Alternative to tokens for workloads sized in samples (images, examples): samples per epoch, and epochs (default 1). */
    samples: countSchema(1e13).optional(),
    epochs: z.number().positive().max(1e6).optional(),
    /** Tokens per sequence; not used by per-sample kinds (cnn, generic), where each sample is one unit. */
    sequenceLength: posInt(16_777_216).optional(),
    globalBatchSize: posInt(100_000_000).optional(),
    globalBatchTokens: countSchema(1e12).optional(),
    precision: precisionSchema.default('bf16'),
    optimizer: z.enum(['adam', 'sgd']).default('adam'),
    framework: frameworkSchema.default('megatron'),
    overlap: overlapSchema.optional(),
    /** Recompute the run uses (the default of `estimate --recompute`): a mode, or `{ partial: [sub-blocks] }`. */
    recompute: z.union([z.enum(['none', 'selective', 'full', 'op-level']), z.strictObject({ partial: z.array(recomputeBlockSchema).min(1) })]).optional(),
    /** Fine-tuning method (full, LoRA, QLoRA); absent = pre-training, every weight trained (src/schema/finetune.ts). */
    finetune: finetuneSectionSchema.optional(),
  })
  .refine((t) => (t.globalBatchSize === undefined) !== (t.globalBatchTokens === undefined), {
    message: 'give exactly one of globalBatchSize (sequences) or globalBatchTokens',
    path: ['globalBatchSize'],
  });

/** The `training:` section as parsed (counts already numbers, batch in sequences or tokens). */
export type TrainingSection = z.infer<typeof trainingSectionSchema>;

/** The training run, normalised: batch in sequences, tokens as a number. */
export interface TrainingConfig {
  tokens: number;
  sequenceLength: number;
  globalBatchSize: number;
  precision: z.infer<typeof precisionSchema>;
  optimizer: 'adam' | 'sgd';
  /** The training stack (default megatron) and its overlap knobs from the model file. */
  framework?: Framework;
  overlap?: OverlapConfig;
  /** The model file's recompute, when it gives one. */
  recompute?: { mode: 'none' | 'selective' | 'full' | 'op-level' | 'partial'; blocks: RecomputeBlock[] };
  /** Runs sized in samples (tokens = samples × epochs × sequenceLength; globalBatchSize in samples). */
  samples?: number;
  epochs?: number;
  /** Present only for fine-tuning runs (defaults filled); absent = every weight trained. */
  finetune?: FinetuneConfig;
}

export const constraintsSchema = z.strictObject({
  accelerators: z.array(z.string().min(1)).min(1).optional(),
  providers: z.array(z.string().min(1)).min(1).optional(),
  pricing: z.union([planPricingSchema, z.array(planPricingSchema).min(1)]).optional(),
  minGpus: posInt(1_000_000).optional(),
  maxGpus: posInt(1_000_000).optional(),
  deadlineDays: z.number().positive().max(36500).optional(),
  budgetUsd: countSchema(1e13).optional(),
  objective: z.enum(['cost', 'time']).optional(),
  allowFp8: z.boolean().optional(),
  /** Skip offers whose price is less sure than this class (list > reseller > third-party); `--min-price-confidence`. */
  minPriceConfidence: priceConfidenceSchema.optional(),
});
export type Constraints = z.infer<typeof constraintsSchema>;

export const modelFileSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  model: modelSectionSchema,
  training: trainingSectionSchema,
  constraints: constraintsSchema.optional(),
});
export type ModelFile = z.infer<typeof modelFileSchema>;

export { PER_SAMPLE_TRANSFORMER_FIELDS } from './per-sample-fields.js';
