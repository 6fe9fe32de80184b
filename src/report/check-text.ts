import type { GateOutcome } from '../planner/index.js';
import type { PlanPoint } from '../schema/index.js';
import { usd } from './human.js';

/** Days with one decimal ("10.5 days"). */
export const days = (d: number): string => `${d.toFixed(1)} days`;
/** A signed percentage ("+25.0%", "-3.2%"). */
export const signedPercent = (p: number | null): string => (p === null ? 'n/a' : `${p > 0 ? '+' : p < 0 ? '' : '±'}${p.toFixed(1)}%`);
export const money = (x: number | null): string => (x === null ? 'n/a' : usd(x));

/** "64 × h100-sxm · aws p5.48xlarge · on-demand" */
export const planLabel = (p: PlanPoint): string => `${p.gpus} × ${p.accelerator} · ${p.provider} ${p.instance} · ${p.pricing}`;

/** "TP 8 · PP 1 · DP 8 · ZeRO-1 · bf16" (degrees above 1 only for CP/EP/VPP). */
export function layoutLabel(l: PlanPoint['layout']): string {
  const extra = [l.cp > 1 ? `CP ${l.cp}` : '', l.ep > 1 ? `EP ${l.ep}` : '', l.vpp > 1 ? `VPP ${l.vpp}` : ''].filter(Boolean);
  return [`TP ${l.tp}`, `PP ${l.pp}`, `DP ${l.dp}`, ...extra, `mb ${l.microBatch}`, `ZeRO-${l.zero}`, `recompute ${l.recompute}`, l.precision].join(' · ');
}

/** The gate's name as the report prints it: "budget", "max-increase (cost, best plan)". */
export function gateTitle(g: Pick<GateOutcome, 'gate' | 'subject' | 'metric'>): string {
  if (g.gate !== 'max-increase') return g.gate;
  return `max-increase (${g.metric}, ${g.subject === 'same-offer' ? 'baseline offer' : 'best plan'})`;
}

const value = (unit: GateOutcome['unit'], v: number | null): string =>
  v === null ? 'n/a' : unit === 'usd' ? usd(v) : unit === 'days' ? days(v) : unit === 'percent' ? signedPercent(v) : String(v);

/** The limit column: "$1.00M", "30.0 days", "+10.0%". */
export const gateLimit = (g: GateOutcome): string => (g.limit === null ? '-' : value(g.unit, g.limit));
/** The actual column. */
export const gateActual = (g: GateOutcome): string => (g.actual === null ? '-' : value(g.unit, g.actual));

const dayLimit = (d: number): string => `${Number.isInteger(d) ? d : d.toFixed(1)}-day`;

/** "budget $1.62M > $500.0K (+224.4%)": a failed gate in a few words, for the verdict line. */
export function gateBrief(g: GateOutcome): string {
  if (g.gate === 'feasible') return `no feasible plan (${g.note ?? 'no layout fits'})`;
  if (g.status === 'fail' && g.actual === null) return `${gateTitle(g)} cannot be evaluated (${g.note ?? 'nothing to compare'})`;
  const over = g.excessPercent === null ? '' : ` (${signedPercent(g.excessPercent)})`;
  return `${gateTitle(g)} ${value(g.unit, g.actual)} > ${value(g.unit, g.limit)}${over}`;
}

/** One sentence: what the gate measured and, when it failed, by how much. */
export function gateMessage(g: GateOutcome): string {
  if (g.status === 'skip') return `skipped: ${g.note ?? 'nothing to compare'}`;
  if (g.status === 'fail' && g.actual === null && g.gate !== 'feasible') return `cannot be evaluated, so it fails: ${g.note ?? 'nothing to compare'}`;
  if (g.gate === 'feasible') return g.status === 'pass' ? 'at least one plan fits in memory within the GPU limits' : `no feasible plan: ${g.note ?? 'no layout fits'}`;
  const over = g.excessPercent === null ? '' : ` (${signedPercent(g.excessPercent)})`;
  if (g.gate === 'budget') {
    return g.status === 'pass'
      ? `${usd(g.actual!)} is within the ${usd(g.limit!)} budget`
      : `the cheapest qualifying plan costs ${usd(g.actual!)}: ${usd(g.excess!)}${over} over the ${usd(g.limit!)} budget`;
  }
  if (g.gate === 'deadline') {
    return g.status === 'pass'
      ? `${days(g.actual!)} is within the ${dayLimit(g.limit!)} deadline`
      : `the fastest qualifying plan takes ${days(g.actual!)}: ${days(g.excess!)}${over} past the ${dayLimit(g.limit!)} deadline`;
  }
  const what = `${g.metric} ${signedPercent(g.actual)} vs the baseline${g.subject === 'same-offer' ? ' on its offer and GPU count' : ''}`;
  return `${what}, ${g.status === 'pass' ? 'within' : 'above'} the ${signedPercent(g.limit)} limit`;
}

/** The one-line verdict: PASS with the best plan, or FAIL with every failed gate. */
export function summaryLine(verdict: 'pass' | 'fail', gates: GateOutcome[], best: PlanPoint | null): string {
  if (verdict === 'pass') {
    const n = gates.filter((g) => g.status === 'pass').length;
    const plan = best ? `${money(best.usd)}, ${days(best.totalSeconds / 86400)} on ${planLabel(best)}` : 'no plan';
    return `PASS: ${n} gate${n === 1 ? '' : 's'} passed; best plan ${plan}`;
  }
  return `FAIL: ${gates.filter((g) => g.status === 'fail').map(gateBrief).join('; ')}`;
}
