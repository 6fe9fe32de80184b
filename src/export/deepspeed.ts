import type { ExportInput, ExportResult } from './types.js';
import { header, shellLines, torchrun } from './common.js';
import { argv, batchAndShapeArgs, type Arg } from './megatron.js';

/**
 * A DeepSpeed (v0.19.5) JSON config, plus Megatron-DeepSpeed arguments when the plan has TP or PP > 1.
 * Keys are DeepSpeed's config constants (test/fixtures/export/deepspeed-options.txt); the arguments
 * Megatron-DeepSpeed's parser (megatron-deepspeed-options.txt).
 */
export function deepspeedConfig(x: ExportInput): { config: Record<string, unknown>; megatron: Arg[] | null } | { reason: string } {
  const m = x.model;
  const l = x.layout;
  if (l.pp > 1 && l.zero >= 2) return { reason: `its pipeline engine supports ZeRO stages 0 and 1 only ("ZeRO-2 and ZeRO-3 are incompatible with pipeline parallelism", runtime/pipe/engine.py), the plan has pp ${l.pp} with ZeRO-${l.zero}` };
  if (l.cp > 1) return { reason: `it has no ring context parallelism (cp ${l.cp}); its Ulysses sequence parallelism (--ds-sequence-parallel-size) splits heads with all-to-all, a different layout` };
  if (l.vpp > 1) return { reason: `its pipeline engine has no interleaved schedule (vpp ${l.vpp})` };
  if (l.precision === 'fp8') return { reason: 'its config has no FP8 training switch (FP8 comes from Transformer Engine modules in the model code)' };
  if (m.moe) return { reason: 'DeepSpeed-MoE sets expert parallelism in model code (deepspeed.moe.layer.MoE ep_size), not in the config; export --to megatron or nemo' };
  if (m.layers % l.pp !== 0) return { reason: `pp ${l.pp} does not divide ${m.layers} layers; Megatron-DeepSpeed splits layers evenly` };
  const config: Record<string, unknown> = {
    // train_batch_size = micro-batch × accumulation × data-parallel ranks (DeepSpeed config docs, "Batch Size").
    train_batch_size: x.training.globalBatchSize,
    train_micro_batch_size_per_gpu: l.microBatch,
    gradient_accumulation_steps: l.gradientAccumulation,
  };
  if (l.precision === 'bf16') config.bf16 = { enabled: true };
  if (l.precision === 'fp16') config.fp16 = { enabled: true };
  config.zero_optimization = { stage: l.zero };
  if (l.recompute === 'full') config.activation_checkpointing = { partition_activations: l.tp > 1, contiguous_memory_optimization: false };
  const needsMegatron = l.tp > 1 || l.pp > 1 || l.recompute === 'selective';
  if (!needsMegatron) return { config, megatron: null };
  const args: Arg[] = [
    ['--tensor-model-parallel-size', l.tp],
    ['--pipeline-model-parallel-size', l.pp],
  ];
  if (l.pp === 1) args.push(['--no-pipeline-parallel', null]);
  if (l.sequenceParallel) args.push(['--sequence-parallel', null]);
  args.push(...batchAndShapeArgs(x));
  if (m.kvHeads !== m.attentionHeads) args.push(['--num-key-value-heads', m.kvHeads]);
  if (m.ffn === 'swiglu') args.push(['--swiglu', null]);
  if (!m.tiedEmbeddings) args.push(['--untie-embeddings-and-output-weights', null]);
  if (l.recompute === 'selective') args.push(['--recompute-granularity', 'selective']);
  if (l.recompute === 'full') args.push(['--deepspeed-activation-checkpointing', null], ['--recompute-granularity', 'full'], ['--recompute-method', 'uniform'], ['--recompute-num-layers', 1]);
  if (l.precision === 'bf16') args.push(['--bf16', null]);
  if (l.precision === 'fp16') args.push(['--fp16', null]);
  args.push(['--deepspeed', null], ['--deepspeed_config', 'ds_config.json'], ['--zero-stage', l.zero]);
  return { config, megatron: args };
}

/** `trainplan export --to deepspeed`: ds_config.json, then the launcher (Megatron-DeepSpeed's when TP/PP > 1). */
export function exportDeepspeed(x: ExportInput): ExportResult {
  const r = deepspeedConfig(x);
  if ('reason' in r) return { ok: false, reason: `DeepSpeed cannot run this plan as is: ${r.reason}` };
  const script = r.megatron ? ['pretrain_gpt.py', ...argv(r.megatron)] : ['<your training script>.py', '--deepspeed', '--deepspeed_config ds_config.json'];
  return {
    ok: true,
    text: [
      ...header(x, 'deepspeed'),
      '# --- ds_config.json (DeepSpeed v0.19.5)',
      JSON.stringify(r.config, null, 2),
      `# --- launch on every node${r.megatron ? ' (Megatron-DeepSpeed pretrain_gpt.py; add data and tokenizer arguments)' : ' (a script that calls deepspeed.initialize)'}`,
      shellLines(torchrun(x, script)),
    ].join('\n'),
  };
}
