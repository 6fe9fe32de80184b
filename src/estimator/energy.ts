/**
 * Energy and carbon of a run: accelerator power at the modelled utilisation, plus the host's share,
 * times the facility's PUE, times the grid's carbon intensity [modeling-reference §12].
 */

/** Constants of the power model; echoed in the estimate's `assumptions.energy`. */
export interface EnergyAssumptions {
  /**
   * Accelerator draw when allocated but not computing, as a fraction of TDP.
   * Assumption: vendors publish no idle figure; ~10% of TDP (≈70 W on a 700 W H100) is typical of nvidia-smi readings.
   */
  idleFractionOfTdp: number;
  /**
   * Hardware FLOP utilisation (HFU) at which the accelerator reaches its TDP; power rises linearly up to it.
   * Assumption, consistent with Latif et al. 2025 (IEEE Access 13:61740, arXiv:2506.14551): Llama-2-13B training kept
   * an 8×H100 node "near full utilization" at 30–45% HFU.
   */
  hfuAtTdp: number;
  /**
   * Host share (CPUs, memory, NICs, fans) per accelerator as a fraction of its TDP. Derived: Latif et al. 2025
   * measured compute-heavy training at 76% of the DGX H100's rated 10.2 kW → 7.75 kW / 8 = 969 W per GPU;
   * minus the 700 W GPU → ≈270 W host share = 0.385 × TDP.
   */
  hostFractionOfTdp: number;
  /** Facility power usage effectiveness for cloud capacity: modern hyperscale/AI halls ~1.1–1.2; 1.2 is the aiinframap.com TCO-tool default (shared/data/hardware.md §3). */
  pue: number;
  /** Grid carbon intensity used when the region is unknown (kg CO2e per kWh). */
  gridKgCo2ePerKwh: number;
  /** Where that intensity comes from. */
  gridSource: string;
}

/**
 * US average 2023: 1.53e12 kg CO2 / 4.18e12 kWh = 0.366 kg/kWh (EIA FAQ id=74, "How much carbon dioxide is produced
 * per kilowatthour of U.S. electricity generation?", 2023 data).
 */
export const US_GRID_KG_CO2E_PER_KWH = 1.53e12 / 4.18e12;

export const DEFAULT_ENERGY_ASSUMPTIONS: EnergyAssumptions = {
  idleFractionOfTdp: 0.1,
  hfuAtTdp: 0.45,
  hostFractionOfTdp: (0.76 * 10200) / 8 / 700 - 1,
  pue: 1.2,
  gridKgCo2ePerKwh: US_GRID_KG_CO2E_PER_KWH,
  gridSource: 'US average 2023 (EIA FAQ id=74: 0.81 lb CO2/kWh), used because the region is not in the grid table',
};

export interface EnergyInput {
  gpus: number;
  tdpWatts: number;
  /** Hardware FLOP utilisation of the modelled step (0..1). */
  hfu: number;
  /** Wall-clock seconds the GPUs are held (including goodput losses). */
  wallClockSeconds: number;
  /** Region-specific grid intensity from the grid table, when one applies. */
  grid?: { kgCo2ePerKwh: number; source: string; region: string } | null;
  assumptions?: Partial<EnergyAssumptions>;
}

export interface Energy {
  acceleratorWatts: number;
  hostWatts: number;
  pue: number;
  /** Facility energy, kWh. */
  kwh: number;
  kgCo2e: number;
  gridKgCo2ePerKwh: number;
  gridRegion: string | null;
  gridSource: string;
}

/** Accelerator watts P = TDP·(idle + (1 − idle)·min(1, HFU / HFU_at_TDP)), a linear utilisation model as in Cloud Carbon Footprint's min/max-watts method. */
export function acceleratorWatts(tdpWatts: number, hfu: number, a: EnergyAssumptions): number {
  const load = Math.min(1, Math.max(0, hfu) / a.hfuAtTdp);
  return tdpWatts * (a.idleFractionOfTdp + (1 - a.idleFractionOfTdp) * load);
}

/** kWh = n·(P_acc + P_host)·hours·PUE / 1000; kg CO2e = kWh × grid intensity [modeling-reference §12]. */
export function energy(input: EnergyInput): Energy {
  const a: EnergyAssumptions = { ...DEFAULT_ENERGY_ASSUMPTIONS, ...input.assumptions };
  const acc = acceleratorWatts(input.tdpWatts, input.hfu, a);
  const host = input.tdpWatts * a.hostFractionOfTdp;
  const kwh = (input.gpus * (acc + host) * (input.wallClockSeconds / 3600) * a.pue) / 1000;
  const grid = input.grid ?? null;
  const intensity = grid?.kgCo2ePerKwh ?? a.gridKgCo2ePerKwh;
  return {
    acceleratorWatts: acc,
    hostWatts: host,
    pue: a.pue,
    kwh,
    kgCo2e: kwh * intensity,
    gridKgCo2ePerKwh: intensity,
    gridRegion: grid?.region ?? null,
    gridSource: grid?.source ?? a.gridSource,
  };
}

/** Grid intensity of a region: a row for this provider and region, else a provider-less row for the region, else null (fallback applies). */
export function gridFor(
  rows: ReadonlyArray<{ provider?: string | undefined; region: string; location: string; gCo2ePerKwh: number; asOf: string; source: string }>,
  provider: string,
  region: string,
): { kgCo2ePerKwh: number; source: string; region: string } | null {
  const row = rows.find((r) => r.provider === provider && r.region === region) ?? rows.find((r) => r.provider === undefined && r.region === region);
  return row ? { kgCo2ePerKwh: row.gCo2ePerKwh / 1000, source: `${row.location}, ${row.asOf}: ${row.source}`, region: row.region } : null;
}
