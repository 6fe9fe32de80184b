import type { ChalkInstance } from 'chalk';
import type { BudgetProbe, BudgetResult } from '../economics/index.js';
import type { Warning } from '../schema/index.js';
import { goodputEnergyRows } from './goodput-lines.js';
import { keyValueRows } from './grid.js';
import { count, duration, percent, roundDeep, usd } from './human.js';

/** What binds and how close the next size came: "the budget binds: 146B parameters (3% more) would not fit". */
export function fitLine(r: BudgetResult): string {
  const what = r.fit.limitedBy === 'budget' ? 'the budget binds' : 'the days bind';
  const n = r.fit.smallestNotFitting;
  if (!n) return `${what} (searched ${r.evaluations} sizes)`;
  const more = n.parameters * n.tokens / (r.parameters * r.tokens) - 1;
  const size = n.parameters === r.parameters ? `${count(n.tokens)} tokens` : `${count(n.parameters)} parameters`;
  return `${what}: ${size} (${(more * 100).toFixed(1)}% more compute) did not fit (searched ${r.evaluations} sizes)`;
}

/** One progress line per size tried. */
export const progressLine = (p: BudgetProbe): string =>
  `${count(p.parameters)} parameters, ${count(p.tokens)} tokens on ${p.accelerators} accelerator(s): ${p.fits ? 'fits' : 'does not fit'} (closest plan at ${percent(p.margin)} of the tighter limit)`;

/** Human output of `trainplan budget`. */
export function renderBudget(r: BudgetResult, c: ChalkInstance, ask: { usd: number; days: number; params: number | null }, width = 100): string {
  const p = r.plan;
  const e = p.estimate;
  const m = r.model;
  const head = ask.params === null
    ? `Largest compute-optimal dense model for ${usd(ask.usd)} in ${ask.days} days`
    : `Most tokens for a ${count(r.parameters)}-parameter model with ${usd(ask.usd)} in ${ask.days} days`;
  const rows: [string, string][] = [
    ['model', `${count(r.parameters)} parameters: ${m.layers} layers × ${m.hiddenSize} hidden, FFN ${m.ffnHiddenSize}, ${m.attentionHeads} heads (${m.kvHeads} KV)`],
    ['tokens', `${count(r.tokens)} (${r.tokensPerParameter.toFixed(1)} per parameter)`],
    ['plan', `${p.gpus} × ${p.accelerator} on ${p.provider} ${p.instance} (${p.pricing}, $${p.usdPerGpuHour.toFixed(2)}/GPU-h)`],
    ['layout', `TP ${e.layout.tp} · PP ${e.layout.pp} · CP ${e.layout.cp} · DP ${e.layout.dp}; ZeRO-${e.layout.zero}; recompute ${e.layout.recompute}`],
    ['MFU', percent(e.throughput.mfu)],
    ['wall clock', `${duration(e.time.totalSeconds)} of ${ask.days} days (${percent(r.fit.daysFraction)})`],
    ['cost', `${usd(e.cost.usd)} of ${usd(ask.usd)} (${percent(r.fit.usdFraction)})`],
    ['limit', fitLine(r)],
    ...goodputEnergyRows(e),
    ['scaling rule', r.rule],
  ];
  return [c.bold(head), keyValueRows(rows, width)].join('\n') + '\n';
}

/** The `budget --json` document. */
export function budgetDocument(tool: { name: string; version: string }, r: BudgetResult, input: Record<string, unknown>, warnings: readonly Warning[] = []): string {
  const e = r.plan.estimate;
  const doc = {
    schemaVersion: 1,
    tool,
    command: 'budget',
    input,
    rule: r.rule,
    model: r.model,
    parameters: r.parameters,
    tokens: r.tokens,
    tokensPerParameter: r.tokensPerParameter,
    plan: { accelerator: r.plan.accelerator, provider: r.plan.provider, instance: r.plan.instance, pricing: r.plan.pricing, gpus: r.plan.gpus, usdPerGpuHour: r.plan.usdPerGpuHour,
      layout: e.layout, memory: e.memory, time: e.time, throughput: e.throughput, goodput: e.goodput, energy: e.energy, cost: e.cost },
    fit: r.fit,
    search: { planCalls: r.evaluations, probes: r.probes },
    warnings,
  };
  return JSON.stringify(roundDeep(doc), null, 2) + '\n';
}
