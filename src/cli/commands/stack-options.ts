import { didYouMean, frameworkSchema, InputError, recomputeBlockSchema, type Framework, type Recompute, type RecomputeBlock, type TrainingConfig } from '../../schema/index.js';
import { stackFor } from '../../estimator/index.js';

/** --framework: one of the contract's stacks, with a did-you-mean. */
export function frameworkFlag(value: string | undefined): Framework | undefined {
  if (value === undefined) return undefined;
  const ok = frameworkSchema.safeParse(value);
  if (ok.success) return ok.data;
  const close = didYouMean(value, frameworkSchema.options);
  throw new InputError('INVALID_OPTION', `unknown framework "${value}" (expected one of ${frameworkSchema.options.join(', ')})`, { location: '--framework', ...(close ? { suggestion: `did you mean ${close}?` } : {}) });
}

/** The training run with `--framework` over the model file's `training.framework`. */
export function withFramework<T extends { training: TrainingConfig }>(loaded: T, value: string | undefined): T {
  const f = frameworkFlag(value);
  return f === undefined ? loaded : { ...loaded, training: { ...loaded.training, framework: f } };
}

const MODES = ['none', 'selective', 'full', 'op-level'] as const;

/**
 * --recompute none|selective|full|op-level|partial:<block>,<block>… — unknown modes and sub-blocks are
 * input errors with a did-you-mean. Without the flag: the model file's `training.recompute`, else the
 * stack's default (Megatron: selective).
 */
export function recomputeFlag(value: string | undefined, training: TrainingConfig): { recompute: Recompute; recomputeBlocks?: RecomputeBlock[] } {
  if (value === undefined) {
    const r = training.recompute;
    if (r) return r.mode === 'partial' ? { recompute: 'partial', recomputeBlocks: r.blocks } : { recompute: r.mode };
    return { recompute: stackFor(training.framework).defaultRecompute };
  }
  if ((MODES as readonly string[]).includes(value)) return { recompute: value as Recompute };
  const m = /^partial(?::(.*))?$/.exec(value);
  if (!m) {
    const close = didYouMean(value, [...MODES, 'partial']);
    throw new InputError('INVALID_OPTION', `expected none, selective, full, op-level or partial:<sub-block>,…, got "${value}"`, { location: '--recompute', ...(close ? { suggestion: `did you mean ${close}?` } : {}) });
  }
  const names = (m[1] ?? '').split(',').map((x) => x.trim()).filter((x) => x !== '');
  if (names.length === 0) throw new InputError('INVALID_OPTION', `partial needs sub-blocks, e.g. partial:norm,mla-up-projection (one or more of ${recomputeBlockSchema.options.join(', ')})`, { location: '--recompute' });
  const blocks: RecomputeBlock[] = [];
  for (const n of names) {
    const ok = recomputeBlockSchema.safeParse(n);
    if (!ok.success) {
      const close = didYouMean(n, recomputeBlockSchema.options);
      throw new InputError('INVALID_OPTION', `unknown recompute sub-block "${n}" (expected ${recomputeBlockSchema.options.join(', ')})`, { location: '--recompute', ...(close ? { suggestion: `did you mean ${close}?` } : {}) });
    }
    if (!blocks.includes(ok.data)) blocks.push(ok.data);
  }
  return { recompute: 'partial', recomputeBlocks: blocks };
}
