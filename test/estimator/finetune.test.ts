import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseModelFile } from '../../src/io/index.js';
import { loadBuiltinCatalog } from '../../src/io/load-catalog.js';
import {
  countAdapters, countParameters, estimate, finetuneFlopsPerToken, forwardFlopsPerToken, frozenBitsPerParam, modelFlopsPerToken,
} from '../../src/estimator/index.js';
import { evaluateStaged, emptyStagedResult, layerTerms, stageTerms, stagedContext } from '../../src/estimator/staged.js';
import { InputError, resolveFinetune, type AcceleratorSpec, type FinetuneSection, type Layout, type ModelConfig, type Recompute, type TrainingConfig } from '../../src/schema/index.js';
import { aLayout, aModel, aTraining, SHAPES } from '../helpers/builders.js';

const catalog = loadBuiltinCatalog();
const acc = (id: string): AcceleratorSpec => catalog.accelerators.find((a) => a.id === id)!;
const ft = (s: FinetuneSection) => resolveFinetune(s);

// Shapes from the papers' tables: Llama 2 7B (Touvron et al. 2023, Table 1; params.json), LLaMA-1 33B/65B
// (Touvron et al. 2023a, "LLaMA", Table 2: d = 6656/8192, 52/64 heads, 60/80 layers; FFN 2/3·4d rounded to 256).
const llama2_7b = aModel({ name: 'llama2-7b', layers: 32, hiddenSize: 4096, ffnHiddenSize: 11008, attentionHeads: 32, kvHeads: 32, vocabSize: 32000, ffn: 'swiglu' });
const llama1_33b = aModel({ name: 'llama-33b', layers: 60, hiddenSize: 6656, ffnHiddenSize: 17920, attentionHeads: 52, kvHeads: 52, vocabSize: 32000, ffn: 'swiglu' });
const llama1_65b = aModel({ name: 'llama-65b', layers: 80, hiddenSize: 8192, ffnHiddenSize: 22016, attentionHeads: 64, kvHeads: 64, vocabSize: 32000, ffn: 'swiglu' });

describe('adapter parameters and storage bits (closed forms from the papers)', () => {
  it('LoRA r = 8 on q_proj, v_proj of Llama 2 7B: 4,194,304 trainable of 6,738,415,616 (PEFT print_trainable_parameters, "all params: 6,742,609,920")', () => {
    const c = countAdapters(llama2_7b, ft({ method: 'lora', rank: 8, targetModules: ['q_proj', 'v_proj'] }));
    expect(c.total).toBe(4_194_304);
    expect(countParameters(llama2_7b).total + c.total).toBe(6_742_609_920);
  });

  it('adapters grow linearly in the rank and cover every linear module with all-linear (GQA k/v are narrower)', () => {
    const m = SHAPES.llama3_8b;
    const r16 = countAdapters(m, ft({ method: 'lora', rank: 16, targetModules: 'all-linear' })).total;
    const r32 = countAdapters(m, ft({ method: 'lora', rank: 32, targetModules: 'all-linear' })).total;
    expect(r32).toBe(2 * r16);
    // per layer: r·[(h+h) + 2(h+kv) + (h+h) + 2(h+f) + (f+h)] with h = 4096, kv = 1024, f = 14336
    expect(r16).toBe(32 * 16 * (8192 + 2 * 5120 + 8192 + 2 * 18432 + 18432));
  });

  it('NF4 with double quantisation stores 4.127 bits per weight, 4.5 without (QLoRA §3)', () => {
    expect(frozenBitsPerParam(ft({ method: 'qlora' }), llama1_65b)).toBeCloseTo(4.127, 3);
    expect(frozenBitsPerParam(ft({ method: 'qlora', doubleQuant: false }), llama1_65b)).toBe(4.5);
    expect(frozenBitsPerParam(ft({ method: 'lora' }), llama1_65b)).toBe(16);
  });

  it('defaults: LoRA r = 8 on q/v without paging; QLoRA r = 64, all linear layers, NF4 + double quant, paged AdamW', () => {
    expect(ft({ method: 'lora' })).toMatchObject({ rank: 8, alpha: 16, targetModules: ['q_proj', 'v_proj'], quantBits: 16, pagedOptimizer: false });
    expect(ft({ method: 'qlora' })).toMatchObject({ rank: 64, alpha: 16, quantBits: 4, doubleQuant: true, pagedOptimizer: true });
    expect(ft({ method: 'qlora' }).targetModules).toHaveLength(7);
  });
});

