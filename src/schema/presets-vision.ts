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
    },
  };
}

/** Vision presets (Table 1: layers, hidden size D, MLP size, heads). */
export const VISION_PRESETS: ModelPreset[] = [
  vit('vit-b16', 'ViT-Base/16 (86M)', 12, 768, 3072, 12, 16),
  vit('vit-l16', 'ViT-Large/16 (307M)', 24, 1024, 4096, 16, 16),
  vit('vit-h14', 'ViT-Huge/14 (632M)', 32, 1280, 5120, 16, 14),
];
