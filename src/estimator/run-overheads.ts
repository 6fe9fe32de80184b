import type { FinetuneConfig, ModelConfig } from '../schema/index.js';
import { countAdapters, isAdapterMethod } from './finetune.js';
import type { Assumptions } from './assumptions.js';
import { DEFAULT_ENERGY_ASSUMPTIONS, energy, type Energy, type EnergyAssumptions } from './energy.js';
import { DEFAULT_GOODPUT_ASSUMPTIONS, goodput, wallClockModel, type Goodput, type GoodputAssumptions, type WallClockModel } from './goodput.js';

/** What the caller may set about failures and energy (io fills `grid` from hardware-catalog/grid-intensity.yaml). */
export interface RunOverheadsInput {
  goodput?: Partial<GoodputAssumptions>;
  energy?: Partial<EnergyAssumptions>;
  grid?: { kgCo2ePerKwh: number; source: string; region: string } | null;
}

export interface RunOverheads {
  goodput: Goodput;
  energy: Energy;
  assumptions: { goodput: GoodputAssumptions; energy: EnergyAssumptions };
}

/** Checkpoint size ≈ Ψ·(bf16 weights + fp32 master + optimizer moments) ≈ 14 B/param for Adam [modeling-reference §11.3]. */
export function checkpointBytes(parameters: number, a: Assumptions, optimizer: 'adam' | 'sgd'): number {
  return parameters * (a.bytesWeight + a.bytesMaster + (optimizer === 'adam' ? a.bytesOptimizerMoments : 0));
}

/** The run-level facts goodput needs; an EstimateContext satisfies it. */
export interface GoodputContext {
  params: { total: number };
  assumptions: Assumptions;
  training: { optimizer: 'adam' | 'sgd'; finetune?: FinetuneConfig };
  /** Needed for LoRA/QLoRA runs, whose checkpoints hold the adapters only. */
  model?: ModelConfig;
}

/** Parameters a checkpoint saves: every one, or only the adapters when the base is frozen (PEFT save_pretrained writes adapter weights; the base is unchanged). */
function checkpointParameters(ctx: GoodputContext): number {
  const ft = ctx.training.finetune;
  return isAdapterMethod(ft) && ctx.model ? countAdapters(ctx.model, ft).total : ctx.params.total;
}

/**
 * Goodput of `gpus` GPUs running `failureFreeSeconds` under `price` (spot when price.pricing is "spot").
 * buildEstimate uses exactly this, so a search that ranks by wall-clock cost gets estimate()'s numbers by calling it.
 */
export function goodputFor(
  ctx: GoodputContext,
  gpus: number,
  failureFreeSeconds: number,
  price: { pricing: string; provider: string; gpusPerInstance?: number } | null,
  overheads?: RunOverheadsInput,
): Goodput {
  const spot = price?.pricing === 'spot' ? { provider: price.provider, gpusPerInstance: price.gpusPerInstance ?? 8 } : null;
  const assumptions: GoodputAssumptions = { ...DEFAULT_GOODPUT_ASSUMPTIONS, ...overheads?.goodput };
  return goodput({ gpus, failureFreeSeconds, checkpointBytes: checkpointBytes(checkpointParameters(ctx), ctx.assumptions, ctx.training.optimizer), spot, assumptions });
}

/** Daly's wall-clock model for `gpus` GPUs under `price`: a search caches it per (GPU count, offer) and gets estimate()'s wall clock from wallClockSeconds. */
export function wallClockFor(ctx: GoodputContext, gpus: number, price: { pricing: string; provider: string; gpusPerInstance?: number } | null, overheads?: RunOverheadsInput): WallClockModel {
  const spot = price?.pricing === 'spot' ? { provider: price.provider, gpusPerInstance: price.gpusPerInstance ?? 8 } : null;
  return wallClockModel({ gpus, checkpointBytes: checkpointBytes(checkpointParameters(ctx), ctx.assumptions, ctx.training.optimizer), spot, assumptions: { ...DEFAULT_GOODPUT_ASSUMPTIONS, ...overheads?.goodput } });
}

/** Goodput (failures, checkpoints, restarts, preemptions) and energy/carbon for one estimated run. */
export function runOverheads(args: {
  ctx: GoodputContext;
  gpus: number;
  failureFreeSeconds: number;
  tdpWatts: number;
  hfu: number;
  price: { pricing: string; provider: string; gpusPerInstance?: number } | null;
  input?: RunOverheadsInput;
}): RunOverheads {
  const ga: GoodputAssumptions = { ...DEFAULT_GOODPUT_ASSUMPTIONS, ...args.input?.goodput };
  const ea: EnergyAssumptions = { ...DEFAULT_ENERGY_ASSUMPTIONS, ...args.input?.energy };
  const g = goodputFor(args.ctx, args.gpus, args.failureFreeSeconds, args.price, args.input);
  const e = energy({ gpus: args.gpus, tdpWatts: args.tdpWatts, hfu: args.hfu, wallClockSeconds: g.wallClockSeconds, grid: args.input?.grid ?? null, assumptions: ea });
  return { goodput: g, energy: e, assumptions: { goodput: ga, energy: ea } };
}
