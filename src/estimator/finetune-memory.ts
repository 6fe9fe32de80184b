import { encoderDecoderLinearParams, encoderDecoderParameters, type ModelConfig, type ResolvedLayout, type TrainingConfig } from '../schema/index.js';
import type { Assumptions } from './assumptions.js';
import { countAdapters, frozenBitsPerParam, isAdapterMethod } from './finetune.js';
import { modelStateBytes, shardGroups, type LocalParams, type ModelStateBytes } from './memory.js';
import { countParameters } from './params.js';
import { stageLayers } from './shapes.js';

/**
 * Model-state memory and data-parallel volumes under fine-tuning. LoRA/QLoRA [Hu et al. 2021 §4.2;
 * Dettmers et al. 2023 §3–4]: frozen base weights (16-bit, or NF4/int8 for QLoRA's linear layers —
 * embeddings, norms and the output layer stay 16-bit, as bitsandbytes quantises nn.Linear modules only),
 * plus adapters that carry their own weights, gradients and Adam states. Paged optimizers keep the
 * optimizer states in CPU memory, paged to the GPU only for the update [QLoRA §3 Paged Optimizers]:
 * they count as host memory, not GPU memory. Full fine-tuning is pre-training's accounting (memory.ts),
 * with the optimizer states moved to the host when paged.
 */

/** Trainable parameters per GPU of the most loaded stage, before ZeRO sharding, split as LocalParams is. */
export function trainableLocal(m: ModelConfig, tr: TrainingConfig, lp: LocalParams, layout: ResolvedLayout): { dense: number; expert: number } {
  const ft = tr.finetune;
  if (!isAdapterMethod(ft)) return lp;
  const c = countAdapters(m, ft);
  const p = countParameters(m);
  const perStage = stageLayers(m.layers, p.moeLayers, layout.pp, layout.vpp).layersPerStage;
  const moeShare = p.moeLayers / m.layers;
  const moe = m.moe;
  const dense = (perStage * (c.attentionPerLayer + (1 - moeShare) * c.denseMlpPerLayer + moeShare * (moe ? moe.sharedExperts * c.perExpert : 0))) / layout.tp;
  const expert = moe ? (perStage * moeShare * moe.experts * c.perExpert) / layout.ep : 0;
  return { dense, expert };
}

/** Local parameters that stay 16-bit under QLoRA: norms, embedding and output layer (memory.ts localParams' terms). */
function unquantisedLocal(m: ModelConfig, layout: ResolvedLayout): number {
  const e = m.encoderDecoder;
  if (e) {
    // Embedding and untied LM head split over TP (Megatron's vocab-parallel embedding); norms and position biases replicated.
    const edges = e.vocab * e.hidden * (e.tiedEmbeddings ? 1 : 2);
    return (encoderDecoderParameters(e) - encoderDecoderLinearParams(e) - edges) + edges / layout.tp;
  }
  const p = countParameters(m);
  const perStage = stageLayers(m.layers, p.moeLayers, layout.pp, layout.vpp).layersPerStage;
  const t = layout.tp;
  const edges = layout.pp === 1 ? (p.embedding + p.outputLayer) / t : Math.max(p.embedding, p.outputLayer) / t;
  return p.normsPerLayer * perStage + edges;
}

/** Bytes per GPU of the stored weights, before ZeRO-3 sharding: frozen base + adapters, dense and expert parts. */
export function storedWeightBytes(m: ModelConfig, tr: TrainingConfig, lp: LocalParams, layout: ResolvedLayout, a: Assumptions): { dense: number; expert: number } {
  const ft = tr.finetune;
  const wBytes = layout.precision === 'fp32' ? 4 : a.bytesWeight;
  const base = layout.precision === 'fp8' ? wBytes + 1 : wBytes;
  if (!isAdapterMethod(ft)) return { dense: lp.dense * base, expert: lp.expert * base };
  const adapters = trainableLocal(m, tr, lp, layout);
  const qBytes = ft.method === 'qlora' ? frozenBitsPerParam(ft, m) / 8 : base;
  const plain = Math.min(lp.dense, unquantisedLocal(m, layout));
  return { dense: plain * base + (lp.dense - plain) * qBytes + adapters.dense * wBytes, expert: lp.expert * qBytes + adapters.expert * wBytes };
}

/** weights, gradients and optimizer bytes per GPU (memory.ts modelStateBytes for pre-training). */
export function finetuneStateBytes(m: ModelConfig, tr: TrainingConfig, lp: LocalParams, layout: ResolvedLayout, a: Assumptions): ModelStateBytes {
  const ft = tr.finetune;
  if (ft === undefined) return modelStateBytes(lp, layout, a, tr.optimizer);
  if (ft.method === 'full') {
    const st = modelStateBytes(lp, layout, a, tr.optimizer);
    return ft.pagedOptimizer ? { ...st, optimizer: 0 } : st;
  }
  const g = shardGroups(layout);
  const z = layout.zero;
  const shard = (x: { dense: number; expert: number }, stage: number) => (z >= stage ? x.dense / g.dense + x.expert / g.expert : x.dense + x.expert);
  const adapters = trainableLocal(m, tr, lp, layout);
  const moments = tr.optimizer === 'adam' ? a.bytesOptimizerMoments : a.bytesOptimizerMoments / 2;
  const master = layout.precision === 'fp32' ? 0 : a.bytesMaster;
  return {
    weights: shard(storedWeightBytes(m, tr, lp, layout, a), 3),
    gradients: shard(adapters, 2) * a.bytesGradient,
    optimizer: ft.pagedOptimizer ? 0 : shard(adapters, 1) * (master + moments),
  };
}

/** Optimizer-state bytes per GPU held in host memory by a paged optimizer (0 otherwise). */
export function hostOptimizerBytes(m: ModelConfig, tr: TrainingConfig, lp: LocalParams, layout: ResolvedLayout, a: Assumptions): number {
  const ft = tr.finetune;
  if (!ft?.pagedOptimizer) return 0;
  const st = modelStateBytes(lp, layout, a, tr.optimizer);
  if (ft.method === 'full') return st.optimizer;
  const g = shardGroups(layout);
  const adapters = trainableLocal(m, tr, lp, layout);
  const n = layout.zero >= 1 ? adapters.dense / g.dense + adapters.expert / g.expert : adapters.dense + adapters.expert;
  const moments = tr.optimizer === 'adam' ? a.bytesOptimizerMoments : a.bytesOptimizerMoments / 2;
  return n * ((layout.precision === 'fp32' ? 0 : a.bytesMaster) + moments);
}
