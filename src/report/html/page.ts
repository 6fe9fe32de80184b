import type { PlanDocument, PlanEntry } from '../../schema/index.js';
import { countParameters, finetuneFlopsPerToken } from '../../estimator/index.js';
import type { FleetReport } from '../../economics/index.js';
import { count, duration, gib, percent, usd } from '../human.js';
import { esc } from './svg.js';
import { layoutLabel } from './charts.js';
import { hasNoTokens, runSizeText, sampleNoun } from '../run-size.js';

/** Inline style: the file opens from disk with no network (no fonts, no CDN). */
export const STYLE = `
body{font:14px/1.45 Helvetica,Arial,sans-serif;color:#222;margin:0;background:#f6f6f4}
main{max-width:1240px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(260px,1fr));gap:4px 24px;background:#fff;padding:12px 16px;border:1px solid #ddd}
.facts div span{color:#666}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(600px,1fr));gap:16px}
figure{margin:0;background:#fff;border:1px solid #ddd;padding:10px;overflow-x:auto}figure h3{font-size:15px;margin:0 0 6px}figcaption{color:#555;font-size:13px;margin-top:4px}
table{border-collapse:collapse;background:#fff;width:100%;font-size:13px}th,td{border:1px solid #ddd;padding:4px 8px;text-align:right}
th{background:#eee}td.l,th.l{text-align:left}
.warn{background:#fff6d6;border:1px solid #e0c060;padding:8px 12px}.fail{background:#fde4e4;border:1px solid #d88}.pass{background:#e3f5e1;border:1px solid #8c8}
`;

const fact = (k: string, v: string) => `<div><span>${esc(k)}:</span> ${esc(v)}</div>`;

/** The model's shape in one line: the two stacks of an encoder-decoder, the kind of a per-sample model (its transformer fields are placeholders). */
function shapeText(model: PlanDocument['input']['model']): string {
  const ed = model.encoderDecoder;
  if (ed) return `${ed.encoderLayers} + ${ed.decoderLayers} layers (encoder + decoder) · hidden ${ed.hidden} · ${ed.heads} heads · ${ed.ffn} FFN ${ed.ffnHidden}`;
  if (model.recurrent) return `${model.recurrent.layers} LSTM layers · hidden ${model.recurrent.hidden} · ${model.recurrent.steps} steps`;
  if (model.sampleWorkload) return `kind ${model.kind ?? 'generic'} (one block per sample)`;
  return `${model.layers} layers · hidden ${model.hiddenSize} · ${model.attentionHeads} heads / ${model.kvHeads} KV${model.moe ? ` · ${model.moe.experts} experts, top ${model.moe.activeExperts}` : ''}`;
}

/** The header facts: model, tokens, FLOPs, constraints, catalog snapshot, search. */
export function factsHtml(doc: PlanDocument): string {
  const { model, training, constraints: c, catalog } = doc.input;
  const params = countParameters(model);
  // The estimator's own count (context.ts): frozen weights under LoRA/QLoRA skip their weight-gradient GEMMs.
  const perToken = finetuneFlopsPerToken(model, training.sequenceLength, training.finetune);
  const flopsTotal = perToken * training.tokens;
  const s = doc.search;
  return `<section class="facts" id="facts">${[
    fact('model', `${model.name}${doc.input.modelFile ? ` (${doc.input.modelFile})` : ''}`),
    fact('parameters', `${count(params.total)}${model.moe ? ` (${count(params.active)} active)` : ''}`),
    fact('shape', shapeText(model)),
    training.samples === undefined ? fact('tokens', count(training.tokens)) : fact(sampleNoun(model), runSizeText(model, training)),
    fact('training FLOPs', `${flopsTotal.toExponential(2)} (model FLOPs, ${count(perToken)} per ${hasNoTokens(model) ? 'sample' : 'token'}${training.finetune && training.finetune.method !== 'full' ? `, ${training.finetune.method}: frozen weights get no weight gradient` : ''})`),
    fact('batch', `${training.globalBatchSize} ${hasNoTokens(model) ? sampleNoun(model) : `× ${training.sequenceLength} tokens`}, ${training.precision}, ${training.optimizer}`),
    fact('objective', c.objective),
    fact('accelerators', c.accelerators.join(', ')),
    fact('providers', c.providers ? c.providers.join(', ') : 'all'),
    fact('pricing', c.pricing.join(', ')),
    fact('GPUs', `${c.minGpus} – ${c.maxGpus}`),
    fact('deadline', c.deadlineDays === null ? 'none' : `${c.deadlineDays} days`),
    fact('budget', c.budgetUsd === null ? 'none' : usd(c.budgetUsd)),
    fact('catalog', catalog ? `snapshot ${catalog.snapshotDate}, ${catalog.digest.slice(0, 19)}…` : 'n/a'),
    fact('search', `${s.evaluated.toLocaleString('en-US')} candidates, ${s.feasible.toLocaleString('en-US')} feasible${s.pruned && s.pruned.evaluated > 0 ? `; ${s.pruned.evaluated.toLocaleString('en-US')} pruned (bounds show they cannot change the result)` : ''}`),
  ].join('')}</section>`;
}

/** The ranked plans as a table (◆ = on the Pareto frontier). */
export function plansTableHtml(plans: readonly PlanEntry[]): string {
  const head = ['#', 'accelerator', 'offer', 'pricing', 'GPUs', 'layout', 'time', 'cost', '$/GPU-h', 'MFU', 'memory / device', 'frontier'];
  const left = new Set([1, 2, 3, 5]);
  const rows = plans.map((p) => [
    String(p.rank ?? '–'), p.accelerator, `${p.provider}/${p.instance}`, p.pricing, String(p.gpus), layoutLabel(p),
    duration(p.time.totalSeconds), usd(p.cost.usd), p.cost.usdPerGpuHour === null ? 'n/a' : p.cost.usdPerGpuHour.toFixed(2),
    percent(p.throughput.mfu), `${gib(p.memory.perGpuBytes)} / ${gib(p.memory.capacityBytes)}`, p.frontier ? '◆' : '',
  ]);
  const cell = (t: string, i: number, tag: string) => `<${tag}${left.has(i) ? ' class="l"' : ''}>${esc(t)}</${tag}>`;
  return `<table id="plans"><thead><tr>${head.map((h, i) => cell(h, i, 'th')).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((t, i) => cell(t, i, 'td')).join('')}</tr>`).join('')}</tbody></table>`;
}

/** Buy-vs-rent summary lines under the cumulative chart. */
export function economicsNotes(r: FleetReport, horizonYears: number, breakEven: number | null): string {
  const e = r.economics;
  const lines = e.options.map((o) => `${o.kind} (${o.label}): ${usd(o.totalUsd)} over ${horizonYears} y, ${o.gpus} GPUs held, utilisation ${percent(o.utilization)}${o.kind === e.cheapest ? ' — cheapest' : ''}`);
  const be = Object.entries(e.breakEvenUtilization).map(([k, v]) => `${k}: ${v === null || v === undefined ? 'never' : percent(v)}`);
  if (be.length) lines.push(`break-even utilisation of buying vs ${be.join(', ')}`);
  lines.push(breakEven === null ? 'buying does not catch up with renting within the horizon' : `buying's cumulative cost stays below renting from month ${breakEven}`);
  return `<ul>${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`;
}

export const figure = (id: string, title: string, svg: string, caption: string): string =>
  `<figure class="chart" id="${id}" data-chart="${id}"><h3>${esc(title)}</h3>${svg}<figcaption>${esc(caption)}</figcaption></figure>`;
