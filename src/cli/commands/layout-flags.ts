import { kindLayoutProblem } from '../../estimator/index.js';
import { InputError, type LayoutPins, type ModelConfig } from '../../schema/index.js';
import { intFlag } from '../flags.js';

/** The layout flags `plan`/`check` accept as pins (the same names as `estimate`'s). */
export interface LayoutPinOpts {
  tp?: string;
  pp?: string;
  cp?: string;
  ep?: string;
  vpp?: string;
  microBatch?: string;
  zero?: string;
  recompute?: string;
}

const SEARCHED = ['none', 'selective', 'full'] as const;

/** `--tp 8 --pp 16 …` as pins; `auto` (or no flag) leaves a degree free. */
export function pinsFromFlags(o: LayoutPinOpts): LayoutPins {
  const pins: LayoutPins = {};
  const int = (v: string | undefined, flag: string, min = 1) => (v === undefined || v === 'auto' ? undefined : intFlag(v, flag, min));
  const set = <K extends keyof LayoutPins>(k: K, v: LayoutPins[K] | undefined) => {
    if (v !== undefined) pins[k] = v;
  };
  set('tp', int(o.tp, '--tp'));
  set('pp', int(o.pp, '--pp'));
  set('cp', int(o.cp, '--cp'));
  set('ep', int(o.ep, '--ep'));
  set('vpp', int(o.vpp, '--vpp'));
  set('microBatch', int(o.microBatch, '--micro-batch'));
  const z = int(o.zero, '--zero', 0);
  if (z !== undefined && z > 3) throw new InputError('INVALID_OPTION', `expected 0, 1, 2 or 3, got "${o.zero}"`, { location: '--zero' });
  set('zero', z as LayoutPins['zero']);
  if (o.recompute !== undefined && o.recompute !== 'auto') {
    if (!(SEARCHED as readonly string[]).includes(o.recompute)) {
      throw new InputError('INVALID_OPTION', `the search covers recompute ${SEARCHED.join(', ')}; got "${o.recompute}" (use estimate for op-level or partial)`, { location: '--recompute' });
    }
    pins.recompute = o.recompute as (typeof SEARCHED)[number];
  }
  return pins;
}

/** Pins a model cannot use (`--ep 2` on a dense model, `--tp 2` on a CNN, `--pp 2` on an encoder-decoder): exit 2, as `estimate` does. */
export function kindPins(model: ModelConfig, pins: LayoutPins): LayoutPins {
  if (pins.ep !== undefined && pins.ep > 1 && !model.moe) {
    throw new InputError('INVALID_OPTION', `expert parallelism needs a mixture-of-experts model (this one is dense); got ${pins.ep}`, { location: '--ep', suggestion: 'use --ep 1 (or leave it out)' });
  }
  const p = kindLayoutProblem(model, pins);
  if (p) throw new InputError(`LAYOUT_${p.reason.toUpperCase().replace(/-/g, '_')}`, p.message, { location: 'layout', ...(p.suggestion ? { suggestion: p.suggestion } : {}) });
  return pins;
}
