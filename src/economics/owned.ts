import { DEFAULT_ENERGY_ASSUMPTIONS, type EnergyAssumptions } from '../estimator/index.js';
import type { AcceleratorSpec, Fleet } from '../schema/index.js';

export const HOURS_PER_YEAR = 8760;

/** What one owned GPU-hour costs, and of what. */
export interface OwnedPrice {
  /** depreciation + energy + operations, per GPU-hour of a GPU that is running. */
  usdPerGpuHour: number;
  parts: {
    /** Straight-line: capex / (years × 8760 h), paid whether the GPU works or idles. */
    depreciation: number;
    /** wattsPerGpu × PUE × $/kWh, paid only while the GPU runs (idle draw neglected). */
    energy: number;
    /** Staff, colocation, maintenance: paid whether the GPU works or idles. */
    operations: number;
  };
  capexUsdPerGpu: number;
  wattsPerGpu: number;
  pue: number;
  usdPerKwh: number;
  depreciationYears: number;
}

/** Capex per GPU including the networking share: per-GPU figure, or per-node figure ÷ GPUs per node. */
export function capexPerGpu(f: Fleet): number {
  const base = f.capexUsdPerGpu ?? (f.capexUsdPerNode ?? 0) / f.gpusPerNode;
  return base + f.networkingCapexUsdPerGpu;
}

/** Training draw per GPU when the fleet does not say: TDP plus the host share of the energy model (energy.ts). */
export function defaultWattsPerGpu(acc: AcceleratorSpec, a: EnergyAssumptions = DEFAULT_ENERGY_ASSUMPTIONS): number {
  return acc.tdpWatts * (1 + a.hostFractionOfTdp);
}

/** Effective $/GPU-hour of an owned fleet = capex/(years·8760) + kW·PUE·$/kWh + ops (straight-line TCO, hardware.md §3). */
export function ownedPrice(f: Fleet, acc: AcceleratorSpec): OwnedPrice {
  const capex = capexPerGpu(f);
  const watts = f.wattsPerGpu ?? defaultWattsPerGpu(acc);
  const parts = {
    depreciation: capex / (f.depreciationYears * HOURS_PER_YEAR),
    energy: (watts / 1000) * f.pue * f.usdPerKwh,
    operations: f.opsUsdPerGpuHour,
  };
  return {
    usdPerGpuHour: parts.depreciation + parts.energy + parts.operations,
    parts,
    capexUsdPerGpu: capex,
    wattsPerGpu: watts,
    pue: f.pue,
    usdPerKwh: f.usdPerKwh,
    depreciationYears: f.depreciationYears,
  };
}

/**
 * An owned fleet as an offer the planner can rank beside cloud offers: provider "owned", instance = fleet name,
 * pricing "owned", never more than `maxGpus`. Shaped like the catalog's Offer, with no cloud prices.
 */
export interface OwnedOffer {
  provider: 'owned';
  instance: string;
  accelerator: string;
  acceleratorCount: number;
  region: string;
  regions: string[];
  usdPerHour: { onDemand: null; spot: null; reserved1y: null; reserved3y: null };
  interconnect: { scaleOutBitsPerSecondPerGpu: number; scaleUpDomainSize: number | null };
  maxInstances: number;
  priceConfidence: 'list';
  asOf: string;
  source: string;
  pricing: 'owned';
  maxGpus: number;
  usdPerGpuHour: number;
  owned: OwnedPrice;
}

/** Fleet → offer-like record with pricing "owned" (price per GPU-hour = ownedPrice). */
export function fleetToOffer(f: Fleet, acc: AcceleratorSpec, snapshotDate: string): OwnedOffer {
  const price = ownedPrice(f, acc);
  const region = f.region ?? 'on-premises';
  return {
    provider: 'owned',
    instance: f.name,
    accelerator: acc.id,
    acceleratorCount: Math.min(f.gpusPerNode, f.count),
    region,
    regions: [region],
    usdPerHour: { onDemand: null, spot: null, reserved1y: null, reserved3y: null },
    interconnect: {
      scaleOutBitsPerSecondPerGpu: f.scaleOutGbpsPerGpu !== undefined ? f.scaleOutGbpsPerGpu * 1e9 : acc.scaleOutBitsPerSecondPerGpu,
      scaleUpDomainSize: null,
    },
    maxInstances: Math.ceil(f.count / Math.min(f.gpusPerNode, f.count)),
    priceConfidence: 'list',
    asOf: f.asOf ?? snapshotDate,
    source: f.source ?? `user fleet ${f.name}`,
    pricing: 'owned',
    maxGpus: f.count,
    usdPerGpuHour: price.usdPerGpuHour,
    owned: price,
  };
}

/** Keep only layouts an owned offer can host: never more GPUs than the fleet has. */
export function fitsFleet(gpus: number, offer: { maxGpus?: number }): boolean {
  return offer.maxGpus === undefined || gpus <= offer.maxGpus;
}
