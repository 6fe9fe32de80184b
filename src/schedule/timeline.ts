import type { Segment } from './types.js';

interface Busy {
  start: number;
  end: number;
  gpus: number;
}

const EPS = 1e-9;

/** GPUs in use per pool over time (intervals [start, end) in days); a value, copied on write by the allocator. */
export class Timeline {
  private readonly byPool = new Map<string, Busy[]>();

  clone(): Timeline {
    const t = new Timeline();
    for (const [k, v] of this.byPool) t.byPool.set(k, [...v]);
    return t;
  }

  add(pool: string, gpus: number, segments: readonly Segment[]): void {
    const list = this.byPool.get(pool) ?? [];
    for (const s of segments) list.push({ start: s.startDay, end: s.finishDay, gpus });
    this.byPool.set(pool, list);
  }

  /** GPUs in use at time t. */
  usageAt(pool: string, t: number): number {
    let u = 0;
    for (const b of this.byPool.get(pool) ?? []) if (b.start <= t + EPS && t < b.end - EPS) u += b.gpus;
    return u;
  }

  /** Most GPUs in use at any moment of [start, end): usage only rises at interval starts, so those points suffice. */
  peak(pool: string, start: number, end: number): number {
    let max = this.usageAt(pool, start);
    for (const b of this.byPool.get(pool) ?? []) if (b.start > start && b.start < end - EPS) max = Math.max(max, this.usageAt(pool, b.start));
    return max;
  }

  /** Every time at which usage of the pool changes, ascending. */
  breakpoints(pool: string): number[] {
    const pts = new Set<number>();
    for (const b of this.byPool.get(pool) ?? []) {
      pts.add(b.start);
      pts.add(b.end);
    }
    return [...pts].sort((a, b) => a - b);
  }

  /** End of the stretch from `start` during which `gpus` more fit the capacity (`start` itself when they do not fit then), at most `horizon`. */
  freeUntil(pool: string, capacity: number, gpus: number, start: number, horizon: number): number {
    if (this.usageAt(pool, start) + gpus > capacity) return start;
    for (const p of this.breakpoints(pool)) if (p > start + EPS && p < horizon && this.usageAt(pool, p) + gpus > capacity) return p;
    return horizon;
  }

  /**
   * Earliest whole day s ≥ earliest with [s, s + days) inside the horizon and `gpus` free throughout, or null.
   * Candidates are `earliest` and the ceilings of interval ends: usage falls only when an interval ends.
   */
  earliestStart(pool: string, capacity: number, gpus: number, days: number, earliest: number, horizon: number): number | null {
    if (gpus > capacity) return null;
    const cands = new Set<number>([earliest]);
    for (const b of this.byPool.get(pool) ?? []) {
      const c = Math.ceil(b.end - EPS);
      if (c > earliest) cands.add(c);
    }
    for (const s of [...cands].sort((a, b) => a - b)) {
      if (s + days > horizon + EPS) return null;
      if (this.peak(pool, s, s + days) + gpus <= capacity) return s;
    }
    return null;
  }

  /**
   * A preemptible run: from the first whole day ≥ earliest, work whenever `gpus` are free; each resume after a
   * pause first pays `resumeDays` (checkpoint + restart). Null when the work does not fit before the horizon.
   */
  fillGaps(pool: string, capacity: number, gpus: number, days: number, resumeDays: number, earliest: number, horizon: number, maxSegments = 16): Segment[] | null {
    if (gpus > capacity) return null;
    const start = Math.ceil(earliest - EPS);
    const pts = [...new Set([start, ...this.breakpoints(pool).filter((p) => p > start && p < horizon), horizon])].sort((a, b) => a - b);
    const stretches: Segment[] = [];
    for (let i = 0; i < pts.length - 1; i++) {
      const a = pts[i]!;
      const b = pts[i + 1]!;
      if (this.usageAt(pool, a) + gpus > capacity) continue;
      const last = stretches[stretches.length - 1];
      if (last && Math.abs(last.finishDay - a) < EPS) last.finishDay = b;
      else stretches.push({ startDay: a, finishDay: b });
    }
    const segments: Segment[] = [];
    let left = days;
    for (const s of stretches) {
      if (left <= EPS) break;
      const overhead = segments.length === 0 ? 0 : resumeDays;
      const length = s.finishDay - s.startDay;
      if (length <= overhead + EPS) continue;
      if (segments.length >= maxSegments) return null;
      const run = Math.min(left + overhead, length);
      segments.push({ startDay: s.startDay, finishDay: s.startDay + run });
      left -= run - overhead;
    }
    return left > EPS ? null : segments;
  }
}
