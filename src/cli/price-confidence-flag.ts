import { InputError, priceConfidenceSchema, type PriceConfidence } from '../schema/index.js';

// Its own file, not flags.ts: main.ts loads flags.ts for every command (forbidRepeatedOptions), and the zod enum here
// would pull zod into `presets` and `--version` (test/cli/startup.test.ts).

/** `--min-price-confidence list|reseller|third-party`, or an InputError naming the flag. */
export function priceConfidenceFlag(v: string | undefined): PriceConfidence | undefined {
  if (v === undefined) return undefined;
  const c = priceConfidenceSchema.safeParse(v.trim());
  if (!c.success) throw new InputError('INVALID_OPTION', `unknown price confidence "${v}"`, { location: '--min-price-confidence', suggestion: `use ${priceConfidenceSchema.options.join(', ')}` });
  return c.data;
}

