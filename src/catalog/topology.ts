import type { AcceleratorSpec, Offer } from '../schema/index.js';

/**
 * The scale-up (NVLink / Infinity Fabric / NeuronLink / ICI) domain of an offer: the GPUs one rented unit
 * joins with its fast fabric. A rental of `acceleratorCount` GPUs links at most that many, so the domain
 * is min(accelerator domain, GPUs per instance) — a 1-GPU listing has no scale-up peers and every
 * collective between two listings crosses the scale-out network. An offer declares a larger domain with
 * `scaleUpDomainSize` (GB200/GB300 NVL72 racks, Trn2 UltraServers of 64 chips).
 * TPUs are rented as slices whose chips all talk over ICI, across hosts ("TPU chips in each slice
 * communicate through inter-chip-interconnect (ICI)": https://cloud.google.com/tpu/docs/multislice-introduction,
 * read 2026-12-01), so a TPU offer keeps the accelerator's (pod) domain.
 */
export function offerScaleUpDomain(offer: Pick<Offer, 'acceleratorCount' | 'interconnect'>, accelerator: Pick<AcceleratorSpec, 'kind' | 'scaleUp'>): number {
  const declared = offer.interconnect.scaleUpDomainSize;
  if (declared != null) return declared;
  if (accelerator.kind === 'tpu') return accelerator.scaleUp.domainSize;
  return Math.max(1, Math.min(accelerator.scaleUp.domainSize, offer.acceleratorCount));
}

/** The most GPUs an offer can supply at once: maxInstances × GPUs per instance; null when no limit is stated. */
export function offerCapacityGpus(offer: Pick<Offer, 'acceleratorCount' | 'maxInstances'>): number | null {
  return offer.maxInstances == null ? null : offer.maxInstances * offer.acceleratorCount;
}
