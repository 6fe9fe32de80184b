import type { EncoderDecoder } from './encoder-decoder.js';
import { FieldError } from './field-error.js';
import type { ModelConfig, ModelSection, TrainingSection } from './model.js';
import { PER_SAMPLE_TRANSFORMER_FIELDS } from './model.js';

/** Relative-position buckets per stack: T5's relative_attention_num_buckets (Raffel et al. 2020 §2.1; every released config.json: 32). */
export const T5_POSITION_BUCKETS = 32;

/** Attention weights per block: Q, K, V and output projections of hidden × (heads·headDim); T5 has no biases (Raffel et al. 2020 §2.1). */
function attentionWeights(e: EncoderDecoder): number {
  return 4 * e.hidden * e.heads * e.headDim;
}

/** FFN weights: wi and wo (relu, 2·h·f) or wi_0, wi_1 and wo (gated-gelu, 3·h·f; Shazeer 2020, "GLU Variants Improve Transformer", Eq. 6). */
function ffnWeights(e: EncoderDecoder): number {
  return (e.ffn === 'gated-gelu' ? 3 : 2) * e.hidden * e.ffnHidden;
}

/** Per-layer parameter counts: encoder = self-attention + FFN + 2 RMSNorm scales; decoder adds cross-attention and a third norm. */
export function encoderDecoderLayerParams(e: EncoderDecoder): { encoder: number; decoder: number } {
  return {
    encoder: attentionWeights(e) + ffnWeights(e) + 2 * e.hidden,
    decoder: 2 * attentionWeights(e) + ffnWeights(e) + 3 * e.hidden,
  };
}

/**
 * Weights of the linear projections of both stacks (attention Q/K/V/O, cross-attention, FFN): what
 * bitsandbytes quantises under QLoRA (nn.Linear modules only); the embeddings, LM head, norms and position
 * biases stay 16-bit.
 */
export function encoderDecoderLinearParams(e: EncoderDecoder): number {
  return e.encoderLayers * (attentionWeights(e) + ffnWeights(e)) + e.decoderLayers * (2 * attentionWeights(e) + ffnWeights(e));
}

/**
 * Parameters of a T5-style model: both stacks, the shared input embedding (V·h), a separate LM head when
 * untied, the two final RMSNorms and one relative-position bias table (buckets × heads) per stack — the
 * tensors of Hugging Face's T5ForConditionalGeneration (modeling_t5.py), counted once each.
 */
export function encoderDecoderParameters(e: EncoderDecoder): number {
  const l = encoderDecoderLayerParams(e);
  const embeddings = e.vocab * e.hidden * (e.tiedEmbeddings ? 1 : 2);
  return e.encoderLayers * l.encoder + e.decoderLayers * l.decoder + embeddings + 2 * e.hidden + 2 * T5_POSITION_BUCKETS * e.heads;
}

/**
 * Forward FLOPs per sample (one input/target pair), 2 per multiply-add [Kaplan et al. 2020 §2.1 convention]:
 * encoder tokens through the encoder's weights; decoder tokens through self-attention, the cross-attention
 * Q and output projections and the FFN; cross-attention K/V projections run on every encoder token once per
 * decoder layer; attention cores 2·2·s_q·s_kv·(heads·headDim) per layer, with the causal self-attention
 * at s_d/2 keys (the Megatron convention the decoder kinds use); the LM head on decoder tokens only.
 */
export function encoderDecoderForwardFlops(e: EncoderDecoder): { linear: number; attention: number; logits: number } {
  const inner = e.heads * e.headDim;
  const se = e.encoderTokens;
  const sd = e.decoderTokens;
  const attn = attentionWeights(e);
  const ffn = ffnWeights(e);
  const encoderLinear = e.encoderLayers * se * 2 * (attn + ffn);
  const crossKv = 2 * e.hidden * inner;
  const decoderLinear = e.decoderLayers * (sd * 2 * (attn + (attn - crossKv) + ffn) + se * 2 * crossKv);
  const attention = 4 * inner * (e.encoderLayers * se * se + e.decoderLayers * (sd * (sd / 2) + sd * se));
  return { linear: encoderLinear + decoderLinear, attention, logits: sd * 2 * e.hidden * e.vocab };
}

