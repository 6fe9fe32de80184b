import { basename, extname } from 'node:path';
import {
  checkEncoderDecoderTraining,
  checkFinetune,
  FieldError,
  InputError,
  modelFileSchema,
  normalizeTraining,
  resolveModel,
  type Constraints,
  type ModelConfig,
  type ModelFile,
  type TrainingConfig,
} from '../schema/index.js';
import { readTextFile } from './read-text-file.js';
import { sanitizeText } from './sanitize.js';
import { issueToError } from './schema-issues.js';
import { parseYamlSource, type ParsedYaml } from './yaml-source.js';

/** A model file, validated and resolved: preset merged, defaults filled, batch in sequences. */
export interface LoadedModelFile {
  file: ModelFile;
  model: ModelConfig;
  training: TrainingConfig;
  constraints: Constraints;
  /** "file:line:col" of a field path in the file (e.g. ['constraints', 'accelerators', 0]). */
  locate: (path: readonly (string | number)[]) => string;
}

/** Parses and validates model-file text; `path` is only used in messages. */
export function parseModelFile(text: string, path: string): LoadedModelFile {
  const source = parseYamlSource(text, path);
  if (source.data === null || typeof source.data !== 'object' || Array.isArray(source.data)) {
    throw new InputError('SCHEMA_INVALID', 'expected a mapping with model: and training: sections at the top level', {
      location: source.locate([]),
    });
  }
  const parsed = modelFileSchema.safeParse(source.data, { reportInput: true });
  if (!parsed.success) throw issueToError(parsed.error.issues, modelFileSchema, source);
  const file = parsed.data;
  try {
    const model = resolveModel(file.model, file.name ?? file.model.preset ?? sanitizeText(basename(path, extname(path))));
    checkEncoderDecoderTraining(file.training, model);
    const training = normalizeTraining(file.training, model.sampleWorkload !== undefined);
    checkFinetune(file.training.finetune, training.finetune, model, training.precision);
    return { file, model, training, constraints: file.constraints ?? {}, locate: (p) => source.locate(p) };
  } catch (err) {
    throw err instanceof FieldError ? locateFieldError(err, source) : err;
  }
}

function locateFieldError(err: FieldError, source: ParsedYaml): InputError {
  return new InputError(err.code, err.message, { suggestion: err.suggestion, location: source.locate(err.path) });
}

/**
 * Reads, parses and validates a model file. Every problem with the input — a missing file,
 * a directory, binary data, YAML syntax, an unknown key, a value out of range, an unknown
 * preset — becomes one InputError whose location is "file:line:col" or the file path.
 */
export function loadModelFile(path: string): LoadedModelFile {
  return parseModelFile(readTextFile(path), path);
}
