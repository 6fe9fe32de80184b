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
  return EXPORTERS[framework](x);
}
export { exportInputFromPlan, exportInputFromEstimate, type FromDocument } from './from-document.js';
