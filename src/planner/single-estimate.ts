import { assertProvider, cheapestOffer, findOffer, getAccelerator, gpuHourPrice } from '../catalog/index.js';
import { estimate, gridFor, precisionSupport, unmeasuredWarning, type Assumptions, type EstimateResult, type NetworkOverride, type PriceInput, type RunOverheadsInput } from '../estimator/index.js';
import { InputError, type Catalog, type Layout, type ModelConfig, type Offer, type Pricing, type TrainingConfig } from '../schema/index.js';

export interface EstimateRequest {
  model: ModelConfig;
  training: TrainingConfig;
  catalog: Catalog;
  accelerator: string;
  layout: Layout;
  provider?: string;
  instance?: string;
  pricing: Pricing;
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

function chooseOffer(req: EstimateRequest): Offer | null {
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
export function estimateRequest(req: EstimateRequest): PricedEstimate {
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
