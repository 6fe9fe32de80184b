import { PER_SAMPLE_TRANSFORMER_FIELDS } from './model.js';
import { FieldError } from './field-error.js';
import type { ModelConfig, ModelSection } from './model.js';

const SHAPE_KEYS = ['sequenceLength', 'layers', 'hiddenSize', 'ffnHiddenSize', 'attentionHeads', 'kvHeads', 'headDim', 'vocabSize', 'ffn', 'tiedEmbeddings', 'attention', 'moe', 'mla', 'encoderLayers', 'decoderLayers', 'encoderSequenceLength', 'decoderSequenceLength'] as const;

/**
 * A per-sample model (kinds cnn and generic): parameters, training FLOPs per sample and stored
 * activation bytes per sample, from a preset and/or the file. The transformer fields are set to 1
 * (unused; one "layer", one "head", so only data-parallel layouts exist) and echoed as such.
 */
export function resolvePerSample(section: ModelSection, kind: 'cnn' | 'generic', base: Partial<Omit<ModelConfig, 'name'>>, name?: string): ModelConfig {
  for (const key of SHAPE_KEYS) {
    if (section[key] !== undefined) {
      throw new FieldError('MODEL_INVALID', ['model', key], `does not apply to kind ${kind} (give parameters, flopsPerSample and activationBytesPerSample)`);
    }
  }
  const w = base.sampleWorkload;
  const parameters = section.parameters ?? w?.parameters;
  const flopsPerSample = section.flopsPerSample ?? w?.flopsPerSample;
  const activationBytesPerSample = section.activationBytesPerSample ?? w?.activationBytesPerSample;
  const missing = parameters === undefined ? 'parameters' : flopsPerSample === undefined ? 'flopsPerSample' : activationBytesPerSample === undefined ? 'activationBytesPerSample' : null;
  if (missing) throw new FieldError('MODEL_INCOMPLETE', ['model', missing], `required for kind ${kind} (give it, or a preset that supplies it)`);
  return {
    name: name ?? section.preset ?? kind,
    ...PER_SAMPLE_TRANSFORMER_FIELDS,
    kind,
    sampleWorkload: {
      parameters: parameters!, flopsPerSample: flopsPerSample!, activationBytesPerSample: activationBytesPerSample!,
      // A preset's measured rate and fp32 share stay with it (the file cannot set them).
      ...(w?.peakFraction !== undefined ? { peakFraction: w.peakFraction } : {}),
      ...(w?.fp32Fraction !== undefined ? { fp32Fraction: w.fp32Fraction } : {}),
      // Its kernel mix is a split of its own FLOPs: it no longer holds when the file gives other FLOPs.
      ...(w?.kernelMix !== undefined && section.flopsPerSample === undefined ? { kernelMix: w.kernelMix } : {}),
    },
  };
}
