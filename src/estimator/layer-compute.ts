import { attentionBlockSeconds, denseLayerSeconds, logitsSeconds, moeLayerSeconds, moeSharedSeconds, type LayerSeconds } from './layer-time.js';
import { finetuneLayerSeconds, finetuneLogitsSeconds } from './finetune-time.js';
import { probeLayout } from './staged-micro.js';
import { deriveShapes } from './shapes.js';
import type { StagedContext } from './staged-terms.js';

/**
 * The compute seconds of one dense layer, one MoE layer and the output layer for one micro-batch on one GPU:
 * the part of `layerTerms` that depends on (tp, cp, micro-batch, ep) but not on the recompute mode (recompute
 * only chooses which of these seconds are re-run, recompute.ts) nor on the network (communication is added
 * by layerTerms). The dense layer and the logits do not depend on ep either (shapes.ts: ep only sets the
 * routed experts' local count and rows). A search computes it once per (tp, cp, micro-batch, ep) instead of
 * once per recompute mode (issue 15: the GEMM-time calls were ~15 M on a whole-catalog MoE plan).
 */
export interface LayerCompute {
  dense: LayerSeconds;
  moe: LayerSeconds | null;
  logits: { forward: number; backward: number };
  /** The MoE layer's part that ep does not change (layer-time.ts moeSharedSeconds), lent with the dense layer. */
  moeShared: LayerSeconds | null;
}

/**
 * The layer compute of (tp, cp, micro-batch, ep), or null for the kinds whose layer terms have their own
 * model (encoder-decoder, per-sample workloads: nothing to share). `sameTokens`, the compute of the same
 * (tp, cp, micro-batch) at another ep, lends its dense layer, logits and the MoE layer's ep-independent part (the
 * same values, not recomputed).
 */
export function layerCompute(c: StagedContext, tp: number, cp: number, microBatch: number, ep: number, sp = true, sameTokens?: LayerCompute): LayerCompute | null {
  const m = c.model;
  if (m.encoderDecoder || m.sampleWorkload) return null;
  const a = c.assumptions;
  const layout = probeLayout(c, { tp, cp, ep, pp: 1, vpp: 1, dp: 1, microBatch, zero: 0, recompute: 'none', sp });
  const s = deriveShapes(m, layout, c.training.sequenceLength);
  const o = { seq: c.training.sequenceLength, sequenceParallel: layout.sequenceParallel && tp > 1, attentionBackwardRatio: a.attentionBackwardRatio, attentionKernel: a.attentionKernel };
  // Fine-tuning (finetune-time.ts) drops frozen weight gradients and adds adapters; identity otherwise.
  const ft = c.training.finetune;
  const d = c.device;
  // The attention half is timed once for both layer kinds, the MoE layer's ep-independent part once per (tp, cp, micro-batch).
  const attention = sameTokens ? null : attentionBlockSeconds(d, m, s, o);
  const moeShared = !(m.moe && c.moeLayers > 0) ? null : sameTokens ? sameTokens.moeShared : moeSharedSeconds(d, m, s, attention!);
  return {
    dense: sameTokens ? sameTokens.dense : finetuneLayerSeconds(d, m, s, ft, false, denseLayerSeconds(d, m, s, o, attention!)),
    moe: moeShared ? finetuneLayerSeconds(d, m, s, ft, true, moeLayerSeconds(d, m, s, o, moeShared)) : null,
    logits: sameTokens ? sameTokens.logits : finetuneLogitsSeconds(d, m, s, ft, logitsSeconds(d, m, s)),
    moeShared,
  };
}
