import { PER_SAMPLE_TRANSFORMER_FIELDS } from '../per-sample-fields.js';
import type { SampleWorkload } from '../model.js';
import type { ModelPreset } from '../presets.js';
import { efficientNet, EFFICIENTNET_B0, EFFICIENTNET_B4, type EfficientNetScaling } from './efficientnet.js';
import type { CnnCost } from './kernels.js';
import { resnetClassifier, RESNEXT101_32X4D } from './resnet.js';
import { retinaNet, RETINANET_MLPERF } from './retinanet.js';

/** Bytes per activation element at the 16-bit training precision the presets state (fp32 doubles it, estimator side). */
const BYTES = 2;

/**
 * The per-sample workload of a network counted kernel by kernel: training FLOPs = 3 × 2 × forward MACs
 * (forward, input gradient and weight gradient of every convolution: Kaplan et al. 2020 §2.1's 3 × forward),
 * stored activations and memory-bound traffic at 16-bit, and the kernel mix the estimator times by class.
 */
export function cnnSampleWorkload(c: CnnCost): SampleWorkload {
  const macs = c.denseMacs + c.groupedMacs + c.depthwiseMacs;
  return {
    parameters: c.params,
    flopsPerSample: 3 * 2 * macs,
    activationBytesPerSample: BYTES * c.storedElements,
    kernelMix: {
      depthwiseFlopsPerSample: 3 * 2 * c.depthwiseMacs,
      groupedFlopsPerSample: 3 * 2 * c.groupedMacs,
      memoryBoundBytesPerSample: BYTES * c.trafficElements,
      kernelsPerStep: Math.round(c.kernels),
    },
  };
}

function efficientNetPreset(id: string, name: string, s: EfficientNetScaling): ModelPreset {
  const c = efficientNet(s);
  const macs = c.denseMacs + c.depthwiseMacs;
  return {
    id,
    title: `EfficientNet-${name} at ${s.resolution}² (${(c.params / 1e6).toFixed(1)}M)`,
    source: 'Tan & Le 2019, "EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks", Table 1 and §3.3 (arXiv:1905.11946); layer shapes as torchvision/models/efficientnet.py builds them (width, depth, resolution)',
    notes: `Kind cnn, counted layer by layer: ${(macs / 1e9).toFixed(2)} GMAC per ${s.resolution}² image (${(100 * c.depthwiseMacs / macs).toFixed(0)}% depthwise). Timed per kernel class: dense convolutions at the ResNet-50 convolution rate, depthwise convolutions on the fp32 CUDA cores, the memory-bound kernels (batch norm, Swish, squeeze-and-excitation, drop-connect, residual adds: ${(BYTES * c.trafficElements / 1e9).toFixed(2)} GB per image, forward + backward) at HBM bandwidth, ${c.kernels} kernel launches per step. Data parallel (+ ZeRO) only; ImageNet-1k: 1,281,167 images.`,
    model: { ...PER_SAMPLE_TRANSFORMER_FIELDS, kind: 'cnn', sampleWorkload: cnnSampleWorkload(c) },
  };
}

function resnext101(): ModelPreset {
  const c = resnetClassifier(RESNEXT101_32X4D);
  const macs = c.denseMacs + c.groupedMacs;
  return {
    id: 'resnext101-32x4d',
    title: `ResNeXt-101 32×4d at 224² (${(c.params / 1e6).toFixed(1)}M)`,
    source: 'Xie et al. 2017, "Aggregated Residual Transformations for Deep Neural Networks", Table 1 and §3.3 (arXiv:1611.05431); layer shapes as torchvision/models/resnet.py builds resnext101_32x4d',
    notes: `Kind cnn, counted layer by layer: ${(macs / 1e9).toFixed(2)} GMAC per 224² image (${(100 * c.groupedMacs / macs).toFixed(0)}% in the grouped 3×3 convolutions, timed on the fp32 CUDA cores). Data parallel (+ ZeRO) only.`,
    model: { ...PER_SAMPLE_TRANSFORMER_FIELDS, kind: 'cnn', sampleWorkload: cnnSampleWorkload(c) },
  };
}

function retinanet(): ModelPreset {
  const c = retinaNet();
  const r = RETINANET_MLPERF;
  return {
    id: 'retinanet',
    title: `RetinaNet ResNeXt50-32x4d FPN at ${r.resolution}², ${r.classes} classes (${(c.params / 1e6).toFixed(1)}M)`,
    source: 'Lin et al. 2017, "Focal Loss for Dense Object Detection" §4 (arXiv:1708.02002); MLPerf Training single-stage detector (mlcommons/training single_stage_detector; NVIDIA training_results_v4.0 benchmarks/ssd implementation)',
    notes: `Kind cnn; the MLPerf Training configuration: OpenImages subset (1,170,301 training images, 264 classes), frozen batch norm fused into the convolutions, conv1 and layer1 frozen, ${c.positions} anchor positions × ${r.anchors} anchors on P3–P7. ${((6 * (c.denseMacs + c.groupedMacs)) / 1e12).toFixed(2)} TFLOP per training image (frozen layers forward only); grouped 3×3 convolutions on the fp32 CUDA cores; the focal loss and residual adds as memory-bound traffic. Data parallel (+ ZeRO) only.`,
    model: { ...PER_SAMPLE_TRANSFORMER_FIELDS, kind: 'cnn', sampleWorkload: cnnSampleWorkload(c) },
  };
}

/** CNN presets with a per-kernel time model. */
export const CNN_KERNEL_PRESETS: ModelPreset[] = [
  efficientNetPreset('efficientnet-b0', 'B0', EFFICIENTNET_B0),
  efficientNetPreset('efficientnet-b4', 'B4', EFFICIENTNET_B4),
  resnext101(),
  retinanet(),
];
