import type { AcceleratorSpec, Layout, ModelConfig, TrainingConfig } from '../../src/schema/index.js';

/** A GPT-style dense model; override any field. */
export function aModel(over: Partial<ModelConfig> = {}): ModelConfig {
  const base: ModelConfig = {
    name: 'test-model',
    layers: 24,
    hiddenSize: 2048,
    ffnHiddenSize: 8192,
    attentionHeads: 16,
    kvHeads: 16,
    headDim: 128,
    vocabSize: 51200,
    ffn: 'gelu',
    tiedEmbeddings: false,
    attention: 'causal',
    moe: null,
    mla: null,
  };
  const m = { ...base, ...over };
  if (over.headDim === undefined) m.headDim = m.hiddenSize / m.attentionHeads;
  return m;
}

export function aTraining(over: Partial<TrainingConfig> = {}): TrainingConfig {
  return { tokens: 1e9, sequenceLength: 2048, globalBatchSize: 512, precision: 'bf16', optimizer: 'adam', ...over };
}

export function aLayout(over: Partial<Layout> = {}): Layout {
  return { gpus: 8, tp: 1, pp: 1, cp: 1, ep: 1, vpp: 1, microBatch: 1, zero: 1, recompute: 'selective', sequenceParallel: false, precision: 'bf16', ...over };
}

/** Published shapes used across tests. */
export const SHAPES = {
  gpt3_175b: aModel({ name: 'gpt3-175b', layers: 96, hiddenSize: 12288, ffnHiddenSize: 49152, attentionHeads: 96, kvHeads: 96, vocabSize: 51200 }),
  llama3_8b: aModel({ name: 'llama3-8b', layers: 32, hiddenSize: 4096, ffnHiddenSize: 14336, attentionHeads: 32, kvHeads: 8, vocabSize: 128256, ffn: 'swiglu' }),
  llama3_70b: aModel({ name: 'llama3-70b', layers: 80, hiddenSize: 8192, ffnHiddenSize: 28672, attentionHeads: 64, kvHeads: 8, vocabSize: 128256, ffn: 'swiglu' }),
  deepseekV3: aModel({
    name: 'deepseek-v3', layers: 61, hiddenSize: 7168, ffnHiddenSize: 18432, attentionHeads: 128, kvHeads: 128, headDim: 128, vocabSize: 129280, ffn: 'swiglu',
    moe: { experts: 256, activeExperts: 8, sharedExperts: 1, expertFfnHiddenSize: 2048, denseLayers: 3, imbalance: 1 },
    mla: { qLoraRank: 1536, kvLoraRank: 512, qkRopeHeadDim: 64, qkNopeHeadDim: 128, vHeadDim: 128 },
  }),
};

/** An H100-SXM-like part (dense datasheet figures) for unit tests that must not move with catalog edits. */
export function anAccelerator(over: Partial<AcceleratorSpec> = {}): AcceleratorSpec {
  return {
    id: 'h100-sxm',
    name: 'Test H100 SXM',
    vendor: 'nvidia',
    kind: 'gpu',
    memoryBytes: 80e9,
    memoryBandwidthBytesPerSecond: 3.35e12,
    peakTflops: { fp32: 67, tf32: 494.5, bf16: 989, fp16: 989, fp8: 1979, fp4: null },
    scaleUp: { domainSize: 8, bandwidthBytesPerSecond: 450e9 },
    scaleOutBitsPerSecondPerGpu: 400e9,
    tdpWatts: 700,
    year: 2022,
    asOf: '2026-01-01',
    sources: ['test fixture'],
    ...over,
  };
}

/** An A100-like second part ('part-b': bf16 312 TFLOP/s, 2 TB/s) for two-accelerator planner catalogs in tests. */
export function aSecondPart(memoryBytes: number, domainSize: number): AcceleratorSpec {
  return anAccelerator({
    id: 'part-b',
    memoryBytes,
    memoryBandwidthBytesPerSecond: 2e12,
    peakTflops: { fp32: 19.5, tf32: 156, bf16: 312, fp16: 312, fp8: null, fp4: null },
    scaleUp: { domainSize, bandwidthBytesPerSecond: 300e9 },
  });
}
