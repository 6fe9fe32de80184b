import type { Assumptions } from './assumptions.js';
import { DEFAULT_ENERGY_ASSUMPTIONS, energy, type Energy, type EnergyAssumptions } from './energy.js';
import { DEFAULT_GOODPUT_ASSUMPTIONS, goodput, type Goodput, type GoodputAssumptions } from './goodput.js';

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

/** Goodput (failures, checkpoints, restarts, preemptions) and energy/carbon for one estimated run. */
export function runOverheads(args: {
  gpus: number;
  failureFreeSeconds: number;
  checkpointBytes: number;
  tdpWatts: number;
  hfu: number;
  spot: { provider: string; gpusPerInstance: number } | null;
  input?: RunOverheadsInput;
}): RunOverheads {
  const ga: GoodputAssumptions = { ...DEFAULT_GOODPUT_ASSUMPTIONS, ...args.input?.goodput };
  const ea: EnergyAssumptions = { ...DEFAULT_ENERGY_ASSUMPTIONS, ...args.input?.energy };
  const g = goodput({ gpus: args.gpus, failureFreeSeconds: args.failureFreeSeconds, checkpointBytes: args.checkpointBytes, spot: args.spot, assumptions: ga });
  const e = energy({ gpus: args.gpus, tdpWatts: args.tdpWatts, hfu: args.hfu, wallClockSeconds: g.wallClockSeconds, grid: args.input?.grid ?? null, assumptions: ea });
  return { goodput: g, energy: e, assumptions: { goodput: ga, energy: ea } };
}
