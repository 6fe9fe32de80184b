import { layerCompute, layerTerms, setStageVpp, stageLayers, type LayerCompute, type LayerTerms, type StagedContext, type StageTerms } from '../estimator/index.js';
import { RECOMPUTE } from './space.js';

/**
 * Lower bounds of step time for branch and bound (prune.ts), built from the estimator's own staged terms
 * (estimator/staged.ts) so that they can never exceed what estimate() returns.
 */

/**
 * The per-layer terms of one (tp, cp, ep) slice, indexed [micro-batch index · 3 + recompute index], with
 * the sums a bound reads kept in typed arrays (one monomorphic load each in the bound's loop).
 */
export class LayerRow {
  readonly terms: Array<LayerTerms | undefined>;
  /**
   * FIELDS numbers per index, in one array: compute + recompute + tp + cp + ep per micro-batch of one
   * dense layer, the same for one MoE layer, logits compute, activation bytes per layer-token dense and
   * MoE, tokens, full recompute's extra bytes (0 for other modes), logits bytes, p2p local and cross.
   */
  readonly v: Float64Array;
  /**
   * The layer compute per micro-batch index (estimator layerCompute: the same for the three recompute modes; null
   * for kinds with their own layer model), and `sameTokens`, shared by every ep row of one (tp, cp): the first
   * compute of each micro-batch, which lends its dense layer and logits to the other rows (they do not depend on ep).
   */
  readonly compute: Array<LayerCompute | null | undefined>;
  readonly sameTokens: Array<LayerCompute | undefined>;
  constructor(size: number, sameTokens: Array<LayerCompute | undefined> = []) {
    this.sameTokens = sameTokens;
    this.terms = new Array<LayerTerms | undefined>(size);
    this.v = new Float64Array(size * FIELDS);
    this.compute = new Array<LayerCompute | null | undefined>(size / 3);
  }
}

const FIELDS = 11;
const DENSE = 0, MOE = 1, LOGITS = 2, ACT_DENSE = 3, ACT_MOE = 4, TOKENS = 5, EXTRA = 6, LOGITS_BYTES = 7, P2P_LOCAL = 8, P2P_CROSS = 9;

/** The layer terms of (tp, cp, micro-batch, ep, recompute index r) at row index `at`, computed on first use. */
export function rowTerms(row: LayerRow, at: number, c: StagedContext, tp: number, cp: number, mb: number, ep: number, r: number): LayerTerms {
  let l = row.terms[at];
  if (!l) {
    const mi = (at - r) / 3;
    let k = row.compute[mi];
    if (k === undefined) {
      k = row.compute[mi] = layerCompute(c, tp, cp, mb, ep, true, row.sameTokens[mi]);
      if (k !== null) row.sameTokens[mi] ??= k;
    }
    l = layerTerms(c, tp, cp, mb, ep, RECOMPUTE[r]!, true, [], k ?? undefined);
    row.terms[at] = l;
    const v = row.v;
    const o = at * FIELDS;
    const d = l.dense;
    v[o + DENSE] = d.compute + d.recompute + d.tp + d.cp + d.ep;
    const m = l.moe;
    v[o + MOE] = m === null ? 0 : m.compute + m.recompute + m.tp + m.cp + m.ep;
    v[o + LOGITS] = l.logitsCompute;
    v[o + ACT_DENSE] = l.actDense;
    v[o + ACT_MOE] = l.actMoe;
    v[o + TOKENS] = l.tokens;
    v[o + EXTRA] = l.recompute === 'full' ? l.actFullExtra * l.tokens : 0;
    v[o + LOGITS_BYTES] = l.logitsBytes;
    v[o + P2P_LOCAL] = l.p2pLocal;
    v[o + P2P_CROSS] = l.p2pCross;
  }
  return l;
}

/**
 * A lower bound of the step seconds of every memory-fitting layout of one family, or Infinity when none
 * can fit. `s` holds the family's stage terms (filled at vpp = 1; this leaves it set to some vpp — the
 * caller sets the vpp it needs afterwards). Why it is a bound (staged.ts stagedStepWith):
 *   step = ga·(compute + recompute + tp + cp + ep of the slowest stage, logits included)   [exact terms]
 *        + bubbleStages(v)·mean            ≥ min over v of bubbleStages · mean (mean ≥ 0 here)
 *        + p2p = 2·ga·v·(cross or local)   ≥ the same at the smallest v (or ≥ 0 when `p2p` is false)
 *        + exposed DP communication        ≥ 0 (every branch of stagedDpSeconds is a max(·, (1−o)·x) with o ≤ 1)
 *        + optimizerSeconds[z]             ≥ the smallest over the family's ZeRO stages
 *        + stepOverheadSeconds.
 * The minimum runs over the (micro-batch, recompute) pairs whose memory lower bound fits: memory =
 * states[z] + act + reserve + gathered(z) + fragmentation·act ≥ min_z states[z] + (1 + fragmentation)·act + reserve,
 * with act (stagedActivations) at the vpp of least interleave (act never shrinks as the interleave grows).
 * The micro-batch loop stops where nothing fits, as the search does (memory never falls as it grows).
 * Hot: runs once or twice per family (millions on a whole-catalog MoE search), so it reads typed arrays
 * and allocates nothing.
 */
