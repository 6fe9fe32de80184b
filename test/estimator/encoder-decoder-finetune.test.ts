import { describe, expect, it } from 'vitest';
import { countAdapters, estimate, finetuneFlopsPerToken } from '../../src/estimator/index.js';
import { encoderDecoderComputeSeconds } from '../../src/estimator/encoder-decoder-time.js';
import { parseModelFile } from '../../src/io/index.js';
import { loadBuiltinCatalog } from '../../src/io/load-catalog.js';
import { encoderDecoderForwardFlops, InputError, resolveFinetune, resolveModel, type FinetuneSection, type Layout, type TrainingConfig } from '../../src/schema/index.js';
import { stagedContext } from '../../src/estimator/staged.js';
import { aLayout } from '../helpers/builders.js';

// LoRA / QLoRA / full fine-tuning of kind encoder-decoder (T5): adapters on every attention block (encoder
// self-attention, decoder self- and cross-attention), frozen-weight memory and step time.
const catalog = loadBuiltinCatalog();
const acc = (id: string) => catalog.accelerators.find((a) => a.id === id)!;
const ft = (s: FinetuneSection) => resolveFinetune(s);
const training = (section?: FinetuneSection, samples = 64_000): TrainingConfig => ({
  tokens: samples, sequenceLength: 1, globalBatchSize: 64, precision: 'bf16', optimizer: 'adam', samples, epochs: 1, ...(section ? { finetune: ft(section) } : {}),
});

describe('trainable parameters, tensor by tensor', () => {
  // Flan-T5-XXL (google/flan-t5-xxl config.json): d_model 4096, 64 heads × d_kv 64 = inner 4096, d_ff 10240, 24 + 24 layers.
  const d = 4096;
  const inner = 64 * 64;
  const ff = 10240;
  const layers = 24;
  // Projections that PEFT's target_modules ["q", "v"] wraps: encoder SelfAttention q, v; decoder SelfAttention q, v; decoder EncDecAttention q, v.
  const qvProjections = layers * 2 + layers * 2 + layers * 2;

  it('Flan-T5-XXL LoRA q/v: r·(d_model + inner) per adapted projection × 144 projections', () => {
    const m = resolveModel({ preset: 'flan-t5-xxl' });
    for (const r of [8, 16]) {
      expect(countAdapters(m, ft({ method: 'lora', rank: r, targetModules: ['q_proj', 'v_proj'] })).total).toBe(qvProjections * r * (d + inner));
    }
  });

  it('matches PEFT print_trainable_parameters for Flan-T5-XXL at r = 16 on q, v: 18,874,368 trainable, 11,154,206,720 in all', () => {
    // huggingface/peft README (2023, "Parameter Efficient Tuning of Flan-T5-XXL") and https://www.philschmid.de/fine-tune-flan-t5-peft
    // (read 2026-12-01): LoraConfig(r=16, lora_alpha=32, target_modules=["q", "v"]) → "trainable params: 18874368 || all params: 11154206720".
    const m = resolveModel({ preset: 'flan-t5-xxl' });
    const adapters = countAdapters(m, ft({ method: 'lora', rank: 16, targetModules: ['q_proj', 'v_proj'] })).total;
    expect(adapters).toBe(18_874_368);
    expect(m.sampleWorkload!.parameters + adapters).toBe(11_154_206_720);
  });

  it('all-linear adds k, o and the gated FFN (wi_0, wi_1, wo) in both stacks; a ReLU FFN has no gate', () => {
    const r = 4;
    const attention = (blocks: number) => blocks * 4 * r * (d + inner);
    const ffn = (gated: boolean) => layers * ((gated ? 2 : 1) * r * (d + ff) + r * (ff + d));
    const m = resolveModel({ preset: 'flan-t5-xxl' });
    expect(countAdapters(m, ft({ method: 'lora', rank: r, targetModules: 'all-linear' })).total).toBe(attention(3 * layers) + 2 * ffn(true));
    // T5-Large (v1.0): d 1024, 16 × 64, d_ff 4096, ReLU wi/wo.
    const large = resolveModel({ preset: 't5-large' });
    const perBlock = 4 * r * (1024 + 1024);
    expect(countAdapters(large, ft({ method: 'qlora', rank: r })).total).toBe(3 * 24 * perBlock + 2 * 24 * 2 * r * (1024 + 4096));
  });

  it('estimate reports the adapters as trainable parameters (all of them for full fine-tuning)', () => {
    const m = resolveModel({ preset: 'flan-t5-xl' });
    const run = (s: FinetuneSection) => {
      const r = estimate({ model: m, training: training(s), accelerator: acc('h100-sxm'), layout: aLayout({ gpus: 8, zero: 0, recompute: 'none', microBatch: 8 }) });
      if (!r.ok) throw new Error(r.problem.message);
      return r.estimate.finetune!;
    };
    expect(run({ method: 'lora' }).trainableParameters).toBe(72 * 8 * (2048 + 2048) * 2);
    expect(run({ method: 'full' }).trainableParameters).toBe(m.sampleWorkload!.parameters);
    expect(run({ method: 'qlora' }).frozenBitsPerParam).toBeCloseTo(4.127, 3);
  });
});

