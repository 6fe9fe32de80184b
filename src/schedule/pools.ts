import { getAccelerator, gpuHourPrice } from '../catalog/index.js';
import { fleetToOffer, type BuyTerms } from '../economics/index.js';
import type { PlannerCatalog } from '../planner/index.js';
import { InputError, type Catalog, type Fleet, type Offer, type Pricing } from '../schema/index.js';
import type { Pool } from './types.js';

/** A pool plus what the planner needs to search it. */
export interface PoolSpec {
  pool: Pool;
  catalog: PlannerCatalog;
  maxGpus: number;
  providers?: readonly string[];
  /** Owned: energy per GPU-hour (the only cost that grows with use); otherwise unused. */
  marginalUsdPerGpuHour: number;
  /** Whole units the pool grows by (GPUs per node or per instance), for --advise; rented: 1. */
  stepGpus: number;
  /** The terms of owning or committing one GPU (economics' BuyTerms), for break-even utilisation. */
  terms: BuyTerms | null;
}

export interface CommitmentSpec {
  provider: string;
  instance: string;
  /** Instances reserved. */
  count: number;
  pricing: Pricing;
  offer: Offer;
}

export interface CapacitySpec {
  fleets: readonly Fleet[];
  commitments: readonly CommitmentSpec[];
  rent: boolean;
  providers?: readonly string[];
  rentPricing: 'on-demand' | 'spot';
  rentMaxGpus: number;
}

/** Owned fleets (count enforced, priced by economics/owned.ts), commitments (count × GPUs per instance, paid for the horizon) and the rented pool. */
export function buildPools(catalog: Catalog, cap: CapacitySpec): PoolSpec[] {
  const out: PoolSpec[] = [];
  for (const f of cap.fleets) {
    const acc = getAccelerator(catalog, f.accelerator);
    const offer = fleetToOffer(f, acc, catalog.snapshotDate);
    out.push({
      pool: { id: f.name, source: 'owned', accelerator: acc.id, provider: 'owned', instance: f.name, pricing: 'owned', capacityGpus: f.count, usdPerGpuHour: offer.usdPerGpuHour, fixedUsdPerGpuHour: offer.owned.parts.depreciation + offer.owned.parts.operations },
      catalog: { accelerators: catalog.accelerators, offers: [], owned: [offer] },
      maxGpus: f.count,
      marginalUsdPerGpuHour: offer.owned.parts.energy,
      stepGpus: Math.min(f.gpusPerNode, f.count),
      terms: { capexUsdPerGpu: offer.owned.capexUsdPerGpu, depreciationYears: offer.owned.depreciationYears, opsUsdPerGpuHour: offer.owned.parts.operations, energyUsdPerGpuHour: offer.owned.parts.energy, label: `fleet ${f.name}` },
    });
  }
  cap.commitments.forEach((c) => {
    const price = gpuHourPrice(c.offer, c.pricing);
    if (price === null) throw new InputError('COMMITMENT_NO_PRICE', `${c.provider}/${c.instance} has no ${c.pricing} price`, { location: 'capacity.commitments' });
    const gpus = c.count * c.offer.acceleratorCount;
    const id = `${c.provider}/${c.instance}`;
    if (out.some((p) => p.pool.id === id)) throw new InputError('DUPLICATE_COMMITMENT', `${id} is committed twice (add the counts instead)`, { location: 'capacity.commitments' });
    out.push({
      pool: { id, source: 'committed', accelerator: c.offer.accelerator, provider: c.provider, instance: c.instance, pricing: c.pricing, capacityGpus: gpus, usdPerGpuHour: price, fixedUsdPerGpuHour: price },
      catalog: { accelerators: catalog.accelerators, offers: [c.offer] },
      maxGpus: gpus,
      providers: [c.provider],
      marginalUsdPerGpuHour: 0,
      stepGpus: c.offer.acceleratorCount,
      // A commitment is a purchase with no capex whose whole rate is a fixed cost per GPU-hour.
      terms: { capexUsdPerGpu: 0, depreciationYears: 1, opsUsdPerGpuHour: price, energyUsdPerGpuHour: 0, label: `commit ${id}` },
    });
  });
  if (cap.rent) {
    const offers = cap.providers ? catalog.offers.filter((o) => cap.providers!.includes(o.provider)) : catalog.offers;
    out.push({
      pool: { id: 'rent', source: 'rented', accelerator: null, provider: null, instance: null, pricing: cap.rentPricing, capacityGpus: Infinity, usdPerGpuHour: null, fixedUsdPerGpuHour: 0 },
      catalog: { accelerators: catalog.accelerators, offers },
      maxGpus: cap.rentMaxGpus,
      ...(cap.providers ? { providers: cap.providers } : {}),
      marginalUsdPerGpuHour: 0,
      stepGpus: 1,
      terms: null,
    });
  }
  return out;
}
