import { assertProvider, cheapestOffer, findOffer, getAccelerator, gpuHourPrice } from '../catalog/index.js';
import { estimate, gridFor, type Assumptions, type EstimateResult, type NetworkOverride, type PriceInput, type RunOverheadsInput } from '../estimator/index.js';
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
}

export interface PricedEstimate {
  result: EstimateResult;
  offer: Offer | null;
  warnings: string[];
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
  if (req.layout.precision === 'fp8' && accelerator.peakTflops.fp8 === null) {
    throw new InputError('PRECISION_UNSUPPORTED', `${accelerator.id} has no FP8 tensor cores`, { location: '--precision', suggestion: 'use --precision bf16' });
  }
  const offer = chooseOffer(req);
  const warnings: string[] = [];
  let price: PriceInput | null = null;
  if (offer) {
    const usd = gpuHourPrice(offer, req.pricing);
    if (usd === null) warnings.push(`${offer.provider}/${offer.instance} has no ${req.pricing} price; cost is not computed`);
    else price = { usdPerGpuHour: usd, provider: offer.provider, instance: offer.instance, pricing: req.pricing, gpusPerInstance: offer.acceleratorCount };
    if (req.layout.gpus % offer.acceleratorCount !== 0) {
      warnings.push(`${req.layout.gpus} GPUs is not a whole number of ${offer.instance} instances (${offer.acceleratorCount} each); cost assumes per-GPU billing`);
    }
  } else {
    warnings.push(`no ${req.pricing} offer carries ${req.accelerator}; cost is not computed (add one with --catalog)`);
  }
  const explicit = req.instance !== undefined || req.provider !== undefined;
  const network: NetworkOverride | undefined =
    offer && explicit
      ? { scaleOutBitsPerSecondPerGpu: offer.interconnect.scaleOutBitsPerSecondPerGpu, ...(offer.interconnect.scaleUpDomainSize ? { scaleUpDomainSize: offer.interconnect.scaleUpDomainSize } : {}) }
      : undefined;
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
  return { result, offer, warnings };
}
