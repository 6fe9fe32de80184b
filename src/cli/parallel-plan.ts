import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { threadsFromEnv } from './flags.js';
import { finishPlan, preparePlan, searchInputs, searchUnits, workUnits, type PartialSearch, type PlanInput, type PlanResult } from '../planner/index.js';

export interface ParallelOptions {
  /** Worker threads; 1 searches on the calling thread. */
  threads: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Threads to use: TRAINPLAN_THREADS when set ("auto" = the machine's parallelism, at most 8), else 1.
 * One thread is the default because on a shared 2-core machine the workers' start-up and duplicated
 * caches cost more than they save (measured: 405B example 1.6 s on 1 thread, 2.2 s on 2).
 */
export function defaultThreads(env: Record<string, string | undefined>): number {
  return threadsFromEnv(env.TRAINPLAN_THREADS, Math.max(1, Math.min(8, availableParallelism())));
}

/**
 * `plan()` spread over worker threads: the units of work are handed out largest first, one at a
 * time, and the partial results merged by the planner's order-independent merge, so the result is
 * byte-for-byte the single-threaded `plan()` without branch and bound (`prune: false`): the same plans,
 * frontier and explanation as `plan()`, with no `search.pruned` counts.
 */
export async function planInParallel(input: PlanInput, opts: ParallelOptions): Promise<PlanResult> {
  const prepared = preparePlan(input);
  const x = searchInputs(input);
  const units = workUnits(x, prepared.search);
  const threads = Math.min(opts.threads, units.length);
  if (threads <= 1) {
    const partial = searchUnits(x, prepared.search, units, opts.onProgress ? (d) => opts.onProgress!(d, units.length) : undefined);
    return finishPlan(prepared, [partial]);
  }
  const order = units.map((u, i) => [u.weight, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map(([, i]) => i);
  const partials: PartialSearch[] = [];
  let next = 0;
  let done = 0;
  // Workers do not share bounds, so each would prune a different share: threaded searches enumerate every
  // family (prune: false), and their counts are the full search's whatever the split.
  const workerInput: PlanInput = { ...input, prune: false, catalog: { accelerators: input.catalog.accelerators, offers: input.catalog.offers, ...(input.catalog.owned ? { owned: input.catalog.owned } : {}) } };
  delete workerInput.onProgress;
  await Promise.all(
    Array.from({ length: threads }, () =>
      new Promise<void>((resolve, reject) => {
        const w = new Worker(new URL('./plan-worker.js', import.meta.url), { workerData: workerInput });
        const feed = () => {
          if (next < order.length) w.postMessage({ unit: order[next++]! });
          else w.postMessage({ stop: true });
        };
        w.on('message', (msg: { ready: true } | { unit: number; partial: PartialSearch }) => {
          if ('partial' in msg) {
            partials.push(msg.partial);
            done++;
            opts.onProgress?.(done, units.length);
          }
          feed();
        });
        w.on('error', reject);
        w.on('exit', () => resolve());
      }),
    ),
  );
  if (done !== units.length) throw new Error(`planner workers finished ${done} of ${units.length} units`);
  return finishPlan(prepared, partials);
}
