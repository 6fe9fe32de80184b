import type { ExportInput, ExportResult } from './types.js';
import { header, kvChannels, moeLayerFreqExpr, shellLines, stageSplit, torchrun } from './common.js';

/** A flag and its value (null: a switch), in Megatron-LM's spelling (megatron/training/arguments.py). */
export type Arg = [flag: string, value: string | number | null];

/** The batch and model-shape arguments Megatron-LM and Megatron-DeepSpeed spell the same way (arguments.py in both). */
export function batchAndShapeArgs(x: ExportInput): Arg[] {
  const l = x.layout;
  const m = x.model;
  return [
    ['--micro-batch-size', l.microBatch],
    ['--global-batch-size', x.training.globalBatchSize],
    ['--seq-length', x.training.sequenceLength],
    ['--max-position-embeddings', x.training.sequenceLength],
    ['--train-iters', x.steps],
    ['--num-layers', m.layers],
    ['--hidden-size', m.hiddenSize],
    ['--ffn-hidden-size', m.ffnHiddenSize],
    ['--num-attention-heads', m.attentionHeads],
    ['--kv-channels', kvChannels(m)],
  ];
}

/**
 * Megatron-LM pretrain_gpt.py arguments for the run. Names are checked against core_v0.19.0's parser
 * (test/fixtures/export/megatron-options.txt); docs/export.md records how each plan field maps.
 */
export function megatronArgs(x: ExportInput): { args: Arg[]; notes: string[] } | { reason: string } {
  const m = x.model;
  const l = x.layout;
  const split = stageSplit(m, l);
  if (split.kind === 'impossible') return { reason: split.reason };
  const args: Arg[] = [
    ['--tensor-model-parallel-size', l.tp],
    ['--pipeline-model-parallel-size', l.pp],
  ];
  const notes: string[] = [];
  // Megatron derives dp = world / (tp·pp·cp); the interleaved schedule takes the chunk count per rank.
  // (at most one of --num-virtual-stages-per-pipeline-rank and --pipeline-model-parallel-layout, arguments.py)
  if (split.kind === 'layout') {
    args.push(['--pipeline-model-parallel-layout', `"${split.layout}"`]);
    notes.push(`uneven interleaving: ${l.pp * l.vpp} virtual stages of at most ${split.chunk} layers (the layout sets vpp ${l.vpp})`);
  } else if (l.vpp > 1) args.push(['--num-virtual-stages-per-pipeline-rank', l.vpp]);
  if (split.kind === 'last') {
    args.push(['--decoder-last-pipeline-num-layers', split.last]);
    notes.push(`uneven stages: ${l.pp - 1} stages of ${(m.layers - split.last) / (l.pp - 1)} layers, the last ${split.last}`);
  }
  args.push(['--context-parallel-size', l.cp]);
  if (m.moe) args.push(['--expert-model-parallel-size', l.ep]);
  if (l.sequenceParallel) args.push(['--sequence-parallel', null]);
  args.push(...batchAndShapeArgs(x));
  if (m.kvHeads !== m.attentionHeads) args.push(['--group-query-attention', null], ['--num-query-groups', m.kvHeads]);
  if (m.ffn === 'swiglu') args.push(['--swiglu', null]);
  if (!m.tiedEmbeddings) args.push(['--untie-embeddings-and-output-weights', null]);
  args.push(['--vocab-size', m.vocabSize]);
  if (m.mla) {
    args.push(['--multi-latent-attention', null]);
    if (m.mla.qLoraRank > 0) args.push(['--q-lora-rank', m.mla.qLoraRank]);
    args.push(['--kv-lora-rank', m.mla.kvLoraRank], ['--qk-head-dim', m.mla.qkNopeHeadDim], ['--qk-pos-emb-head-dim', m.mla.qkRopeHeadDim], ['--v-head-dim', m.mla.vHeadDim]);
  }
  if (m.moe) {
    args.push(['--num-experts', m.moe.experts], ['--moe-router-topk', m.moe.activeExperts], ['--moe-ffn-hidden-size', m.moe.expertFfnHiddenSize]);
    if (m.moe.sharedExperts > 0) args.push(['--moe-shared-expert-intermediate-size', m.moe.sharedExperts * m.moe.expertFfnHiddenSize]);
    const freq = moeLayerFreqExpr(m);
    if (freq) args.push(['--moe-layer-freq', `"${freq}"`]);
  }
  args.push(['--optimizer', x.training.optimizer]);
  // ZeRO-1 = the distributed optimizer; ZeRO-2/3 = Megatron-FSDP sharding gradients (+ parameters).
  if (l.zero >= 1) args.push(['--use-distributed-optimizer', null]);
  if (l.zero >= 2) args.push(['--use-megatron-fsdp', null], ['--data-parallel-sharding-strategy', l.zero === 2 ? 'optim_grads' : 'optim_grads_params']);
  // Korthikanti et al. 2022: selective recomputes attention only; full recomputes each layer (uniform, 1 layer a unit).
  if (l.recompute === 'selective') args.push(['--recompute-granularity', 'selective']);
  if (l.recompute === 'full') args.push(['--recompute-granularity', 'full'], ['--recompute-method', 'uniform'], ['--recompute-num-layers', 1]);
  if (l.precision === 'bf16' || l.precision === 'fp8') args.push(['--bf16', null]);
  if (l.precision === 'fp16') args.push(['--fp16', null]);
  // FP8 through Transformer Engine: "hybrid" = E4M3 forward, E5M2 gradients (Micikevicius et al. 2022, FP8 formats).
  if (l.precision === 'fp8') args.push(['--fp8-format', 'hybrid']);
  return { args, notes };
}

export const argv = (args: Arg[]): string[] => args.map(([f, v]) => (v === null ? f : `${f} ${v}`));

/** `trainplan export --to megatron`: a launch script for every node. */
export function exportMegatron(x: ExportInput): ExportResult {
  const r = megatronArgs(x);
  if ('reason' in r) return { ok: false, reason: `Megatron-LM cannot run this plan as is: ${r.reason}` };
  const lines = [
    '#!/usr/bin/env bash',
    ...header(x, 'megatron'),
    ...r.notes.map((n) => `# ${n}`),
    '# Megatron-LM (core_v0.19.0) pretrain_gpt.py; add your data, tokenizer, optimizer and checkpoint arguments.',
    '# Run on every node with NODE_RANK, MASTER_ADDR (and MASTER_PORT) set.',
  ];
  // arguments.py asserts this before Blackwell when TP or CP > 1 without an FSDP (sequence-parallel overlap).
  if ((x.layout.tp > 1 || x.layout.cp > 1) && x.layout.zero < 2) lines.push('export CUDA_DEVICE_MAX_CONNECTIONS=1');
  return { ok: true, text: lines.join('\n') + '\n' + shellLines(torchrun(x, ['pretrain_gpt.py', ...argv(r.args)])) };
}
