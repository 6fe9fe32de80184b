import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/estimator/index.js';
import { parseModelFile } from '../../src/io/index.js';
import { loadBuiltinCatalog } from '../../src/io/load-catalog.js';
import { InputError, resolveModel, type TrainingConfig } from '../../src/schema/index.js';
import { aLayout } from '../helpers/builders.js';

const catalog = loadBuiltinCatalog();
const acc = (id: string) => catalog.accelerators.find((a) => a.id === id)!;
const training = (over: Partial<TrainingConfig> = {}): TrainingConfig => ({ tokens: 2048 * 1000, sequenceLength: 1, globalBatchSize: 2048, precision: 'bf16', optimizer: 'adam', samples: 2048 * 1000, epochs: 1, ...over });

/** Raffel et al. 2020 Table 14 / the released config.json: d_model, d_ff, d_kv, heads, layers per stack; v1.1 (Flan) gated and untied. */
const T5 = {
  't5-base': { d: 768, ff: 3072, kv: 64, heads: 12, layers: 12, gated: false },
  't5-large': { d: 1024, ff: 4096, kv: 64, heads: 16, layers: 24, gated: false },
  't5-3b': { d: 1024, ff: 16384, kv: 128, heads: 32, layers: 24, gated: false },
  't5-11b': { d: 1024, ff: 65536, kv: 128, heads: 128, layers: 24, gated: false },
  'flan-t5-xl': { d: 2048, ff: 5120, kv: 64, heads: 32, layers: 24, gated: true },
  'flan-t5-xxl': { d: 4096, ff: 10240, kv: 64, heads: 64, layers: 24, gated: true },
} as const;
type Id = keyof typeof T5;
const V = 32128;

/** Parameters by enumerating T5ForConditionalGeneration's tensors (Hugging Face modeling_t5.py names), independently of the source. */
function tensorCount(id: Id): number {
  const { d, ff, kv, heads, layers, gated } = T5[id];
  const inner = heads * kv;
  const attention = ['q', 'k', 'v'].map(() => d * inner).reduce((a, b) => a + b) + inner * d; // SelfAttention.{q,k,v,o}
  const ffn = (gated ? 2 : 1) * d * ff + ff * d; // DenseReluDense.wi (wi_0, wi_1) and wo
  const norm = d; // T5LayerNorm weight
  const encoderBlock = attention + norm + ffn + norm;
  const decoderBlock = attention + norm + attention + norm + ffn + norm; // + EncDecAttention
  const relativeBias = 32 * heads; // block.0 relative_attention_bias, one per stack
  const shared = V * d;
  const lmHead = gated ? V * d : 0;
  return shared + layers * encoderBlock + relativeBias + norm + layers * decoderBlock + relativeBias + norm + lmHead;
}

/** Published sizes: Hugging Face model pages' safetensors parameter counts (3 significant figures, read 2026-12-01). */
const PUBLISHED: Record<Id, number> = { 't5-base': 223e6, 't5-large': 738e6, 't5-3b': 2.85e9, 't5-11b': 11.3e9, 'flan-t5-xl': 2.85e9, 'flan-t5-xxl': 11.1e9 };

