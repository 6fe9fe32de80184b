import { InputError } from '../schema/index.js';

/** A positive whole-number flag, or an InputError naming the flag. */
export function intFlag(value: string | undefined, flag: string, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > 10_000_000) {
    throw new InputError('INVALID_OPTION', `expected a whole number ≥ ${min}, got "${value}"`, { location: flag });
  }
  return n;
}

/** A flag restricted to a few words, with a did-you-mean style list. */
export function choiceFlag<T extends string>(value: string | undefined, flag: string, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new InputError('INVALID_OPTION', `expected one of ${choices.join(', ')}, got "${value}"`, { location: flag });
}
