import { FieldError } from './field-error.js';
import type { TrainingConfig, TrainingSection } from './model.js';

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
  if (tokens < sequenceLength * globalBatchSize) {
    throw new FieldError('TRAINING_INVALID', ['training', 'tokens'],
      `${tokens} tokens is less than one step (globalBatchSize × sequenceLength = ${sequenceLength * globalBatchSize} tokens)`,
      { suggestion: 'tokens is the whole training run, e.g. 15T' });
  }
  const r = section.recompute;
  const recompute = r === undefined ? undefined : typeof r === 'string' ? { mode: r, blocks: [] } : { mode: 'partial' as const, blocks: [...new Set(r.partial)] };
  return {
    tokens, sequenceLength, globalBatchSize, precision, optimizer, framework: section.framework,
    ...(section.overlap ? { overlap: section.overlap } : {}),
    ...(recompute ? { recompute } : {}),
  };
}

function formatRatio(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(4);
}