describe('FLOPs: frozen weights skip the weight gradient', () => {
  it('LoRA ≈ (4N + 6A)/(6N) of pre-training FLOPs when attention is negligible; full fine-tuning = pre-training', () => {
    const m = SHAPES.llama3_70b;
    const f = ft({ method: 'lora', rank: 16 });
    const seq = 16; // attention core ∝ seq: negligible here
    const fw = forwardFlopsPerToken(m, seq);
    const n = (fw.linearForward + fw.logitsForward) / 2;
    const a = countAdapters(m, f).active;
    const ratio = finetuneFlopsPerToken(m, seq, f) / modelFlopsPerToken(m, seq);
    expect(ratio).toBeCloseTo((4 * n + 6 * a) / (6 * n), 3);
    expect(ratio).toBeGreaterThan(0.66);
    expect(ratio).toBeLessThan(0.68);
    expect(finetuneFlopsPerToken(m, seq, ft({ method: 'full' }))).toBe(modelFlopsPerToken(m, seq));
  });
});

describe('step time and memory', () => {
  const m = SHAPES.llama3_8b;
  const h100 = acc('h100-sxm');
  const run = (training: TrainingConfig, layout: Layout) => {
    const r = estimate({ model: m, training, accelerator: h100, layout });
    if (!r.ok) throw new Error(r.problem.message);
    return r.estimate;
  };
  const l = aLayout({ gpus: 8, zero: 1, recompute: 'selective', microBatch: 1 });
  const full = run(aTraining({ globalBatchSize: 64 }), l);
  const lora = run(aTraining({ globalBatchSize: 64, finetune: ft({ method: 'lora', rank: 16, targetModules: 'all-linear' }) }), l);
  const qlora = run(aTraining({ globalBatchSize: 64, finetune: ft({ method: 'qlora' }) }), l);

  it('LoRA backward is cheaper than full (no weight-gradient GEMMs), but not cheaper than the forward pass allows', () => {
    const c = (e: typeof full) => e.time.breakdown.compute;
    expect(c(lora)).toBeLessThan(0.85 * c(full));
    expect(c(lora)).toBeGreaterThan(0.6 * c(full));
    // QLoRA adds the de-quantisation passes on top of LoRA's compute
    expect(c(qlora)).toBeGreaterThan(c(run(aTraining({ globalBatchSize: 64, finetune: ft({ method: 'lora', rank: 64, targetModules: 'all-linear' }) }), l)));
  });

  it('LoRA keeps 16-bit weights but gradients and optimizer states only for adapters; QLoRA shrinks the weights and pages the optimizer to the host', () => {
    expect(lora.memory.breakdown.weights).toBeGreaterThan(0.95 * full.memory.breakdown.weights);
    expect(lora.memory.breakdown.gradients).toBeLessThan(0.02 * full.memory.breakdown.gradients);
    expect(lora.memory.breakdown.optimizer).toBeLessThan(0.02 * full.memory.breakdown.optimizer);
    expect(qlora.memory.breakdown.weights).toBeLessThan(0.45 * full.memory.breakdown.weights);
    expect(qlora.memory.breakdown.optimizer).toBe(0);
    expect(qlora.finetune!.hostOptimizerBytes).toBeGreaterThan(0);
    expect(lora.finetune!.hostOptimizerBytes).toBe(0);
    expect(full.finetune).toBeUndefined();
    // activations are the same model's
    expect(lora.memory.breakdown.activations).toBe(full.memory.breakdown.activations);
  });

  it('GPT-3 175B, LoRA r = 4 on W_q, W_v: about 25% faster training than full fine-tuning (Hu et al. 2021 §4.2)', () => {
    const g = SHAPES.gpt3_175b;
    const big = aLayout({ gpus: 512, tp: 8, pp: 8, vpp: 1, zero: 1, recompute: 'selective', microBatch: 1, sequenceParallel: true });
    const tr = (f?: FinetuneSection) => aTraining({ sequenceLength: 2048, globalBatchSize: 512, ...(f ? { finetune: ft(f) } : {}) });
    const step = (t: TrainingConfig) => {
      const r = estimate({ model: g, training: t, accelerator: h100, layout: big });
      if (!r.ok) throw new Error(r.problem.message);
      return r.estimate.time.stepSeconds;
    };
    const speedup = step(tr({ method: 'full' })) / step(tr({ method: 'lora', rank: 4, targetModules: ['q_proj', 'v_proj'] }));
    expect(speedup).toBeGreaterThan(1.15);
    expect(speedup).toBeLessThan(1.45);
  });

  it('data-parallel gradient traffic shrinks with the trainable share', () => {
    expect(lora.time.breakdown.dpComm).toBeLessThan(full.time.breakdown.dpComm);
  });
});

