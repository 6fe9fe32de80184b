import type { ExportInput, ExportResult, ExportFramework } from './types.js';
import { exportMegatron } from './megatron.js';
import { exportNemo } from './nemo.js';
import { exportDeepspeed } from './deepspeed.js';
import { exportTorchtitan } from './torchtitan.js';

export * from './types.js';
export { megatronArgs } from './megatron.js';
export { nemoOverride } from './nemo.js';
export { deepspeedConfig } from './deepspeed.js';
export { torchtitanJob, renderToml } from './torchtitan.js';

const EXPORTERS: Record<ExportFramework, (x: ExportInput) => ExportResult> = {
  megatron: exportMegatron,
  nemo: exportNemo,
  deepspeed: exportDeepspeed,
  torchtitan: exportTorchtitan,
};

/** The launch configuration of one run in a framework's own option names, or why it cannot express it. */
export function exportRun(x: ExportInput, framework: ExportFramework): ExportResult {
  // Every exporter writes a decoder-LLM launch (pretrain_gpt.py, a GPT recipe, a Llama job): a CNN, LSTM,
  // diffusion or generic workload is not one, and a config for it would be silently wrong.
  const kind = x.model.kind ?? 'decoder';
  if (x.model.sampleWorkload || kind !== 'decoder') {
    return { ok: false, reason: `${framework} export writes decoder-LLM launch configs; this plan's model is kind ${kind} (a different training script, not expressible here)` };
  }
  return EXPORTERS[framework](x);
}
export { exportInputFromPlan, exportInputFromEstimate, type FromDocument } from './from-document.js';
