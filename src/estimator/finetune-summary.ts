import type { ResolvedLayout } from '../schema/index.js';
import type { EstimateContext } from './context.js';
import { countAdapters, frozenBitsPerParam, isAdapterMethod } from './finetune.js';
import { hostOptimizerBytes } from './finetune-memory.js';
import { localParams } from './memory.js';

/** The fine-tuning block of an estimate (`finetune` in estimate --json). */
export interface FinetuneSummary {
  method: 'full' | 'lora' | 'qlora';
  /** Parameters that receive gradients and optimizer states: all of them (full) or the adapters. */
  trainableParameters: number;
  /** Bits per stored frozen weight of the adapted linear layers (16 for full and LoRA; 4.127 for NF4 + double quantisation). */
  frozenBitsPerParam: number;
  /** Optimizer-state bytes per GPU held in host memory by a paged optimizer (0 when not paged). */
  hostOptimizerBytes: number;
}

export function finetuneSummary(ctx: EstimateContext, layout: ResolvedLayout): FinetuneSummary | null {
  const ft = ctx.training.finetune;
  if (!ft) return null;
  const m = ctx.model;
  return {
    method: ft.method,
    trainableParameters: isAdapterMethod(ft) ? countAdapters(m, ft).total : ctx.params.total,
    frozenBitsPerParam: isAdapterMethod(ft) ? frozenBitsPerParam(ft, m) : 16,
    hostOptimizerBytes: hostOptimizerBytes(m, ctx.training, localParams(m, layout), layout, ctx.assumptions),
  };
}
