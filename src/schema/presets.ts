import type { ModelConfig } from './model.js';
import { DIFFUSION_PRESETS } from './presets-diffusion.js';
import { GAN_PRESETS } from './presets-gan.js';
import { STYLEGAN_PRESETS } from './presets-stylegan.js';
import { RECURRENT_PRESETS } from './presets-recurrent.js';
import { T5_PRESETS } from './presets-t5.js';
import { VISION_PRESETS } from './presets-vision.js';
import { CNN_KERNEL_PRESETS } from './cnn/presets.js';

/** A built-in model shape with the publication it comes from. */
export interface ModelPreset {
  id: string;
  /** Human name, e.g. "Llama 3 70B". */
  title: string;
  /** Citation: paper, table or config file the numbers were taken from. */
  source: string;
  /** Deviations from the source or simplifications, when there are any. */
  notes?: string;
  model: Omit<ModelConfig, 'name'>;
}

const GPT3_SOURCE = 'Brown et al. 2020, "Language Models are Few-Shot Learners", Table 2.1 (arXiv:2005.14165)';
const GPT3_NOTE = 'Learned position embeddings (2048×hidden) are not modelled; the paper alternates dense and locally banded sparse attention, modelled here as dense.';

function gpt3(id: string, title: string, layers: number, hiddenSize: number, attentionHeads: number, headDim: number, notes?: string): ModelPreset {
  return {
    id,
    title,
    source: GPT3_SOURCE,
    notes: notes ? `${notes} ${GPT3_NOTE}` : GPT3_NOTE,
    model: {
      layers,
      hiddenSize,
      ffnHiddenSize: 4 * hiddenSize,
      attentionHeads,
      kvHeads: attentionHeads,
      headDim,
      vocabSize: 50257,
      ffn: 'gelu',
      tiedEmbeddings: true,
      attention: 'causal',
      moe: null,
      mla: null,
    },
  };
}

function bert(id: string, title: string, layers: number, hiddenSize: number, attentionHeads: number): ModelPreset {
  return {
    id,
    title,
    source: 'Devlin et al. 2019, "BERT: Pre-training of Deep Bidirectional Transformers", Section 3 (arXiv:1810.04805); vocab from the released uncased checkpoints',
    notes: 'Position/segment embeddings and the pooler are not modelled; the MLM output layer shares the input embedding.',
    model: {
      layers,
      hiddenSize,
      ffnHiddenSize: 4 * hiddenSize,
      attentionHeads,
      kvHeads: attentionHeads,
      headDim: hiddenSize / attentionHeads,
      vocabSize: 30522,
      ffn: 'gelu',
      tiedEmbeddings: true,
      attention: 'bidirectional',
      moe: null,
      mla: null,
    },
  };
}

interface DecoderShape {
  layers: number;
  hiddenSize: number;
  ffnHiddenSize: number;
  attentionHeads: number;
  kvHeads: number;
  vocabSize: number;
}

function swigluDecoder(shape: DecoderShape, extra: Pick<ModelConfig, 'moe'> = { moe: null }): Omit<ModelConfig, 'name'> {
  return {
    ...shape,
    headDim: shape.hiddenSize / shape.attentionHeads,
    ffn: 'swiglu',
    tiedEmbeddings: false,
    attention: 'causal',
    moe: extra.moe,
    mla: null,
  };
}

const LLAMA2 = 'Touvron et al. 2023, "Llama 2: Open Foundation and Fine-Tuned Chat Models", Table 1 and Section 2.2 (arXiv:2307.09288); shapes from the released params.json';
const LLAMA3 = 'Llama Team 2024, "The Llama 3 Herd of Models", Table 3 (arXiv:2407.21783)';
const MIXTRAL = 'Jiang et al. 2024, "Mixtral of Experts", Table 1 (arXiv:2401.04088)';

