import type { Estimate } from '../estimator/index.js';
import { InputError } from '../schema/index.js';

/** Number sections of an estimate that must be finite to be printed (the goodput section may hold an infinite MTBF: no failures). */
const SECTIONS = ['flops', 'memory', 'time', 'throughput', 'energy', 'cost'] as const;

function firstNonFinite(value: unknown, path: string): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path;
  if (value === null || typeof value !== 'object') return null;
  for (const [k, v] of Object.entries(value)) {
    const hit = firstNonFinite(v, path ? `${path}.${k}` : k);
    if (hit) return hit;
  }
  return null;
}

const n = (x: number) => (Number.isFinite(x) ? x.toPrecision(3) : String(x));

/** Why a result overflowed, in the user's terms. */
function causeOf(e: Estimate): string {
  if (!Number.isFinite(e.time.stepSeconds)) return 'the step time is not finite (check the accelerator\'s peaks, bandwidths and efficiencies in the catalog)';
  const g = e.goodput;
  if (!Number.isFinite(e.time.totalSeconds)) {
    return `with ${e.layout.gpus} GPUs the job is interrupted every ${n(g.jobMtbfSeconds)} s on average, against a ${n(g.restartSeconds)} s restart, so it never finishes (use fewer GPUs)`;
  }
  return 'the run is too large to price or time in floating point (fewer tokens or GPUs)';
}

/** A result that would print Infinity/NaN (or null in a number field) is an InputError with its cause. */
export function assertFiniteEstimate(e: Estimate, what = 'the estimate'): void {
  for (const s of SECTIONS) {
    const hit = firstNonFinite(e[s], s);
    if (hit) throw new InputError('RESULT_NOT_FINITE', `${what}: ${hit} is not a finite number: ${causeOf(e)}`, { location: 'result' });
  }
}

/** assertFiniteEstimate for every plan a search returns. */
export function assertFinitePlans(plans: readonly { estimate: Estimate; gpus: number; accelerator: string }[]): void {
  for (const p of plans) assertFiniteEstimate(p.estimate, `the plan on ${p.gpus} × ${p.accelerator}`);
}
