import type { SampleWorkload } from '../schema/index.js';
import type { Device } from './kernels.js';

/**
 * HBM bytes a CNN training step moves per byte of stored activations: each stored activation is written in
 * the forward pass and read in the backward pass, and its gradient (the same size) is written and read once
 * there — 4 × the stored bytes. These passes are the batch-norm/ReLU/add layers between convolutions, which are
 * memory-bound kernels run one after another with the compute-bound convolutions (no overlap).
 */
export const CNN_TRAFFIC_PER_ACTIVATION_BYTE = 4;

/**
 * Fraction of the dense 16-bit peak the convolution math of a CNN runs at (cuDNN implicit GEMM). Derived
 * from ResNet-50 v1.5, mixed precision, one GPU, batch 256, NVIDIA DeepLearningExamples
 * PyTorch/Classification/ConvNets/resnet50v1.5 README (pytorch-21.03 container; commit 291f0d0): A100 80GB
 * 2470 img/s, V100 16GB 1200 img/s. Per image, 1/rate = 24.54 GFLOP / (peak · f) + 4 × 44.4 MB / HBM
 * bandwidth gives f = 0.248 (A100: 312 TFLOP/s, 2.039 TB/s) and f = 0.309 (V100: 125 TFLOP/s, 0.9 TB/s);
 * 0.278 is their mean (test/estimator/per-sample.test.ts checks both rows within ±12%).
 */
export const CNN_PEAK_FRACTION = 0.278;

/**
 * Seconds of forward + backward for `samples` samples of a CNN on one device: a roofline sum of the
 * convolution math at CNN_PEAK_FRACTION of the 16-bit peak and the activation traffic at HBM bandwidth.
 * `activationBytes` is the stored activation size at the training precision.
 */
export function cnnTrainSeconds(d: Device, w: SampleWorkload, activationBytes: number, samples: number): number {
  const math = (w.flopsPerSample * samples) / (d.attentionPeak * CNN_PEAK_FRACTION);
  const traffic = (CNN_TRAFFIC_PER_ACTIVATION_BYTE * activationBytes * samples) / d.memoryBytesPerSecond;
  return math + traffic;
}
