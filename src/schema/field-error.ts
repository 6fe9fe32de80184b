import { InputError } from './errors.js';

/** A path into a model file, e.g. ["model", "kvHeads"] or ["constraints", "accelerators", 0]. */
export type FieldPath = readonly (string | number)[];

/** "model.kvHeads", "constraints.accelerators[0]". */
export function formatFieldPath(path: FieldPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${part}` : part;
  }
  return out || '(top level)';
}

/**
 * An InputError about one field of a model file. `path` lets the file loader point at the
 * YAML line; `location` is the dotted field path until the loader replaces it with file:line:col.
 */
export class FieldError extends InputError {
  readonly path: FieldPath;
  readonly detail: string;
  constructor(code: string, path: FieldPath, detail: string, opts: { suggestion?: string } = {}) {
    super(code, `${formatFieldPath(path)}: ${detail}`, { ...opts, location: undefined });
    this.path = path;
    this.detail = detail;
  }
}
