import { assertProvider, cheapestOffer, findOffer, getAccelerator, gpuHourPrice, termLimit, offerCapacityGpus, offerScaleUpDomain } from '../catalog/index.js';
import { estimate, gridFor, precisionSupport, unmeasuredWarning, type Assumptions, type EstimateResult, type NetworkOverride, type PriceInput, type RunOverheadsInput } from '../estimator/index.js';
import { checkEstimateFields, checkRunInput, layoutFromRequest, type LayoutRequest, InputError, type Catalog, type Layout, type ModelConfig, type Offer, type Pricing, type TrainingConfig } from '../schema/index.js';

export interface EstimateRequest {
  model: ModelConfig;
  training: TrainingConfig;
  catalog: Catalog;
  accelerator: string;
  /** `gpus` and any fields to pin; the rest take the CLI's defaults (precision: the training section's). */
  layout: Layout | LayoutRequest;
  provider?: string;
  instance?: string;
  /** Default on-demand. */
  pricing?: Pricing;
  assumptions?: Partial<Assumptions>;
  /** Goodput/energy constants and grid intensity (see estimator/run-overheads.ts). */
  overheads?: RunOverheadsInput;
  /** hardware-catalog/grid-intensity.yaml rows: the chosen offer's region sets the carbon intensity. */
  gridRegions?: Parameters<typeof gridFor>[0];
  /** Where the precision came from, for error messages (e.g. `model.yaml: training.precision`); default by comparison with the model file. */
  precisionSource?: string;
}

export interface PricedEstimate {
  result: EstimateResult;
  offer: Offer | null;
  warnings: string[];
}

/** What the offer's topology and capacity mean for this layout: TP beyond the scale-up domain, GPUs beyond maxInstances. */
function topologyWarnings(layout: Layout, offer: Offer, domain: number): string[] {
  const out: string[] = [];
  const tp = layout.tp;
  if (tp > domain) {
    out.push(`TP ${tp} spans ${Math.ceil(tp / domain)} scale-up domains of ${domain} GPU(s) (${offer.provider}/${offer.instance}): tensor-parallel traffic crosses the scale-out network`);
  }
  const cap = offerCapacityGpus(offer);
  if (cap !== null && layout.gpus > cap) {
    out.push(`${layout.gpus} GPUs is more than ${offer.provider}/${offer.instance} can supply (${offer.maxInstances} instance(s) × ${offer.acceleratorCount} GPU(s) = ${cap})`);
  }
  return out;
}

/** The request validated (the same zod schemas as the CLI's inputs) with every default filled. */
function normalizeEstimateRequest(req: EstimateRequest): NormalizedRequest {
  checkRunInput(req, 'estimateRequest');
  const { pricing } = checkEstimateFields(req as unknown as Record<string, unknown>);
  return { ...req, pricing, layout: layoutFromRequest(req.layout, req.training.precision) };
}

type NormalizedRequest = EstimateRequest & { layout: Layout; pricing: Pricing };

function chooseOffer(req: NormalizedRequest): Offer | null {
  if (req.instance !== undefined) {
    if (req.provider === undefined) throw new InputError('INVALID_OPTION', '--instance needs --provider', { location: '--instance' });
    const offer = findOffer(req.catalog, req.provider, req.instance);
    if (offer.accelerator !== req.accelerator) {
      throw new InputError('OFFER_ACCELERATOR_MISMATCH', `${req.provider}/${req.instance} carries ${offer.accelerator}, not ${req.accelerator}`, { location: '--instance', suggestion: `use --accelerator ${offer.accelerator}` });
    }
    return offer;
  }
  if (req.provider !== undefined) {
    assertProvider(req.catalog, req.provider);
    const own = { ...req.catalog, offers: req.catalog.offers.filter((o) => o.provider === req.provider) };
    const offer = cheapestOffer(own, req.accelerator, req.pricing);
    if (!offer) throw new InputError('NO_OFFER', `${req.provider} has no ${req.pricing} offer for ${req.accelerator}`, { location: '--provider' });
    return offer;
  }
  return cheapestOffer(req.catalog, req.accelerator, req.pricing) ?? null;
}