describe('frozen GEMM inputs are not stored (no weight gradient to compute from them)', () => {
  const m = SHAPES.llama3_8b;
  const h100 = acc('h100-sxm');
  const layout = aLayout({ gpus: 8, zero: 1, recompute: 'none', microBatch: 1 });
  const act = (section?: FinetuneSection) => {
    const r = estimate({ model: m, training: aTraining({ globalBatchSize: 64, ...(section ? { finetune: ft(section) } : {}) }), accelerator: h100, layout });
    if (!r.ok) throw new Error(r.problem.message);
    return r.estimate.memory.breakdown.activations;
  };
  it('LoRA on q/v drops the MLP GEMM inputs (norm output into gate/up, SwiGLU output into down): 2·h + 2·f bytes per token-layer at bf16', () => {
    const seq = aTraining().sequenceLength;
    const perTokenLayer = 2 * m.hiddenSize + 2 * m.ffnHiddenSize;
    expect(act() - act({ method: 'lora' })).toBeCloseTo(perTokenLayer * seq * m.layers, -3);
  });
  it('adapting every linear layer keeps every input (QLoRA all-linear stores what full fine-tuning stores)', () => {
    expect(act({ method: 'lora', targetModules: 'all-linear' })).toBe(act());
    expect(act({ method: 'full' })).toBe(act());
  });
  it('LoRA on the MLP only drops the attention norm output (the q/k/v input) instead', () => {
    const seq = aTraining().sequenceLength;
    expect(act() - act({ method: 'lora', targetModules: ['gate_proj', 'up_proj', 'down_proj'] })).toBeCloseTo(2 * m.hiddenSize * seq * m.layers, -3);
  });
});

describe('memory validation: fits / does not fit as published', () => {
  // QLoRA paper (Dettmers et al. 2023), abstract and §1: a 65B model fine-tunes on one 48 GB GPU, 33B on a
  // 24 GB consumer GPU; 16-bit full fine-tuning of 65B needs more than 780 GB. Their runs use gradient
  // checkpointing (full recompute), micro-batch 1; sequence 512 here.
  const one = (m: ModelConfig, f: FinetuneSection, gpu: string) => {
    const r = estimate({
      model: m, training: aTraining({ sequenceLength: 512, globalBatchSize: 16, finetune: ft(f) }), accelerator: acc(gpu),
      layout: aLayout({ gpus: 1, zero: 0, recompute: 'full', microBatch: 1 }),
    });
    if (!r.ok) throw new Error(r.problem.message);
    return r.estimate.memory;
  };
  const rows: [string, ModelConfig, FinetuneSection, string, boolean][] = [
    ['QLoRA 65B on one 48 GB GPU (L40S)', llama1_65b, { method: 'qlora' }, 'l40s', true],
    ['QLoRA 33B on one 24 GB GPU (L4)', llama1_33b, { method: 'qlora' }, 'l4', true],
    ['QLoRA 65B on one 24 GB GPU', llama1_65b, { method: 'qlora' }, 'l4', false],
    ['16-bit LoRA 65B on one 80 GB GPU (130 GB of frozen bf16 weights)', llama1_65b, { method: 'lora' }, 'h100-sxm', false],
    ['16-bit LoRA of Llama 2 7B on one 24 GB GPU', llama2_7b, { method: 'lora' }, 'l4', true],
    ['full fine-tuning of Llama 2 7B on one 80 GB GPU (16 B/param of states)', llama2_7b, { method: 'full' }, 'h100-sxm', false],
  ];
  it.each(rows)('%s', (_name, m, f, gpu, fits) => {
    expect(one(m, f, gpu).fits).toBe(fits);
  });
  it('full 16-bit fine-tuning of 65B needs more than 780 GB (QLoRA abstract)', () => {
    expect(one(llama1_65b, { method: 'full' }, 'h100-sxm').perGpuBytes).toBeGreaterThan(780e9);
  });
});

