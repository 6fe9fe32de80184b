import { wallClockSeconds, type WallClockModel } from '../estimator/index.js';

/**
 * Deadline and budget verdicts of one GPU count's offers as thresholds on the failure-free run time.
 *
 * A plan is past the deadline when wallClockSeconds(w, T)/86400 > days and over budget when
 * (wall·n/3600)·price > budget. wallClockSeconds is T ↦ factor·(T/τ) (estimator/goodput.ts), a chain of
 * correctly rounded operations with positive constants, so each verdict is monotone in T: it is true
 * exactly for T above one double, found here by bisection on the same expressions the search used to
 * evaluate per offer. Counting a layout's verdicts over all offers is then two binary searches instead
 * of one wall-clock evaluation per offer, with bit-for-bit the same counts.
 */
export interface Verdicts {
  /** Sorted ascending: per offer, the largest T that is not past the deadline (Infinity: never). */
  past: Float64Array;
  /** Sorted: per offer, the largest T that is not over budget. */
  over: Float64Array;
  /** Sorted: per offer, max(past, over): above it a plan is both past the deadline and over budget. */
  both: Float64Array;
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const bitsOf = (x: number): bigint => ((f64[0] = x), u64[0]!);
const ofBits = (b: bigint): number => ((u64[0] = b), f64[0]!);

/** The largest double t ≥ 0 with pred(t) false, for a predicate monotone on [0, ∞] (-Infinity: true at 0). */
export function thresholdOf(pred: (t: number) => boolean, guess: number): number {
  if (pred(0)) return -Infinity;
  if (!pred(Number.MAX_VALUE)) return pred(Infinity) ? Number.MAX_VALUE : Infinity;
  let lo = Number.isFinite(guess) && guess > 0 ? guess * (1 - 1e-9) : 1;
  while (lo > 0 && pred(lo)) lo = lo > Number.MIN_VALUE ? lo / 2 : 0;
  let hi = Math.max(lo * (1 + 1e-9), Number.isFinite(guess) && guess > lo ? guess * (1 + 1e-9) : lo * 2, Number.MIN_VALUE);
  while (!pred(hi)) hi = Math.min(hi * 2, Number.MAX_VALUE);
  // pred(lo) false, pred(hi) true; non-negative doubles order as their bit patterns.
  let a = bitsOf(lo);
  let b = bitsOf(hi);
  while (b - a > 1n) {
    const m = (a + b) >> 1n;
    if (pred(ofBits(m))) b = m;
    else a = m;
  }
  return ofBits(a);
}

/** How many thresholds in the sorted array lie strictly below t (the offers whose verdict is true at t). */
export function countBelow(sorted: Float64Array, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The verdict thresholds of every offer at `gpus` GPUs (walls[i] and prices[i] belong to offer i). */
export function verdictsAt(walls: readonly WallClockModel[], prices: readonly number[], gpus: number, deadlineDays: number | null, budgetUsd: number | null): Verdicts {
  const past = new Float64Array(walls.length);
  const over = new Float64Array(walls.length);
  for (let i = 0; i < walls.length; i++) {
    const w = walls[i]!;
    const price = prices[i]!;
    const perT = Number.isFinite(w.tau) ? w.factor / w.tau : 1;
    past[i] = deadlineDays === null ? Infinity : thresholdOf((t) => wallClockSeconds(w, t) / 86400 > deadlineDays, (deadlineDays * 86400) / perT);
    over[i] = budgetUsd === null ? Infinity : thresholdOf((t) => ((wallClockSeconds(w, t) * gpus) / 3600) * price > budgetUsd, (budgetUsd * 3600) / (gpus * price * perT));
  }
  const both = past.map((p, i) => Math.max(p, over[i]!));
  return { past: past.sort(), over: over.sort(), both: both.sort() };
}
