import type { Layout, ModelConfig, TrainingConfig } from '../schema/index.js';
import { STACKS, stackFor } from './stacks/index.js';

/** Whether the layout's recompute is one the run's stack offers and its sub-blocks apply to the model. */
export function recomputeProblem(m: ModelConfig, tr: TrainingConfig, l: Layout): { reason: 'recompute-not-offered' | 'recompute-blocks-invalid'; message: string; hint?: string } | null {
  const stack = stackFor(tr.framework);
  const blocks = l.recomputeBlocks ?? [];
  if (!stack.recompute.includes(l.recompute)) {
    const others = Object.values(STACKS).filter((s) => s.recompute.includes(l.recompute)).map((s) => s.id);
    return { reason: 'recompute-not-offered', message: `${stack.id} does not offer recompute ${l.recompute} (it offers ${stack.recompute.join(', ')})`, hint: others.length ? `stacks that do: ${others.join(', ')}` : undefined };
  }
  if (l.recompute === 'partial' && blocks.length === 0) return { reason: 'recompute-blocks-invalid', message: 'recompute partial needs at least one sub-block', hint: `one or more of ${stack.recomputeBlocks.join(', ')}` };
  if (l.recompute !== 'partial' && blocks.length > 0) return { reason: 'recompute-blocks-invalid', message: `recompute sub-blocks (${blocks.join(', ')}) need recompute partial, not ${l.recompute}` };
  for (const b of blocks) {
    if (!stack.recomputeBlocks.includes(b)) return { reason: 'recompute-blocks-invalid', message: `${stack.id} cannot recompute ${b} alone` };
    if (b === 'mla-up-projection' && !m.mla) return { reason: 'recompute-blocks-invalid', message: 'mla-up-projection needs a model with multi-head latent attention (model.mla)' };
    if ((b === 'moe-expert-ffn' || b === 'moe-act') && !m.moe) return { reason: 'recompute-blocks-invalid', message: `${b} needs a mixture-of-experts model (model.moe)` };
  }
  return null;
}
