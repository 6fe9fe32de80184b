import type { LayerCompute } from '../estimator/index.js';

/**
 * Values a search shares across its (accelerator, network) groups because they do not depend on the network
 * (issue 15). Layer compute terms depend on the accelerator and precision (estimator layer-compute.ts):
 * one slot array per (accelerator object, precision, tp, cp, ep), shared by that accelerator's network groups
 * within one search (the model, training and assumptions are the search's own, the same for every group),
 * slot = micro-batch index · 3 + recompute index as in LayerRow.
 */
export class ComputeShare {
  private readonly statesRows = new Map<string, Float64Array>();
  private readonly byAccelerator = new Map<object, Map<string, Array<LayerCompute | undefined>>>();
  slots(accelerator: object, precision: string, tp: number, cp: number, ep: number): Array<LayerCompute | undefined> {
    let rows = this.byAccelerator.get(accelerator);
    if (!rows) this.byAccelerator.set(accelerator, (rows = new Map()));
    const key = `${precision}/${tp}/${cp}/${ep}`;
    let slots = rows.get(key);
    if (!slots) rows.set(key, (slots = []));
    return slots;
  }
  /**
   * The least model states (estimator stateBytes at vpp = 1 and the highest ZeRO stage) of (precision, tp, cp),
   * slot per (dp index, ep index, pp), NaN until computed. They read the model, training, assumptions and
   * precision only (stateBytes; the local parameters are already shared across groups by search.ts's lpCache).
   */
  states(precision: string, tp: number, cp: number, size: number): Float64Array {
    const key = `${precision}/${tp}/${cp}`;
    let row = this.statesRows.get(key);
    if (!row) this.statesRows.set(key, (row = new Float64Array(size).fill(NaN)));
    return row;
  }
  /** Drops an accelerator's values once its last work unit has run (they are only memory after that). */
  release(accelerator: object): void {
    this.byAccelerator.delete(accelerator);
  }
}

