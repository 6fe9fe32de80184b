/**
 * The transformer fields of a per-sample model (kinds cnn, lstm, generic): required by ModelConfig, unused by
 * the per-sample path (`sampleWorkload` carries the cost), so they are the neutral 1s one place defines.
 * Its own zod-free file so that the presets (which spread it) do not pull the model-file schemas in.
 */
export const PER_SAMPLE_TRANSFORMER_FIELDS = {
  layers: 1, hiddenSize: 1, ffnHiddenSize: 1, attentionHeads: 1, kvHeads: 1, headDim: 1, vocabSize: 1,
  ffn: 'gelu', tiedEmbeddings: true, attention: 'bidirectional', moe: null, mla: null,
} as const;
