import type { Recompute, RecomputeBlock } from '../schema/index.js';
import { p2pSeconds } from './comm.js';
import { denseLayerSeconds, logitsSeconds, moeLayerSeconds, type LayerSeconds } from './layer-time.js';
import { activationBytesPerLayerToken } from './memory.js';
import { layerComm } from './parallel-comm.js';
import { layerMicrobatch, probeLayout } from './staged-micro.js';
import { deriveShapes } from './shapes.js';
import { finetuneLayerSeconds, finetuneLogitsSeconds } from './finetune-time.js';
import { frozenInputs } from './finetune.js';
import type { LayerTerms, StagedContext } from './staged-terms.js';

/**
 * The network-independent half of a decoder layer's terms (staged-terms.ts layerTerms): compute seconds,
 * activation bytes and message sizes. They read the model, training, assumptions and the device
 * (accelerator + precision + its efficiency profile, context.ts deviceFor), never the fabric — so one
 * value serves every network of an accelerator (a search has up to ~80 (accelerator, network) groups
 * over ~28 accelerators; issue 15).
 */
export interface LayerCompute {
  readonly dense: LayerSeconds;
  readonly moe: LayerSeconds | null;
  readonly logits: { readonly forward: number; readonly backward: number };
  readonly actDense: number;
  readonly actMoe: number;
  readonly actFullExtra: number;
  readonly logitsBytes: number;
  readonly p2pBytes: number;
}

export function layerCompute(c: StagedContext, tp: number, cp: number, microBatch: number, ep: number, recompute: Recompute, sp: boolean, blocks: readonly RecomputeBlock[]): LayerCompute {
  const m = c.model;
  const a = c.assumptions;
  const layout = probeLayout(c, { tp, cp, ep, pp: 1, vpp: 1, dp: 1, microBatch, zero: 0, recompute, sp });
  const s = deriveShapes(m, layout, c.training.sequenceLength);
  const o = { seq: c.training.sequenceLength, sequenceParallel: layout.sequenceParallel && tp > 1, attentionBackwardRatio: a.attentionBackwardRatio, attentionKernel: a.attentionKernel };
  // Fine-tuning (finetune-time.ts) drops frozen weight gradients and adds adapters; identity otherwise.
  const ft = c.training.finetune;
  return {
    dense: finetuneLayerSeconds(c.device, m, s, ft, false, denseLayerSeconds(c.device, m, s, o)),
    moe: m.moe && c.moeLayers > 0 ? finetuneLayerSeconds(c.device, m, s, ft, true, moeLayerSeconds(c.device, m, s, o)) : null,
    logits: finetuneLogitsSeconds(c.device, m, s, ft, logitsSeconds(c.device, m, s)),
    actDense: activationBytesPerLayerToken(m, layout, s, false, a.attentionKernel, blocks, frozenInputs(ft)),
    actMoe: activationBytesPerLayerToken(m, layout, s, true, a.attentionKernel, blocks, frozenInputs(ft)),
    actFullExtra: recompute === 'full' ? activationBytesPerLayerToken(m, { ...layout, recompute: 'none' }, s, m.moe !== null, a.attentionKernel) : 0,
    logitsBytes: ((s.tokens * m.vocabSize) / layout.tp) * (s.activationBytes + 4),
    p2pBytes: s.tokensSharded * m.hiddenSize * s.activationBytes,
  };
}

/** A decoder layer's terms on c's network from its compute half (the fabric-dependent communication added here). */
export function layerTermsOf(
  c: StagedContext,
  k: LayerCompute,
  tp: number,
  cp: number,
  microBatch: number,
  ep: number,
  recompute: Recompute,
  sp: boolean,
  blocks: readonly RecomputeBlock[],
): LayerTerms {
  const m = c.model;
  const a = c.assumptions;
  // The probe layout and shapes are rebuilt (cheap) rather than kept: a search keeps ~10⁵ of these values.
  const layout = probeLayout(c, { tp, cp, ep, pp: 1, vpp: 1, dp: 1, microBatch, zero: 0, recompute, sp });
  const s = deriveShapes(m, layout, c.training.sequenceLength);
  const tpOv = a.tpOverlap ?? c.device.eff.tpOverlap;
  return {
    tp,
    cp,
    microBatch,
    ep,
    recompute,
    dense: layerMicrobatch(k.dense, layerComm(c.fabric, m, layout, s, false), recompute, a, tpOv, blocks, false),
    moe: k.moe ? layerMicrobatch(k.moe, layerComm(c.fabric, m, layout, s, true), recompute, a, tpOv, blocks, true) : null,
    logitsCompute: k.logits.forward + k.logits.backward,
    logitsBackward: k.logits.backward,
    tokens: s.tokens,
    actDense: k.actDense,
    actMoe: k.actMoe,
    actFullExtra: k.actFullExtra,
    logitsBytes: k.logitsBytes,
    p2pLocal: p2pSeconds(c.fabric, k.p2pBytes, false),
    p2pCross: p2pSeconds(c.fabric, k.p2pBytes, true),
  };
}
