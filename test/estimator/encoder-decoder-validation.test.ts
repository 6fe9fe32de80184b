import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/estimator/index.js';
import { parseModelFile } from '../../src/io/index.js';
import { loadBuiltinCatalog } from '../../src/io/load-catalog.js';
import { aLayout } from '../helpers/builders.js';

const catalog = loadBuiltinCatalog();
const a100 = catalog.accelerators.find((a) => a.id === 'a100-sxm-80gb')!;

/**
 * Measured T5 pre-training throughput on DGX A100 80GB (NVIDIA NeMo-Framework-Launcher README §7.2, "T5
 * Results", commit 8035328, 2023-10-04): the 220M model on 32 GPUs at 3,273,728 tokens/s; the 3B model at
 * 110,769 tokens/s on 1 node and 1,626,353 on 20 nodes ("Training Performance Results"). Tokens are input
 * tokens (512 per sample: the 220M run's 1T tokens take 1M steps × 2048 samples). Shapes and layouts from
 * launcher_scripts/conf/training/t5/{220m,3b}.yaml at that commit: GeGLU, shared embeddings and LM head,
 * decoder length 128, BertWordPieceCase vocabulary + 100 sentinels padded to 29,184, no recompute
 * (activations_checkpoint_num_layers 0), distributed Adam (ZeRO-1) with overlap_grad_sync False.
 * Learned absolute position embeddings and biases are not modelled (< 0.1% of FLOPs).
 */
function nemoT5(layers: number, hidden: number, ffn: number, heads: number, batch: number) {
  return parseModelFile(`model:
  kind: encoder-decoder
  encoderLayers: ${layers}
  decoderLayers: ${layers}
  hiddenSize: ${hidden}
  ffnHiddenSize: ${ffn}
  attentionHeads: ${heads}
  headDim: 64
  ffn: gated-gelu
  vocabSize: 29184
  tiedEmbeddings: true
  encoderSequenceLength: 512
  decoderSequenceLength: 128
training:
  samples: 2048000000
  globalBatchSize: ${batch}
  precision: bf16
  framework: nemo
  overlap: { dataParallel: 0 }
`, 'nemo-t5.yaml');
}

describe('T5 throughput against NeMo-Framework-Launcher measurements (A100 80GB)', () => {
  it.each([
    ['220M, 32 GPUs, TP 1, micro-batch 64', nemoT5(12, 768, 2048, 12, 2048), 32, 1, 64, 3_273_728],
    ['3B, 8 GPUs, TP 2, micro-batch 24', nemoT5(24, 2048, 5120, 32, 1920), 8, 2, 24, 110_769],
    ['3B, 160 GPUs, TP 2, micro-batch 24', nemoT5(24, 2048, 5120, 32, 1920), 160, 2, 24, 1_626_353],
  ])('%s: input tokens per second within 15%% of the measured %#', (_n, file, gpus, tp, microBatch, tokensPerSecond) => {
    const r = estimate({ model: file.model, training: file.training, accelerator: a100, layout: aLayout({ gpus, tp, zero: 1, recompute: 'none', microBatch, sequenceParallel: tp > 1 }) });
    if (!r.ok) throw new Error(r.problem.message);
    expect(r.estimate.memory.fits).toBe(true);
    const predicted = r.estimate.throughput.samplesPerSecond! * 512;
    expect(Math.abs(predicted / tokensPerSecond - 1)).toBeLessThan(0.15);
  });
});
