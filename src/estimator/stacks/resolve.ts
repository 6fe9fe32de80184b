import type { OverlapConfig, TrainingConfig } from '../../schema/index.js';
import type { Assumptions } from '../assumptions.js';
import { stackFor } from './stacks.js';

/**
 * The assumptions a training run's stack implies, with the model file's overlap knobs on top:
 * DEFAULT_ASSUMPTIONS ← stack ← training.overlap ← explicit assumptions (prepareEstimate).
 * Megatron's values are the defaults, so a run without `framework` estimates as before.
 */
export function stackAssumptions(training: Pick<TrainingConfig, 'framework' | 'overlap'>): Partial<Assumptions> {
  const s = stackFor(training.framework);
  const out: Partial<Assumptions> = {
    framework: s.id,
    bytesGradient: s.gradientBytes,
    gradReduceFp32ForBf16: s.gradReduceFp32ForBf16,
    dpOverlap: s.dpOverlap,
    fsdpOverlap: s.fsdpOverlap,
    epOverlap: s.expertAllToAllOverlap,
    unshardedParamsWithPp: s.unshardedParamsWithPp,
    kernelEfficiency: s.kernelEfficiency,
  };
  return { ...out, ...overlapAssumptions(training.overlap) };
}

/** training.overlap as assumption overrides; DualPipe hides the all-to-all completely [DeepSeek-V3 §3.2.1]. */
export function overlapAssumptions(o: OverlapConfig | undefined): Partial<Assumptions> {
  if (!o) return {};
  const out: Partial<Assumptions> = {};
  if (o.dataParallel !== undefined) out.dpOverlap = o.dataParallel;
  if (o.dualPipe !== undefined) out.dualPipe = o.dualPipe;
  if (o.dualPipe === true) out.epOverlap = 1;
  if (o.expertAllToAll !== undefined) out.epOverlap = o.expertAllToAll;
  return out;
}
