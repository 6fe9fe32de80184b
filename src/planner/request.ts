import { precisionSupport, type NetworkOverride } from '../estimator/index.js';
import { gpuHourPrice, offerCapacityGpus, offerScaleUpDomain, splitByPriceConfidence, termLimit, type SkippedOffer } from '../catalog/index.js';
import { didYouMean, InputError, planPricingSchema, type AcceleratorSpec, type BillingStep, type Offer, type PlanPricing, type Precision } from '../schema/index.js';
import { CONSTRAINT_KEYS, type ConstraintSources, type OwnedPlanOffer, type PlanInput, type ResolvedConstraints } from './types.js';

export const DEFAULT_MAX_GPUS = 16384;
/** A run longer than a year is almost never what anyone means to buy: the default deadline (issue 10 item 5), stated in every plan. */
export const DEFAULT_DEADLINE_DAYS = 365;
export const DEFAULT_TOP = 5;
export const DEFAULT_MIN_TOKENS_PER_CP_RANK = 1024;
const PRICING_ORDER: readonly PlanPricing[] = planPricingSchema.options;

/** One (offer, pricing model) pair with its price per accelerator-hour. */
export interface PricePoint {
  offer: Offer;
  pricing: PlanPricing;
  /** Never more GPUs than this: an owned fleet's size, or a rented offer's maxInstances × GPUs per instance. */
  maxGpus?: number;
  /** Rented offers: the maxInstances the capacity comes from (null for owned fleets). */
  maxInstances?: number;
  /** Term and flex pricing models (Capacity Blocks, Flex-start): the longest run they sell; a longer plan is rejected as past-term-limit. */
  maxDays?: number;
  /** Whole-step billing of the term (Capacity Blocks: days, then weeks); cost pays the booked time. */
  billingSteps?: readonly BillingStep[];
  usdPerGpuHour: number;
  acceleratorCount: number;
}

/** Offers of one accelerator that share a network: the step time of a layout is the same on all of them. */
export interface NetworkGroup {
  index: number;
  accelerator: AcceleratorSpec;
  network: Required<NetworkOverride>;
  points: PricePoint[];
  precisions: Precision[];
}

export interface SearchPlan {
  constraints: ResolvedConstraints;
  groups: NetworkGroup[];
  accelerators: string[];
  skipped: Array<{ accelerator: string; reason: string }>;
  /** Offers below constraints.minPriceConfidence (present only when it is set). */
  skippedOffers?: SkippedOffer[];
}

const minDefined = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function unknownId(kind: string, flag: string, id: string, known: string[]): InputError {
  const near = didYouMean(id, known);
  return new InputError(`UNKNOWN_${kind.toUpperCase()}`, `unknown ${kind} "${id}"`, {
    location: flag,
    suggestion: near ? `did you mean ${near}?` : `known: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}`,
  });
}

function positive(name: string, v: number | undefined, integer: boolean): void {
  if (v === undefined) return;
  if (!Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) {
    throw new InputError('INVALID_CONSTRAINT', `${name} must be a positive ${integer ? 'integer' : 'number'}, got ${v}`, { location: name });
  }
}

