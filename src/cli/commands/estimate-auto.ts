import type { LoadedModelFile } from '../../io/index.js';
import { plan, type PlannerCatalog } from '../../planner/index.js';
import { InputError, precisionSchema, type LayoutPins, type Pricing } from '../../schema/index.js';
import { choiceFlag } from '../flags.js';
import type { EstimateOpts } from './estimate-options.js';
import { pinsFromFlags } from './layout-flags.js';
import { recomputeFlag } from './stack-options.js';

/** The layout fields `estimate` accepts as `auto`, with their flags. */
const FIELDS = [
  ['tp', '--tp'], ['pp', '--pp'], ['cp', '--cp'], ['ep', '--ep'], ['vpp', '--vpp'], ['microBatch', '--micro-batch'], ['zero', '--zero'], ['recompute', '--recompute'],
] as const;
type AutoField = (typeof FIELDS)[number][0];

export interface AutoChoice {
  fields: AutoField[];
  chosen: Partial<Record<AutoField, number | string>>;
}

export function autoFields(o: EstimateOpts): AutoField[] {
  return FIELDS.filter(([k]) => o[k] === 'auto').map(([k]) => k);
}

/**
 * Fills the `auto` layout flags with what `trainplan plan` would choose — the fastest layout that fits —
 * for this accelerator, GPU count, price model and the fields that are given (the others at their
 * defaults, all pinned). Returns the options with the auto fields replaced, or throws InputError (exit 2)
 * when auto cannot apply or no layout of that shape fits.
 */
export function resolveAuto(o: EstimateOpts, loaded: LoadedModelFile, catalog: PlannerCatalog, pricing: Pricing, assumptions: object, gridRegions: Parameters<typeof plan>[0]['gridRegions']): { opts: EstimateOpts; auto: AutoChoice | null } {
  const fields = autoFields(o);
  if (fields.length === 0) return { opts: o, auto: null };
  const flag = (k: AutoField) => FIELDS.find(([f]) => f === k)![1];
  const model = loaded.model;
  if (fields.includes('ep') && !model.moe) throw new InputError('INVALID_OPTION', 'auto cannot apply: expert parallelism needs a mixture-of-experts model (this one is dense)', { location: '--ep' });
  if (fields.includes('vpp') && !fields.includes('pp') && (o.pp === undefined || o.pp === '1')) {
    throw new InputError('INVALID_OPTION', 'auto cannot apply: virtual pipeline stages need pp > 1 (give --pp n or --pp auto)', { location: '--vpp' });
  }
  if (o.accelerator === undefined) throw new InputError('MISSING_OPTION', '--accelerator is required (e.g. --accelerator h100-sxm)');
  if (o.gpus === undefined) throw new InputError('MISSING_OPTION', '--gpus is required (e.g. --gpus 64)');
  // Fields neither given nor auto are pinned at estimate's defaults, so auto only moves what was asked.
  const given: EstimateOpts = { ...o };
  for (const [k] of FIELDS) if (given[k] === undefined) given[k] = k === 'recompute' ? recomputeFlag(undefined, loaded.training).recompute : k === 'zero' ? '1' : '1';
  if (given.recompute !== 'auto' && !['none', 'selective', 'full'].includes(given.recompute!)) {
    throw new InputError('INVALID_OPTION', `auto cannot apply with recompute ${given.recompute}: the search covers none, selective and full`, { location: '--recompute' });
  }
  const pins: LayoutPins = pinsFromFlags(given);
  const precision = choiceFlag(o.precision, '--precision', precisionSchema.options) ?? loaded.training.precision;
  const gpus = Number(o.gpus);
  const r = plan({
    model, training: { ...loaded.training, precision }, catalog, pins, top: 1, assumptions, ...(gridRegions ? { gridRegions } : {}),
    constraints: { accelerators: [o.accelerator], ...(o.provider ? { providers: [o.provider] } : {}), pricing, minGpus: gpus, maxGpus: gpus, objective: 'time', deadlineDays: 36500 },
  });
  const best = r.plans[0];
  if (!best) {
    throw new InputError('AUTO_NO_LAYOUT', `auto cannot apply: no layout of ${gpus} × ${o.accelerator} with the given fields fits${r.infeasible ? ` (${r.infeasible.reason})` : ''}`, { location: flag(fields[0]!) });
  }
  const l = best.layout;
  const chosen: AutoChoice['chosen'] = {};
  const opts: EstimateOpts = { ...o };
  for (const k of fields) {
    chosen[k] = l[k];
    opts[k] = String(l[k]);
  }
  return { opts, auto: { fields, chosen } };
}
