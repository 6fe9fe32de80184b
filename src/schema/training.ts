import { FieldError } from './field-error.js';
import type { TrainingConfig, TrainingSection } from './model.js';
import { resolveFinetune } from './finetune.js';

/**
 * Normalises the `training:` section: the global batch in sequences (globalBatchTokens is
 * divided by sequenceLength and must give a whole number ≥ 1 of sequences).
 */
export function normalizeTraining(section: TrainingSection): TrainingConfig {
  const { tokens, sequenceLength, precision, optimizer } = section;
  let globalBatchSize = section.globalBatchSize;
  if (globalBatchSize === undefined) {
    const batchTokens = section.globalBatchTokens;
    if (batchTokens === undefined) {
      throw new FieldError('TRAINING_INVALID', ['training', 'globalBatchSize'], 'give globalBatchSize (sequences) or globalBatchTokens');
    }
    const sequences = batchTokens / sequenceLength;
    if (!Number.isInteger(sequences) || sequences < 1) {
      const lower = Math.max(1, Math.floor(sequences)) * sequenceLength;
      const upper = Math.max(1, Math.ceil(sequences)) * sequenceLength;
      const hint = lower === upper ? `${lower}` : `${lower} or ${upper}`;
      throw new FieldError('TRAINING_INVALID', ['training', 'globalBatchTokens'],
        `${batchTokens} tokens is not a whole number of ${sequenceLength}-token sequences (${formatRatio(sequences)})`,
        { suggestion: `use a multiple of sequenceLength, e.g. ${hint}` });
    }
    globalBatchSize = sequences;
  }
  if (globalBatchSize > 100_000_000) {
    throw new FieldError('TRAINING_INVALID', ['training', 'globalBatchTokens'], `${globalBatchSize} sequences per step is implausibly large (at most 1e8)`);
  }
  if (sequenceLength * globalBatchSize > 1e12) {
    throw new FieldError('TRAINING_INVALID', ['training', 'globalBatchSize'],
      `${sequenceLength * globalBatchSize} tokens per step is implausibly large (at most 1e12)`);
  }
  const out: TrainingConfig = { tokens, sequenceLength, globalBatchSize, precision, optimizer };
  if (section.finetune) out.finetune = resolveFinetune(section.finetune);
  return out;
}

function formatRatio(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(4);
}