/** Defaults and validation of the merged constraints; bad or contradictory input throws InputError. */
export function resolveConstraints(input: PlanInput): ResolvedConstraints {
  const c = input.constraints ?? {};
  const objective = c.objective ?? 'cost';
  if (objective !== 'cost' && objective !== 'time') {
    throw new InputError('INVALID_OBJECTIVE', `unknown objective "${String(objective)}"`, { location: 'objective', suggestion: 'use cost or time' });
  }
  positive('minGpus', c.minGpus, true);
  positive('maxGpus', c.maxGpus, true);
  positive('deadlineDays', c.deadlineDays ?? undefined, false);
  positive('budgetUsd', c.budgetUsd, false);
  positive('top', input.top, true);
  const minGpus = c.minGpus ?? 1;
  const maxGpus = c.maxGpus ?? Math.max(DEFAULT_MAX_GPUS, minGpus);
  if (minGpus > maxGpus) {
    throw new InputError('CONTRADICTORY_CONSTRAINTS', `minGpus ${minGpus} is greater than maxGpus ${maxGpus}`, { location: 'minGpus' });
  }
  const pricingList = c.pricing === undefined ? ['on-demand' as const] : Array.isArray(c.pricing) ? c.pricing : [c.pricing];
  for (const p of pricingList) {
    if (!PRICING_ORDER.includes(p)) throw unknownId('pricing', 'pricing', String(p), [...PRICING_ORDER]);
  }
  return {
    objective,
    accelerators: c.accelerators ? [...new Set(c.accelerators)].sort(cmp) : [],
    providers: c.providers ? [...new Set(c.providers)].sort(cmp) : null,
    pricing: PRICING_ORDER.filter((p) => pricingList.includes(p)),
    minGpus,
    maxGpus,
    deadlineDays: c.deadlineDays === undefined ? DEFAULT_DEADLINE_DAYS : c.deadlineDays,
    budgetUsd: c.budgetUsd ?? null,
    allowFp8: c.allowFp8 ?? false,
    top: input.top ?? DEFAULT_TOP,
    minTokensPerCpRank: input.minTokensPerCpRank ?? DEFAULT_MIN_TOKENS_PER_CP_RANK,
    sources: sourcesOf(input),
    ...(input.pins && Object.keys(input.pins).length > 0 ? { pins: input.pins } : {}),
    ...(c.minPriceConfidence !== undefined ? { minPriceConfidence: checkConfidence(c.minPriceConfidence) } : {}),
  };
}

function checkConfidence(c: string): ResolvedConstraints['minPriceConfidence'] & string {
  const known = ['list', 'reseller', 'third-party'] as const;
  if (!(known as readonly string[]).includes(c)) throw unknownId('price confidence', 'minPriceConfidence', c, [...known]);
  return c as (typeof known)[number];
}

/** Flag, model file or caller for each constraint given; 'default' for the rest (deadlineDays: null counts as given). */
function sourcesOf(input: PlanInput): ConstraintSources {
  const c: Record<string, unknown> = { ...input.constraints, top: input.top };
  const out = {} as ConstraintSources;
  for (const k of CONSTRAINT_KEYS) out[k] = c[k] === undefined ? 'default' : (input.constraintSources?.[k] ?? 'caller');
  return out;
}

/**
 * Which accelerators, offers, pricing models and precisions the search covers. Precision: the model
 * file's; with `allowFp8` also fp8 on parts with FP8 tensor units (precisionSupport; when the file says bf16 or fp16).
 * A file asking for fp8 skips parts without FP8 units (TPU v4–v6e, Trainium1, Ampere and older).
 */
