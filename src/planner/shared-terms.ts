/**
 * Values a search shares across its (accelerator, network) groups because they depend on neither (issue 15):
 * the least model states of the per-family states check. The model, training and assumptions are the
 * search's own, the same for every group.
 */
export class SharedStates {
  private readonly rows = new Map<string, Float64Array>();
  /**
   * The least model states (estimator stateBytes at vpp = 1 and the highest ZeRO stage) of (precision, tp, cp),
   * slot per (dp index, ep index, pp), NaN until computed. They read the model, training, assumptions and
   * precision only (stateBytes; the local parameters are already shared across groups by search.ts's lpCache).
   */
  states(precision: string, tp: number, cp: number, size: number): Float64Array {
    const key = `${precision}/${tp}/${cp}`;
    let row = this.rows.get(key);
    if (!row) this.rows.set(key, (row = new Float64Array(size).fill(NaN)));
    return row;
  }
}
