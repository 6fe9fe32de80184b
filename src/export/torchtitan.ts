import type { ExportInput, ExportResult } from './types.js';
import { header, shellLines, torchrun } from './common.js';

type Toml = Record<string, Record<string, string | number | boolean | string[]>>;

/**
 * A TorchTitan (v0.2.2) job TOML: sections and keys of torchtitan/config/job_config.py
 * (test/fixtures/export/torchtitan-options.txt).
 */
export function torchtitanJob(x: ExportInput): { toml: Toml; notes: string[] } | { reason: string } {
  const m = x.model;
  const l = x.layout;
  const notes: string[] = [];
  if (l.precision === 'fp16') return { reason: 'training.mixed_precision_param is bfloat16 or float32 only (no fp16)' };
  // FSDP2 (fully_shard): shard degree = ZeRO-3 (reshard after forward) or ZeRO-2 (keep the gathered
  // parameters until backward); replicate degree = plain DDP. FSDP2 has no optimizer-only sharding.
  const shard = l.zero >= 1 ? l.dp : 1;
  const replicate = l.zero >= 1 ? 1 : l.dp;
  const reshard = l.zero === 3 ? 'always' : l.zero >= 1 ? 'never' : 'default';
  if (l.zero === 1) notes.push('plan has ZeRO-1; FSDP2 has no optimizer-only sharding, so this shards gradients too (ZeRO-2: the same reduce-scatter + all-gather traffic, less memory)');
  // Experts shard over efsdp = dp_shard·cp·tp / (etp·ep) (distributed/parallel_dims.py): with etp = tp, ep must divide dp_shard·cp.
  if (m.moe && l.ep > 1 && (shard * l.cp) % l.ep !== 0) return { reason: `expert parallelism ${l.ep} must divide dp_shard·cp = ${shard * l.cp} (TorchTitan borrows EP ranks from the FSDP and CP dimensions; the plan replicates with ZeRO-${l.zero})` };
  const parallelism: Toml[string] = {
    data_parallel_replicate_degree: replicate,
    data_parallel_shard_degree: shard,
    fsdp_reshard_after_forward: reshard,
    tensor_parallel_degree: l.tp,
    pipeline_parallel_degree: l.pp,
  };
  if (l.pp > 1) {
    parallelism.pipeline_parallel_schedule = l.vpp > 1 ? 'Interleaved1F1B' : '1F1B';
    parallelism.pipeline_parallel_microbatch_size = l.microBatch;
    // TorchTitan splits L + first_less + last_less "effective" layers evenly over its stages
    // (distributed/pipeline_parallel.py); the defaults (1, 1) would put ⌈(L+2)/pp⌉ on a rank, more than
    // the plan's ⌈L/pp⌉. Interleaved: pp·vpp stages of c = ⌈L/pp⌉/vpp, the slack taken from the ends.
    const per = Math.ceil(m.layers / l.pp);
    let first = 0;
    let last = 0;
    if (l.vpp > 1) {
      if (per % l.vpp !== 0) return { reason: `vpp ${l.vpp} does not divide the ${per} layers of a pipeline rank` };
      const chunk = per / l.vpp;
      const slack = l.pp * per - m.layers;
      first = Math.floor(slack / 2);
      last = slack - first;
      if (last > chunk) return { reason: `${m.layers} layers leave ${slack} empty layer slots over ${l.pp * l.vpp} stages of ${chunk}, more than the first and last stage can absorb` };
      parallelism.pipeline_parallel_layers_per_stage = chunk;
    }
    parallelism.pipeline_parallel_first_stage_less_layers = first;
    parallelism.pipeline_parallel_last_stage_less_layers = last;
  }
  parallelism.context_parallel_degree = l.cp;
  if (m.moe) Object.assign(parallelism, { expert_parallel_degree: l.ep, expert_tensor_parallel_degree: l.ep > 1 ? l.tp : 1 });
  // With PP the local batch runs as micro-batches through the pipeline; without, accumulation does.
  const local = l.pp > 1 ? l.microBatch * l.gradientAccumulation : l.microBatch;
  const training: Toml[string] = {
    local_batch_size: local,
    global_batch_size: x.training.globalBatchSize,
    seq_len: x.training.sequenceLength,
    steps: x.steps,
    mixed_precision_param: l.precision === 'fp32' ? 'float32' : 'bfloat16',
  };
  const ac: Toml[string] = { mode: l.recompute };
  if (l.recompute === 'selective') {
    ac.selective_ac_option = 'op';
    notes.push("selective recompute → TorchTitan's op-level selective AC (saves matmul outputs, recomputes the rest; Megatron's selective recomputes attention only)");
  }
  const toml: Toml = {
    job: { description: `trainplan: ${m.name}` },
    training,
    parallelism,
    activation_checkpoint: ac,
  };
  if (l.precision === 'fp8') {
    toml.model = { converters: ['quantize.linear.float8'] };
    toml['quantize.linear.float8'] = { recipe_name: 'tensorwise', enable_fsdp_float8_all_gather: shard > 1, precompute_float8_dynamic_scale_for_fsdp: shard > 1 };
  }
  return { toml, notes };
}

const tomlValue = (v: string | number | boolean | string[]): string =>
  Array.isArray(v) ? `[${v.map((s) => JSON.stringify(s)).join(', ')}]` : typeof v === 'string' ? JSON.stringify(v) : String(v);

export function renderToml(t: Toml): string {
  return Object.entries(t).map(([section, kv]) => [`[${section}]`, ...Object.entries(kv).map(([k, v]) => `${k} = ${tomlValue(v)}`)].join('\n')).join('\n\n') + '\n';
}

/** `trainplan export --to torchtitan`: the job TOML and the launcher. */
export function exportTorchtitan(x: ExportInput): ExportResult {
  const r = torchtitanJob(x);
  if ('reason' in r) return { ok: false, reason: `TorchTitan cannot run this plan as is: ${r.reason}` };
  const launch = shellLines(torchrun(x, ['-m torchtitan.train', '--job.config_file trainplan.toml'])).trimEnd().split('\n');
  const lines = [
    ...header(x, 'torchtitan'),
    ...r.notes.map((n) => `# note: ${n}`),
    '# TorchTitan (v0.2.2) job config: save as trainplan.toml; set [model] name/flavor and the dataset yourself.',
    '# launch on every node:',
    ...launch.map((s) => `#   ${s}`),
  ];
  return { ok: true, text: lines.join('\n') + '\n' + renderToml(r.toml) };
}
