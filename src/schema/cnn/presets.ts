import { PER_SAMPLE_TRANSFORMER_FIELDS } from '../per-sample-fields.js';
import type { SampleWorkload } from '../model.js';
import type { ModelPreset } from '../presets.js';
import { efficientNet, EFFICIENTNET_B0, EFFICIENTNET_B4, type EfficientNetScaling } from './efficientnet.js';
import type { CnnCost } from './kernels.js';

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
      kernelsPerStep: c.kernels,
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

/** CNN presets with a per-kernel time model. */
export const CNN_KERNEL_PRESETS: ModelPreset[] = [
  efficientNetPreset('efficientnet-b0', 'B0', EFFICIENTNET_B0),
  efficientNetPreset('efficientnet-b4', 'B4', EFFICIENTNET_B4),
];