describe('memory on one 80 GB GPU', () => {
  const m = resolveModel({ preset: 'flan-t5-xxl' });
  const one = (s: FinetuneSection, over: Partial<Layout> = {}) => {
    const r = estimate({ model: m, training: training(s), accelerator: acc('h100-sxm'), layout: aLayout({ gpus: 1, zero: 0, recompute: 'none', microBatch: 8, ...over }) });
    if (!r.ok) throw new Error(r.problem.message);
    return r.estimate.memory;
  };

  it('Flan-T5-XXL LoRA fits at batch 8; full fine-tuning (16 B/param of states for 11.1B) does not', () => {
    const lora = one({ method: 'lora' });
    const full = one({ method: 'full' });
    expect(lora.fits).toBe(true);
    expect(full.fits).toBe(false);
    // Frozen bf16 base: 2 bytes per parameter; adapters only get gradients and Adam states.
    expect(lora.breakdown.weights).toBeGreaterThan(2 * 11.1e9);
    expect(lora.breakdown.weights).toBeLessThan(2 * 11.2e9);
    expect(lora.breakdown.gradients + lora.breakdown.optimizer).toBeLessThan(0.01 * (full.breakdown.gradients + full.breakdown.optimizer));
    expect(lora.breakdown.activations).toBe(full.breakdown.activations);
  });

  it('QLoRA stores the linear layers at 4.127 bits and keeps embeddings and the LM head 16-bit', () => {
    const q = one({ method: 'qlora', rank: 8, targetModules: ['q_proj', 'v_proj'], pagedOptimizer: false });
    const e = m.encoderDecoder!;
    const edges = 2 * e.vocab * e.hidden;
    const linear = e.encoderLayers * (4 * e.hidden * 4096 + 3 * e.hidden * e.ffnHidden) + e.decoderLayers * (8 * e.hidden * 4096 + 3 * e.hidden * e.ffnHidden);
    const rest = m.sampleWorkload!.parameters - linear;
    const adapters = 144 * 8 * (4096 + 4096);
    expect(edges).toBeLessThan(rest);
    expect(q.breakdown.weights).toBeCloseTo(linear * (4.127 / 8) + rest * 2 + adapters * 2, -6);
  });
});

