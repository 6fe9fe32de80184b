import type { AcceleratorSpec, Layout, ModelConfig, TrainingConfig } from '../../src/schema/index.js';

/** Llama-3-8B shape (Meta model card / HF config). */
export const llama8b: ModelConfig = {
  name: 'llama3-8b', layers: 32, hiddenSize: 4096, ffnHiddenSize: 14336, attentionHeads: 32, kvHeads: 8, headDim: 128,
  vocabSize: 128256, ffn: 'swiglu', tiedEmbeddings: false, attention: 'causal', moe: null, mla: null,
};

export const training8b: TrainingConfig = { tokens: 1e12, sequenceLength: 8192, globalBatchSize: 512, precision: 'bf16', optimizer: 'adam' };

/** H100 SXM datasheet figures (dense), as in shared/data/hardware.md §1. */
export const h100: AcceleratorSpec = {
  id: 'h100-sxm', name: 'NVIDIA H100 SXM', vendor: 'nvidia', kind: 'gpu', memoryBytes: 80e9, memoryBandwidthBytesPerSecond: 3.35e12,
  peakTflops: { fp32: 67, tf32: 494.5, bf16: 989, fp16: 989, fp8: 1979, fp4: null },
  scaleUp: { domainSize: 8, bandwidthBytesPerSecond: 450e9 }, scaleOutBitsPerSecondPerGpu: 400e9, tdpWatts: 700, year: 2022,
  asOf: '2026-01-21', sources: ['shared/data/hardware.md'],
};

export const layout = (gpus: number, over: Partial<Layout> = {}): Layout => ({
  gpus, tp: 1, pp: 1, cp: 1, ep: 1, vpp: 1, microBatch: 1, zero: 1, recompute: 'selective', sequenceParallel: false, precision: 'bf16', ...over,
});
