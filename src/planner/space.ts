import { stackFor } from '../estimator/index.js';
import type { Layout, LayoutPins, ModelConfig, Precision, Recompute, TrainingConfig } from '../schema/index.js';

/**
 * The layout search space, one accelerator network and precision at a time. Each degree's values are
 * generated valid by construction (modeling-reference §5.4, the estimator's checkLayout rules):
 * - tp ≤ the scale-up domain, dividing the attention heads, and dividing or divided by the KV heads;
 * - cp divides the sequence, with at least `minTokensPerCpRank` tokens per rank;
 * - dp divides the global batch (dp·micro-batch must), so gpus = tp·pp·cp·dp;
 * - pp ≤ layers (uneven stages: the slowest rank holds ⌈L/p⌉ layers), vpp dividing ⌈L/p⌉ with pp·vpp ≤ layers (1 when pp = 1);
 * - ep divides the experts and dp·cp (MoE only; 1 otherwise);
 * - ZeRO 0–3 when the data-parallel group dp·cp > 1 (stage 0 only otherwise: nothing to shard, all stages estimate alike);
 * - micro-batch divides the per-replica batch B/dp; recompute none/selective/full;
 * - sequence parallelism on exactly when tp > 1 (it never costs time or memory in the estimator).
 */
export interface SpaceSpec {
  model: ModelConfig;
  training: TrainingConfig;
  domainSize: number;
  precision: Precision;
  minGpus: number;
  maxGpus: number;
  /** Whether a GPU count can be bought (a whole number of some offer's instances). */
  gpuCountAllowed: (gpus: number) => boolean;
  minTokensPerCpRank: number;
  /** Degrees fixed by the user; every generator below keeps only the pinned value (none when absent). */
  pins?: LayoutPins;
}

/** `values` restricted to the pinned one (all of them when nothing is pinned). */
export function pinned<T>(values: readonly T[], pin: T | undefined): readonly T[] {
  return pin === undefined ? values : values.filter((v) => v === pin);
}

export const RECOMPUTE: readonly Recompute[] = ['none', 'selective', 'full'];
export const ZERO_STAGES: readonly (0 | 1 | 2 | 3)[] = [0, 1, 2, 3];

export function divisorsOf(n: number): number[] {
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 1; i * i <= n; i++) {
    if (n % i === 0) {
      small.push(i);
      if (i * i !== n) large.push(n / i);
    }
  }
  return small.concat(large.reverse());
}

export type TpRejection = 'heads-not-divisible-by-tp' | 'kv-heads-not-divisible-by-tp';

/** Every tp from 1 to the scale-up domain, valid or with the estimator's reason for rejecting it. */
export function* tpChoices(model: ModelConfig, domainSize: number, pin?: number): Generator<{ tp: number; reason: TpRejection | null }> {
  for (let tp = 1; tp <= domainSize; tp++) {
    if (pin !== undefined && tp !== pin) continue;
    if (model.attentionHeads % tp !== 0) yield { tp, reason: 'heads-not-divisible-by-tp' };
    else if (model.kvHeads % tp !== 0 && tp % model.kvHeads !== 0) yield { tp, reason: 'kv-heads-not-divisible-by-tp' };
    else yield { tp, reason: null };
  }
}

export function cpValues(training: TrainingConfig, minTokensPerCpRank: number, pin?: number): number[] {
  return divisorsOf(training.sequenceLength).filter((cp) => (cp === 1 || training.sequenceLength / cp >= minTokensPerCpRank) && (pin === undefined || cp === pin));
}

export function dpValues(training: TrainingConfig): number[] {
  return divisorsOf(training.globalBatchSize);
}

export function epValues(model: ModelConfig, dp: number, cp: number): number[] {
  if (!model.moe) return [1];
  return divisorsOf(model.moe.experts).filter((ep) => (dp * cp) % ep === 0);
}

/**
 * Virtual-stage counts for `pp` ranks: 1, or a divisor of the ⌈L/p⌉ layers on the slowest rank (equal
 * chunks, as Megatron's interleaved schedule requires) with pp·vpp ≤ L [modeling-reference §5.4].
 */
export function vppValues(model: ModelConfig, pp: number): readonly number[] {
  if (pp === 1) return [1];
  const perRank = Math.ceil(model.layers / pp);
  const out: number[] = [];
  for (let v = 1; v <= perRank; v++) if (perRank % v === 0 && pp * v <= model.layers) out.push(v);
  return out;
}

const ZERO_ONLY: readonly (0 | 1 | 2 | 3)[] = [0];

const ZERO_PINNED: readonly (readonly (0 | 1 | 2 | 3)[])[] = [[0], [1], [2], [3]];

export function zeroValues(dp: number, cp: number, pin?: 0 | 1 | 2 | 3): readonly (0 | 1 | 2 | 3)[] {
  // A pinned stage is kept even with nothing to shard (dp·cp = 1), where every stage estimates alike.
  if (pin !== undefined) return ZERO_PINNED[pin]!;
  return dp * cp > 1 ? ZERO_STAGES : ZERO_ONLY;
}

export function microBatchValues(training: TrainingConfig, dp: number, pin?: number): number[] {
  return divisorsOf(training.globalBatchSize / dp).filter((b) => pin === undefined || b === pin);
}

