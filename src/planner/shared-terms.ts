import { stagedContext, type LocalParams, type StagedContext } from '../estimator/index.js';
import type { AcceleratorSpec } from '../schema/index.js';
import { LayerRow } from './bounds.js';
import type { SearchInputs } from './partial.js';
import type { NetworkGroup } from './request.js';

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

/**
 * Everything a search computes that depends on its model, training and assumptions (the key below) and on the
 * accelerator, network and precision of a group, but not on the constraints (GPU range, pricing models, providers,
 * deadline, budget, top N, objective): one value serves every search of the same model, whatever its constraints
 * (prepared.ts; `schedule` searches one model per pool and GPU count). What each holds and why it is constraint-free:
 * - staged contexts (estimator stagedContext: model, training, accelerator, precision, network, assumptions);
 * - stage local parameters by (tp, pp, vpp, expert index) (stageLocalParams reads the model only);
 * - least model states (SharedStates) per ZeRO pin: the highest ZeRO stage searched is the one value there a
 *   constraint (`pins.zero`) changes, so each pin has its own;
 * - with `layerRows`, the per-layer terms of each (context, tp, cp, expert index) (bounds.ts LayerRow: layerTerms of
 *   the context at every micro-batch and recompute mode). Off for a one-off search: kept, they would stay alive
 *   to its end instead of being dropped after each (tp, cp) (peak memory of whole-catalog MoE plans).
 */
export class ModelTerms {
  readonly lpCache = new Map<number, LocalParams>();
  private readonly contexts = new Map<AcceleratorSpec, Map<string, StagedContext>>();
  private readonly statesByPin = new Map<number, SharedStates>();
  private readonly rows: Map<StagedContext, Map<string, Array<LayerRow | undefined>>> | null;

  readonly key: string;

  constructor(key: string, layerRows: boolean) {
    this.key = key;
    this.rows = layerRows ? new Map() : null;
  }

  /** The key of a search's model, training and assumptions: equal keys, equal values of every cache above. */
  static keyOf(x: SearchInputs): string {
    return JSON.stringify([x.model, x.training, x.assumptions ?? null]);
  }

  /** The staged context of a group at one of its precisions (keyed by the accelerator spec itself, not its id: user catalogs may redefine an id). */
  context(x: SearchInputs, group: NetworkGroup, precision: number): StagedContext {
    let byNetwork = this.contexts.get(group.accelerator);
    if (!byNetwork) this.contexts.set(group.accelerator, (byNetwork = new Map()));
    const p = group.precisions[precision]!;
    const key = `${p}/${JSON.stringify(group.network)}`;
    let c = byNetwork.get(key);
    if (!c) {
      const { model, training, assumptions } = x;
      c = stagedContext({ model, training, accelerator: group.accelerator, precision: p, network: group.network, ...(assumptions ? { assumptions } : {}) });
      byNetwork.set(key, c);
    }
    return c;
  }

  states(zeroPin: number | undefined): SharedStates {
    const k = zeroPin ?? -1;
    let s = this.statesByPin.get(k);
    if (!s) this.statesByPin.set(k, (s = new SharedStates()));
    return s;
  }

  /** The per-layer term rows of (context, tp, cp), one slot per expert-parallel index; fresh when rows are not kept. */
  layerRows(c: StagedContext, tp: number, cp: number, epCount: number): Array<LayerRow | undefined> {
    if (!this.rows) return new Array<LayerRow | undefined>(epCount).fill(undefined);
    let byContext = this.rows.get(c);
    if (!byContext) this.rows.set(c, (byContext = new Map()));
    const key = `${tp}/${cp}`;
    let r = byContext.get(key);
    if (!r) byContext.set(key, (r = new Array<LayerRow | undefined>(epCount).fill(undefined)));
    return r;
  }
}