/**
 * Stored activation bytes per sample, 16-bit, fused (flash) attention, no recompute: Korthikanti et al. 2022
 * ("Reducing Activation Recomputation", §4.1, the 34·s·b·h of a GPT layer) with the attention width
 * i = heads·headDim and FFN width f kept apart. Self-attention block per token: GEMM input 2h, Q/K/V 6i,
 * output-projection input 2i, dropout mask h (3h + 8i; T5 pre-trains with dropout 0.1, Raffel et al. §3.1.2);
 * each norm's input 2h; FFN 3h + 4f (relu: fc1 input, activation input, fc2 input, mask) or 3h + 6f (gated:
 * two fc1 outputs and their product); flash keeps a 4-byte log-sum-exp per head per query. Cross-attention:
 * per decoder token 3h + 4i (its Q, the output-projection input, mask) and per encoder token its K and V
 * (4i) in every decoder layer, plus the encoder output (2h per encoder token, read by all of them). The LM
 * head keeps 16-bit logits and fp32 softmax per decoder token (2 + 4 bytes per vocabulary entry).
 */
export function encoderDecoderActivationBytes(e: EncoderDecoder): number {
  const t = tokenBytes(e);
  const perEncoderToken = e.encoderLayers * t.encoderLayer + e.decoderLayers * t.crossKv + 2 * e.hidden + 2 * e.hidden;
  const perDecoderToken = e.decoderLayers * t.decoderLayer + 2 * e.hidden + 6 * e.vocab;
  return e.encoderTokens * perEncoderToken + e.decoderTokens * perDecoderToken;
}

/** Bytes per token and layer of encoderDecoderActivationBytes: an encoder layer, a decoder layer, and the K/V each decoder layer keeps per encoder token. */
function tokenBytes(e: EncoderDecoder): { encoderLayer: number; decoderLayer: number; crossKv: number } {
  const h = e.hidden;
  const i = e.heads * e.headDim;
  const ffn = 3 * h + (e.ffn === 'gated-gelu' ? 6 : 4) * e.ffnHidden;
  const lse = 4 * e.heads;
  const selfAttention = 3 * h + 8 * i + lse;
  return { encoderLayer: selfAttention + ffn + 2 * 2 * h, decoderLayer: selfAttention + (3 * h + 4 * i + lse) + ffn + 3 * 2 * h, crossKv: 4 * i };
}

/**
 * Full recompute (Chen et al. 2016, "Training Deep Nets with Sublinear Memory Cost"; Megatron
 * --recompute-granularity full): each layer keeps only its 16-bit input (2h per token), the decoder also the
 * encoder output its cross-attention re-reads, and the LM head's logits stay; in backward one layer at a
 * time is re-materialised — `layer`, the larger of an encoder layer and a decoder layer with its K/V.
 */
export function encoderDecoderRecomputeBytes(e: EncoderDecoder): { kept: number; layer: number } {
  const t = tokenBytes(e);
  const h = e.hidden;
  const kept = e.encoderTokens * (e.encoderLayers * 2 * h + 2 * h) + e.decoderTokens * (e.decoderLayers * 2 * h + 6 * e.vocab);
  const layer = Math.max(e.encoderTokens * t.encoderLayer, e.decoderTokens * t.decoderLayer + e.encoderTokens * t.crossKv);
  return { kept, layer };
}

/** Largest single layer (what ZeRO-3 gathers at once): a decoder layer, or the embedding table if bigger. */
export function encoderDecoderLargestLayer(e: EncoderDecoder): number {
  return Math.max(encoderDecoderLayerParams(e).decoder, e.vocab * e.hidden);
}

const REFUSED = ['layers', 'kvHeads', 'attention', 'moe', 'mla', 'sequenceLength', 'parameters', 'flopsPerSample', 'activationBytesPerSample'] as const;

/**
 * Kind encoder-decoder: the stacks' depths, hidden/FFN widths, heads, head width, vocabulary, FFN type,
 * embedding tying and the per-sample input/target lengths, from a preset and/or the file.
 */
