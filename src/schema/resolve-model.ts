import { didYouMean } from './errors.js';
import { FieldError } from './field-error.js';
import { modelConfigSchema, type ModelConfig, type ModelSection } from './model.js';
import { findPreset, PRESET_IDS } from './presets.js';
import { resolvePerSample } from './resolve-per-sample.js';
import { resolveLstm } from './resolve-lstm.js';
import { resolveEncoderDecoder } from './resolve-encoder-decoder.js';

type Required = 'layers' | 'hiddenSize' | 'attentionHeads' | 'vocabSize';
const REQUIRED: readonly Required[] = ['layers', 'hiddenSize', 'attentionHeads', 'vocabSize'];

/** Fields only kind encoder-decoder reads (every other kind refuses them). */
export const ENCODER_DECODER_ONLY = ['encoderLayers', 'decoderLayers', 'encoderSequenceLength', 'decoderSequenceLength'] as const;

/** Defaults for a custom shape (no preset), documented in examples/README.md. */
export const MODEL_DEFAULTS = { ffn: 'swiglu', attention: 'causal', tiedEmbeddings: false } as const;

/**
 * FFN width when none is given: 4h for GeLU; for SwiGLU the Llama rule 8h/3 rounded up to a
 * multiple of 256 (Touvron et al. 2023, params.json `multiple_of`), which keeps ~8h² MLP weights.
 */
export function defaultFfnHiddenSize(hiddenSize: number, ffn: 'gelu' | 'swiglu'): number {
  if (ffn === 'gelu') return 4 * hiddenSize;
  return 256 * Math.ceil(Math.floor((8 * hiddenSize) / 3) / 256);
}

function lookupPreset(id: string) {
  const preset = findPreset(id);
  if (preset) return preset;
  const close = didYouMean(id, PRESET_IDS);
  throw new FieldError('UNKNOWN_PRESET', ['model', 'preset'], `unknown preset "${id}"`, {
    suggestion: close ? `did you mean ${close}? (\`trainplan presets\` lists them)` : 'run `trainplan presets` to list them',
  });
}

/**
 * Merges the `model:` section over its preset, fills defaults (kvHeads = attentionHeads,
 * headDim = hiddenSize / attentionHeads, …) and checks cross-field rules.
 * Throws a FieldError (an InputError carrying the field path) on the first problem.
 */