export function familyStepBound(
  c: StagedContext,
  s: StageTerms,
  f: { readonly tp: number; readonly cp: number; readonly ep: number; readonly vpps: readonly number[] },
  mbs: readonly number[],
  mbIdx: Int32Array,
  offeredRecompute: readonly boolean[],
  zeros: readonly number[],
  perReplica: number,
  row: LayerRow,
  capMargin: number,
  p2p: boolean,
): number {
  const a = c.assumptions;
  const vpps = f.vpps;
  let minBubble = Infinity;
  let maxBubble = 0;
  let leastInterleave = Infinity;
  for (let i = 0; i < vpps.length; i++) {
    setStageVpp(s, vpps[i]!);
    if (s.bubbleStages < minBubble) minBubble = s.bubbleStages;
    if (s.bubbleStages > maxBubble) maxBubble = s.bubbleStages;
    if (s.interleave < leastInterleave) leastInterleave = s.interleave;
  }
  let states = Infinity;
  let opt = Infinity;
  for (let i = 0; i < zeros.length; i++) {
    const z = zeros[i]!;
    if (s.states[z]! < states) states = s.states[z]!;
    if (s.optimizerSeconds[z]! < opt) opt = s.optimizerSeconds[z]!;
  }
  const p = s.pp;
  const nd = s.denseLayersPerStage;
  const nm = s.moeLayersPerStage;
  const inFlight = p * leastInterleave;
  const layerShare = c.model.layers / (p * s.layersPerStage);
  const p2pFactor = p2p && p > 1 ? 2 * vpps[0]! : 0;
  const p2pAt = s.crosses ? P2P_CROSS : P2P_LOCAL;
  const v = row.v;
  const fixed = states + a.reserveBytes;
  const frag = 1 + a.fragmentation;
  let best = Infinity;
  for (let mi = 0; mi < mbs.length; mi++) {
    const mb = mbs[mi]!;
    const ga = perReplica / mb;
    const held = Math.min(ga, inFlight);
    let anyFits = false;
    const base = mbIdx[mi]! * 3;
    for (let r = 0; r < 3; r++) {
      if (!offeredRecompute[r]) continue;
      const at = base + r;
      if (row.terms[at] === undefined) rowTerms(row, at, c, f.tp, f.cp, mb, f.ep, r);
      const o = at * FIELDS;
      const act = (nd * v[o + ACT_DENSE]! + nm * v[o + ACT_MOE]!) * v[o + TOKENS]! * held + v[o + EXTRA]! + v[o + LOGITS_BYTES]!;
      if (fixed + frag * act > capMargin) continue;
      anyFits = true;
      const stage = nd * v[o + DENSE]! + nm * v[o + MOE]!;
      const lg = v[o + LOGITS]!;
      let t = ga * (stage + lg);
      if (p > 1) {
        const mean = stage * layerShare + lg / p;
        t += (mean >= 0 ? minBubble : maxBubble) * mean + p2pFactor * ga * v[o + p2pAt]!;
      }
      if (t < best) best = t;
    }
    if (!anyFits) break;
  }
  return best === Infinity ? Infinity : best + opt + a.stepOverheadSeconds;
}

/**
 * Stage terms for a coarse bound before the family's own are computed (fillStageTerms is the costly part
 * of a family): the layer counts and bubble of (pp, vpp) as the estimator derives them, every ZeRO stage's
 * model states at `leastStates` (the highest stage's: states never grow with the stage) and optimizer
 * seconds at 0 (≥ 0), so this bound stays below the exact one; call familyStepBound with p2p = false,
 * since `crosses` is not known here.
 */
