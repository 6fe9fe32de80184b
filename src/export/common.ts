import type { ModelConfig, ResolvedLayout } from '../schema/index.js';
import type { ExportInput } from './types.js';

/** Comment lines that open every export: what was exported, from where, on what hardware. */
export function header(x: ExportInput, framework: string, mark = '#'): string[] {
  const l = x.layout;
  const what = x.source.command === 'plan' ? `plan ${x.source.rank}` : 'estimate';
  const from = x.source.modelFile ? ` of ${x.source.modelFile}` : '';
  const offer = x.provider && x.instance ? ` on ${x.provider} ${x.instance}${x.pricing ? ` (${x.pricing})` : ''}` : '';
  const wide = l.tp > x.gpusPerInstance ? [`${mark} note: tp ${l.tp} is wider than one instance (${x.gpusPerInstance} GPU${x.gpusPerInstance === 1 ? '' : 's'}): tensor-parallel traffic crosses the scale-out network, as the plan priced it`] : [];
  return [
    `${mark} trainplan export --to ${framework}: ${what}${from} (${x.model.name})`,
    `${mark} ${l.gpus} × ${x.accelerator}${offer}: ${x.instances} instance${x.instances === 1 ? '' : 's'} × ${x.gpusPerInstance} GPU${x.gpusPerInstance === 1 ? "" : "s"}`,
    `${mark} layout: tp ${l.tp} · pp ${l.pp} · vpp ${l.vpp} · cp ${l.cp} · ep ${l.ep} · dp ${l.dp}; micro-batch ${l.microBatch} × ${l.gradientAccumulation} accumulation; ZeRO-${l.zero}; recompute ${l.recompute}; ${l.precision}`,
    ...wide,
  ];
}

/**
 * The torchrun launcher for every node (PyTorch elastic launch: `torchrun --nnodes --nproc-per-node
 * --node-rank --master-addr --master-port`, https://docs.pytorch.org/docs/stable/elastic/run.html).
 */
export function torchrun(x: ExportInput, script: string[]): string[] {
  const head = [`torchrun --nnodes ${x.instances} --nproc-per-node ${x.gpusPerInstance}`];
  if (x.instances > 1) head.push('--node-rank "$NODE_RANK" --master-addr "$MASTER_ADDR" --master-port "${MASTER_PORT:-29500}"');
  return [...head, ...script];
}

/** Joins argv pieces as a shell command continued over lines. */
export const shellLines = (parts: string[]): string => parts.map((p, i) => (i === 0 ? p : `  ${p}`)).join(' \\\n') + '\n';

/** How a pipeline splits the layers when pp does not divide them (the estimator's slowest rank holds ⌈L/pp⌉). */
export type StageSplit =
  | { kind: 'even' }
  /** vpp 1: every stage ⌈L/pp⌉ layers but the last, which holds the rest. */
  | { kind: 'last'; last: number }
  /** vpp > 1: pp·vpp chunks of ⌈L/pp⌉/vpp layers, the tail short or empty (Megatron's layout string). */
  | { kind: 'layout'; layout: string; chunk: number }
  | { kind: 'impossible'; reason: string };

/**
 * Megatron's --pipeline-model-parallel-layout for uneven interleaving: stages in virtual-stage order
 * (chunk v of rank r is entry v·pp + r, core/transformer/pipeline_parallel_layer_layout.py), 'E' the
 * embedding, 't' a layer, 'L' the loss; "(X|)*n" repeats a stage n times.
 */
export function layoutString(stages: number[]): string {
  const text = stages.map((n, i) => `${i === 0 ? 'E' : ''}${n === 0 ? '' : n === 1 ? 't' : `t*${n}`}${i === stages.length - 1 ? 'L' : ''}`);
  let out = '';
  for (let i = 0; i < text.length; ) {
    let j = i;
    while (j + 1 < text.length && text[j + 1] === text[i]) j++;
    const run = j - i + 1;
    const atEnd = j === text.length - 1;
    if (run === 1) out += atEnd ? text[i] : `${text[i]}|`;
    else out += atEnd ? `(${text[i]}|)*${run - 1}${text[i]}` : `(${text[i]}|)*${run}`;
    i = j + 1;
  }
  return out;
}

export function stageSplit(m: ModelConfig, l: ResolvedLayout): StageSplit {
  if (m.layers % l.pp === 0) return { kind: 'even' };
  const per = Math.ceil(m.layers / l.pp);
  if (l.vpp === 1) {
    const last = m.layers - per * (l.pp - 1);
    if (last < 1) return { kind: 'impossible', reason: `${m.layers} layers cannot be split over ${l.pp} pipeline stages of at most ${per} layers with a non-empty last stage` };
    return { kind: 'last', last };
  }
  if (per % l.vpp !== 0) return { kind: 'impossible', reason: `vpp ${l.vpp} does not divide the ${per} layers of a pipeline rank` };
  const chunk = per / l.vpp;
  const stages: number[] = [];
  let left = m.layers;
  for (let i = 0; i < l.pp * l.vpp; i++) {
    const n = Math.min(chunk, left);
    stages.push(n);
    left -= n;
  }
  return { kind: 'layout', layout: layoutString(stages), chunk };
}

/** Which layers are MoE (1) or dense (0): dense layers first (DeepSeek-V3's first_k_dense_replace). */
export function moeLayerPattern(m: ModelConfig): number[] | null {
  if (!m.moe) return null;
  const dense = Math.min(m.moe.denseLayers, m.layers);
  return [...Array<number>(dense).fill(0), ...Array<number>(m.layers - dense).fill(1)];
}

/** Megatron's Python-list expression for --moe-layer-freq, e.g. "([0]*3+[1]*58)"; null when every layer is MoE. */
export function moeLayerFreqExpr(m: ModelConfig): string | null {
  if (!m.moe || m.moe.denseLayers === 0) return null;
  const dense = Math.min(m.moe.denseLayers, m.layers);
  return `([0]*${dense}+[1]*${m.layers - dense})`;
}

/** Attention head size when it is not hidden/heads (Megatron's kv_channels default). */
export const kvChannels = (m: ModelConfig): number => m.headDim;