describe('T5 presets (kind encoder-decoder)', () => {
  it.each(Object.keys(T5) as Id[])('%s: parameters equal the tensor-by-tensor count and are within 1 percent of the published size', (id) => {
    const n = resolveModel({ preset: id }).sampleWorkload!.parameters;
    expect(n).toBe(tensorCount(id));
    expect(Math.abs(n / PUBLISHED[id] - 1)).toBeLessThan(0.01);
  });

  it('the paper\'s "770M" for T5-Large is the count with an untied LM head; the released checkpoint ties it', () => {
    const tied = resolveModel({ preset: 't5-large' }).sampleWorkload!.parameters;
    const untied = resolveModel({ preset: 't5-large', tiedEmbeddings: false }).sampleWorkload!.parameters;
    expect(Math.abs(untied / 770e6 - 1)).toBeLessThan(0.01);
    expect(Math.abs(tied / 770e6 - 1)).toBeGreaterThan(0.04);
  });

  /** Training FLOPs per input/target pair, GEMM by GEMM: 3 × 2 × MACs (backward = 2 × forward). */
  function closedFormFlops(id: Id, se: number, sd: number): { linear: number; attention: number; logits: number } {
    const { d, ff, kv, heads, layers, gated } = T5[id];
    const i = heads * kv;
    const ffnMacs = (gated ? 3 : 2) * d * ff;
    const encMacs = layers * se * (3 * d * i + i * d + ffnMacs);
    const decMacs = layers * (sd * (3 * d * i + i * d) + sd * (d * i + i * d) + se * 2 * d * i + sd * ffnMacs);
    // QKᵀ and AV: s_q·s_kv·i MACs each; causal self-attention counts half the keys (Megatron convention).
    const coreMacs = layers * (2 * se * se * i + 2 * sd * (sd / 2) * i + 2 * sd * se * i);
    return { linear: 6 * (encMacs + decMacs), attention: 6 * coreMacs, logits: 6 * sd * d * V };
  }

  it.each(Object.keys(T5) as Id[])('%s: training FLOPs per sample equal the GEMM-by-GEMM closed form at 512 + 114 tokens', (id) => {
    const f = closedFormFlops(id, 512, 114);
    expect(resolveModel({ preset: id }).sampleWorkload!.flopsPerSample).toBeCloseTo(f.linear + f.attention + f.logits, -3);
  });

  it('6·N·D with the encoder/decoder token split: encoder weights × 512 tokens, decoder weights × 114 (cross K/V × 512), head × 114', () => {
    const { d, kv, heads, layers } = T5['t5-base'];
    const m = resolveModel({ preset: 't5-base' });
    const n = m.sampleWorkload!.parameters;
    const embed = V * d;
    const crossKv = layers * 2 * d * heads * kv;
    const encoder = layers * (4 * d * heads * kv + 2 * d * 3072);
    const decoder = n - embed - encoder - crossKv;
    const sixND = 6 * (encoder * 512 + decoder * 114 + crossKv * 512 + embed * 114);
    const f = closedFormFlops('t5-base', 512, 114);
    // The split form matches the weight GEMMs to the norms' share (< 0.1%); the naive 6·N·(512 + 114) is ~2× too high.
    expect(Math.abs(sixND / (f.linear + f.logits) - 1)).toBeLessThan(0.001);
    expect((6 * n * (512 + 114)) / m.sampleWorkload!.flopsPerSample).toBeGreaterThan(1.8);
  });

  it('sequence lengths change the FLOPs through both stacks (inputs quadratic in the encoder core)', () => {
    const short = resolveModel({ preset: 't5-base', encoderSequenceLength: 256, decoderSequenceLength: 64 }).sampleWorkload!.flopsPerSample;
    const f = closedFormFlops('t5-base', 256, 64);
    expect(short).toBeCloseTo(f.linear + f.attention + f.logits, -3);
  });

  it('activations of T5-Base (attention width = hidden, FFN 4h): Korthikanti\'s 34·h per encoder token and layer, plus cross-attention', () => {
    const h = 768;
    const lse = 4 * 12; // flash log-sum-exp, 4 bytes per head per query
    // Decoder layer per target token: the GPT layer's 34h, a third norm (2h) and cross-attention's Q, output-projection input and mask (7h).
    const encoderToken = 12 * (34 * h + lse) + 12 * 4 * h + 2 * h + 2 * h; // + K/V in each decoder layer, the encoder output, its final norm
    const decoderToken = 12 * (34 * h + 2 * h + 7 * h + 2 * lse) + 2 * h + 6 * V; // + final norm, 16-bit logits and fp32 softmax
    expect(resolveModel({ preset: 't5-base' }).sampleWorkload!.activationBytesPerSample).toBe(512 * encoderToken + 114 * decoderToken);
  });
});

