import { z } from 'zod';

const posInt = (max: number) => z.number().int().positive().max(max);

/**
 * A T5-style encoder-decoder transformer's shape (kind encoder-decoder): an encoder stack with
 * bidirectional self-attention over the inputs and a decoder stack with causal self-attention over the
 * targets plus cross-attention over the encoder output (Vaswani et al. 2017 §3.1; Raffel et al. 2020,
 * "Exploring the Limits of Transfer Learning with a Unified Text-to-Text Transformer", JMLR 21, §3.1.1).
 * `headDim` is T5's d_kv: heads × headDim need not equal hidden (T5-3B/11B widen the attention).
 */
export const encoderDecoderSchema = z.strictObject({
  encoderLayers: posInt(10000),
  decoderLayers: posInt(10000),
  hidden: posInt(1 << 20),
  ffnHidden: posInt(1 << 22),
  heads: posInt(65536),
  headDim: posInt(4096),
  vocab: posInt(1 << 24),
  /** relu: T5 v1.0's two-matrix ReLU FFN; gated-gelu: T5 v1.1 / Flan-T5's three-matrix GEGLU (Shazeer 2020). */
  ffn: z.enum(['relu', 'gated-gelu']),
  /** Input embedding shared with the LM head (T5 v1.0) or a separate LM head (v1.1, tie_word_embeddings false). */
  tiedEmbeddings: z.boolean(),
  /** Tokens per sample fed to the encoder (inputs) and to the decoder (targets). */
  encoderTokens: posInt(1 << 20),
  decoderTokens: posInt(1 << 20),
});
export type EncoderDecoder = z.infer<typeof encoderDecoderSchema>;
