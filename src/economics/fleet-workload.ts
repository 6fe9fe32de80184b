import { cheapestOffer, getAccelerator, gpuHourPrice, meetsPriceConfidence } from '../catalog/index.js';
import { goodput } from '../estimator/index.js';
import { InputError, type Catalog, type Fleet, type PriceConfidence, type Pricing, type PurchasePricesFile } from '../schema/index.js';
import { fleetEconomics, type BuyTerms, type FleetEconomics, type RentTerms, type WorkloadRun } from './buy-vs-rent.js';
import { capexPerGpu, ownedPrice, defaultWattsPerGpu } from './owned.js';
import type { PlanFn, PlanLike, WorkloadModel } from './plan-fn.js';

export interface FleetRequest {
  models: readonly WorkloadModel[];
  runsPerYear: number;
  horizonYears: number;
  catalog: Catalog;
  planFn: PlanFn;
  purchase: PurchasePricesFile;
  /** Unit economics for buying from a `fleets:` entry instead of the built-in purchase prices. */
  fleet?: Fleet | null;
  accelerator?: string;
  providers?: readonly string[];
  /** `--min-price-confidence`: offers with less sure prices are neither planned nor compared. */
  minPriceConfidence?: PriceConfidence;
}

export interface FleetRunReport {
  name: string;
  gpus: number;
  runsPerYear: number;
  deadlineDays: number | null;
  plan: PlanLike;
  hoursPerRun: WorkloadRun['hoursPerRun'];
  goodput: { onDemand: number; spot: number | null };
}

export interface FleetReport {
  accelerator: string;
  runs: FleetRunReport[];
  rent: Partial<Record<Exclude<Pricing, never>, RentTerms & { provider: string; instance: string }>>;
  buy: (BuyTerms & { source: string; wattsPerGpu: number; pue: number; usdPerKwh: number }) | null;
  economics: FleetEconomics;
  notes: string[];
}

const RENT: readonly Pricing[] = ['on-demand', 'spot', 'reserved-1y', 'reserved-3y'];

/** Cheapest offer of the accelerator under each pricing model (among `providers` when given). */
function rentTerms(req: FleetRequest, acc: string): FleetReport['rent'] {
  const offers = req.catalog.offers.filter((o) => (!req.providers || req.providers.includes(o.provider)) && (!req.minPriceConfidence || meetsPriceConfidence(o, req.minPriceConfidence)));
  const catalog = { ...req.catalog, offers };
  const out: FleetReport['rent'] = {};
  for (const pricing of RENT) {
    const offer = cheapestOffer(catalog, acc, pricing);
    const usd = offer ? gpuHourPrice(offer, pricing) : null;
    if (offer && usd !== null) out[pricing] = { usdPerGpuHour: usd, label: `${offer.provider}/${offer.instance}`, provider: offer.provider, instance: offer.instance };
  }
  return out;
}

/** Buying: a `fleets:` entry's economics, else the built-in purchase price with facility defaults; null when neither applies. */
function buyTerms(req: FleetRequest, accId: string): FleetReport['buy'] {
  const acc = getAccelerator(req.catalog, accId);
  if (req.fleet) {
    if (req.fleet.accelerator !== accId) throw new InputError('FLEET_ACCELERATOR_MISMATCH', `fleet ${req.fleet.name} has ${req.fleet.accelerator}, the workload runs on ${accId}`, { location: '--fleet', suggestion: `use --accelerator ${req.fleet.accelerator}` });
    const p = ownedPrice(req.fleet, acc);
    return { capexUsdPerGpu: capexPerGpu(req.fleet), depreciationYears: p.depreciationYears, opsUsdPerGpuHour: p.parts.operations, energyUsdPerGpuHour: p.parts.energy, label: `fleet ${req.fleet.name}`, source: req.fleet.source ?? `user fleet ${req.fleet.name}`, wattsPerGpu: p.wattsPerGpu, pue: p.pue, usdPerKwh: p.usdPerKwh };
  }
  const row = req.purchase.prices.find((r) => r.accelerator === accId);
  if (!row) return null;
  const f = req.purchase.facility;
  const watts = defaultWattsPerGpu(acc);
  return {
    capexUsdPerGpu: row.capexUsdPerGpu, depreciationYears: f.depreciationYears, opsUsdPerGpuHour: f.opsUsdPerGpuHour,
    energyUsdPerGpuHour: (watts / 1000) * f.pue * f.usdPerKwh, label: `buy ${accId}`,
    source: `${row.what}, ${row.asOf}: ${row.source}`, wattsPerGpu: watts, pue: f.pue, usdPerKwh: f.usdPerKwh,
  };
}

