import { epochDay, STALE_AFTER_DAYS } from '../catalog/index.js';
import { efficiencyFor, unmeasuredWarning } from '../estimator/index.js';
import type { AcceleratorSpec, Offer, Warning } from '../schema/index.js';
import { wrapText } from './grid.js';

/**
 * The range the estimator has been checked in: the 45 published runs of
 * test/fixtures/validation/calibration.yaml (README "How accurate is it?"): 8 … 6,144 GPUs,
 * sequences of 2,048 … 8,192 tokens, A100/H100/H200/B200 (the measured efficiency profiles).
 */
export const VALIDATED_RANGE = { gpus: { min: 8, max: 6144 }, sequenceLength: { min: 2048, max: 8192 } } as const;

/** What a command used: the accelerators and offers behind its numbers, at the date of the run. */
export interface WarningFacts {
  /** The run date (YYYY-MM-DD), passed in by the CLI (TRAINPLAN_TODAY pins it); prices age against it. */
  runDate: string;
  catalog: { accelerators: readonly AcceleratorSpec[]; offers: readonly Offer[] };
  /** One entry per plan or estimate shown. provider/instance null when no offer priced it. */
  uses: readonly { accelerator: string; provider: string | null; instance: string | null; gpus: number }[];
  sequenceLength?: number;
  /** Price age limit in days (default STALE_AFTER_DAYS, 180). */
  maxAgeDays?: number;
}

export interface UseFlags {
  lowConfidence: boolean;
  stale: boolean;
  unmeasured: boolean;
  outsideRange: boolean;
}

const findOffer = (facts: WarningFacts, provider: string | null, instance: string | null): Offer | undefined =>
  provider === null || instance === null ? undefined : facts.catalog.offers.find((o) => o.provider === provider && o.instance === instance);

/** Age of a price in whole days at the run date (negative when asOf is after it). */
export const priceAgeDays = (asOf: string, runDate: string): number => epochDay(runDate) - epochDay(asOf);

/** The marks one plan or estimate gets (the plan table's flags column). */
export function flagsFor(facts: WarningFacts, use: WarningFacts['uses'][number]): UseFlags {
  const offer = findOffer(facts, use.provider, use.instance);
  const spec = facts.catalog.accelerators.find((a) => a.id === use.accelerator);
  return {
    lowConfidence: offer !== undefined && offer.priceConfidence !== 'list',
    stale: offer !== undefined && priceAgeDays(offer.asOf, facts.runDate) > (facts.maxAgeDays ?? STALE_AFTER_DAYS),
    unmeasured: spec !== undefined && !efficiencyFor(spec).measured,
    outsideRange: use.gpus < VALIDATED_RANGE.gpus.min || use.gpus > VALIDATED_RANGE.gpus.max,
  };
}

/** "L S U R" letters for a table cell; legend in FLAG_LEGEND. */
export const flagLetters = (f: UseFlags): string => [f.lowConfidence ? 'L' : '', f.stale ? 'S' : '', f.unmeasured ? 'U' : '', f.outsideRange ? 'R' : ''].join('');

export const FLAG_LEGEND = 'flags: L low-confidence price (not the provider\'s list) · S price over 180 days old · U efficiency not measured · R outside the validated range';

const CONFIDENCE_TEXT = { reseller: 'a reseller or aggregator price', 'third-party': 'a third-party price, not the provider\'s list' } as const;

/**
 * Warnings for what a command used, one per distinct offer / accelerator / fact, in a fixed order:
 * low-confidence prices, stale prices (asOf more than maxAgeDays before the run date), accelerators
 * whose efficiency is the generic fallback, and sizes outside the validated range.
 */
