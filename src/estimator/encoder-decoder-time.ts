import { encoderDecoderRecomputeBytes, type EncoderDecoder, type FinetuneConfig, type Recompute } from '../schema/index.js';
import { allGatherSeconds, allReduceSeconds, groupOf } from './comm.js';
import { elementwiseSeconds, gemmSeconds, linearTrainSeconds, memorySeconds, type Device } from './kernels.js';
import { encoderDecoderAdaptedModules, isAdapterMethod, storedBitsPerParam } from './finetune.js';
import { frozenGemmSeconds, type AdapterRun, type Gemm } from './finetune-time.js';
import type { LayerTerms, StagedContext } from './staged-terms.js';

interface Seconds {
  forward: number;
  backward: number;
}

const add = (a: Seconds, b: Seconds): Seconds => ({ forward: a.forward + b.forward, backward: a.backward + b.backward });

/** Fused attention core over `queries` × `keys`: 2·2·q·k·(heads·headDim)/t FLOPs forward at the attention efficiency [Dao23 §3], backward ≈ ratio × forward. */
function coreSeconds(d: Device, e: EncoderDecoder, queries: number, keys: number, t: number, bwdRatio: number): Seconds {
  const flops = (4 * queries * keys * e.heads * e.headDim) / t;
  const forward = flops / (d.attentionPeak * d.eff.attention) + d.kernelOverheadSeconds;
  return { forward, backward: bwdRatio * forward };
}

/**
 * The weight GEMMs of one micro-batch of `samples` pairs on one GPU of a TP group of `t`, column/row split
 * [Shoeybi19 §3], each `count` = its stack's depth: encoder QKV, output projection, FFN wi (2f wide when
 * gated) and wo on the s_e·b input tokens; decoder self-attention QKV and output, cross-attention Q and
 * output on the s_d·b target tokens, its K/V on the encoder tokens, the FFN; the LM head on the targets.
 * The one list both the pre-training time below and the fine-tuning rules (finetune-time.ts) read.
 */
export function encoderDecoderGemms(e: EncoderDecoder, samples: number, t: number): { encoder: Gemm[]; decoder: Gemm[]; head: Gemm } {
  const inner = e.heads * e.headDim;
  const te = samples * e.encoderTokens;
  const td = samples * e.decoderTokens;
  const up = ((e.ffn === 'gated-gelu' ? 2 : 1) * e.ffnHidden) / t;
  const L = e.encoderLayers;
  const D = e.decoderLayers;
  return {
    encoder: [
      { rows: te, in: e.hidden, out: (3 * inner) / t, count: L }, { rows: te, in: inner / t, out: e.hidden, count: L },
      { rows: te, in: e.hidden, out: up, count: L }, { rows: te, in: e.ffnHidden / t, out: e.hidden, count: L },
    ],
    decoder: [
      { rows: td, in: e.hidden, out: (3 * inner) / t, count: D }, { rows: td, in: inner / t, out: e.hidden, count: D },
      { rows: td, in: e.hidden, out: inner / t, count: D }, { rows: td, in: inner / t, out: e.hidden, count: D },
      { rows: te, in: e.hidden, out: (2 * inner) / t, count: D },
      { rows: td, in: e.hidden, out: up, count: D }, { rows: td, in: e.ffnHidden / t, out: e.hidden, count: D },
    ],
    head: { rows: td, in: e.hidden, out: e.vocab / t, count: 1 },
  };
}

const train = (d: Device, g: Gemm): Seconds => linearTrainSeconds(d, g.rows, g.in, g.out);

/**
 * Element-wise traffic of one layer (norms, residual adds, activation, dropout): as layer-time.ts does for
 * decoder layers — 10·h (14·h with a third norm) per row replicated, or sharded under sequence parallelism,
 * plus the activation and attention widths split over TP; backward ≈ 1.2 × forward [Korthikanti22 Table 4].
 */
function elementwiseLayer(d: Device, e: EncoderDecoder, tokens: number, t: number, sp: boolean, norms: 2 | 3, bytes: number): Seconds {
  const rows = sp ? tokens / t : tokens;
  const act = (e.ffn === 'gated-gelu' ? 3 : 2) * e.ffnHidden;
  const forward = elementwiseSeconds(d, bytes * ((4 * norms + 2) * e.hidden * rows + ((act + 2 * (norms - 1) * 2 * e.heads * e.headDim) * tokens) / t));
  return { forward, backward: 1.2 * forward };
}

/**
 * One micro-batch of `samples` input/target pairs on one GPU of a TP group of `t` (Megatron's T5 keeps the
 * whole stack on every pipeline-free rank: Shoeybi et al. 2019 §3, Megatron-LM pretrain_t5.py): the GEMMs
 * of encoderDecoderGemms, the bidirectional encoder core, the causal decoder core and the cross core over
 * s_e keys, element-wise traffic, then the LM head and loss. Under LoRA/QLoRA (`ft`) the frozen GEMMs lose
 * their weight gradients and the adapters of every attention block and FFN are added (finetune-time.ts).
 */
