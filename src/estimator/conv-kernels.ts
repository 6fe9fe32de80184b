import type { KernelMix, SampleWorkload } from '../schema/index.js';
import { CNN_PEAK_FRACTION } from './conv-roofline.js';
import type { Device } from './kernels.js';

/**
 * Fraction of the fp32 CUDA-core peak depthwise convolutions reach, forward and both backward kernels
 * together. Depthwise convolutions have no tensor-core path in cuDNN or PyTorch's own kernels: each output
 * is a k² dot product over one channel, accumulated in fp32 even for fp16 tensors (PyTorch
 * aten/src/ATen/native/cuda/DepthwiseConv2d.cu: `acc_type<scalar_t>`), and they are known to run far below
 * the GPU's rate (pytorch/pytorch#18631 "Depthwise convolution is slow in GPU"; lukemelas/EfficientNet-PyTorch#98:
 * cuDNN does not accelerate the 5×5 depthwise convolutions; pytorch/pytorch#22302: cuDNN's fp16 depthwise kernels
 * on Volta/Turing only for some shapes). Their rate therefore follows the fp32 peak (A100 19.5, V100 15.7
 * TFLOP/s: 1.24×), not the tensor peak (2.5×) or HBM bandwidth (2.27×) — which is why EfficientNet-B4 runs only
 * 1.62× faster on an A100 than on a V100.
 *
 * The one constant fitted for this model, on one row: EfficientNet-B4, one A100 80GB, AMP, batch 128, 380²,
 * 331 img/s (NVIDIA DeepLearningExamples PyTorch/Classification/ConvNets/efficientnet README, pytorch-21.03
 * container, commit 0107cf2; batch sizes from ConvNets/configs.yml). Per image 1/331 s = dense math + traffic
 * + launches/batch + depthwise FLOPs / (19.5 TFLOP/s · f) gives f = 0.0598. The V100 and B0 rows and the 8-GPU
 * rows are out of sample (test/estimator/efficientnet.test.ts).
 */
export const DEPTHWISE_FP32_FRACTION = 0.0598;

/**
 * Fraction of the dense convolution rate grouped convolutions reach. No grouped-convolution network is in the
 * validation yet, so they run at the dense rate (1): a stated assumption, not a measurement.
 */
export const GROUPED_CONV_FRACTION = 1;

/**
 * Seconds of forward + backward for `samples` samples of a CNN with a kernel mix on one device: the sum, class
 * by class, of each class at its own rate (a kernel runs after the previous one; no overlap):
 * dense convolution FLOPs at CNN_PEAK_FRACTION of the 16-bit peak (ResNet-50's rate: that fit includes the
 * convolutions' own operand traffic), grouped ones at GROUPED_CONV_FRACTION of that, depthwise FLOPs at
 * DEPTHWISE_FP32_FRACTION of `fp32Peak`, the memory-bound bytes at sustained HBM bandwidth (×2 when training in
 * fp32), and one launch latency per kernel of the step.
 */
export function cnnKernelSeconds(d: Device, w: SampleWorkload, mix: KernelMix, samples: number, fp32Peak: number): number {
  const denseFlops = Math.max(0, w.flopsPerSample - mix.depthwiseFlopsPerSample - mix.groupedFlopsPerSample);
  const convRate = d.attentionPeak * CNN_PEAK_FRACTION;
  const dense = (denseFlops * samples) / convRate;
  const grouped = (mix.groupedFlopsPerSample * samples) / (convRate * GROUPED_CONV_FRACTION);
  const depthwise = (mix.depthwiseFlopsPerSample * samples) / (fp32Peak * DEPTHWISE_FP32_FRACTION);
  const bytes = mix.memoryBoundBytesPerSample * samples * (d.operandBytes === 4 ? 2 : 1);
  const traffic = bytes / (d.memoryBytesPerSecond * d.eff.memory);
  return dense + grouped + depthwise + traffic + mix.kernelsPerStep * d.kernelOverheadSeconds;
}
