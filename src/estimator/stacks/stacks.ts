import type { Framework, Recompute, RecomputeBlock } from '../../schema/index.js';

/**
 * One training stack's conventions: what it keeps in memory, which collectives it overlaps with what,
 * which recompute granularities it offers, and how fast its kernels run relative to Megatron-Core's.
 * Every value cites the stack's own documentation or code; `kernelEfficiency` is the one fitted number,
 * fitted to that stack's calibration runs (test/fixtures/validation/calibration.yaml, `framework:`) and
 * checked by test/reference/stacks.test.ts.
 */
export interface TrainingStack {
  id: Framework;
  name: string;
  /** Bytes per parameter of the gradient kept between backward and optimizer step. */
  gradientBytes: number;
  gradientBytesSource: string;
  /** Gradients are reduced in fp32 even under bf16 training. */
  gradReduceFp32ForBf16: boolean;
  /** What the distributed optimizer shards (ZeRO stage semantics). */
  distributedOptimizer: string;
  /** Share of the per-step DP reduce hidden behind backward, and of ZeRO-3/FSDP gathers hidden by prefetch. */
  dpOverlap: number;
  fsdpOverlap: number;
  /** Share of the expert all-to-all hidden behind compute by default. */
  expertAllToAllOverlap: number;
  overlapSource: string;
  /** ZeRO-3/FSDP with pipeline parallelism keeps parameters gathered across micro-batches (no re-shard per micro-batch). */
  unshardedParamsWithPp: boolean;
  /** Recompute modes the stack offers, and the one `estimate` uses when neither flag nor file says. */
  recompute: readonly Recompute[];
  defaultRecompute: Recompute;
  /** Sub-blocks its partial recompute can name (empty when it has none). */
  recomputeBlocks: readonly RecomputeBlock[];
  recomputeSource: string;
  /** Achieved kernel throughput relative to Megatron-Core/Transformer Engine on the same GEMMs and attention. */
  kernelEfficiency: number;
  kernelEfficiencySource: string;
}

const MEGATRON_BLOCKS: readonly RecomputeBlock[] = ['norm', 'core-attention', 'mla-up-projection', 'mlp', 'moe-expert-ffn', 'moe-act'];

const megatron: TrainingStack = {
  id: 'megatron',
  name: 'Megatron-LM / Megatron-Core',
  gradientBytes: 4,
  gradientBytesSource: 'fp32 main_grad buffer (accumulate_allreduce_grads_in_fp32, forced for bf16) [megatron/core/distributed/distributed_data_parallel_config.py; theoretical_memory_usage.py 18 B/param]',
  gradReduceFp32ForBf16: true,
  distributedOptimizer: '--use-distributed-optimizer shards fp32 master + Adam moments over DP (ZeRO-1); one grad reduce-scatter per step [docs/source/distrib_optimizer.md]',
  dpOverlap: 0.95,
  fsdpOverlap: 0.9,
  expertAllToAllOverlap: 0,
  overlapSource: '--overlap-grad-reduce/--overlap-param-gather hide the DP reduce behind backward; MoE all-to-all exposed unless --overlap-moe-expert-parallel-comm [Megatron-Core MoE README]',
  unshardedParamsWithPp: false,
  recompute: ['none', 'selective', 'full', 'partial'],
  defaultRecompute: 'selective',
  recomputeBlocks: MEGATRON_BLOCKS,
  recomputeSource: '--recompute-granularity full|selective, --recompute-modules core_attn layernorm mla_up_proj mlp moe moe_act [megatron/training/arguments.py]',
  kernelEfficiency: 1,
  kernelEfficiencySource: 'reference stack: the accelerator efficiency profiles are Megatron-Core/Transformer Engine measurements (the fit over its 25 runs gives 0.99, inside the 1% grid tolerance)',
};

const nemo: TrainingStack = {
  ...megatron,
  id: 'nemo',
  name: 'NVIDIA NeMo / Megatron-Bridge (Megatron-Core underneath)',
  recomputeSource: 'NeMo recipes pass Megatron-Core recompute_granularity/recompute_modules [NeMo 2 performance tuning guide]',
  kernelEfficiency: 0.975,
  kernelEfficiencySource: 'fitted: nemo2407-*, bridge2511-*, automodel-* calibration runs, 11 cases (npm run validate -- --fit)',
};

const deepspeed: TrainingStack = {
  id: 'deepspeed',
  name: 'DeepSpeed (ZeRO)',
  gradientBytes: 2,
  gradientBytesSource: 'fp16/bf16 gradients, fp32 master + moments in K = 12 B [Rajbhandari et al. 2020 (ZeRO) §3.1, Fig. 1: (2 + 2 + K/Nd)·Ψ, 31.4 GB for 7.5B on 64 GPUs]',
  gradReduceFp32ForBf16: false,
  distributedOptimizer: 'ZeRO-1 shards optimizer states, ZeRO-2 also gradients (reduce-scatter per micro-batch), ZeRO-3 also parameters [DeepSpeed config docs zero_optimization.stage]',
  dpOverlap: 0.95,
  fsdpOverlap: 0.9,
  expertAllToAllOverlap: 0,
  overlapSource: 'zero_optimization.overlap_comm: true (as in DeepSpeed ZeRO examples) overlaps gradient reduction with backward [DeepSpeed config docs]',
  unshardedParamsWithPp: false,
  recompute: ['none', 'full'],
  defaultRecompute: 'full',
  recomputeBlocks: [],
  recomputeSource: 'deepspeed.checkpointing.checkpoint: whole-block activation checkpointing [DeepSpeed activation checkpointing docs]',
  kernelEfficiency: 1,
  kernelEfficiencySource: 'no DeepSpeed step-time runs in the calibration set: left at 1 (unfitted)',
};

