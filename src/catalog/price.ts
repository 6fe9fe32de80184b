import { PRICING_KEY, type Offer, type Pricing, type UsdPerHour } from '../schema/index.js';

/** Price per accelerator-hour for each pricing model (instance price ÷ accelerators); null stays null. */
export function usdPerGpuHour(offer: Offer): UsdPerHour {
  const per = (p: number | null): number | null => (p === null ? null : p / offer.acceleratorCount);
  const u = offer.usdPerHour;
  return { onDemand: per(u.onDemand), spot: per(u.spot), reserved1y: per(u.reserved1y), reserved3y: per(u.reserved3y) };
}

/** Price per accelerator-hour under one pricing model, or null when the offer lacks it. */
export function gpuHourPrice(offer: Offer, pricing: Pricing): number | null {
  return usdPerGpuHour(offer)[PRICING_KEY[pricing]];
}