export function encoderDecoderComputeSeconds(d: Device, e: EncoderDecoder, samples: number, t: number, sp: boolean, bwdRatio: number, bytes: number, ft?: FinetuneConfig): Seconds & { layersForward: number } {
  const te = samples * e.encoderTokens;
  const td = samples * e.decoderTokens;
  const g = encoderDecoderGemms(e, samples, t);
  const [qkv, o, up, down] = g.encoder as [Gemm, Gemm, Gemm, Gemm];
  let enc = add(train(d, qkv), train(d, o));
  enc = add(add(enc, add(train(d, up), train(d, down))), coreSeconds(d, e, te, e.encoderTokens, t, bwdRatio));
  enc = add(enc, elementwiseLayer(d, e, te, t, sp, 2, bytes));
  const [dQkv, dO, xQ, xO, xKv, dUp, dDown] = g.decoder as [Gemm, Gemm, Gemm, Gemm, Gemm, Gemm, Gemm];
  let dec = add(train(d, dQkv), train(d, dO));
  dec = add(dec, coreSeconds(d, e, td, e.decoderTokens / 2, t, bwdRatio));
  dec = add(dec, add(train(d, xQ), train(d, xO)));
  dec = add(dec, train(d, xKv));
  dec = add(dec, coreSeconds(d, e, td, e.encoderTokens, t, bwdRatio));
  dec = add(add(dec, add(train(d, dUp), train(d, dDown))), elementwiseLayer(d, e, td, t, sp, 3, bytes));
  // LM head and fp32 softmax cross-entropy on the target tokens (layer-time.ts logitsSeconds).
  const head = train(d, g.head);
  const ce = memorySeconds(d, ((td * e.vocab) / t) * (bytes + 4));
  let layers = add({ forward: e.encoderLayers * enc.forward, backward: e.encoderLayers * enc.backward }, { forward: e.decoderLayers * dec.forward, backward: e.decoderLayers * dec.backward });
  let headBackward = head.backward;
  if (isAdapterMethod(ft)) {
    const runs: AdapterRun[] = encoderDecoderAdaptedModules(e, ft).map((mod) => ({ mod, rows: mod.rows === 'encoder' ? te : td, t, count: mod.layers }));
    layers = frozenGemmSeconds(d, ft, storedBitsPerParam(ft, e.hidden), layers, [...g.encoder, ...g.decoder], 0, runs);
    // The frozen LM head keeps only its input gradient (it stays 16-bit under QLoRA, as in finetuneLogitsSeconds).
    headBackward -= gemmSeconds(d, g.head.in, g.head.out, g.head.rows);
  }
  return { ...add(layers, { forward: head.forward + ce, backward: headBackward + 2 * ce }), layersForward: layers.forward };
}

/**
 * Tensor-parallel communication per micro-batch, forward + backward, before overlap [Shoeybi19 §3;
 * Korthikanti22 §4.2.2]: two all-reduces of T·h each way per encoder layer (attention, FFN), three per
 * decoder layer (self-attention, cross-attention, FFN) and one more backward per decoder layer for the
 * gradient of the encoder output its K/V projections read; under sequence parallelism each all-reduce is
 * an all-gather + reduce-scatter pair.
 */
function tpSeconds(c: StagedContext, e: EncoderDecoder, samples: number, t: number, sp: boolean, bytes: number): { total: number; forward: number } {
  if (t <= 1) return { total: 0, forward: 0 };
  const group = groupOf(t, 1, c.fabric.domainSize);
  const one = (tokens: number) => {
    const b = tokens * e.hidden * bytes;
    return sp ? 2 * allGatherSeconds(c.fabric, b, group) : allReduceSeconds(c.fabric, b, group);
  };
  const te = samples * e.encoderTokens;
  const td = samples * e.decoderTokens;
  return { total: e.encoderLayers * 4 * one(te) + e.decoderLayers * (6 * one(td) + one(te)), forward: e.encoderLayers * 2 * one(te) + e.decoderLayers * 3 * one(td) };
}

/**
 * LayerTerms (staged-terms.ts) of an encoder-decoder: one "layer" holding both stacks, as the per-sample
 * kinds do, with tensor parallelism: compute ÷ t, TP communication (exposed after the stack's overlap) and
 * stored activations ÷ t under sequence parallelism (it shards the norm and dropout inputs too). Full
 * recompute re-runs every layer's forward (and its TP collectives) in backward and keeps the layer inputs
 * (encoderDecoderRecomputeBytes); the other modes estimate as none (with fused attention there is no score
 * matrix for selective recompute to drop). Without sequence parallelism the stored activations are counted
 * unsharded (an upper bound: only the Q/K/V and FFN intermediates would split).
 */
export function encoderDecoderLayerTerms(c: StagedContext, tp: number, microBatch: number, recompute: Recompute, sp: boolean): LayerTerms {
  const e = c.model.encoderDecoder!;
  const d = c.device;
  const bytes = c.wBytes;
  const spOn = sp && tp > 1;
  const full = recompute === 'full';
  const s = encoderDecoderComputeSeconds(d, e, microBatch, tp, spOn, c.assumptions.attentionBackwardRatio, bytes, c.training.finetune);
  const tpOverlap = c.assumptions.tpOverlap ?? d.eff.tpOverlap;
  const comm = tpSeconds(c, e, microBatch, tp, spOn, bytes);
  const dense = {
    compute: s.forward + s.backward, recompute: full ? s.layersForward : 0,
    tp: (comm.total + (full ? comm.forward : 0)) * (1 - tpOverlap), cp: 0, ep: 0, backward: s.backward,
  };
  // Closed forms are 16-bit; fp32 training stores twice the bytes.
  const scale = bytes / 2 / (spOn ? tp : 1);
  const rc = encoderDecoderRecomputeBytes(e);
  return {
    tp, cp: 1, microBatch, ep: 1, recompute,
    dense, moe: null, logitsCompute: 0, logitsBackward: 0,
    tokens: microBatch,
    actDense: (full ? rc.kept : c.model.sampleWorkload!.activationBytesPerSample) * scale, actMoe: 0,
    // One layer re-materialised, for the whole micro-batch (stagedActivations multiplies by tokens = samples).
    actFullExtra: full ? rc.layer * scale : 0, logitsBytes: 0,
    p2pLocal: 0, p2pCross: 0,
  };
}