/** Every built-in preset, in display order. */
export const MODEL_PRESETS: readonly ModelPreset[] = [
  gpt3('gpt3-125m', 'GPT-3 Small (125M)', 12, 768, 12, 64),
  gpt3('gpt3-350m', 'GPT-3 Medium (350M)', 24, 1024, 16, 64),
  gpt3('gpt3-760m', 'GPT-3 Large (760M)', 24, 1536, 16, 96),
  gpt3('gpt3-1.3b', 'GPT-3 XL (1.3B)', 24, 2048, 16, 128,
    'Table 2.1 lists 24 heads × 128 = 3072 ≠ d_model 2048; 16 heads × 128 (as in Megatron-LM 1.3B configs) keeps heads × headDim = d_model and the 1.3B parameter count.'),
  gpt3('gpt3-2.7b', 'GPT-3 2.7B', 32, 2560, 32, 80),
  gpt3('gpt3-6.7b', 'GPT-3 6.7B', 32, 4096, 32, 128),
  gpt3('gpt3-13b', 'GPT-3 13B', 40, 5120, 40, 128,
    'Table 2.1 prints d_model 5140, a typo for 5120 = 40 heads × 128.'),
  gpt3('gpt3-175b', 'GPT-3 175B', 96, 12288, 96, 128),
  bert('bert-base', 'BERT-Base', 12, 768, 12),
  bert('bert-large', 'BERT-Large', 24, 1024, 16),
  ...T5_PRESETS,
  { id: 'llama2-7b', title: 'Llama 2 7B', source: LLAMA2,
    model: swigluDecoder({ layers: 32, hiddenSize: 4096, ffnHiddenSize: 11008, attentionHeads: 32, kvHeads: 32, vocabSize: 32000 }) },
  { id: 'llama2-13b', title: 'Llama 2 13B', source: LLAMA2,
    model: swigluDecoder({ layers: 40, hiddenSize: 5120, ffnHiddenSize: 13824, attentionHeads: 40, kvHeads: 40, vocabSize: 32000 }) },
  { id: 'llama2-70b', title: 'Llama 2 70B', source: LLAMA2, notes: 'Grouped-query attention with 8 KV heads (Section 2.2).',
    model: swigluDecoder({ layers: 80, hiddenSize: 8192, ffnHiddenSize: 28672, attentionHeads: 64, kvHeads: 8, vocabSize: 32000 }) },
  { id: 'llama3-8b', title: 'Llama 3 8B', source: LLAMA3,
    model: swigluDecoder({ layers: 32, hiddenSize: 4096, ffnHiddenSize: 14336, attentionHeads: 32, kvHeads: 8, vocabSize: 128256 }) },
  { id: 'llama3-70b', title: 'Llama 3 70B', source: LLAMA3,
    model: swigluDecoder({ layers: 80, hiddenSize: 8192, ffnHiddenSize: 28672, attentionHeads: 64, kvHeads: 8, vocabSize: 128256 }) },
  { id: 'llama3-405b', title: 'Llama 3 405B', source: LLAMA3,
    model: swigluDecoder({ layers: 126, hiddenSize: 16384, ffnHiddenSize: 53248, attentionHeads: 128, kvHeads: 8, vocabSize: 128256 }) },
  { id: 'mixtral-8x7b', title: 'Mixtral 8x7B', source: `${MIXTRAL}; mistralai/Mixtral-8x7B-v0.1 config.json`,
    notes: 'Every layer is MoE; ffnHiddenSize repeats the expert size because there are no dense layers.',
    model: swigluDecoder({ layers: 32, hiddenSize: 4096, ffnHiddenSize: 14336, attentionHeads: 32, kvHeads: 8, vocabSize: 32000 },
      { moe: { experts: 8, activeExperts: 2, sharedExperts: 0, expertFfnHiddenSize: 14336, denseLayers: 0, imbalance: 1 } }) },
  { id: 'mixtral-8x22b', title: 'Mixtral 8x22B', source: 'Mistral AI 2024, "Cheaper, Better, Faster, Stronger" (mistral.ai/news/mixtral-8x22b); mistralai/Mixtral-8x22B-v0.1 config.json',
    notes: 'Every layer is MoE; ffnHiddenSize repeats the expert size because there are no dense layers.',
    model: swigluDecoder({ layers: 56, hiddenSize: 6144, ffnHiddenSize: 16384, attentionHeads: 48, kvHeads: 8, vocabSize: 32768 },
      { moe: { experts: 8, activeExperts: 2, sharedExperts: 0, expertFfnHiddenSize: 16384, denseLayers: 0, imbalance: 1 } }) },
  { id: 'deepseek-v3', title: 'DeepSeek-V3 (671B, 37B active)',
    source: 'DeepSeek-AI 2024, "DeepSeek-V3 Technical Report", Section 4.2 (arXiv:2412.19437); deepseek-ai/DeepSeek-V3 config.json',
    notes: 'The multi-token-prediction module is not modelled. headDim is the query/key head size (qkNopeHeadDim + qkRopeHeadDim = 192); values use mla.vHeadDim.',
    model: {
      layers: 61,
      hiddenSize: 7168,
      ffnHiddenSize: 18432,
      attentionHeads: 128,
      kvHeads: 128,
      headDim: 192,
      vocabSize: 129280,
      ffn: 'swiglu',
      tiedEmbeddings: false,
      attention: 'causal',
      moe: { experts: 256, activeExperts: 8, sharedExperts: 1, expertFfnHiddenSize: 2048, denseLayers: 3, imbalance: 1 },
      mla: { qLoraRank: 1536, kvLoraRank: 512, qkRopeHeadDim: 64, qkNopeHeadDim: 128, vHeadDim: 128 },
    },
  },
  ...VISION_PRESETS,
  ...CNN_KERNEL_PRESETS,
  ...DIFFUSION_PRESETS,
  ...RECURRENT_PRESETS,
  ...GAN_PRESETS,
  ...STYLEGAN_PRESETS,
];

/** The preset ids, in display order. */
export const PRESET_IDS: readonly string[] = MODEL_PRESETS.map((p) => p.id);

/** Looks a preset up by id (exact, case-sensitive); undefined when there is none. */
export function findPreset(id: string): ModelPreset | undefined {
  return MODEL_PRESETS.find((p) => p.id === id);
}