/** Plans each model once (cheapest on-demand plan meeting its deadline) on one accelerator, then prices the workload every way. */
export function fleetWorkload(request: FleetRequest): { ok: true; report: FleetReport } | { ok: false; model: string; reason: string } {
  // Each model is planned under its own file's constraints (--providers replaces every file's list). The rent
  // prices compared for the whole workload come from --providers, else from the union of the files' lists when
  // every file names providers, else from every provider.
  const lists = request.models.map((m) => m.constraints?.providers);
  const union = lists.every((l) => l !== undefined) ? [...new Set(lists.flatMap((l) => l!))].sort() : undefined;
  const req: FleetRequest = request.providers || !union ? request : { ...request, providers: union };
  let acc = req.accelerator ?? (req.fleet ? req.fleet.accelerator : undefined);
  const planned: Array<{ m: WorkloadModel; plan: PlanLike }> = [];
  for (const m of req.models) {
    const providers = request.providers ?? m.constraints?.providers;
    const constraints = { ...m.constraints, pricing: 'on-demand' as const, objective: 'cost' as const, ...(acc ? { accelerators: [acc] } : {}), ...(providers ? { providers: [...providers] } : {}), ...(req.minPriceConfidence ? { minPriceConfidence: req.minPriceConfidence } : {}) };
    const r = req.planFn({ model: m.model, training: m.training, constraints, top: 1 });
    const best = r.plans[0];
    if (!best) return { ok: false, model: m.name, reason: r.infeasible?.reason ?? 'no feasible on-demand plan' };
    acc ??= best.accelerator;
    planned.push({ m, plan: best });
  }
  const accId = acc!;
  const rent = rentTerms(req, accId);
  const spot = rent.spot;
  const runs: FleetRunReport[] = planned.map(({ m, plan }) => {
    const e = plan.estimate;
    const spotG = spot
      ? goodput({ gpus: plan.gpus, failureFreeSeconds: e.time.failureFreeSeconds, checkpointBytes: e.goodput.checkpointBytes, spot: { provider: spot.provider, gpusPerInstance: req.catalog.offers.find((o) => o.provider === spot.provider && o.instance === spot.instance)?.acceleratorCount ?? 8 }, assumptions: e.assumptions.goodput })
      : null;
    const odHours = e.time.totalSeconds / 3600;
    const deadlineDays = m.constraints?.deadlineDays ?? null;
    return {
      name: m.name, gpus: plan.gpus, runsPerYear: req.runsPerYear, deadlineDays, plan,
      hoursPerRun: { 'on-demand': odHours, 'reserved-1y': odHours, 'reserved-3y': odHours, buy: odHours, ...(spotG ? { spot: spotG.wallClockSeconds / 3600 } : {}) },
      goodput: { onDemand: e.goodput.goodput, spot: spotG?.goodput ?? null },
    };
  });
  const buy = buyTerms(req, accId);
  const economics = fleetEconomics({
    horizonYears: req.horizonYears,
    runs: runs.map((r) => ({ name: r.name, gpus: r.gpus, runsPerYear: r.runsPerYear, hoursPerRun: r.hoursPerRun, deadlineHours: r.deadlineDays === null ? null : r.deadlineDays * 24 })),
    rent,
    buy,
  });
  const notes: string[] = [];
  if (!buy) notes.push(`no purchase price for ${accId}: add a fleets: entry to a --catalog file and pass --fleet <name> to compare buying`);
  else if (!req.fleet) notes.push('buying uses the built-in purchase price, which excludes networking, storage, staff and colocation: give a fleets: entry (--fleet) for a decision that matters');
  for (const k of RENT) if (!rent[k]) notes.push(`no ${k} offer carries ${accId}`);
  return { ok: true, report: { accelerator: accId, runs, rent, buy, economics, notes } };
}
