import type { Objective } from './types.js';
import type { PricePoint } from './request.js';
import { compareKeys, type BestLayout } from './partial.js';

/** One priced plan before the estimator re-runs it: a best layout on one offer and pricing model. */
export interface Candidate {
  group: number;
  gpus: number;
  point: PricePoint;
  pointIndex: number;
  best: BestLayout;
  usd: number;
  totalSeconds: number;
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The stable key after the objectives: accelerator, provider, instance, pricing, GPU count, layout. */
export function compareIdentity(a: Candidate, b: Candidate): number {
  const pa = a.point;
  const pb = b.point;
  return (
    cmpStr(pa.offer.accelerator, pb.offer.accelerator) ||
    cmpStr(pa.offer.provider, pb.offer.provider) ||
    cmpStr(pa.offer.instance, pb.offer.instance) ||
    cmpStr(pa.pricing, pb.pricing) ||
    a.gpus - b.gpus ||
    compareKeys(a.best.key, b.best.key)
  );
}

/** Total order: the objective, then the other objective, then the identity key. */
export function compareCandidates(objective: Objective, a: Candidate, b: Candidate): number {
  const [x1, y1, x2, y2] = objective === 'cost' ? [a.usd, b.usd, a.totalSeconds, b.totalSeconds] : [a.totalSeconds, b.totalSeconds, a.usd, b.usd];
  if (x1 !== y1) return x1 < y1 ? -1 : 1;
  if (x2 !== y2) return x2 < y2 ? -1 : 1;
  return compareIdentity(a, b);
}

/** Keeps the `k` best candidates seen so far, sorted (k is small: insertion is cheapest). */
export class TopK {
  readonly items: Candidate[] = [];
  private readonly k: number;
  private readonly objective: Objective;
  constructor(k: number, objective: Objective) {
    this.k = k;
    this.objective = objective;
  }
  offer(c: Candidate): void {
    const items = this.items;
    if (items.length === this.k && compareCandidates(this.objective, c, items[items.length - 1]!) >= 0) return;
    let i = items.length;
    while (i > 0 && compareCandidates(this.objective, c, items[i - 1]!) < 0) i--;
    items.splice(i, 0, c);
    if (items.length > this.k) items.pop();
  }
}

/**
 * The cost-vs-time Pareto frontier: candidates no other candidate beats on both cost and time,
 * cheapest first (ties on both: the first by identity key).
 */
export function paretoFrontier(candidates: readonly Candidate[]): Candidate[] {
  const sorted = [...candidates].sort((a, b) => (a.usd !== b.usd ? (a.usd < b.usd ? -1 : 1) : a.totalSeconds !== b.totalSeconds ? (a.totalSeconds < b.totalSeconds ? -1 : 1) : compareIdentity(a, b)));
  const out: Candidate[] = [];
  let bestTime = Infinity;
  for (const c of sorted) {
    if (c.totalSeconds < bestTime) {
      out.push(c);
      bestTime = c.totalSeconds;
    }
  }
  return out;
}