const fsdp: TrainingStack = {
  id: 'fsdp',
  name: 'PyTorch FSDP (e.g. MosaicML llm-foundry / Composer)',
  gradientBytes: 4,
  gradientBytesSource: 'sharded fp32 FlatParameter gradients (FSDP keeps the fp32 flat parameter, casts the reduced gradient back to it) [PyTorch FSDP docs, MixedPrecision]',
  gradReduceFp32ForBf16: false,
  distributedOptimizer: 'FULL_SHARD = ZeRO-3, SHARD_GRAD_OP = ZeRO-2 (gradient reduce-scatter every micro-batch), NO_SHARD = DDP [torch.distributed.fsdp.ShardingStrategy]',
  dpOverlap: 0.95,
  fsdpOverlap: 0.9,
  expertAllToAllOverlap: 0,
  overlapSource: 'forward/backward prefetch of the next unit all-gather; reduce-scatter on a separate stream [PyTorch FSDP docs, BackwardPrefetch]; llm-foundry mixed_precision PURE reduces in bf16',
  unshardedParamsWithPp: true,
  recompute: ['none', 'full'],
  defaultRecompute: 'full',
  recomputeBlocks: [],
  recomputeSource: 'activation_checkpointing: true wraps each block (checkpoint_wrapper) [llm-foundry fsdp_config]',
  kernelEfficiency: 0.89,
  kernelEfficiencySource: 'fitted: mosaic-mpt-* calibration runs, 7 cases (npm run validate -- --fit); PyTorch-eager kernels without Transformer Engine fusion',
};

const torchtitan: TrainingStack = {
  id: 'torchtitan',
  name: 'TorchTitan (FSDP2 + TP/PP/CP, torch.compile)',
  gradientBytes: 4,
  gradientBytesSource: 'FSDP2 MixedPrecisionPolicy(param_dtype=bf16, reduce_dtype=fp32): sharded fp32 gradients [torchtitan parallelize.py, mixed_precision_reduce = float32]',
  gradReduceFp32ForBf16: true,
  distributedOptimizer: 'FSDP2 fully_shard = ZeRO-3; with PP, reshard_after_forward=False keeps parameters gathered across micro-batches [torchtitan docs/fsdp.md]',
  dpOverlap: 0.95,
  fsdpOverlap: 0.9,
  expertAllToAllOverlap: 0,
  overlapSource: 'FSDP2 implicit prefetch of the next all-gather and async reduce-scatter [torchtitan docs/fsdp.md]',
  unshardedParamsWithPp: true,
  recompute: ['none', 'full', 'op-level'],
  defaultRecompute: 'op-level',
  recomputeBlocks: [],
  recomputeSource: 'activation_checkpoint.mode none|full|selective, selective_ac_option "op" (per-op SAC) [torchtitan config_manager.py]',
  kernelEfficiency: 0.82,
  kernelEfficiencySource: 'fitted: torchtitan-* calibration runs on H200 with its own efficiency profile, 2 cases (npm run validate -- --fit); few runs, so the factor is uncertain by several percent',
};

const maxtext: TrainingStack = {
  id: 'maxtext',
  name: 'MaxText (JAX/XLA)',
  gradientBytes: 4,
  gradientBytesSource: 'weight_dtype float32: parameters and gradients in fp32, bf16 activations [MaxText base.yml]',
  gradReduceFp32ForBf16: true,
  distributedOptimizer: 'parameters, gradients and optimizer states sharded over the fsdp mesh axis (ZeRO-3) [MaxText base.yml ici_fsdp_parallelism]',
  dpOverlap: 0.95,
  fsdpOverlap: 0.9,
  expertAllToAllOverlap: 0,
  overlapSource: 'XLA latency-hiding scheduler overlaps async collectives with compute [XLA flags in MaxText docs]',
  unshardedParamsWithPp: false,
  recompute: ['none', 'full', 'op-level'],
  defaultRecompute: 'full',
  recomputeBlocks: [],
  recomputeSource: 'remat_policy full | minimal / save_dot_except_mlp (keep matmul outputs) | none [MaxText base.yml]',
  kernelEfficiency: 1,
  kernelEfficiencySource: 'no MaxText runs in the calibration set: left at 1 (unfitted)',
};

export const STACKS: Readonly<Record<Framework, TrainingStack>> = { megatron, nemo, deepspeed, fsdp, torchtitan, maxtext };

export function stackFor(f: Framework | undefined): TrainingStack {
  return STACKS[f ?? 'megatron'];
}
