import { parentPort, workerData } from 'node:worker_threads';
import { createSearcher, preparePlan, searchInputs, workUnits, type PlanInput } from '../planner/index.js';

/**
 * A search worker: prepares the same plan as the main thread, then runs the work units the main
 * thread hands out one at a time and posts each unit's partial result back.
 */
const input = workerData as PlanInput;
const prepared = preparePlan(input);
const x = searchInputs(input);
const units = workUnits(x, prepared.search);
const searcher = createSearcher(x, prepared.search);
const port = parentPort!;
port.on('message', (msg: { unit: number } | { stop: true }) => {
  if ('stop' in msg) {
    port.close();
    return;
  }
  port.postMessage({ unit: msg.unit, partial: searcher.run([units[msg.unit]!]) });
});
port.postMessage({ ready: true });
