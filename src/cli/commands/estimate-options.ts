import type { LayoutPinOpts } from './layout-flags.js';
import { Option, type Command } from 'commander';
import { InputError, pricingSchema, precisionSchema, type Layout, type Pricing, type TrainingConfig } from '../../schema/index.js';
import { choiceFlag, intFlag } from '../flags.js';
import { recomputeFlag } from './stack-options.js';

/** The layout flags are plan's pins (layout-flags.ts), plus estimate's own. */
export interface EstimateOpts extends LayoutPinOpts {
  accelerator?: string;
  gpus?: string;
  sequenceParallel?: boolean;
  precision?: string;
  provider?: string;
  instance?: string;
  pricing?: string;
  attentionKernel?: string;
  framework?: string;
  json?: boolean;
  format?: string;
  catalog: string[];
  color: boolean;
}

/** The contract's `estimate` flags (plus --attention-kernel). */
export function addEstimateOptions(cmd: Command): Command {
  return cmd
    .option('--accelerator <id>', 'accelerator id (see `trainplan catalog accelerators`)')
    .option('--gpus <n>', 'number of accelerators')
    .option('--tp <n>', 'tensor-parallel degree (default 1)')
    .option('--pp <n>', 'pipeline-parallel degree (default 1)')
    .option('--cp <n>', 'context-parallel degree (default 1)')
    .option('--ep <n>', 'expert-parallel degree (default 1)')
    .option('--vpp <n>', 'virtual pipeline stages per rank (default 1)')
    .option('--micro-batch <n>', 'micro-batch size in sequences (default 1)')
    .option('--zero <stage>', 'ZeRO stage 0-3 (default 1)')
    .option('--recompute <mode>', 'activation recompute: none|selective|full|op-level|partial:<sub-blocks> (default: the model file, else the framework\'s: selective for megatron)')
    .option('--framework <stack>', 'training stack: megatron|nemo|deepspeed|fsdp|torchtitan|maxtext (default: the model file, else megatron)')
    .option('--sequence-parallel', 'sequence parallelism (default: on when tp > 1)')
    .option('--no-sequence-parallel', 'turn sequence parallelism off')
    .option('--precision <p>', 'bf16|fp16|fp8|fp32 (default: the model file)')
    .option('--provider <id>', 'price (and network) of this provider')
    .option('--instance <id>', 'price (and network) of this instance type (needs --provider)')
    .option('--pricing <model>', `${pricingSchema.options.join('|')} (default on-demand)`)
    .option('--attention-kernel <k>', 'flash|unfused (default flash)')
    .option('--json', 'print one JSON document (same as --format json)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']))
    .option('--catalog <file>', 'user catalog merged over the built-in one (repeatable)', (v: string, p: string[]) => [...p, v], [] as string[])
    .option('--no-color', 'disable colour');
}

/** The layout the flags describe, with the contract's defaults. */
export function layoutFromFlags(o: EstimateOpts, training: TrainingConfig): Layout {
  const modelPrecision = training.precision;
  if (o.accelerator === undefined) throw new InputError('MISSING_OPTION', '--accelerator is required (e.g. --accelerator h100-sxm)');
  const gpus = intFlag(o.gpus, '--gpus');
  if (gpus === undefined) throw new InputError('MISSING_OPTION', '--gpus is required (e.g. --gpus 64)');
  const tp = intFlag(o.tp, '--tp') ?? 1;
  const zero = intFlag(o.zero, '--zero', 0) ?? 1;
  if (zero > 3) throw new InputError('INVALID_OPTION', `expected 0, 1, 2 or 3, got "${o.zero}"`, { location: '--zero' });
  return {
    gpus,
    tp,
    pp: intFlag(o.pp, '--pp') ?? 1,
    cp: intFlag(o.cp, '--cp') ?? 1,
    ep: intFlag(o.ep, '--ep') ?? 1,
    vpp: intFlag(o.vpp, '--vpp') ?? 1,
    microBatch: intFlag(o.microBatch, '--micro-batch') ?? 1,
    zero: zero as 0 | 1 | 2 | 3,
    ...recomputeFlag(o.recompute, training),
    sequenceParallel: o.sequenceParallel ?? tp > 1,
    precision: choiceFlag(o.precision, '--precision', precisionSchema.options) ?? modelPrecision,
  };
}

export const pricingFlag = (o: EstimateOpts): Pricing => choiceFlag(o.pricing, '--pricing', pricingSchema.options) ?? 'on-demand';
export const kernelFlag = (o: EstimateOpts) => choiceFlag(o.attentionKernel, '--attention-kernel', ['flash', 'unfused'] as const);
