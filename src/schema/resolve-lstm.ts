import { PER_SAMPLE_TRANSFORMER_FIELDS } from './model.js';
import { FieldError } from './field-error.js';
import type { ModelConfig, ModelSection, Recurrent } from './model.js';

/**
 * Closed forms of a stacked LSTM language/translation model (embedding width = hidden, as in GNMT).
 * Parameters per layer: PyTorch nn.LSTM's weight_ih (4h × in), weight_hh (4h × h), bias_ih and bias_hh
 * (4h each) (pytorch.org/docs/stable/generated/torch.nn.LSTM.html, read 2026-12-01; cuDNN keeps the
 * same two bias vectors); plus the input embedding (V × h) and the softmax projection (h × V + V).
 */
export function lstmParameters(r: Recurrent): number {
  const { layers, hidden: h, vocab: v } = r;
  return layers * (4 * h * h + 4 * h * h + 8 * h) + v * h + (h * v + v);
}

/** Forward multiply-adds per sample: per step, each layer's input and recurrent GEMMs (2 × 4h²) and the softmax projection (h·V). */
export function lstmForwardMacs(r: Recurrent): number {
  return r.steps * (r.layers * 8 * r.hidden * r.hidden + r.hidden * r.vocab);
}

/**
 * Stored activations per sample, 16-bit: per step and layer the four gate outputs, the cell state,
 * tanh(cell) and the hidden output (7h values, what the LSTM backward reads), and the V logits per step.
 */
export function lstmActivationBytes(r: Recurrent): number {
  return 2 * r.steps * (r.layers * 7 * r.hidden + r.vocab);
}

const REFUSED = ['ffnHiddenSize', 'attentionHeads', 'kvHeads', 'headDim', 'ffn', 'tiedEmbeddings', 'attention', 'moe', 'mla', 'parameters', 'flopsPerSample', 'activationBytesPerSample', 'encoderLayers', 'decoderLayers', 'encoderSequenceLength', 'decoderSequenceLength'] as const;

/** Kind lstm: layers, hiddenSize, vocabSize and sequenceLength (steps per sample) from the preset and/or the file. */
export function resolveLstm(section: ModelSection, base: Partial<Omit<ModelConfig, 'name'>>, name?: string): ModelConfig {
  for (const key of REFUSED) {
    if (section[key] !== undefined) throw new FieldError('MODEL_INVALID', ['model', key], 'does not apply to kind lstm (give layers, hiddenSize, vocabSize and sequenceLength)');
  }
  if (base.kind !== undefined && base.kind !== 'lstm') throw new FieldError('MODEL_INVALID', ['model', 'kind'], `preset ${section.preset} is a ${base.kind} model; kind lstm does not apply`);
  const b = base.recurrent;
  const layers = section.layers ?? b?.layers;
  const hidden = section.hiddenSize ?? b?.hidden;
  const vocab = section.vocabSize ?? b?.vocab;
  const steps = section.sequenceLength ?? b?.steps;
  const missing = layers === undefined ? 'layers' : hidden === undefined ? 'hiddenSize' : vocab === undefined ? 'vocabSize' : steps === undefined ? 'sequenceLength' : null;
  if (missing) throw new FieldError('MODEL_INCOMPLETE', ['model', missing], 'required for kind lstm (give it, or a preset that supplies it)');
  const recurrent: Recurrent = { layers: layers!, hidden: hidden!, steps: steps!, vocab: vocab! };
  return {
    name: name ?? section.preset ?? 'lstm',
    ...PER_SAMPLE_TRANSFORMER_FIELDS,
    kind: 'lstm',
    sampleWorkload: { parameters: lstmParameters(recurrent), flopsPerSample: 3 * 2 * lstmForwardMacs(recurrent), activationBytesPerSample: lstmActivationBytes(recurrent) },
    recurrent,
  };
}
