import type { TopLevelSpec } from 'vega-lite';
import type { PlanEntry } from '../../schema/index.js';
import type { OptionResult } from '../../economics/index.js';
import { usd } from '../human.js';

/** Same look for every chart: fixed size and font so output is byte-identical run to run. */
const CONFIG = { font: 'Helvetica, Arial, sans-serif', view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 11, titleFontSize: 12, orient: 'bottom', direction: 'horizontal', columns: 3 } };
const GiB = 2 ** 30;

export const layoutLabel = (p: PlanEntry): string => {
  const l = p.layout;
  const parts = [`TP${l.tp}`, `PP${l.pp}`];
  if (l.vpp > 1) parts.push(`VPP${l.vpp}`);
  if (l.cp > 1) parts.push(`CP${l.cp}`);
  if (l.ep > 1) parts.push(`EP${l.ep}`);
  parts.push(`DP${l.dp}`);
  return `${parts.join('·')} mb${l.microBatch} ZeRO-${l.zero} ${l.recompute} ${l.precision}`;
};
export const planLabel = (p: PlanEntry): string => `${p.gpus}× ${p.accelerator} ${p.provider}/${p.instance} ${p.pricing}`;

/** Cost vs time of every candidate plan; the Pareto frontier joined and ringed, the top N numbered. */
export function scatterSpec(candidates: readonly PlanEntry[], top: number): TopLevelSpec {
  const rows = candidates.map((p) => ({
    plan: p.rank !== null && p.rank <= top ? `#${p.rank}` : p.frontier ? 'frontier' : 'candidate',
    label: p.rank !== null && p.rank <= top ? `#${p.rank}` : '',
    offer: planLabel(p),
    layout: layoutLabel(p),
    accelerator: p.accelerator,
    days: p.time.totalDays,
    usd: p.cost.usd ?? 0,
    frontier: p.frontier ? 'on the frontier' : 'dominated',
    desc: `${p.rank !== null ? `#${p.rank} ` : ''}${planLabel(p)} · ${layoutLabel(p)} · ${usd(p.cost.usd)} · ${p.time.totalDays.toFixed(1)} days${p.frontier ? ' · Pareto frontier' : ''}`,
  }));
  const tooltip = { field: 'desc' };
  const x = { field: 'days', type: 'quantitative', title: 'time to train (days, expected wall clock)', scale: { zero: false } } as const;
  const y = { field: 'usd', type: 'quantitative', title: 'total cost (USD)', axis: { format: '~s' }, scale: { zero: false } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG, width: 430, height: 340, background: 'white',
    data: { values: rows },
    layer: [
      { transform: [{ filter: "datum.frontier === 'on the frontier'" }], mark: { type: 'line', color: '#222', strokeDash: [4, 3], aria: false }, encoding: { x, y, order: { field: 'days' } } },
      { mark: { type: 'point', filled: true, size: 60, opacity: 0.75 }, encoding: { x, y, color: { field: 'accelerator', type: 'nominal', title: 'accelerator' }, shape: { field: 'frontier', type: 'nominal', title: 'Pareto' }, description: tooltip } },
      { transform: [{ filter: "datum.frontier === 'on the frontier'" }], mark: { type: 'point', size: 160, color: '#222', strokeWidth: 1.5, aria: false }, encoding: { x, y } },
      { transform: [{ filter: "datum.label !== ''" }], mark: { type: 'text', dx: 10, dy: -10, fontWeight: 'bold', fontSize: 12, aria: false }, encoding: { x, y, text: { field: 'label' } } },
    ],
  } as TopLevelSpec;
}

const STEP_PARTS = [
  ['compute', 'compute'], ['recompute', 'recompute'], ['tpComm', 'TP comm'], ['cpComm', 'CP comm'], ['epComm', 'EP comm'],
  ['pipelineBubble', 'pipeline bubble'], ['pipelineP2p', 'pipeline p2p'], ['dpComm', 'DP comm'], ['optimizer', 'optimizer'], ['overhead', 'overhead'],
] as const;

const planName = (p: PlanEntry) => `#${p.rank} ${p.gpus}× ${p.accelerator}`;

/** Step-time breakdown of the best plan and the runners-up, one stacked bar each (seconds). */
export function stepSpec(plans: readonly PlanEntry[]): TopLevelSpec {
  const rows = plans.flatMap((p, i) => STEP_PARTS.map(([key, part], j) => ({ plan: planName(p), order: i, part, partOrder: j, seconds: p.time.breakdown[key], desc: `${planName(p)} (${layoutLabel(p)}): ${part} ${p.time.breakdown[key].toPrecision(4)} s of ${p.time.stepSeconds.toPrecision(4)} s` })).filter((r) => r.seconds > 0));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG, width: 430, height: Math.max(60, 34 * plans.length), background: 'white',
    data: { values: rows },
    mark: 'bar',
    encoding: {
      y: { field: 'plan', type: 'nominal', title: null, sort: plans.map(planName) },
      x: { field: 'seconds', type: 'quantitative', title: 'seconds per optimizer step', stack: 'zero' },
      color: { field: 'part', type: 'nominal', title: 'part of the step', sort: STEP_PARTS.map(([, n]) => n) },
      order: { field: 'partOrder' },
      description: { field: 'desc' },
    },
  } as TopLevelSpec;
}

const MEM_PARTS = ['weights', 'gradients', 'optimizer', 'activations', 'other'] as const;

