import { countParameters } from '../estimator/index.js';
import type { ModelConfig } from '../schema/index.js';

const VOCAB = 128256;

function shape(layers: number, heads: number, ffn: number): ModelConfig {
  const hidden = 128 * heads;
  return {
    name: `dense-${layers}l-${hidden}h`,
    layers,
    hiddenSize: hidden,
    ffnHiddenSize: ffn,
    attentionHeads: heads,
    kvHeads: heads % 8 === 0 ? 8 : heads,
    headDim: 128,
    vocabSize: VOCAB,
    ffn: 'swiglu',
    tiedEmbeddings: false,
    attention: 'causal',
    moe: null,
    mla: null,
  };
}

const ffnFor = (hidden: number) => Math.max(256, Math.round((3.5 * hidden) / 256) * 256);

/**
 * A dense Llama-style model with `layers` layers: heads = L rounded up to a multiple of 8 (from 8 layers on, so every
 * tensor-parallel degree up to 8 divides them), hidden = 128·heads, FFN 3.5·hidden rounded to 256, 8 KV heads
 * [Llama 3 8B: 32 layers × 4096 hidden, 32 heads, FFN 14336]. Parameters never fall as L grows.
 */
export function denseShape(layers: number): ModelConfig {
  const heads = layers < 8 ? layers : 8 * Math.ceil(layers / 8);
  return { ...shape(layers, heads, ffnFor(128 * heads)), name: `dense-${layers}l` };
}

/**
 * A dense Llama-style model of (nearly exactly) `params` parameters, for any real `params`: the continuous size
 * axis of `budget`. Aspect ratio as the family above (hidden ≈ 128·layers, heads a multiple of 8 from 8 on:
 * Llama 3 8B/70B/405B have hidden/layers = 128, 102, 130 [Meta Llama 3 model card]); the depth is the whole number
 * of layers closest to the target at FFN 3.5·hidden, and the FFN width (a multiple of 128) takes up the rest, so the
 * count lands within one FFN step (3·hidden·layers·128 parameters, < 1% above ~1B) of the target.
 */
export function shapeForParams(params: number): ModelConfig {
  // N ≈ 12.5·L·h² with h = 128·L (attention 2h² + GQA K/V, SwiGLU 3·h·3.5h per layer) → L ≈ ∛(N / 2.05e5).
  const l0 = Math.cbrt(Math.max(params, 1) / 2.05e5);
  const heads = l0 < 8 ? Math.max(1, Math.round(l0)) : 8 * Math.round(l0 / 8);
  const hidden = 128 * heads;
  const ffn0 = ffnFor(hidden);
  const one = countParameters(shape(1, heads, ffn0)).total;
  const perLayer = countParameters(shape(2, heads, ffn0)).total - one;
  const layers = Math.max(1, Math.round((params - (one - perLayer)) / perLayer));
  const base = countParameters(shape(layers, heads, ffn0)).total;
  const perFfnStep = countParameters(shape(layers, heads, ffn0 + 128)).total - base;
  const ffn = Math.min(5 * hidden, Math.max(128, ffn0 + 128 * Math.round((params - base) / perFfnStep)));
  return shape(layers, heads, ffn);
}
