import { InvalidArgumentError, type Command, type Option } from 'commander';
import { InputError, priceConfidenceSchema, type PriceConfidence } from '../schema/index.js';

/** Decimal digits only: "0x10", "1e1", "16.0", " 8" and "+8" are not whole-number flags. */
const DECIMAL_INT = /^[0-9]+$/;
/** A plain decimal number (no hex, no Infinity, no empty string). */
const DECIMAL = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$|^\.[0-9]+$/;

/** A positive whole-number flag written in decimal digits, or an InputError naming the flag. */
export function intFlag(value: string | undefined, flag: string, min = 1, max = 10_000_000): number | undefined {
  if (value === undefined) return undefined;
  const n = DECIMAL_INT.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    const why = DECIMAL_INT.test(value) ? `between ${min} and ${max}` : `≥ ${min} in decimal digits`;
    throw new InputError('INVALID_OPTION', `expected a whole number ${why}, got "${value}"`, { location: flag });
  }
  return n;
}

/** A non-negative decimal number flag (1.5, 80, 2e3; not 0x10 or Infinity), or an InputError naming the flag. */
export function decimalFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = DECIMAL.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 0) throw new InputError('INVALID_OPTION', `expected a non-negative decimal number, got "${value}"`, { location: flag });
  return n;
}

/** A flag restricted to a few words, with a did-you-mean style list. */
export function choiceFlag<T extends string>(value: string | undefined, flag: string, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new InputError('INVALID_OPTION', `expected one of ${choices.join(', ')}, got "${value}"`, { location: flag });
}

/** TRAINPLAN_THREADS: unset → 1; "auto" → `auto`; a whole number 1…256; anything else is an InputError. */
export function threadsFromEnv(raw: string | undefined, auto: number): number {
  if (raw === undefined || raw === '') return 1;
  if (raw === 'auto') return auto;
  if (!/^[0-9]+$/.test(raw) || Number(raw) < 1 || Number(raw) > 256) {
    throw new InputError('INVALID_ENV', `expected a whole number of threads from 1 to 256, or auto; got "${raw}"`, { location: 'TRAINPLAN_THREADS' });
  }
  return Number(raw);
}

/**
 * Single-value options given twice (`--gpus 8 --gpus 16`) are an error instead of "last one wins";
 * list options (those with their own collecting parser, like --catalog) may repeat.
 */
export function forbidRepeatedOptions(cmd: Command): void {
  for (const option of cmd.options as Option[]) {
    if (!(option.required || option.optional) || option.variadic) continue;
    const choices = option.argChoices;
    if (option.parseArg && !choices) continue;
    const parse = option.parseArg;
    const key = option.attributeName();
    option.argParser((value: string, previous: unknown) => {
      if (cmd.getOptionValueSource(key) === 'cli') throw new InvalidArgumentError(`${option.long ?? option.flags} was given more than once; give it once`);
      return parse ? parse(value, previous) : value;
    });
  }
  for (const sub of cmd.commands) forbidRepeatedOptions(sub);
}

/** `--min-price-confidence list|reseller|third-party`, or an InputError naming the flag. */
export function priceConfidenceFlag(v: string | undefined): PriceConfidence | undefined {
  if (v === undefined) return undefined;
  const c = priceConfidenceSchema.safeParse(v.trim());
  if (!c.success) throw new InputError('INVALID_OPTION', `unknown price confidence "${v}"`, { location: '--min-price-confidence', suggestion: `use ${priceConfidenceSchema.options.join(', ')}` });
  return c.data;
}

