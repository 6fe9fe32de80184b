import { FieldError } from './field-error.js';
import type { TrainingConfig, TrainingSection } from './model.js';
import { resolveFinetune } from './finetune.js';

/**
 * Normalises the `training:` section: the global batch in sequences (globalBatchTokens is
 * divided by sequenceLength and must give a whole number ≥ 1 of sequences).
 */
export function normalizeTraining(section: TrainingSection, perSample = false): TrainingConfig {
  const { precision, optimizer } = section;
  if (perSample && section.sequenceLength !== undefined) {
    throw new FieldError('TRAINING_INVALID', ['training', 'sequenceLength'], 'does not apply to per-sample kinds (cnn, generic): size the run with samples and epochs');
  }
  if (!perSample && section.sequenceLength === undefined) {
    throw new FieldError('TRAINING_INVALID', ['training', 'sequenceLength'], 'required for transformer models');
  }
  const sequenceLength = section.sequenceLength ?? 1;
  const tokens = runTokens(section, sequenceLength);
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
  const out: TrainingConfig = { tokens, sequenceLength, globalBatchSize, precision, optimizer, framework: section.framework,
    ...(section.overlap ? { overlap: section.overlap } : {}),
    ...(recompute ? { recompute } : {}),
  };
  if (section.samples !== undefined) {
    out.samples = section.samples;
    out.epochs = section.epochs ?? 1;
  }
  if (section.finetune) out.finetune = resolveFinetune(section.finetune);
  return out;
}

/** Tokens of the run: `tokens`, or samples × epochs × sequenceLength (each sample is one sequence). */
function runTokens(section: TrainingSection, sequenceLength: number): number {
  if (section.tokens !== undefined && section.samples !== undefined) {
    throw new FieldError('TRAINING_INVALID', ['training', 'samples'], 'give tokens or samples (with epochs), not both');
  }
  if (section.tokens !== undefined) {
    if (section.epochs !== undefined) throw new FieldError('TRAINING_INVALID', ['training', 'epochs'], 'epochs applies to runs sized in samples; with tokens, give the total tokens', { suggestion: 'use samples: (per epoch) with epochs:, or drop epochs' });
    return section.tokens;
  }
  if (section.samples === undefined) {
    throw new FieldError('TRAINING_INVALID', ['training', 'tokens'], 'required: give tokens, or samples (per epoch) with epochs');
  }
  const tokens = section.samples * (section.epochs ?? 1) * sequenceLength;
  if (tokens > 1e16) throw new FieldError('TRAINING_INVALID', ['training', 'samples'], `samples × epochs × sequenceLength = ${tokens.toPrecision(3)} tokens is implausibly large (at most 1e16)`);
  return tokens;
}

function formatRatio(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(4);
}
