import type { ChalkInstance } from 'chalk';
import type { Estimate } from '../estimator/index.js';
import type { ModelConfig } from '../schema/index.js';
import { hasNoTokens, sampleNoun } from './run-size.js';
import { count, duration, flops, gib, percent, usd } from './human.js';
import { bandSuffix, withBand } from './range-format.js';
import { goodputEnergyRows } from './goodput-lines.js';
import { keyValueRows, wrapText } from './grid.js';

const TIME_LABELS: Record<string, string> = {
  compute: 'compute (forward + backward)',
  recompute: 'activation recompute',
  tpComm: 'tensor-parallel comm (exposed)',
  cpComm: 'context-parallel comm (exposed)',
  epComm: 'expert-parallel all-to-all (exposed)',
  pipelineBubble: 'pipeline bubble',
  pipelineP2p: 'pipeline send/recv',
  dpComm: 'data-parallel comm (exposed)',
  optimizer: 'optimizer step',
  overhead: 'per-step host overhead',
};

const rows = (pairs: [string, string][], width = 100): string => keyValueRows(pairs, width);

function bar(fraction: number, width = 20): string {
  const n = Math.round(Math.max(0, Math.min(1, fraction)) * width);
  return '█'.repeat(n) + '·'.repeat(width - n);
}

/** "Memory per GPU" with its breakdown and fit, as `estimate` and `plan` print it. */
export function memoryLines(e: Estimate, c: ChalkInstance): string[] {
  const m = e.memory;
  const fit = m.fits ? c.green(`fits (${gib(m.headroomBytes)} free)`) : c.red(`DOES NOT FIT (${gib(-m.headroomBytes)} over)`);
  return [c.bold('Memory per GPU'), rows([
    ['weights', gib(m.breakdown.weights)],
    ['gradients', gib(m.breakdown.gradients)],
    ['optimizer states', gib(m.breakdown.optimizer)],
    ['activations', gib(m.breakdown.activations)],
    ['buffers + reserve', gib(m.breakdown.other)],
    ['total / capacity', `${gib(m.perGpuBytes)} / ${gib(m.capacityBytes)}  ${fit}`],
  ])];
}

/** "Step time" with one bar per non-zero part, as `estimate` and `plan` print it. */
export function stepTimeLines(e: Estimate, c: ChalkInstance): string[] {
  const parts = Object.entries(e.time.breakdown).filter(([, v]) => v > 0);
  return [c.bold(`Step time ${duration(e.time.stepSeconds)} ${bandSuffix(e.time.stepSeconds, e.time.stepSecondsRange)}`),
    rows(parts.map(([k, v]) => [TIME_LABELS[k] ?? k, `${duration(v).padStart(10)}  ${bar(v / e.time.stepSeconds)} ${percent(v / e.time.stepSeconds)}`]))];
}

/** What a fine-tuning run trains and stores (estimate JSON `finetune`): "LoRA: 41.9M trainable (0.5%); frozen weights at 16 bits". */
function finetuneLine(f: NonNullable<Estimate['finetune']>, parameters: number): string {
  const name = f.method === 'qlora' ? 'QLoRA' : f.method === 'lora' ? 'LoRA' : 'full fine-tuning';
  if (f.method === 'full') return `${name}: every parameter trained`;
  const bits = Number.isInteger(f.frozenBitsPerParam) ? String(f.frozenBitsPerParam) : f.frozenBitsPerParam.toFixed(3);
  const paged = f.hostOptimizerBytes > 0 ? `; paged optimizer: ${gib(f.hostOptimizerBytes)}/GPU in host memory` : '';
  const share = f.trainableParameters / parameters;
  return `${name}: ${count(f.trainableParameters)} trainable (${share < 0.01 ? `${(share * 100).toFixed(2)}%` : percent(share)}); frozen weights at ${bits} bits${paged}`;
}

/**
 * The human breakdown printed by `trainplan estimate`: why a step takes what it takes. With the model, runs
 * sized in samples speak of samples (images for CNN/ViT kinds), and kinds without tokens drop the token rows.
 */
export function renderEstimate(e: Estimate, c: ChalkInstance, title: string, width = 100, model?: Pick<ModelConfig, 'kind' | 'sampleWorkload'>): string {
  const l = e.layout;
  const out: string[] = [];
  out.push(c.bold(title));
  out.push(`  ${count(e.model.parameters)} parameters (${count(e.model.activeParameters)} active) on ${l.gpus} × ${e.accelerator}`);
  if (e.finetune) out.push(wrapText(`  ${finetuneLine(e.finetune, e.model.parameters)}`, width, 4));
  out.push(wrapText(`  layout: TP ${l.tp} · PP ${l.pp}${l.vpp > 1 ? ` (VPP ${l.vpp})` : ''} · CP ${l.cp} · EP ${l.ep} · DP ${l.dp}; micro-batch ${l.microBatch} × ${l.gradientAccumulation} accumulation; ZeRO-${l.zero}; recompute ${l.recompute}${l.recompute === 'partial' ? ` (${(l.recomputeBlocks ?? []).join(', ')})` : ''}; SP ${l.sequenceParallel ? 'on' : 'off'}; ${l.precision}`, width, 4));
  out.push('', ...memoryLines(e, c), '', ...stepTimeLines(e, c));
  out.push('', c.bold('Throughput and totals'));
  out.push(rows([
    ...(e.throughput.samplesPerSecond !== undefined ? [[`${model ? sampleNoun(model) : 'samples'} / s`, count(e.throughput.samplesPerSecond)] as [string, string]] : []),
    ...(model && hasNoTokens(model) ? [] : [['tokens / s', count(e.throughput.tokensPerSecond)] as [string, string]]),
    ['model TFLOP/s per GPU', e.throughput.tflopsPerGpu.toFixed(1)],
    ['MFU (HFU)', `${percent(e.throughput.mfu)} (${percent(e.throughput.hfu)})${l.precision === 'fp8' ? `; ${percent(e.throughput.mfuBf16Peak)} of the bf16 peak` : ''}`],
    [`model FLOPs per ${model && hasNoTokens(model) ? (sampleNoun(model) === 'images' ? 'image' : 'sample') : 'token'} / total`, `${flops(e.flops.perToken)} / ${flops(e.flops.total)}`],
    ['training time', `${duration(e.time.totalSeconds)} ${bandSuffix(e.time.stepSeconds, e.time.stepSecondsRange)} (${count(e.time.steps)} steps)`],
    ['GPU-hours', count(e.cost.gpuHours)],
    ['cost', e.cost.usd === null ? 'n/a (no price for this accelerator)' : `${withBand(e.cost.usd, e.cost.usdRange, usd)} at $${e.cost.usdPerGpuHour?.toFixed(2)}/GPU-h (${e.cost.provider} ${e.cost.instance}, ${e.cost.pricing})`],
  ], width));
  out.push('', c.bold('Goodput, energy and carbon'), rows(goodputEnergyRows(e), width));
  return out.join('\n') + '\n';
}