describe('step time', () => {
  const m = resolveModel({ preset: 'flan-t5-xl' });
  const layout = aLayout({ gpus: 8, zero: 1, recompute: 'none', microBatch: 8 });
  const run = (s?: FinetuneSection) => {
    const r = estimate({ model: m, training: training(s), accelerator: acc('h100-sxm'), layout });
    if (!r.ok) throw new Error(r.problem.message);
    return r.estimate.time;
  };

  it('LoRA is faster than full fine-tuning by less than the 6N/4N weight-gradient bound', () => {
    const full = run({ method: 'full' });
    const lora = run({ method: 'lora' });
    const ratio = full.breakdown.compute / lora.breakdown.compute;
    expect(ratio).toBeGreaterThan(1.1);
    expect(ratio).toBeLessThan(1.5);
    expect(lora.stepSeconds).toBeLessThan(full.stepSeconds);
  });

  it('QLoRA is slower than LoRA per step (de-quantisation), with the same adapters too', () => {
    const lora = run({ method: 'lora', rank: 64, targetModules: 'all-linear' });
    const qlora = run({ method: 'qlora', rank: 64, targetModules: 'all-linear', pagedOptimizer: false });
    expect(qlora.breakdown.compute).toBeGreaterThan(lora.breakdown.compute);
    expect(run({ method: 'qlora' }).stepSeconds).toBeGreaterThan(run({ method: 'lora' }).stepSeconds);
  });

  it('frozen weights drop the weight-gradient GEMMs only: the forward pass grows by the adapters alone', () => {
    const e = m.encoderDecoder!;
    const device = stagedDevice();
    const pre = encoderDecoderComputeSeconds(device, e, 8, 1, false, 2.5, 2);
    const lora = encoderDecoderComputeSeconds(device, e, 8, 1, false, 2.5, 2, ft({ method: 'lora' }));
    expect(lora.forward).toBeGreaterThan(pre.forward);
    // 144 unmerged adapter factors per micro-batch, each a bandwidth-bound skinny GEMM: a few per cent, not tens.
    expect(lora.forward).toBeLessThan(1.15 * pre.forward);
    // Backward loses about one of its two GEMM passes (input-grad stays), never more.
    expect(lora.backward).toBeLessThan(0.8 * pre.backward);
    expect(lora.backward).toBeGreaterThan(0.45 * pre.backward);
    expect(encoderDecoderComputeSeconds(device, e, 8, 1, false, 2.5, 2, ft({ method: 'full' }))).toEqual(pre);
  });

  it('model FLOPs: frozen linears 2× forward, attention cores 3×, adapters 3×', () => {
    const f = encoderDecoderForwardFlops(m.encoderDecoder!);
    const x = m.encoderDecoder!;
    // q/v r8: encoder q, v on encoder tokens; decoder self q, v and cross q on decoder tokens; cross v on encoder tokens.
    const adapters = 2 * 8 * (2048 + 2048) * 24 * (2 * x.encoderTokens + 3 * x.decoderTokens + x.encoderTokens);
    expect(finetuneFlopsPerToken(m, 1, ft({ method: 'lora' }))).toBeCloseTo(2 * f.linear + 3 * f.attention + 2 * f.logits + 3 * adapters, -3);
    expect(finetuneFlopsPerToken(m, 1, ft({ method: 'full' }))).toBe(m.sampleWorkload!.flopsPerSample);
  });
});

describe('bad input', () => {
  const file = (finetune: string, preset = 'flan-t5-xl') =>
    `model:\n  preset: ${preset}\ntraining:\n  samples: 1000\n  globalBatchSize: 8\n  finetune:\n${finetune}`;
  const fails = (text: string, field: RegExp) => {
    let err: unknown;
    try {
      parseModelFile(text, 't5.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(field);
  };

  it('rank ≤ 0 or above d_model (2048 on Flan-T5-XL) names training.finetune.rank; d_model itself is accepted', () => {
    fails(file('    method: lora\n    rank: 0\n'), /training\.finetune\.rank/);
    fails(file('    method: lora\n    rank: 2049\n'), /training\.finetune\.rank.*2048/);
    expect(parseModelFile(file('    method: lora\n    rank: 2048\n'), 't5.yaml').training.finetune?.rank).toBe(2048);
  });

  it('gate_proj on a ReLU T5 (v1.0) names targetModules; on gated-GELU Flan-T5 it is accepted', () => {
    fails(file('    method: lora\n    targetModules: [gate_proj]\n', 't5-large'), /training\.finetune\.targetModules/);
    expect(parseModelFile(file('    method: lora\n    targetModules: [gate_proj]\n'), 't5.yaml').training.finetune?.targetModules).toEqual(['gate_proj']);
  });
});

function stagedDevice() {
  return stagedContext({ model: resolveModel({ preset: 'flan-t5-xl' }), training: training(), accelerator: acc('h100-sxm'), precision: 'bf16' }).device;
}