export function coarseStageTerms(c: StagedContext, pp: number, leastStates: number, out: StageTerms, layersOf: Array<StageLayers | undefined>): StageTerms {
  const sl = (layersOf[pp] ??= stageLayers(c.model.layers, c.moeLayers, pp, 1));
  out.pp = pp;
  out.layersPerStage = sl.layersPerStage;
  out.denseLayersPerStage = sl.denseLayersPerStage;
  out.moeLayersPerStage = sl.moeLayersPerStage;
  out.dualPipe = c.assumptions.dualPipe && pp > 1;
  out.crosses = false;
  // A double first, so these arrays hold doubles as the exact stage terms' do (one elements kind, one map in the bound).
  out.states[0] = 0.5;
  out.optimizerSeconds[0] = 0.5;
  for (let z = 0; z < 4; z++) {
    out.states[z] = leastStates;
    out.optimizerSeconds[z] = 0;
  }
  return setStageVpp(out, 1);
}

/** Layers on the slowest stage for a pp (estimator stageLayers), cached per pp by the caller. */
export type StageLayers = ReturnType<typeof stageLayers>;

/** Whether the bounds above hold for these assumptions (overlaps within [0, 1], no negative fragmentation or overhead). */
export function boundsHold(c: StagedContext): boolean {
  const a = c.assumptions;
  return a.dpOverlap >= 0 && a.dpOverlap <= 1 && a.fsdpOverlap >= 0 && a.fsdpOverlap <= 1 && a.fragmentation >= 0 && a.stepOverheadSeconds >= 0;
}

/**
 * A step lower bound valid for every pp of one (tp, cp, dp, ep) slice, as `a / pp + b` (written into `out`):
 * the family's bound (familyStepBound) without the terms it adds on top of ga·(slowest stage + logits) — bubble,
 * p2p and optimizer seconds, each ≥ 0 — and with the slowest stage at its mean, nd·D + nm·M ≥ (Ld·D + Lm·M)/pp
 * (stageLayers: nd = ⌈L/pp⌉·(1 − s) ≥ Ld/pp, nm likewise), so the minimum over (micro-batch, recompute) splits
 * into min ga·(Ld·D + Lm·M) / pp + min ga·logits. The pairs run over a memory lower bound valid for every pp:
 * states ≥ 0, and act ≥ (Ld·AD + Lm·AM)·tokens·min(1, ga/P) + extra + logits bytes, since nd·min(ga, pp·v) ≥
 * (Ld/pp)·min(ga, pp) ≥ Ld·min(1, ga/P) (interleave v ≥ 1, pp ≤ P = min(layers, `maxPp`), the slice's largest pp). A pair that fits at some pp passes
 * it, so the family minimum runs over a subset of these pairs: the bound never exceeds the family's. The loop
 * stops at the first micro-batch with no pair passing: at every pp memory there is above the capacity, and it
 * never falls as the micro-batch grows. `a` = Infinity when no pair passes. The step overhead is included.
 */
export function sliceStepBound(
  c: StagedContext,
  f: { readonly tp: number; readonly cp: number; readonly ep: number },
  mbs: readonly number[],
  mbIdx: Int32Array,
  offeredRecompute: readonly boolean[],
  perReplica: number,
  row: LayerRow,
  capMargin: number,
  maxPp: number,
  out: Float64Array,
): void {
  const a = c.assumptions;
  const L = c.model.layers;
  const P = Math.min(L, maxPp);
  const lm = c.moeLayers;
  const ld = L - lm;
  const v = row.v;
  const frag = 1 + a.fragmentation;
  // Slack far above rounding (the sums above run in another order than the family bound's), so that this bound stays
  // below the coarse one in floating point too: the pairs a little wider, the result a little lower.
  const capLoose = capMargin * (1 + 1e-9);
  let bestA = Infinity;
  let bestB = Infinity;
  for (let mi = 0; mi < mbs.length; mi++) {
    const mb = mbs[mi]!;
    const ga = perReplica / mb;
    const held = Math.min(1, ga / P);
    let anyFits = false;
    const base = mbIdx[mi]! * 3;
    for (let r = 0; r < 3; r++) {
      if (!offeredRecompute[r]) continue;
      const at = base + r;
      if (row.terms[at] === undefined) rowTerms(row, at, c, f.tp, f.cp, mb, f.ep, r);
      const o = at * FIELDS;
      const act = (ld * v[o + ACT_DENSE]! + lm * v[o + ACT_MOE]!) * v[o + TOKENS]! * held + v[o + EXTRA]! + v[o + LOGITS_BYTES]!;
      if (a.reserveBytes + frag * act > capLoose) continue;
      anyFits = true;
      const w = ga * (ld * v[o + DENSE]! + lm * v[o + MOE]!);
      const g = ga * v[o + LOGITS]!;
      if (w < bestA) bestA = w;
      if (g < bestB) bestB = g;
    }
    if (!anyFits) break;
  }
  out[0] = bestA * (1 - 1e-12);
  out[1] = (bestB + a.stepOverheadSeconds) * (1 - 1e-12);
}
