import { INPUT_LIMITS, readInputFile } from './input-file.js';

/** Model files are small; anything bigger is a mistake (or an attack). */
export const MAX_INPUT_BYTES = INPUT_LIMITS.model.maxBytes;

/** A model file's text (input-file.ts readInputFile with the model cap). */
export function readTextFile(path: string): string {
  return readInputFile(path, 'model');
}