describe('encoder-decoder layouts', () => {
  const m = resolveModel({ preset: 't5-11b' });
  const run = (gpus: number, tp: number, extra: Parameters<typeof aLayout>[0] = {}) =>
    estimate({ model: m, training: training(), accelerator: acc('h100-sxm'), layout: aLayout({ gpus, tp, zero: 1, recompute: 'none', microBatch: 4, sequenceParallel: tp > 1, ...extra }) });

  it('tensor parallelism shards weights and activations and adds TP communication', () => {
    const one = run(64, 1);
    const eight = run(64, 8);
    if (!one.ok || !eight.ok) throw new Error('expected both layouts to be valid');
    expect(one.estimate.memory.fits).toBe(false);
    expect(eight.estimate.memory.fits).toBe(true);
    expect(eight.estimate.memory.breakdown.weights).toBeCloseTo(one.estimate.memory.breakdown.weights / 8, -3);
    expect(eight.estimate.memory.breakdown.activations).toBeCloseTo(one.estimate.memory.breakdown.activations / 8, -3);
    expect(eight.estimate.time.breakdown.tpComm).toBeGreaterThan(0);
    expect(one.estimate.time.breakdown.tpComm).toBe(0);
  });

  it('full recompute keeps each layer\'s input (2h per token) and re-runs the layers\' forward', () => {
    const none = run(64, 8);
    const full = run(64, 8, { recompute: 'full' });
    if (!none.ok || !full.ok) throw new Error('expected both layouts to be valid');
    // T5-11B: 24 + 24 layers at h = 1024, 16-bit, micro-batch 4 over TP 8; plus the LM head's logits and one re-materialised layer.
    const kept = (4 / 8) * (512 * (24 * 2 * 1024 + 2 * 1024) + 114 * (24 * 2 * 1024 + 6 * V));
    expect(full.estimate.memory.breakdown.activations).toBeGreaterThan(kept);
    expect(full.estimate.memory.breakdown.activations).toBeLessThan(none.estimate.memory.breakdown.activations / 5);
    expect(full.estimate.time.breakdown.recompute).toBeGreaterThan(0.25 * full.estimate.time.breakdown.compute);
    // Forward ≈ a third of forward + backward (a little more: element-wise backward is only 1.2× its forward).
    expect(full.estimate.time.breakdown.recompute).toBeLessThan(0.4 * full.estimate.time.breakdown.compute);
    expect(none.estimate.time.breakdown.recompute).toBe(0);
  });

  it('ZeRO-3 gathers one decoder layer at a time, not the whole model', () => {
    const z3 = run(64, 1, { zero: 3, microBatch: 1 });
    if (!z3.ok) throw new Error(z3.problem.message);
    expect(z3.estimate.memory.fits).toBe(true);
  });

  it.each([
    ['pp', { pp: 2 }, '--pp'],
    ['cp', { cp: 2 }, '--cp'],
  ])('%s > 1 is a layout problem naming the flag', (_n, extra, flag) => {
    const r = run(64, 1, extra);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.problem.message).toContain(flag);
      expect(r.problem.suggestion).toContain('1');
    }
  });

  it('tp must divide the heads (T5-Base has 12)', () => {
    const r = estimate({ model: resolveModel({ preset: 't5-base' }), training: training(), accelerator: acc('h100-sxm'), layout: aLayout({ gpus: 64, tp: 8, recompute: 'none' }) });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem.suggestion).toContain('6 or 12');
  });
});

describe('encoder-decoder bad input', () => {
  const err = (text: string) => {
    try {
      parseModelFile(text, 't.yaml');
    } catch (e) {
      if (e instanceof InputError) return e;
      throw e;
    }
    throw new Error('expected an InputError');
  };
  const tr = 'training:\n  samples: 1M\n  globalBatchSize: 128\n';
  it.each([
    ['a missing stack depth', 'model:\n  kind: encoder-decoder\n  encoderLayers: 12\n  hiddenSize: 768\n  attentionHeads: 12\n  vocabSize: 32128\n  encoderSequenceLength: 512\n  decoderSequenceLength: 114\n', tr, 'model.decoderLayers'],
    ['layers instead of the two depths', 'model:\n  preset: t5-base\n  layers: 12\n', tr, 'model.layers'],
    ['a decoder FFN name', 'model:\n  preset: t5-base\n  ffn: swiglu\n', tr, 'model.ffn'],
    ['an encoder-decoder field on a decoder', 'model:\n  preset: llama3-8b\n  decoderLayers: 12\n', 'training:\n  tokens: 1B\n  sequenceLength: 2048\n  globalBatchSize: 8\n', 'model.decoderLayers'],
    ['a T5 FFN on a decoder', 'model:\n  preset: llama3-8b\n  ffn: gated-gelu\n', 'training:\n  tokens: 1B\n  sequenceLength: 2048\n  globalBatchSize: 8\n', 'model.ffn'],
    ['tokens instead of samples', 'model:\n  preset: t5-base\n', 'training:\n  tokens: 34B\n  globalBatchSize: 128\n', 'training.tokens'],
    ['a sequence length in training', 'model:\n  preset: t5-base\n', 'training:\n  samples: 1M\n  sequenceLength: 512\n  globalBatchSize: 128\n', 'training.sequenceLength'],
  ])('%s: one error naming the field', (_n, model, training, field) => {
    const e = err(model + training);
    expect(e.message).toContain(field);
    expect(e.location).toMatch(/^t\.yaml(:\d+:\d+)?$/);
  });

  it('tokens instead of samples suggests the sample count', () => {
    expect(err('model:\n  preset: t5-base\ntraining:\n  tokens: 34359738368\n  globalBatchSize: 128\n').suggestion).toContain('samples: 67108864');
  });
});