export function buildSearchPlan(input: PlanInput, constraints: ResolvedConstraints): SearchPlan {
  const cat = input.catalog;
  const accById = new Map(cat.accelerators.map((a) => [a.id, a]));
  const allIds = [...accById.keys()].sort(cmp);
  for (const id of constraints.accelerators) if (!accById.has(id)) throw unknownId('accelerator', 'accelerators', id, allIds);
  const ownedAll = cat.owned ?? [];
  const providers = [...new Set([...cat.offers, ...ownedAll].map((o) => o.provider))].sort(cmp);
  for (const p of constraints.providers ?? []) if (!providers.includes(p)) throw unknownId('provider', 'providers', p, providers);

  // --min-price-confidence: rented offers with less sure prices are left out and listed (owned fleets are the user's own numbers).
  const byConfidence = splitByPriceConfidence(cat.offers, constraints.minPriceConfidence);
  const rented = byConfidence.kept;
  const wanted = constraints.accelerators.length ? constraints.accelerators : [...new Set([...cat.offers, ...ownedAll].map((o) => o.accelerator))].filter((id) => accById.has(id)).sort(cmp);
  const groups: NetworkGroup[] = [];
  const skipped: SearchPlan['skipped'] = [];
  const accelerators: string[] = [];
  const modelPrecision = input.training.precision;
  for (const id of wanted) {
    const acc = accById.get(id)!;
    const owned = constraints.pricing.includes('owned') ? ownedAll : [];
    const offers: Array<Offer | OwnedPlanOffer> = [...rented, ...owned]
      .filter((o) => o.accelerator === id && (constraints.providers === null || constraints.providers.includes(o.provider) || 'maxGpus' in o))
      .slice()
      .sort((a, b) => cmp(a.provider, b.provider) || cmp(a.instance, b.instance) || a.acceleratorCount - b.acceleratorCount);
    if (offers.length === 0) {
      const below = byConfidence.skipped.some((s) => s.accelerator === id && (constraints.providers === null || constraints.providers.includes(s.provider)));
      skipped.push({ accelerator: id, reason: below ? `no offer with price confidence ${constraints.minPriceConfidence} or surer` : constraints.providers ? `not offered by ${constraints.providers.join(', ')}` : 'no offer in the catalog' });
      continue;
    }
    const fp8 = precisionSupport(acc, 'fp8');
    if (modelPrecision === 'fp8' && !fp8.ok) {
      skipped.push({ accelerator: id, reason: 'no FP8 tensor units (the model file trains in fp8)' });
      continue;
    }
    const precisions: Precision[] = [modelPrecision];
    // QLoRA computes in 16-bit only (finetune.ts): --allow-fp8 adds nothing there.
    const qlora = input.training.finetune?.method === 'qlora';
    if (constraints.allowFp8 && !qlora && (modelPrecision === 'bf16' || modelPrecision === 'fp16') && fp8.ok) precisions.push('fp8');
    const byNetwork = new Map<string, NetworkGroup>();
    for (const offer of offers) {
      const network = {
        scaleOutBitsPerSecondPerGpu: offer.interconnect.scaleOutBitsPerSecondPerGpu,
        // Instance-true topology (catalog/topology.ts): a 1-GPU listing has no NVLink peers.
        scaleUpDomainSize: offerScaleUpDomain(offer, acc),
      };
      const isOwned = 'maxGpus' in offer;
      const capacity = isOwned ? offer.maxGpus : (offerCapacityGpus(offer) ?? undefined);
      for (const pricing of constraints.pricing) {
        const usdPerGpuHour = pricing === 'owned' ? ('maxGpus' in offer ? offer.usdPerGpuHour : null) : !isOwned ? gpuHourPrice(offer, pricing) : null;
        if (usdPerGpuHour === null) continue;
        const key = `${network.scaleUpDomainSize}/${network.scaleOutBitsPerSecondPerGpu}`;
        let g = byNetwork.get(key);
        if (!g) {
          g = { index: -1, accelerator: acc, network, points: [], precisions };
          byNetwork.set(key, g);
        }
        // A term's instance limit (Capacity Blocks: 64 per block) caps the point like maxInstances does.
        const term = pricing === 'owned' || isOwned ? null : termLimit(offer, pricing);
        const termInstances = term?.maxInstances;
        const maxInstances = !isOwned ? minDefined(offer.maxInstances ?? undefined, termInstances) : undefined;
        const maxGpus = termInstances !== undefined ? Math.min(capacity ?? Infinity, termInstances * offer.acceleratorCount) : capacity;
        g.points.push({
          offer, pricing, usdPerGpuHour, acceleratorCount: offer.acceleratorCount,
          ...(maxGpus !== undefined ? { maxGpus } : {}),
          ...(maxInstances !== undefined ? { maxInstances } : {}),
          ...(term ? { maxDays: term.maxDays } : {}),
          ...(term?.billingSteps ? { billingSteps: term.billingSteps } : {}),
        });
      }
    }
    if (byNetwork.size === 0) {
      skipped.push({ accelerator: id, reason: `no ${constraints.pricing.join('/')} price` });
      continue;
    }
    accelerators.push(id);
    const sorted = [...byNetwork.values()].sort(
      (a, b) => a.network.scaleUpDomainSize - b.network.scaleUpDomainSize || a.network.scaleOutBitsPerSecondPerGpu - b.network.scaleOutBitsPerSecondPerGpu,
    );
    for (const g of sorted) groups.push(g);
  }
  groups.forEach((g, i) => (g.index = i));
  if (groups.length === 0) {
    const why = skipped.map((s) => `${s.accelerator}: ${s.reason}`).join('; ');
    throw new InputError('NO_OFFERS', `no offer matches the constraints${why ? ` (${why})` : ''}`, {
      location: constraints.providers ? 'providers' : 'accelerators',
      suggestion: 'widen --accelerators, --providers or --pricing',
    });
  }
  const inScope = byConfidence.skipped.filter((s) => (constraints.providers === null || constraints.providers.includes(s.provider)) && wanted.includes(s.accelerator));
  return { constraints, groups, accelerators, skipped, ...(constraints.minPriceConfidence !== undefined ? { skippedOffers: inScope } : {}) };
}