/** A family: every degree fixed except virtual stages, ZeRO stage, micro-batch and recompute. */
export interface Family {
  tp: number;
  cp: number;
  dp: number;
  ep: number;
  pp: number;
  gpus: number;
  /** The valid virtual-stage counts, ascending. */
  vpps: readonly number[];
}

/**
 * Lazily, every family of one (tp, cp) slice, in a fixed order (dp, ep, pp ascending). With `into`, each
 * family is written into that one object and it is yielded again (a search's hot loop allocates nothing
 * per family; the caller must not keep it).
 */
export function* familiesOf(spec: SpaceSpec, tp: number, cp: number, into?: Family): Generator<Family> {
  const { model, training } = spec;
  const pins = spec.pins ?? {};
  // The virtual-stage counts depend on pp alone: built once per pp, not once per family.
  const vppsOf: Array<readonly number[] | undefined> = [];
  for (const dp of dpValues(training)) {
    const base = tp * cp * dp;
    if (base > spec.maxGpus) break;
    for (const ep of pinned(epValues(model, dp, cp), pins.ep)) {
      for (let pp = 1; pp <= model.layers; pp++) {
        const gpus = base * pp;
        if (gpus > spec.maxGpus) break;
        if (gpus < spec.minGpus || !spec.gpuCountAllowed(gpus)) continue;
        if (pins.pp !== undefined && pp !== pins.pp) continue;
        const vpps = (vppsOf[pp] ??= pinned(vppValues(model, pp), pins.vpp));
        if (vpps.length === 0) continue;
        if (into) {
          into.tp = tp;
          into.cp = cp;
          into.dp = dp;
          into.ep = ep;
          into.pp = pp;
          into.gpus = gpus;
          into.vpps = vpps;
          yield into;
        } else yield { tp, cp, dp, ep, pp, gpus, vpps };
      }
    }
  }
}

/**
 * The families of familiesOf in the same order, written into one object by `next()` (false when done):
 * the search's hot loop takes ~10⁷ families on a whole-catalog MoE plan, and a generator allocates an
 * iterator result per family (issue 15: GC was ~20 % of that search).
 */
export class FamilyCursor {
  private readonly dps: number[];
  private readonly vppsOf: Array<readonly number[] | undefined> = [];
  private di = 0;
  private eps: readonly number[] = [];
  private ei = 0;
  private pp = 0;
  private readonly spec: SpaceSpec;
  private readonly tp: number;
  private readonly cp: number;
  readonly family: Family;
  private readonly pins: LayoutPins;
  constructor(spec: SpaceSpec, tp: number, cp: number, family: Family) {
    this.spec = spec;
    this.pins = spec.pins ?? {};
    this.tp = tp;
    this.cp = cp;
    this.family = family;
    this.dps = dpValues(spec.training);
    this.di = -1;
  }

  next(): boolean {
    const { spec, tp, cp, pins } = this;
    const layers = spec.model.layers;
    for (;;) {
      // Advance pp within (dp, ep); on overflow move to the next ep, then the next dp (familiesOf's loops).
      if (this.di >= 0 && this.di < this.dps.length && this.ei < this.eps.length) {
        const base = tp * cp * this.dps[this.di]!;
        while (++this.pp <= layers) {
          const pp = this.pp;
          const gpus = base * pp;
          if (gpus > spec.maxGpus) break;
          if (gpus < spec.minGpus || !spec.gpuCountAllowed(gpus)) continue;
          if (pins.pp !== undefined && pp !== pins.pp) continue;
          const vpps = (this.vppsOf[pp] ??= pinned(vppValues(spec.model, pp), pins.vpp));
          if (vpps.length === 0) continue;
          const f = this.family;
          f.tp = tp;
          f.cp = cp;
          f.dp = this.dps[this.di]!;
          f.ep = this.eps[this.ei]!;
          f.pp = pp;
          f.gpus = gpus;
          f.vpps = vpps;
          return true;
        }
        this.ei++;
        this.pp = 0;
        if (this.ei < this.eps.length) continue;
      }
      this.di++;
      if (this.di >= this.dps.length || tp * cp * this.dps[this.di]! > spec.maxGpus) {
        this.di = this.dps.length;
        return false;
      }
      this.eps = pinned(epValues(spec.model, this.dps[this.di]!, cp), pins.ep);
      this.ei = 0;
      this.pp = 0;
    }
  }
}

/** Lazily, every valid layout of the space (the reference the fast search is tested against). */
export function* enumerateLayouts(spec: SpaceSpec): Generator<Layout> {
  const pins = spec.pins ?? {};
  for (const { tp, reason } of tpChoices(spec.model, spec.domainSize, pins.tp)) {
    if (reason) continue;
    for (const cp of cpValues(spec.training, spec.minTokensPerCpRank, pins.cp)) {
      for (const f of familiesOf(spec, tp, cp)) {
        for (const vpp of f.vpps) {
          for (const microBatch of microBatchValues(spec.training, f.dp, pins.microBatch)) {
            for (const recompute of pinned(RECOMPUTE.filter((r) => stackFor(spec.training.framework).recompute.includes(r)), pins.recompute)) {
              for (const zero of zeroValues(f.dp, f.cp, pins.zero)) {
                yield { gpus: f.gpus, tp, pp: f.pp, cp, ep: f.ep, vpp, microBatch, zero, recompute, sequenceParallel: tp > 1, precision: spec.precision };
              }
            }
          }
        }
      }
    }
  }
}
