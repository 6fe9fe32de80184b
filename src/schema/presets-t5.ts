import type { EncoderDecoder } from './encoder-decoder.js';
import type { ModelPreset } from './presets.js';
import { encoderDecoderConfig } from './resolve-encoder-decoder.js';

/**
 * Span-corruption pre-training lengths: 512 input tokens and 114 target tokens per sample — what T5's
 * random_spans_helper gives for inputs_length 512, noise_density 0.15, mean_noise_span_length 3
 * (google-research/text-to-text-transfer-transformer t5/data/preprocessors.py; Raffel et al. 2020 §3.1.2
 * and §3.3 for the 15% / mean-span-3 objective; Hugging Face run_t5_mlm_flax.py copies the helper).
 */
export const T5_PRETRAIN_TOKENS = { encoderTokens: 512, decoderTokens: 114 } as const;

const T5_SOURCE = 'Raffel et al. 2020, "Exploring the Limits of Transfer Learning with a Unified Text-to-Text Transformer", JMLR 21, Table 14 and §3.7 (arXiv:1910.10683); shapes from the released config.json (huggingface.co/google-t5/t5-{base,large,3b,11b}: d_model, d_ff, d_kv, num_heads, num_layers, vocab_size 32128)';
const FLAN_SOURCE = 'Chung et al. 2022, "Scaling Instruction-Finetuned Language Models" (arXiv:2210.11416), T5 v1.1 LM-adapted base; shapes from huggingface.co/google/flan-t5-{xl,xxl} config.json (feed_forward_proj gated-gelu, tie_word_embeddings false, vocab_size 32128)';

type Shape = Omit<EncoderDecoder, 'encoderTokens' | 'decoderTokens' | 'vocab'>;

function t5(id: string, title: string, source: string, shape: Shape, notes: string): ModelPreset {
  const { name: _n, ...model } = encoderDecoderConfig(id, { ...shape, vocab: 32128, ...T5_PRETRAIN_TOKENS });
  return { id, title, source, notes, model };
}

const V1_NOTE = 'Kind encoder-decoder; one sample = one input/target pair (512 + 114 tokens, span-corruption pre-training; override with model.encoderSequenceLength / decoderSequenceLength). Size runs with training.samples: T5 pre-trained 2^19 steps × 128 sequences (§3.1.2), the final models 1M steps × 2048. Data + tensor parallel (+ ZeRO); pipeline parallelism is refused.';
const V1 = { ffn: 'relu', tiedEmbeddings: true } as const;
const V11 = { ffn: 'gated-gelu', tiedEmbeddings: false } as const;

/**
 * T5 presets. The paper's names (220M, 770M, 3B, 11B) are rounded: the released checkpoints hold 222.9M,
 * 737.7M, 2.85B and 11.3B parameters (Hugging Face num_parameters of T5ForConditionalGeneration). "770M"
 * matches T5-Large counted with an untied LM head (737.7M + 32128 × 1024 = 770.6M), but the released v1.0
 * checkpoints tie it to the input embedding.
 */
export const T5_PRESETS: ModelPreset[] = [
  t5('t5-base', 'T5-Base (222.9M; "220M")', T5_SOURCE, { ...V1, encoderLayers: 12, decoderLayers: 12, hidden: 768, ffnHidden: 3072, heads: 12, headDim: 64 }, V1_NOTE),
  t5('t5-large', 'T5-Large (737.7M; "770M")', T5_SOURCE, { ...V1, encoderLayers: 24, decoderLayers: 24, hidden: 1024, ffnHidden: 4096, heads: 16, headDim: 64 }, V1_NOTE),
  t5('t5-3b', 'T5-3B (2.85B)', T5_SOURCE, { ...V1, encoderLayers: 24, decoderLayers: 24, hidden: 1024, ffnHidden: 16384, heads: 32, headDim: 128 }, V1_NOTE),
  t5('t5-11b', 'T5-11B (11.3B)', T5_SOURCE, { ...V1, encoderLayers: 24, decoderLayers: 24, hidden: 1024, ffnHidden: 65536, heads: 128, headDim: 128 }, V1_NOTE),
  t5('flan-t5-xl', 'Flan-T5-XL / T5 v1.1 XL (2.85B)', FLAN_SOURCE, { ...V11, encoderLayers: 24, decoderLayers: 24, hidden: 2048, ffnHidden: 5120, heads: 32, headDim: 64 },
    `${V1_NOTE} T5 v1.1: gated-GELU FFN, untied LM head.`),
  t5('flan-t5-xxl', 'Flan-T5-XXL / T5 v1.1 XXL (11.1B)', FLAN_SOURCE, { ...V11, encoderLayers: 24, decoderLayers: 24, hidden: 4096, ffnHidden: 10240, heads: 64, headDim: 64 },
    `${V1_NOTE} T5 v1.1: gated-GELU FFN, untied LM head.`),
];