/**
 * `trainplan estimate`: one layout on one accelerator, priced by the named offer or the cheapest one
 * under the pricing model. Without --instance the accelerator's reference interconnect is modelled
 * (its DGX/HGX fabric), so step times do not depend on which cloud happens to be cheapest.
 */
export function estimateRequest(request: EstimateRequest): PricedEstimate {
  const req = normalizeEstimateRequest(request);
  const accelerator = getAccelerator(req.catalog, req.accelerator);
  const support = precisionSupport(accelerator, req.layout.precision);
  if (!support.ok) {
    const location = req.precisionSource ?? (req.training.precision === req.layout.precision ? 'training.precision' : '--precision');
    const fromFile = location !== '--precision';
    throw new InputError('PRECISION_UNSUPPORTED', `${support.reason}${fromFile ? ' (the model file trains in fp8)' : ''}`, {
      location,
      suggestion: 'use --precision bf16',
    });
  }
  if (req.training.finetune?.method === 'qlora' && req.layout.precision !== 'bf16' && req.layout.precision !== 'fp16') {
    throw new InputError('PRECISION_UNSUPPORTED', `QLoRA de-quantises to a 16-bit compute dtype; precision ${req.layout.precision} is not supported`, {
      location: req.training.precision === req.layout.precision ? 'training.precision' : '--precision',
      suggestion: 'use --precision bf16',
    });
  }
  const offer = chooseOffer(req);
  const warnings: string[] = [];
  const unmeasured = unmeasuredWarning(accelerator);
  if (unmeasured) warnings.push(unmeasured);
  let price: PriceInput | null = null;
  if (offer) {
    const usd = gpuHourPrice(offer, req.pricing);
    if (usd === null) warnings.push(`${offer.provider}/${offer.instance} has no ${req.pricing} price; cost is not computed`);
    else {
      const steps = termLimit(offer, req.pricing)?.billingSteps;
      price = { usdPerGpuHour: usd, provider: offer.provider, instance: offer.instance, pricing: req.pricing, gpusPerInstance: offer.acceleratorCount, ...(steps ? { billingSteps: steps } : {}) };
    }
    if (req.layout.gpus % offer.acceleratorCount !== 0) {
      warnings.push(`${req.layout.gpus} GPUs is not a whole number of ${offer.instance} instances (${offer.acceleratorCount} each); cost assumes per-GPU billing`);
    }
  } else {
    warnings.push(`no ${req.pricing} offer carries ${req.accelerator}; cost is not computed (add one with --catalog)`);
  }
  const explicit = req.instance !== undefined || req.provider !== undefined;
  // The named offer's own topology (catalog/topology.ts), as the planner times it.
  const network: NetworkOverride | undefined =
    offer && explicit ? { scaleOutBitsPerSecondPerGpu: offer.interconnect.scaleOutBitsPerSecondPerGpu, scaleUpDomainSize: offerScaleUpDomain(offer, accelerator) } : undefined;
  if (offer && explicit) warnings.push(...topologyWarnings(req.layout, offer, network!.scaleUpDomainSize!));
  const result = estimate({
    model: req.model,
    training: req.training,
    accelerator,
    layout: req.layout,
    price,
    ...(network ? { network } : {}),
    ...(req.assumptions ? { assumptions: req.assumptions } : {}),
    overheads: { ...req.overheads, grid: offer && req.gridRegions ? gridFor(req.gridRegions, offer.provider, offer.region) : (req.overheads?.grid ?? null) },
  });
  // Term and flex pricing models sell a limited run (catalog termLimits): say so when this one is longer or larger.
  const term = offer ? termLimit(offer, req.pricing) : null;
  if (offer && term && result.ok) {
    const days = result.estimate.time.totalDays;
    if (days > term.maxDays) warnings.push(`${req.pricing} on ${offer.provider}/${offer.instance} sells at most ${term.maxDays} days; this run takes ${days.toFixed(2)} days (a plan rejects it as past-term-limit)`);
    const instances = Math.ceil(req.layout.gpus / offer.acceleratorCount);
    if (term.maxInstances !== undefined && instances > term.maxInstances) warnings.push(`${req.pricing} on ${offer.provider}/${offer.instance} sells at most ${term.maxInstances} instances; this layout needs ${instances}`);
  }
  return { result, offer, warnings };
}
