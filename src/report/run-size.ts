import type { ModelConfig, TrainingConfig } from '../schema/index.js';
import { count } from './human.js';

/** What one sample is, in words: an image for CNN and ViT kinds, otherwise a sample. */
export function sampleNoun(model: Pick<ModelConfig, 'kind'>): 'images' | 'samples' {
  return model.kind === 'cnn' || model.kind === 'vit' ? 'images' : 'samples';
}

/** Per-sample kinds (cnn, generic, lstm): one opaque block per sample, no tokens to count. */
export function hasNoTokens(model: Pick<ModelConfig, 'sampleWorkload'>): boolean {
  return model.sampleWorkload !== undefined;
}

/**
 * The size of a run in its own unit: "115M images (1.28M × 90 epochs)" for runs sized in samples
 * (training.samples / epochs), "15.0T tokens" otherwise.
 */
export function runSizeText(model: Pick<ModelConfig, 'kind'>, training: Pick<TrainingConfig, 'tokens' | 'samples' | 'epochs'>): string {
  if (training.samples === undefined) return `${count(training.tokens)} tokens`;
  const epochs = training.epochs ?? 1;
  return `${count(training.samples * epochs)} ${sampleNoun(model)} (${count(training.samples)} × ${epochs} epoch${epochs === 1 ? '' : 's'})`;
}