export function resolveEncoderDecoder(section: ModelSection, base: Partial<Omit<ModelConfig, 'name'>>, name?: string): ModelConfig {
  for (const key of REFUSED) {
    if (section[key] !== undefined) {
      const hint = key === 'layers' ? ' (give encoderLayers and decoderLayers)' : key === 'sequenceLength' ? ' (give encoderSequenceLength and decoderSequenceLength)' : '';
      throw new FieldError('MODEL_INVALID', ['model', key], `does not apply to kind encoder-decoder${hint}`);
    }
  }
  if (base.kind !== undefined && base.kind !== 'encoder-decoder') throw new FieldError('MODEL_INVALID', ['model', 'kind'], `preset ${section.preset} is a ${base.kind} model; kind encoder-decoder does not apply`);
  if (section.ffn === 'gelu' || section.ffn === 'swiglu') {
    throw new FieldError('MODEL_INVALID', ['model', 'ffn'], `${section.ffn} is a decoder/encoder FFN; kind encoder-decoder takes relu (T5 v1.0) or gated-gelu (T5 v1.1)`, { suggestion: section.ffn === 'swiglu' ? 'try ffn: gated-gelu' : 'try ffn: relu' });
  }
  const b = base.encoderDecoder;
  const hidden = section.hiddenSize ?? b?.hidden;
  const heads = section.attentionHeads ?? b?.heads;
  const given = {
    encoderLayers: section.encoderLayers ?? b?.encoderLayers,
    decoderLayers: section.decoderLayers ?? b?.decoderLayers,
    hiddenSize: hidden,
    attentionHeads: heads,
    vocabSize: section.vocabSize ?? b?.vocab,
    encoderSequenceLength: section.encoderSequenceLength ?? b?.encoderTokens,
    decoderSequenceLength: section.decoderSequenceLength ?? b?.decoderTokens,
  };
  for (const [key, value] of Object.entries(given)) {
    if (value === undefined) throw new FieldError('MODEL_INCOMPLETE', ['model', key], 'required for kind encoder-decoder (give it, or a preset that supplies it: t5-base, t5-large, t5-3b, t5-11b, flan-t5-xl, flan-t5-xxl)');
  }
  const headDim = section.headDim ?? b?.headDim;
  if (headDim === undefined && hidden! % heads! !== 0) {
    throw new FieldError('MODEL_INVALID', ['model', 'attentionHeads'], `hiddenSize ${hidden} is not divisible by attentionHeads ${heads}; give headDim (T5's d_kv) explicitly`);
  }
  const ffn = section.ffn ?? b?.ffn ?? 'relu';
  const shape: EncoderDecoder = {
    encoderLayers: given.encoderLayers!,
    decoderLayers: given.decoderLayers!,
    hidden: hidden!,
    ffnHidden: section.ffnHiddenSize ?? b?.ffnHidden ?? 4 * hidden!,
    heads: heads!,
    headDim: headDim ?? hidden! / heads!,
    vocab: given.vocabSize!,
    ffn,
    tiedEmbeddings: section.tiedEmbeddings ?? b?.tiedEmbeddings ?? ffn === 'relu',
    encoderTokens: given.encoderSequenceLength!,
    decoderTokens: given.decoderSequenceLength!,
  };
  return encoderDecoderConfig(name ?? section.preset ?? 'encoder-decoder', shape);
}

/**
 * The ModelConfig of an encoder-decoder shape: per-sample totals in sampleWorkload (training = 3 × forward,
 * backward ≈ 2 × forward), the heads echoed as attentionHeads/kvHeads so tensor-parallel degrees are checked
 * against them, every other transformer field the per-sample placeholder.
 */
export function encoderDecoderConfig(name: string, e: EncoderDecoder): ModelConfig {
  const f = encoderDecoderForwardFlops(e);
  return {
    name,
    ...PER_SAMPLE_TRANSFORMER_FIELDS,
    attentionHeads: e.heads,
    kvHeads: e.heads,
    kind: 'encoder-decoder',
    sampleWorkload: {
      parameters: encoderDecoderParameters(e),
      flopsPerSample: 3 * (f.linear + f.attention + f.logits),
      activationBytesPerSample: encoderDecoderActivationBytes(e),
    },
    encoderDecoder: e,
  };
}

/**
 * Kind encoder-decoder runs are sized in samples (input/target pairs): `tokens` would be ambiguous between
 * the encoder's and the decoder's tokens.
 */
export function checkEncoderDecoderTraining(section: TrainingSection, m: ModelConfig): void {
  if (!m.encoderDecoder || section.tokens === undefined) return;
  const e = m.encoderDecoder;
  throw new FieldError('TRAINING_INVALID', ['training', 'tokens'],
    `kind encoder-decoder is sized in samples (input/target pairs of ${e.encoderTokens} + ${e.decoderTokens} tokens), not tokens`,
    { suggestion: `use samples: ${Math.max(1, Math.round(section.tokens / e.encoderTokens))} (tokens ÷ ${e.encoderTokens} input tokens per sample)` });
}
