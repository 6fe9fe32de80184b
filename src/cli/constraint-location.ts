import type { LoadedModelFile } from '../io/index.js';
import { InputError } from '../schema/index.js';

/** Constraint keys the planner validates, and the flag that overrides each. */
const FLAGS: Record<string, string> = {
  accelerators: '--accelerators',
  providers: '--providers',
  pricing: '--pricing',
  minGpus: '--min-gpus',
  maxGpus: '--max-gpus',
  deadlineDays: '--deadline-days',
  budgetUsd: '--budget-usd',
  objective: '--objective',
};
const OPTION_OF: Record<string, string> = { minGpus: 'minGpus', maxGpus: 'maxGpus', deadlineDays: 'deadlineDays', budgetUsd: 'budgetUsd' };

/**
 * The planner names a bad constraint by key ("accelerators"); point the error at where the value came
 * from: the flag when one was given, else the model file's `constraints:` line (file:line:col).
 */
export function locateConstraintError(err: unknown, loaded: LoadedModelFile, flags: Record<string, unknown>): unknown {
  if (!(err instanceof InputError) || err.location === undefined || !(err.location in FLAGS)) return err;
  const key = err.location;
  const given = flags[OPTION_OF[key] ?? key];
  if (given !== undefined && !(Array.isArray(given) && given.length === 0)) return new InputError(err.code, err.message, { location: FLAGS[key]!, ...(err.suggestion ? { suggestion: err.suggestion } : {}) });
  const value = (loaded.constraints as Record<string, unknown>)[key];
  if (value === undefined) return err;
  const bad = /"([^"]*)"/.exec(err.message)?.[1];
  const index = Array.isArray(value) && bad !== undefined ? value.indexOf(bad) : -1;
  const location = loaded.locate(index >= 0 ? ['constraints', key, index] : ['constraints', key]);
  return new InputError(err.code, `constraints.${key}: ${err.message}`, { location, ...(err.suggestion ? { suggestion: err.suggestion } : {}) });
}

/** Runs `body`, relocating a constraint error (locateConstraintError). */
export function withConstraintLocation<T>(loaded: LoadedModelFile, flags: object, body: () => T): T {
  try {
    return body();
  } catch (err) {
    throw locateConstraintError(err, loaded, { ...flags });
  }
}