export function resolveModel(section: ModelSection, name?: string): ModelConfig {
  const preset = section.preset === undefined ? undefined : lookupPreset(section.preset);
  const base: Partial<Omit<ModelConfig, 'name'>> = preset ? { ...preset.model } : {};
  const { preset: _presetId, ...overrides } = section;
  const merged = { ...base };
  const { kind, parameters: _p, flopsPerSample: _f, activationBytesPerSample: _a, sequenceLength: _s, ...shapeOverrides } = overrides;
  const perSampleKind = kind ?? base.kind;
  if (perSampleKind === 'lstm') return resolveLstm(section, base, name);
  if (perSampleKind === 'encoder-decoder') return resolveEncoderDecoder(section, base, name);
  for (const key of ENCODER_DECODER_ONLY) {
    if (section[key] !== undefined) throw new FieldError('MODEL_INVALID', ['model', key], `applies to kind encoder-decoder only (this is a ${kind ?? base.kind ?? 'decoder'} model)`);
  }
  if (section.ffn === 'relu' || section.ffn === 'gated-gelu') {
    throw new FieldError('MODEL_INVALID', ['model', 'ffn'], `${section.ffn} applies to kind encoder-decoder only; decoder and encoder transformers take gelu or swiglu`,
      { suggestion: section.ffn === 'gated-gelu' ? 'try ffn: swiglu (the same three-matrix gated shape)' : 'try ffn: gelu (the same two-matrix shape)' });
  }
  if (section.sequenceLength !== undefined) throw new FieldError('MODEL_INVALID', ['model', 'sequenceLength'], 'applies to kind lstm only (transformers take training.sequenceLength)');
  if (perSampleKind === 'cnn' || perSampleKind === 'generic') return resolvePerSample(section, perSampleKind, base, name);
  if (base.kind && kind !== undefined && kind !== base.kind) {
    throw new FieldError('MODEL_INVALID', ['model', 'kind'], `preset ${section.preset} is a ${base.kind} model; kind ${kind} does not apply`);
  }
  for (const key of ['parameters', 'flopsPerSample', 'activationBytesPerSample'] as const) {
    if (section[key] !== undefined) throw new FieldError('MODEL_INVALID', ['model', key], `applies to kinds cnn and generic only (this is a ${kind ?? 'decoder'} transformer)`);
  }
  for (const [key, value] of Object.entries(shapeOverrides)) {
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  const transformerKind = kind ?? base.kind;
  if (merged.attention === undefined && (transformerKind === 'encoder' || transformerKind === 'vit')) merged.attention = 'bidirectional';

  for (const key of REQUIRED) {
    if (merged[key] === undefined) {
      throw new FieldError('MODEL_INCOMPLETE', ['model', key], 'required (give it, or a `preset:` that supplies it)', {
        suggestion: 'run `trainplan presets` for ready-made shapes',
      });
    }
  }
  const layers = merged.layers!;
  const hiddenSize = merged.hiddenSize!;
  const attentionHeads = merged.attentionHeads!;
  const ffn = merged.ffn ?? MODEL_DEFAULTS.ffn;
  const mla = merged.mla ?? null;
  const moe = merged.moe ?? null;
  const kvHeads = merged.kvHeads ?? attentionHeads;

  let headDim = merged.headDim;
  if (headDim === undefined) {
    if (mla) headDim = mla.qkNopeHeadDim + mla.qkRopeHeadDim;
    else if (hiddenSize % attentionHeads !== 0) {
      throw new FieldError('MODEL_INVALID', ['model', 'attentionHeads'],
        `hiddenSize ${hiddenSize} is not divisible by attentionHeads ${attentionHeads}; give headDim explicitly or change the head count`);
    } else headDim = hiddenSize / attentionHeads;
  }
  if (kvHeads > attentionHeads) {
    throw new FieldError('MODEL_INVALID', ['model', 'kvHeads'], `kvHeads ${kvHeads} exceeds attentionHeads ${attentionHeads}`);
  }
  if (attentionHeads % kvHeads !== 0) {
    throw new FieldError('MODEL_INVALID', ['model', 'kvHeads'],
      `attentionHeads ${attentionHeads} is not divisible by kvHeads ${kvHeads} (each KV head serves a whole group of query heads)`,
      { suggestion: `try kvHeads ${nearestDivisor(attentionHeads, kvHeads)}` });
  }
  if (moe) checkMoe(moe, layers);

  const resolved = {
    name: name ?? section.preset ?? 'custom',
    layers,
    hiddenSize,
    ffnHiddenSize: merged.ffnHiddenSize ?? defaultFfnHiddenSize(hiddenSize, ffn),
    attentionHeads,
    kvHeads,
    headDim,
    vocabSize: merged.vocabSize!,
    ffn,
    tiedEmbeddings: merged.tiedEmbeddings ?? MODEL_DEFAULTS.tiedEmbeddings,
    attention: merged.attention ?? MODEL_DEFAULTS.attention,
    moe,
    mla,
    // Echoed in plan and estimate documents (input.model.kind) so that readers such as `export` know what trains.
    ...(transformerKind !== undefined && transformerKind !== 'decoder' ? { kind: transformerKind } : {}),
  };
  const checked = modelConfigSchema.safeParse(resolved);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new FieldError('MODEL_INVALID', ['model', ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], issue.message);
  }
  return checked.data;
}

function checkMoe(moe: NonNullable<ModelConfig['moe']>, layers: number): void {
  if (moe.activeExperts > moe.experts) {
    throw new FieldError('MODEL_INVALID', ['model', 'moe', 'activeExperts'],
      `activeExperts ${moe.activeExperts} exceeds experts ${moe.experts} (a token cannot use more experts than exist)`);
  }
  if (moe.denseLayers >= layers) {
    throw new FieldError('MODEL_INVALID', ['model', 'moe', 'denseLayers'],
      `denseLayers ${moe.denseLayers} leaves no MoE layer out of ${layers} (must be < layers; drop the moe: block for a dense model)`);
  }
}

/** The divisor of n closest to wanted (ties go to the smaller one). */
export function nearestDivisor(n: number, wanted: number): number {
  let best = 1;
  for (let d = 1; d <= n; d++) {
    if (n % d === 0 && Math.abs(d - wanted) < Math.abs(best - wanted)) best = d;
  }
  return best;
}
