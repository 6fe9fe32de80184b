import { PER_SAMPLE_TRANSFORMER_FIELDS } from './model.js';
import type { ModelPreset } from './presets.js';

const VIT_SOURCE = 'Dosovitskiy et al. 2021, "An Image is Worth 16x16 Words: Transformers for Image Recognition at Scale", Table 1 (arXiv:2010.11929)';

/**
 * A vision transformer as a bidirectional GeLU encoder over (image/patch)² + 1 tokens (patches plus the
 * class token): train it with `sequenceLength: 197` (224², patch 16) or `257` (224², patch 14), and size
 * the run in images with `training.samples` and `epochs`.
 */
function vit(id: string, title: string, layers: number, hiddenSize: number, mlp: number, heads: number, patch: number): ModelPreset {
  const seq = (224 / patch) ** 2 + 1;
  return {
    id,
    title,
    source: VIT_SOURCE,
    notes: `Use sequenceLength ${seq} at 224² (${224 / patch}² patches + class token). The ${3 * patch * patch}-row patch projection is counted as a 1000-row table and the ImageNet-1k head is applied to every token (≈ +1% FLOPs); position embeddings are not modelled.`,
    model: {
      layers,
      hiddenSize,
      ffnHiddenSize: mlp,
      attentionHeads: heads,
      kvHeads: heads,
      headDim: hiddenSize / heads,
      vocabSize: 1000,
      ffn: 'gelu',
      tiedEmbeddings: false,
      attention: 'bidirectional',
      moe: null,
      mla: null,
      kind: 'vit',
    },
  };
}

/**
 * A CNN as a per-sample workload (kind cnn). Parameters and multiply-accumulates per 224² image from
 * torchvision's weights tables (pytorch.org/vision/stable/models, ResNet50_Weights.IMAGENET1K_V2 25.557M /
 * 4.09 GMAC, ResNet152_Weights 60.19M / 11.51 GMAC; the v1.5 variant with the stride in the 3×3 conv);
 * He et al. 2016, "Deep Residual Learning", Table 1 gives 3.8 and 11.3 GFLOPs (multiply-adds) for v1.
 * Training FLOPs = 3 × 2 × MAC. Stored activations: two 16-bit tensors (convolution output for the
 * batch-norm backward, and the ReLU'd output feeding the next convolution's weight gradient) per output
 * element counted by timm (resnet50 11.1M, resnet152 22.6M activations per image, timm model cards).
 */
function cnn(id: string, title: string, parameters: number, gmac: number, activations: number): ModelPreset {
  return {
    id,
    title,
    source: 'He et al. 2016, "Deep Residual Learning for Image Recognition", Table 1 (arXiv:1512.03385); torchvision weights tables (v1.5 sizes); timm activation counts',
    notes: 'Per-sample model (kind cnn): data-parallel layouts only; size runs with training.samples and epochs (ImageNet-1k: 1,281,167 images).',
    model: {
      ...PER_SAMPLE_TRANSFORMER_FIELDS,
      kind: 'cnn',
      sampleWorkload: { parameters, flopsPerSample: 3 * 2 * gmac * 1e9, activationBytesPerSample: 2 * 2 * activations * 1e6 },
    },
  };
}

/** Vision presets (Table 1: layers, hidden size D, MLP size, heads). */
export const VISION_PRESETS: ModelPreset[] = [
  vit('vit-b16', 'ViT-Base/16 (86M)', 12, 768, 3072, 12, 16),
  vit('vit-l16', 'ViT-Large/16 (307M)', 24, 1024, 4096, 16, 16),
  vit('vit-h14', 'ViT-Huge/14 (632M)', 32, 1280, 5120, 16, 14),
  cnn('resnet50', 'ResNet-50 v1.5 (25.6M)', 25_557_032, 4.09, 11.1),
  cnn('resnet152', 'ResNet-152 v1.5 (60.2M)', 60_192_808, 11.51, 22.6),
];
