import type { KernelMix, SampleWorkload } from '../schema/index.js';
import type { Device } from './kernels.js';

/**
 * Fraction of the dense 16-bit peak dense and pointwise convolutions reach when every memory-bound kernel's
 * bytes are counted on their own (the per-kernel model). Derived exactly as CNN_PEAK_FRACTION (conv-roofline.ts)
 * from the same two ResNet-50 v1.5 AMP rows (NVIDIA DeepLearningExamples resnet50v1.5 README, pytorch-21.03:
 * A100 80GB 2470 img/s, V100 16GB 1200 img/s at batch 256), but with ResNet-50 counted kernel by kernel
 * (schema/cnn/resnet.ts: 24.5 GFLOP and 345 MB of batch-norm/ReLU/add/pool traffic per image, 402 kernels):
 * 1/rate = FLOPs / (peak · f) + bytes / sustained HBM + launches gives f = 0.394 (A100) and 0.563 (V100); this is
 * their mean. The roofline's 27.8% is lower because its 4 × stored-activation traffic is ~half of these bytes.
 */
export const KERNEL_CONV_FRACTION = 0.479;

/**
 * Fraction of the fp32 CUDA-core peak depthwise convolutions reach, forward and both backward kernels
 * together. Depthwise convolutions have no tensor-core path in cuDNN or PyTorch's own kernels: each output
 * is a k² dot product over one channel, accumulated in fp32 even for fp16 tensors (PyTorch
 * aten/src/ATen/native/cuda/DepthwiseConv2d.cu: `acc_t = at::acc_type<scalar_t, true>` in the forward, data- and
 * weight-gradient kernels), and they are known to run far below
 * the GPU's rate (pytorch/pytorch#18631 "Depthwise convolution is slow in GPU"; lukemelas/EfficientNet-PyTorch#98:
 * cuDNN does not accelerate the 5×5 depthwise convolutions; pytorch/pytorch#22302: cuDNN's fp16 depthwise kernels
 * on Volta/Turing only for some shapes). Their rate therefore follows the fp32 peak (A100 19.5, V100 15.7
 * TFLOP/s: 1.24×), not the tensor peak (2.5×) or HBM bandwidth (2.27×) — which is why EfficientNet-B4 runs only
 * 1.62× faster on an A100 than on a V100.
 *
 * Fitted on one row: EfficientNet-B4, one A100 80GB, AMP, batch 128, 380²,
 * 331 img/s (NVIDIA DeepLearningExamples PyTorch/Classification/ConvNets/efficientnet README, pytorch-21.03
 * container, commit 0107cf2; batch sizes from ConvNets/configs.yml). Per image 1/331 s = dense math + traffic
 * + launches/batch + depthwise FLOPs / (19.5 TFLOP/s · f) gives f = 0.0554. The V100 and B0 rows and the 8-GPU
 * rows are out of sample (test/estimator/efficientnet.test.ts).
 */
export const DEPTHWISE_FP32_FRACTION = 0.0554;

/**
 * Fraction of the fp32 CUDA-core peak grouped convolutions reach (ResNeXt 32×4d: 32 groups of 4, 8, 16 and 32
 * channels in the four stages). A group of c channels is a GEMM only c outputs wide, so it fills at most c of a
 * tensor-core tile's 64–256 columns: such convolutions run like CUDA-core work, and their rate follows the fp32
 * peak as the depthwise ones do (ResNeXt-101 32×4d runs 1.70× faster on an A100 than a V100, ResNet-50 2.06×).
 * Fitted on one row, ResNeXt-101 32×4d on one A100 40GB, AMP, batch 128, 908.4 img/s (NVIDIA DeepLearningExamples
 * PyTorch/Classification/ConvNets/resnext101-32x4d README, pytorch-20.06, commit 46ff370): with its dense and
 * memory-bound kernels as above, the grouped FLOPs (6% of its 47.8 GFLOP per image) take the rest: f = 0.523.
 * The V100 row and the MLPerf RetinaNet rows are out of sample.
 */
export const GROUPED_FP32_FRACTION = 0.523;

/**
 * Seconds of forward + backward for `samples` samples of a CNN with a kernel mix on one device: the sum, class
 * by class, of each class at its own rate (a kernel runs after the previous one; no overlap):
 * dense convolution FLOPs at KERNEL_CONV_FRACTION of the 16-bit peak (TF32/fp32 when training in fp32) (ResNet-50's rate under this same
 * accounting: it includes the convolutions' own operand traffic), grouped FLOPs at GROUPED_FP32_FRACTION and
 * depthwise FLOPs at DEPTHWISE_FP32_FRACTION of `fp32Peak`, the memory-bound bytes at sustained HBM bandwidth (×2 when training in
 * fp32), and one launch latency per kernel of the step.
 */
export function cnnKernelSeconds(d: Device, w: SampleWorkload, mix: KernelMix, samples: number, fp32Peak: number): number {
  const denseFlops = Math.max(0, w.flopsPerSample - mix.depthwiseFlopsPerSample - mix.groupedFlopsPerSample);
  // The training precision's tensor peak (TF32 / fp32 for fp32 runs), never above the 16-bit one (convolutions do not run in fp8).
  const convRate = Math.min(d.gemmPeak, d.attentionPeak) * KERNEL_CONV_FRACTION;
  const dense = (denseFlops * samples) / convRate;
  const grouped = (mix.groupedFlopsPerSample * samples) / (fp32Peak * GROUPED_FP32_FRACTION);
  const depthwise = (mix.depthwiseFlopsPerSample * samples) / (fp32Peak * DEPTHWISE_FP32_FRACTION);
  const bytes = mix.memoryBoundBytesPerSample * samples * (d.operandBytes === 4 ? 2 : 1);
  const traffic = bytes / (d.memoryBytesPerSecond * d.eff.memory);
  return dense + grouped + depthwise + traffic + mix.kernelsPerStep * d.kernelOverheadSeconds;
}
