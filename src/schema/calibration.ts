import { z } from 'zod';
import { mlaSchema, moeSchema } from './model.js';
import { precisionSchema } from './units.js';
import { recomputeSchema } from './layout.js';
import { frameworkSchema, overlapSchema, recomputeBlockSchema } from './framework.js';
import { finetuneSectionSchema } from './finetune.js';

const nullableInt = z.number().int().positive().nullable().optional();

/** One published, measured training run used to check the estimator (test/fixtures/validation). */
export const calibrationCaseSchema = z.object({
  id: z.string(),
  trust: z.enum(['high', 'medium', 'low']).optional(),
  source: z.string(),
  model: z.object({
    layers: z.number().int().positive(),
    hiddenSize: z.number().int().positive(),
    ffnHiddenSize: z.number().int().positive(),
    attentionHeads: z.number().int().positive(),
    kvHeads: z.number().int().positive(),
    vocabSize: z.number().int().positive(),
    ffn: z.enum(['gelu', 'swiglu']),
    moe: moeSchema.optional(),
    mla: mlaSchema.optional(),
  }),
  training: z.object({
    sequenceLength: z.number().int().positive(),
    globalBatchSize: z.number().int().positive(),
    precision: precisionSchema,
    /** A fine-tuning run (the model file's training.finetune: method, rank, targets, quantisation). */
    finetune: finetuneSectionSchema.optional(),
  }),
  accelerator: z.string(),
  gpus: z.number().int().positive(),
  layout: z.object({
    tp: nullableInt,
    pp: nullableInt,
    cp: nullableInt,
    ep: nullableInt,
    vpp: nullableInt,
    microBatch: nullableInt,
    zero: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).nullable().optional(),
    recompute: recomputeSchema.nullable().optional(),
    recomputeBlocks: z.array(recomputeBlockSchema).optional(),
    sequenceParallel: z.boolean().nullable().optional(),
  }),
  /** The training stack of the run (default megatron) and any overlap knobs the source states. */
  framework: frameworkSchema.optional(),
  overlap: overlapSchema.optional(),
  /** Software facts the source states or implies (e.g. the attention kernel of its era); fed to the estimator's assumptions. */
  software: z.object({
    attentionKernel: z.enum(['flash', 'unfused']).optional(),
    dpOverlap: z.number().min(0).max(1).optional(),
    /** Bytes per parameter of the 16-bit working weights (0: FP8 weights cast from the fp32 master, no 16-bit copy) and of the Adam moments (4: bf16 moments). */
    bytesWeight: z.number().min(0).max(4).optional(),
    bytesOptimizerMoments: z.number().min(0).max(8).optional(),
  }).optional(),
  measured: z.object({ stepSeconds: z.number().positive(), how: z.string() }),
  memoryGiBPerGpu: z.number().optional(),
});
export type CalibrationCase = z.infer<typeof calibrationCaseSchema>;

/**
 * One published memory figure (test/fixtures/validation/memory.yaml): what the source measured or
 * derived — peak bytes per GPU, model-state bytes (weights + gradients + optimizer) or stored
 * activations — or, for `fits`, a layout known to have run on its part, and for `does-not-fit`, one
 * the source says cannot (e.g. QLoRA's "65B needs more than one 24 GB GPU").
 */
export const memoryCaseSchema = calibrationCaseSchema.omit({ measured: true, memoryGiBPerGpu: true }).extend({
  compare: z.enum(['peak', 'model-states', 'activations', 'fits', 'does-not-fit']),
  measured: z.object({ bytes: z.number().positive().nullable(), how: z.string() }),
});
export type MemoryCase = z.infer<typeof memoryCaseSchema>;