export function deriveWarnings(facts: WarningFacts): Warning[] {
  const maxAgeDays = facts.maxAgeDays ?? STALE_AFTER_DAYS;
  const out: Warning[] = [];
  const seen = new Set<string>();
  const once = (key: string, w: Warning) => {
    if (seen.has(key)) return;
    seen.add(key);
    out.push(w);
  };
  for (const u of facts.uses) {
    const offer = findOffer(facts, u.provider, u.instance);
    if (offer && offer.priceConfidence !== 'list') {
      once(`c:${offer.provider}/${offer.instance}`, { code: 'PRICE_LOW_CONFIDENCE', message: `${offer.provider}/${offer.instance}: ${CONFIDENCE_TEXT[offer.priceConfidence]} (low confidence); confirm it before committing`, provider: offer.provider, instance: offer.instance, priceConfidence: offer.priceConfidence });
    }
    if (offer) {
      const ageDays = priceAgeDays(offer.asOf, facts.runDate);
      if (ageDays > maxAgeDays) once(`s:${offer.provider}/${offer.instance}`, { code: 'PRICE_STALE', message: `${offer.provider}/${offer.instance}: price from ${offer.asOf} is ${ageDays} days old on ${facts.runDate} (limit ${maxAgeDays})`, provider: offer.provider, instance: offer.instance, asOf: offer.asOf, ageDays, maxAgeDays });
    }
    const spec = facts.catalog.accelerators.find((a) => a.id === u.accelerator);
    if (spec && !efficiencyFor(spec).measured) {
      once(`u:${spec.id}`, { code: 'ACCELERATOR_UNMEASURED', message: unmeasuredWarning(spec) ?? `${spec.id} has no public efficiency measurement`, accelerator: spec.id });
    }
    const g = VALIDATED_RANGE.gpus;
    if (u.gpus < g.min || u.gpus > g.max) {
      once(`r:gpus:${u.gpus}`, { code: 'OUTSIDE_VALIDATED_RANGE', message: `${u.gpus} GPU${u.gpus === 1 ? '' : 's'} is outside the validated range (${g.min}–${g.max} GPUs in the 45 published runs)`, field: 'gpus', value: u.gpus, validatedMin: g.min, validatedMax: g.max });
    }
  }
  const s = VALIDATED_RANGE.sequenceLength;
  if (facts.sequenceLength !== undefined && (facts.sequenceLength < s.min || facts.sequenceLength > s.max)) {
    out.push({ code: 'OUTSIDE_VALIDATED_RANGE', message: `sequence length ${facts.sequenceLength} is outside the validated range (${s.min}–${s.max} tokens)`, field: 'sequenceLength', value: facts.sequenceLength, validatedMin: s.min, validatedMax: s.max });
  }
  const order = ['PRICE_LOW_CONFIDENCE', 'PRICE_STALE', 'ACCELERATOR_UNMEASURED', 'OUTSIDE_VALIDATED_RANGE'];
  return out.map((w, i) => ({ w, i })).sort((a, b) => order.indexOf(a.w.code) - order.indexOf(b.w.code) || a.i - b.i).map((x) => x.w);
}

/** Plain notes (e.g. the estimator's own) as warnings with one code. */
export const noteWarnings = (code: string, notes: readonly string[]): Warning[] => notes.map((message) => ({ code, message }));

/** A warning's words once its offer is named: the table block puts one offer's warnings on one line. */
function shortText(w: Warning): string {
  if (w.code === 'PRICE_LOW_CONFIDENCE') return `${String(w.priceConfidence)} price, not the provider's list (low confidence)`;
  if (w.code === 'PRICE_STALE') return `price ${String(w.ageDays)} days old (asOf ${String(w.asOf)})`;
  return w.message;
}

/**
 * The table block: one line per offer (its warnings joined), then the rest; at most `limit` lines, the
 * remainder counted ("… and 12 more"); every line wrapped at `width`.
 */
export function renderWarnings(warnings: readonly Warning[], width = 100, limit = 8): string {
  if (!warnings.length) return '';
  const byOffer = new Map<string, string[]>();
  const lines: string[] = [];
  for (const w of warnings) {
    if (typeof w.provider === 'string' && typeof w.instance === 'string') {
      const key = `${w.provider}/${w.instance}`;
      if (!byOffer.has(key)) {
        byOffer.set(key, []);
        lines.push(key);
      }
      byOffer.get(key)!.push(shortText(w));
    } else lines.push(w.message);
  }
  const text = lines.map((l) => (byOffer.has(l) ? `${l}: ${byOffer.get(l)!.join('; ')}` : l));
  const shown = text.slice(0, limit).map((l) => wrapText(`  ! ${l}`, width, 4));
  if (text.length > limit) shown.push(`  … and ${text.length - limit} more (--json lists every warning)`);
  return `warnings (${warnings.length}):\n${shown.join('\n')}\n`;
}
