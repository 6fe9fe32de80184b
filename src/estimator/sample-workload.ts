import type { ModelConfig, Recompute } from '../schema/index.js';
import type { Device } from './kernels.js';
import type { LayerTerms } from './staged-terms.js';
import { cnnTrainSeconds } from './conv-roofline.js';
import { cnnKernelSeconds } from './conv-kernels.js';

/**
 * Per-sample kinds (cnn, generic): the model is one opaque block with `flopsPerSample` training FLOPs
 * (forward + backward, backward ≈ 2× forward) and `activationBytesPerSample` stored activations; only
 * data-parallel (+ ZeRO) layouts exist. Recompute modes have no effect (there is no transformer layer
 * to recompute): every mode estimates as `none`.
 *
 * Convolutional networks: a roofline of convolution math and activation traffic (conv-roofline.ts), or, for
 * presets counted kernel by kernel, each kernel class at its own rate (conv-kernels.ts).
 */

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
  if (w.peakFraction !== undefined) {
    // A preset's own measured fraction of the 16-bit peak (StyleGAN2, presets-stylegan.ts) replaces the kind's roofline;
    // its fp32Fraction of the FLOPs runs at the part's true fp32 peak at the same fraction.
    const rate = d.attentionPeak * w.peakFraction;
    const f32 = w.fp32Fraction ?? 0;
    const rate32 = f32 > 0 ? Math.min(rate, fp32Peak * w.peakFraction) : rate;
    const flops = (w.flopsPerSample / 3) * samples;
    const forward = (flops * (1 - f32)) / rate + (flops * f32) / rate32 + d.kernelOverheadSeconds;
    return { forward, backward: 2 * forward };
  }
  // Generic workloads are assumed GEMM-dominated: the accelerator's achievable GEMM fraction (efficiency profile).
  // CNN presets counted kernel by kernel (schema/cnn) are timed by class (conv-kernels.ts); other CNNs by the roofline.
  const train = m.kind !== 'cnn'
    ? (w.flopsPerSample * samples) / (d.gemmPeak * d.gemmEff)
    : w.kernelMix ? cnnKernelSeconds(d, w, w.kernelMix, samples, fp32Peak) : cnnTrainSeconds(d, w, storedActivationBytes(d, m), samples);
  const forward = train / 3 + d.kernelOverheadSeconds;
  return { forward, backward: 2 * forward };
}

/** Stored activation bytes per sample: CNN presets state 16-bit activations (fp32 stores twice); generic workloads give bytes as trained. */
function storedActivationBytes(d: Device, m: ModelConfig): number {
  return m.sampleWorkload!.activationBytesPerSample * (m.kind === 'cnn' && d.operandBytes === 4 ? 2 : 1);
}

/** LayerTerms (staged-terms.ts) of a per-sample model: one "layer" holding the whole network; `fp32Peak` in FLOP/s. */
export function sampleLayerTerms(d: Device, m: ModelConfig, microBatch: number, recompute: Recompute, fp32Peak = d.attentionPeak): LayerTerms {
  const s = sampleSeconds(d, m, microBatch, fp32Peak);
  const dense = { compute: s.forward + s.backward, recompute: 0, tp: 0, cp: 0, ep: 0, backward: s.backward };
  return {
    tp: 1, cp: 1, microBatch, ep: 1, recompute,
    dense, moe: null, logitsCompute: 0, logitsBackward: 0,
    tokens: microBatch,
    actDense: storedActivationBytes(d, m), actMoe: 0, actFullExtra: 0, logitsBytes: 0,
    p2pLocal: 0, p2pCross: 0,
  };
}