describe('the staged search terms equal estimate() under fine-tuning (bit for bit)', () => {
  const accs = ['h100-sxm', 'a100-sxm-80gb', 'l40s'].map(acc);
  const methods: FinetuneSection[] = [{ method: 'full', pagedOptimizer: true }, { method: 'lora', rank: 16 }, { method: 'qlora' }, { method: 'lora', targetModules: 'all-linear' }];
  const models = [SHAPES.llama3_8b, SHAPES.deepseekV3, aModel()];
  it('random layouts, methods and models', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...models), fc.constantFrom(...methods), fc.constantFrom(...accs),
        fc.constantFrom(1, 2, 4), fc.constantFrom(1, 2, 4), fc.constantFrom(1, 2, 8), fc.constantFrom(1, 2),
        fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const), fc.constantFrom<Recompute>('none', 'selective', 'full'), fc.constantFrom(1, 2),
        (m, f, a, tp, pp, dp, mb, zero, recompute, epPick) => {
          const training = aTraining({ globalBatchSize: 64, finetune: ft(f) });
          const ep = m.moe ? Math.min(epPick * 2, dp) : 1;
          const layout = aLayout({ gpus: tp * pp * dp, tp, pp, ep, zero, recompute, microBatch: mb, sequenceParallel: tp > 1 });
          const r = estimate({ model: m, training, accelerator: a, layout });
          if (!r.ok) return;
          const c = stagedContext({ model: m, training, accelerator: a, precision: layout.precision });
          const out = evaluateStaged(c, layerTerms(c, tp, 1, mb, ep, recompute), stageTerms(c, tp, pp, 1, ep, dp, 1), 64 / (dp * mb), zero, emptyStagedResult());
          expect(out.stepSeconds).toBe(r.estimate.time.stepSeconds);
          expect(out.perGpuBytes).toBe(r.estimate.memory.perGpuBytes);
        },
      ),
      { numRuns: 120, seed: 12 },
    );
  });
});

describe('bad fine-tuning input: one error naming the field', () => {
  const file = (finetune: string, precision = 'bf16') =>
    `model:\n  preset: llama3-8b\ntraining:\n  tokens: 10M\n  sequenceLength: 2048\n  globalBatchSize: 8\n  precision: ${precision}\n  finetune:\n${finetune}`;
  const err = (text: string) => {
    try {
      parseModelFile(text, 'ft.yaml');
    } catch (e) {
      if (e instanceof InputError) return e;
      throw e;
    }
    throw new Error('expected an InputError');
  };
  it.each([
    ['rank 0', '    method: lora\n    rank: 0\n', /training\.finetune\.rank/],
    ['rank above hiddenSize', '    method: lora\n    rank: 8192\n', /rank 8192 exceeds hiddenSize 4096/],
    ['unknown method', '    method: dora\n', /training\.finetune\.method/],
    ['unknown module', '    method: lora\n    targetModules: [q_proj, wq]\n', /training\.finetune\.targetModules/],
    ['quantBits on lora', '    method: lora\n    quantBits: 4\n', /quantBits applies to method qlora only/],
    ['rank on full', '    method: full\n    rank: 8\n', /full fine-tuning trains every weight/],
  ])('%s', (_n, body, msg) => {
    const e = err(file(body));
    expect(`${e.location ?? ''} ${e.message}`).toMatch(msg);
    expect(e.location).toMatch(/^ft\.yaml:\d+:\d+$/);
  });
  it('QLoRA in fp8 names training.precision', () => {
    const e = err(file('    method: qlora\n', 'fp8'));
    expect(e.message).toMatch(/QLoRA/);
    expect(e.location).toBe('ft.yaml:7:14');
  });
  it('a valid file resolves the defaults', () => {
    expect(parseModelFile(file('    method: qlora\n'), 'ft.yaml').training.finetune).toMatchObject({ rank: 64, quantBits: 4 });
  });
});