/** Per-device memory of each plan, stacked by kind, against the device's capacity (a tick). */
export function memorySpec(plans: readonly PlanEntry[]): TopLevelSpec {
  const rows = plans.flatMap((p, i) => MEM_PARTS.map((part, j) => ({ plan: planName(p), order: i, part, partOrder: j, gib: p.memory.breakdown[part] / GiB, desc: `${planName(p)}: ${part} ${(p.memory.breakdown[part] / GiB).toFixed(1)} GiB of ${(p.memory.perGpuBytes / GiB).toFixed(1)} GiB` })));
  const caps = plans.map((p, i) => ({ plan: planName(p), order: i, capacity: p.memory.capacityBytes / GiB, desc: `${planName(p)}: capacity ${(p.memory.capacityBytes / GiB).toFixed(1)} GiB` }));
  const y = { field: 'plan', type: 'nominal', title: null, sort: plans.map(planName) } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG, width: 430, height: Math.max(60, 34 * plans.length), background: 'white',
    layer: [
      { data: { values: rows }, mark: 'bar', encoding: { y, x: { field: 'gib', type: 'quantitative', title: 'GiB per device', stack: 'zero' }, color: { field: 'part', type: 'nominal', title: 'memory', sort: [...MEM_PARTS] }, order: { field: 'partOrder' }, description: { field: 'desc' } } },
      { data: { values: caps }, mark: { type: 'tick', color: '#c00', thickness: 3, size: 26 }, encoding: { y, x: { field: 'capacity', type: 'quantitative' }, description: { field: 'desc' } } },
    ],
  } as TopLevelSpec;
}

/**
 * $/GPU-hour against effective throughput per GPU (× goodput), one point per offer and pricing model (its best
 * plan): tokens/s, or samples/s in the run's own noun (images for CNN/ViT) when the run is sized in samples.
 */
export function offersSpec(candidates: readonly PlanEntry[], unit: 'tokens' | 'images' | 'samples' = 'tokens'): TopLevelSpec {
  const rate = (p: PlanEntry) => (unit === 'tokens' ? p.throughput.tokensPerSecond : (p.throughput.samplesPerSecond ?? p.throughput.tokensPerSecond));
  const best = new Map<string, PlanEntry>();
  for (const p of candidates) {
    const key = `${p.provider}/${p.instance} ${p.pricing}`;
    const cur = best.get(key);
    if (!cur || (p.cost.usd ?? Infinity) < (cur.cost.usd ?? Infinity)) best.set(key, p);
  }
  const rows = [...best.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([offer, p]) => ({
    offer, accelerator: p.accelerator, usdPerGpuHour: p.cost.usdPerGpuHour ?? 0,
    perGpuSecond: (rate(p) / p.gpus) * p.goodput.goodput,
    desc: `${offer}: $${(p.cost.usdPerGpuHour ?? 0).toFixed(2)}/GPU-h, ${Math.round((rate(p) / p.gpus) * p.goodput.goodput)} effective ${unit}/s per GPU (best plan: ${p.gpus} GPUs, ${layoutLabel(p)})`,
  }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: CONFIG, width: 430, height: 300, background: 'white',
    data: { values: rows },
    mark: { type: 'point', filled: true, size: 80 },
    encoding: {
      x: { field: 'perGpuSecond', type: 'quantitative', title: `effective ${unit}/s per GPU (× goodput)`, scale: { zero: false, nice: true }, axis: { format: ',.0f' } },
      y: { field: 'usdPerGpuHour', type: 'quantitative', title: 'USD per GPU-hour', scale: { zero: false, nice: true }, axis: { format: '.2f' } },
      color: { field: 'accelerator', type: 'nominal' },
      description: { field: 'desc' },
    },
  } as TopLevelSpec;
}

/** Cumulative cost by month of each way to get the GPUs (rent on-demand/spot, commit, buy), break-even marked. */
export function cumulativeSpec(options: readonly OptionResult[], breakEvenMonth: number | null): TopLevelSpec {
  const rows = options.flatMap((o) => o.cumulativeUsdByMonth.map((v, i) => ({ option: o.kind, label: o.label, month: i + 1, usd: v, desc: `${o.kind} (${o.label}): ${usd(o.totalUsd)} over the horizon` })));
  const layers: unknown[] = [{
    mark: { type: 'line', point: false, strokeWidth: 2 },
    encoding: {
      x: { field: 'month', type: 'quantitative', title: 'month' },
      y: { field: 'usd', type: 'quantitative', title: 'cumulative cost (USD)', axis: { format: '~s' } },
      color: { field: 'option', type: 'nominal', title: 'option' },
      description: { field: 'desc' },
    },
  }];
  if (breakEvenMonth !== null) {
    layers.push({ data: { values: [{ month: breakEvenMonth, text: `buying pays off: month ${breakEvenMonth}` }] }, mark: { type: 'rule', color: '#c00', strokeDash: [4, 3] }, encoding: { x: { field: 'month', type: 'quantitative' }, description: { field: 'text' } } });
  }
  return { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', config: CONFIG, width: 430, height: 300, background: 'white', data: { values: rows }, layer: layers } as TopLevelSpec;
}

/** First month from which buying's cumulative cost stays at or below the cheapest rental's; null if never. */
export function breakEvenMonth(options: readonly OptionResult[]): number | null {
  const buy = options.find((o) => o.kind === 'buy');
  const rent = options.filter((o) => o.kind === 'on-demand' || o.kind === 'spot');
  if (!buy || rent.length === 0) return null;
  const months = buy.cumulativeUsdByMonth.length;
  let first: number | null = null;
  for (let m = 0; m < months; m++) {
    const cheapestRent = Math.min(...rent.map((o) => o.cumulativeUsdByMonth[m] ?? Infinity));
    if (buy.cumulativeUsdByMonth[m]! <= cheapestRent) first ??= m + 1;
    else first = null;
  }
  return first;
}
