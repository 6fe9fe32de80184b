import { Document, isSeq } from 'yaml';
import type { ExportInput, ExportResult } from './types.js';
import { header, kvChannels, moeLayerPattern, shellLines, stageSplit, torchrun } from './common.js';

/** Megatron-Bridge mixed-precision recipe names (training/mixed_precision.py @register). */
const RECIPE = { bf16: 'bf16_mixed', fp16: 'fp16_mixed', fp8: 'bf16_with_fp8_delayed_scaling_mixed' } as const;

/**
 * A NeMo / Megatron-Bridge (v0.6.0) recipe override: the ConfigContainer sections model, train, dataset,
 * ddp and mixed_precision, with every value the plan fixed. Keys are checked against the dataclass fields
 * (test/fixtures/export/nemo-options.txt).
 */
export function nemoOverride(x: ExportInput): { doc: Record<string, unknown> } | { reason: string } {
  const m = x.model;
  const l = x.layout;
  if (l.precision === 'fp32') return { reason: 'Megatron-Bridge has no fp32 mixed-precision recipe (bf16_mixed, fp16_mixed or an FP8 recipe)' };
  const split = stageSplit(m, l);
  if (split.kind === 'impossible') return { reason: split.reason };
  const model: Record<string, unknown> = {
    tensor_model_parallel_size: l.tp,
    pipeline_model_parallel_size: l.pp,
    virtual_pipeline_model_parallel_size: l.vpp > 1 ? l.vpp : null,
    context_parallel_size: l.cp,
    expert_model_parallel_size: l.ep,
    sequence_parallel: l.sequenceParallel,
  };
  if (split.kind === 'last') model.num_layers_in_last_pipeline_stage = split.last;
  if (split.kind === 'layout') model.pipeline_model_parallel_layout = split.layout;
  Object.assign(model, {
    num_layers: m.layers,
    hidden_size: m.hiddenSize,
    ffn_hidden_size: m.ffnHiddenSize,
    num_attention_heads: m.attentionHeads,
    num_query_groups: m.kvHeads,
    kv_channels: kvChannels(m),
    seq_length: x.training.sequenceLength,
    share_embeddings_and_output_weights: m.tiedEmbeddings,
    gated_linear_unit: m.ffn === 'swiglu',
  });
  if (m.mla) {
    Object.assign(model, {
      multi_latent_attention: true,
      q_lora_rank: m.mla.qLoraRank > 0 ? m.mla.qLoraRank : null,
      kv_lora_rank: m.mla.kvLoraRank,
      qk_head_dim: m.mla.qkNopeHeadDim,
      qk_pos_emb_head_dim: m.mla.qkRopeHeadDim,
      v_head_dim: m.mla.vHeadDim,
    });
  }
  if (m.moe) {
    Object.assign(model, {
      num_moe_experts: m.moe.experts,
      moe_router_topk: m.moe.activeExperts,
      moe_ffn_hidden_size: m.moe.expertFfnHiddenSize,
      moe_shared_expert_intermediate_size: m.moe.sharedExperts > 0 ? m.moe.sharedExperts * m.moe.expertFfnHiddenSize : null,
      moe_layer_freq: m.moe.denseLayers > 0 ? moeLayerPattern(m) : 1,
    });
  }
  if (l.recompute === 'selective') model.recompute_granularity = 'selective';
  if (l.recompute === 'full') Object.assign(model, { recompute_granularity: 'full', recompute_method: 'uniform', recompute_num_layers: 1 });
  const ddp: Record<string, unknown> = { use_distributed_optimizer: l.zero >= 1 };
  if (l.zero >= 2) Object.assign(ddp, { use_megatron_fsdp: true, data_parallel_sharding_strategy: l.zero === 2 ? 'optim_grads' : 'optim_grads_params' });
  return {
    doc: {
      model,
      train: { micro_batch_size: l.microBatch, global_batch_size: x.training.globalBatchSize, train_iters: x.steps },
      dataset: { seq_length: x.training.sequenceLength },
      optimizer: { optimizer: x.training.optimizer },
      ddp,
      mixed_precision: RECIPE[l.precision],
    },
  };
}

/** YAML with the per-layer MoE pattern on one line ([0, 0, 0, 1, …]). */
function toYaml(doc: Record<string, unknown>): string {
  const d = new Document(doc);
  const freq = d.getIn(['model', 'moe_layer_freq'], true);
  if (isSeq(freq)) freq.flow = true;
  return d.toString({ lineWidth: 0 });
}

/** `trainplan export --to nemo`: the override YAML and the launcher line. */
export function exportNemo(x: ExportInput): ExportResult {
  const r = nemoOverride(x);
  if ('reason' in r) return { ok: false, reason: `NeMo / Megatron-Bridge cannot run this plan as is: ${r.reason}` };
  const launch = torchrun(x, ['02_pretrain_with_yaml.py', '--config-file trainplan-override.yaml']);
  const lines = [
    ...header(x, 'nemo'),
    '# Megatron-Bridge (v0.6.0) recipe override: save as trainplan-override.yaml and pass it to a recipe script',
    '# (tutorials/recipes/llama/02_pretrain_with_yaml.py --config-file); data, tokenizer, optimizer schedule and checkpoints stay the recipe\'s.',
    '# launch on every node:',
    ...shellLines(launch).trimEnd().split('\n').map((s) => `#   ${s}`),
  ];
  return { ok: true, text: lines.join('\n') + '\n' + toYaml(r.doc) };
}
