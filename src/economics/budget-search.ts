/** One evaluation of the size axis: how close its plans come to the limits. */
export interface SizeProbe {
  /** The size asked for (parameters, or tokens with a fixed model). */
  size: number;
  /** min over plans of max(cost ÷ budget, days ÷ deadline): ≤ 1 means some plan fits both. */
  margin: number;
  fits: boolean;
}

export interface SizeSearch<T> {
  /** Known not to fit (a lower bound on every plan's cost or time says so). */
  hi: number;
  /** Where to look first. */
  guess: number;
  /** Smallest size worth trying; below it the answer is "nothing fits". */
  min: number;
  /** How the margin grows with size, margin ∝ size^k (k = 2 for compute-optimal models: cost and time ∝ N·D = 20·N²). */
  k: number;
  /** Stop once a fitting size uses a limit to within this fraction, or fitting and not-fitting sizes are this close. */
  tol: number;
  maxEvaluations: number;
  evaluate: (size: number) => { probe: SizeProbe; value: T | null };
}

/**
 * The largest size whose plans fit, on a continuous axis. Each step predicts the size where the margin reaches 1
 * from margin ∝ size^k (k re-estimated from the last two probes: a secant on log margin vs log size), aiming just
 * inside; a prediction outside the bracket of known fitting / not fitting sizes falls back to bisection in log size.
 */
export function largestFitting<T>(s: SizeSearch<T>): { best: { size: number; value: T; probe: SizeProbe } | null; probes: SizeProbe[] } {
  const probes: SizeProbe[] = [];
  let lo = 0;
  let hi = s.hi;
  let best: { size: number; value: T; probe: SizeProbe } | null = null;
  let x = Math.min(s.guess, s.hi * (1 - s.tol));
  let prev: SizeProbe | null = null;
  for (let i = 0; i < s.maxEvaluations && x >= s.min; i++) {
    const { probe, value } = s.evaluate(x);
    probes.push(probe);
    if (probe.fits && value !== null) {
      lo = x;
      best = { size: x, value, probe };
      if (probe.margin >= 1 - s.tol) break;
    } else hi = Math.min(hi, x);
    if (lo > 0 && hi / lo <= 1 + s.tol / s.k) break;
    let k = s.k;
    if (prev && Number.isFinite(prev.margin) && Number.isFinite(probe.margin) && prev.size !== probe.size && prev.margin > 0 && probe.margin > 0) {
      const est = Math.log(probe.margin / prev.margin) / Math.log(probe.size / prev.size);
      if (Number.isFinite(est)) k = Math.min(4 * s.k, Math.max(s.k / 4, est));
    }
    prev = probe;
    let next = Number.isFinite(probe.margin) && probe.margin > 0 ? x * Math.pow(probe.margin, -1 / k) * (1 - s.tol / (2 * k)) : NaN;
    if (!(next > lo && next < hi)) next = lo > 0 ? Math.sqrt(lo * hi) : x / 4;
    x = next;
  }
  return { best, probes };
}
