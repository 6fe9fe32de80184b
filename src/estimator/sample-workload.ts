import type { ModelConfig, Recompute } from '../schema/index.js';
import type { Device } from './kernels.js';
import type { LayerTerms } from './staged-terms.js';

/**
 * Per-sample kinds (cnn, generic): the model is one opaque block with `flopsPerSample` training FLOPs
 * (forward + backward, backward ≈ 2× forward) and `activationBytesPerSample` stored activations; only
 * data-parallel (+ ZeRO) layouts exist. Recompute modes have no effect (there is no transformer layer
 * to recompute): every mode estimates as `none`.
 *
 * Convolutional networks run at an end-to-end fraction of the dense 16-bit peak that includes cuDNN's
 * implicit-GEMM convolutions and the memory-bound batch-norm/ReLU layers around them. Measured: ResNet-50
 * v1.5, mixed precision, one GPU, NVIDIA DeepLearningExamples PyTorch/Classification/ConvNets/resnet50v1.5
 * README (pytorch-21.03 container; commit 291f0d0): A100 80GB 2470 img/s, V100 16GB 1200 img/s; at
 * 3 × 2 × 4.09 GMAC per image that is 60.6 of 312 TFLOP/s (19.4%) and 29.4 of 125 TFLOP/s (23.6%):
 * 0.21 is their mean (the test checks both rows within ±12%).
 */
export const CNN_PEAK_FRACTION = 0.21;

/**
 * Kind lstm: the input-to-hidden GEMMs of all steps and the softmax projection are batched into big
 * GEMMs, but each step's recurrent GEMM (micro-batch × h by h × 4h) waits for the previous step, so it
 * is small and latency-bound: it takes max(its FLOPs at the GEMM rate, one kernel's launch latency).
 * Layers overlap as a wavefront, so the latency-bound critical path is steps + layers − 1 recurrent
 * steps (Appleyard, Kočiský & Blunsom 2016, "Optimizing Performance of Recurrent Neural Networks on
 * GPUs", Sections 3.1–3.3, arXiv:1604.01946); backward ≈ 2 × forward as for the other kinds.
 */
function lstmForwardSeconds(d: Device, m: ModelConfig, samples: number): number {
  const r = m.recurrent!;
  const rate = d.gemmPeak * d.gemmEff;
  const batched = (2 * samples * r.steps * (r.layers * 4 * r.hidden * r.hidden + r.hidden * r.vocab)) / rate;
  const stepGemm = (2 * samples * 4 * r.hidden * r.hidden) / rate;
  const recurrent = Math.max(r.layers * r.steps * stepGemm, (r.steps + r.layers - 1) * Math.max(stepGemm, d.kernelOverheadSeconds));
  return batched + recurrent + d.kernelOverheadSeconds;
}

/**
 * Seconds of forward and backward per micro-batch of `samples` on one GPU. A preset's own `peakFraction`
 * replaces the kind's rate; its `fp32Fraction` of the FLOPs runs at `fp32Peak` (the part's true fp32 rate)
 * at the same fraction, the rest at the training precision's peak.
 */
function sampleSeconds(d: Device, m: ModelConfig, samples: number, fp32Peak: number): { forward: number; backward: number } {
  if (m.recurrent) {
    const forward = lstmForwardSeconds(d, m, samples);
    return { forward, backward: 2 * forward };
  }
  const w = m.sampleWorkload!;
  // Generic workloads are assumed GEMM-dominated: the accelerator's achievable GEMM fraction (efficiency profile).
  const rate = w.peakFraction !== undefined ? d.attentionPeak * w.peakFraction : m.kind === 'cnn' ? d.attentionPeak * CNN_PEAK_FRACTION : d.gemmPeak * d.gemmEff;
  const f32 = w.fp32Fraction ?? 0;
  const rate32 = f32 > 0 ? Math.min(rate, fp32Peak * (w.peakFraction ?? CNN_PEAK_FRACTION)) : rate;
  const flops = (w.flopsPerSample / 3) * samples;
  const forward = (flops * (1 - f32)) / rate + (flops * f32) / rate32 + d.kernelOverheadSeconds;
  return { forward, backward: 2 * forward };
}

/** LayerTerms (staged-terms.ts) of a per-sample model: one "layer" holding the whole network; `fp32Peak` in FLOP/s. */
export function sampleLayerTerms(d: Device, m: ModelConfig, microBatch: number, recompute: Recompute, fp32Peak = d.attentionPeak): LayerTerms {
  const s = sampleSeconds(d, m, microBatch, fp32Peak);
  const dense = { compute: s.forward + s.backward, recompute: 0, tp: 0, cp: 0, ep: 0, backward: s.backward };
  return {
    tp: 1, cp: 1, microBatch, ep: 1, recompute,
    dense, moe: null, logitsCompute: 0, logitsBackward: 0,
    tokens: microBatch,
    // CNN presets state 16-bit activations; fp32 training stores twice the bytes. Generic workloads give bytes as trained.
    actDense: m.sampleWorkload!.activationBytesPerSample * (m.kind === 'cnn' && d.operandBytes === 4 ? 2 : 1), actMoe: 0, actFullExtra: 0, logitsBytes: 0,
    p2pLocal: 0, p2pCross: 0,
  };
}
