import { PER_SAMPLE_TRANSFORMER_FIELDS } from './model.js';
import type { ModelPreset } from './presets.js';

/**
 * Diffusion presets, as per-sample models (one training sample = one image's latent, noised at one
 * timestep). Timesteps do not change the training cost: DDPM training draws one timestep per image
 * per step (Ho et al. 2020, "Denoising Diffusion Probabilistic Models", Algorithm 1, arXiv:2006.11239),
 * so the step count matters only for sampling, which trainplan does not price. The frozen VAE encoder
 * and text encoder are not counted (latents and text embeddings precomputed, as MLPerf's and DiT's
 * training pipelines allow); training FLOPs = 3 × forward (backward ≈ 2 × forward).
 */

const DIT_SOURCE = 'Peebles & Xie 2023, "Scalable Diffusion Models with Transformers", Table 4 (DiT-XL/2: 675M parameters; 118.6 Gflops at 256², 524.6 Gflops at 512²) and Section 3.2 (arXiv:2212.09748)';

/** DiT-XL shape (Peebles & Xie 2023, Table 1): depth 28, width 1152, 16 heads; patch 2 over the 8×-downsampled, 4-channel latent. */
export const DIT_XL = { layers: 28, hidden: 1152, heads: 16, patch: 2, latentChannels: 4 } as const;

/** Tokens of DiT at an image resolution: (resolution / 8 / patch)² (the SD VAE downsamples 8×, Section 3.1). */
export function ditTokens(resolution: number): number {
  return (resolution / 8 / DIT_XL.patch) ** 2;
}

/**
 * Closed-form forward multiply-adds of DiT-XL/2 per image: per block, QKV + projection (4h²) and the
 * 4h MLP (8h²) per token, attention scores and values 2·T²·h, and the adaLN-Zero modulation (h → 6h)
 * once per image (Section 3.2); plus the final layer's adaLN (h → 2h). Table 4's "Gflops" count
 * multiply-adds (the fvcore convention DiT uses), so FLOPs = 2 × these.
 */
export function ditForwardMacs(resolution: number): number {
  const { layers, hidden: h } = DIT_XL;
  const t = ditTokens(resolution);
  return layers * (t * 12 * h * h + 2 * t * t * h + 6 * h * h) + 2 * h * h;
}

/**
 * Closed-form DiT-XL/2 parameters: per block 12h² (attention + MLP) + 6h² (adaLN-Zero modulation);
 * the timestep MLP (256 → h → h), the class table (1001 × h incl. the null class for guidance), the
 * patch embedding (p²·C·h), the final adaLN (2h²) and the output projection (h · p²·2C, noise and variance).
 */
export function ditParameters(): number {
  const { layers, hidden: h, patch: p, latentChannels: c } = DIT_XL;
  return layers * 18 * h * h + (256 * h + h * h) + 1001 * h + p * p * c * h + 2 * h * h + h * p * p * 2 * c;
}

/**
 * Stored activations per image of a transformer block stack, 16-bit, with fused (flash) attention so
 * there is no T² term: 34·T·h bytes per block (Korthikanti et al. 2022, "Reducing Activation
 * Recomputation in Large Transformer Models", Eq. 2 without the 5·a·s²·b term, arXiv:2205.05198).
 */
function transformerActivationBytes(layers: number, tokens: number, hidden: number): number {
  return layers * 34 * tokens * hidden;
}

/**
 * Stable Diffusion 1.x/2.x U-Net stored activations per 64×64×4 latent (512² image), 16-bit, flash
 * attention. Shape from the released config (Rombach et al. 2022, configs/stable-diffusion/v1-inference.yaml:
 * model_channels 320, channel_mult [1, 2, 4, 4], num_res_blocks 2, attention at 64², 32², 16²): per
 * level, 2 down + 3 up residual blocks and, where there is attention, 2 + 3 transformer blocks; the
 * 8² middle adds 2 residual blocks and 1 transformer block. A residual block stores 8 tensors of the
 * level's r²·c elements (GroupNorm and SiLU inputs twice, two convolution inputs, the skip): 16 bytes per
 * element; a transformer block (self- and cross-attention, GEGLU MLP) stores Korthikanti's 34 bytes per
 * element plus 16 for the cross-attention and the doubled GEGLU input: 50.
 */
export function unetActivationBytes(): number {
  const levels: [number, number, boolean][] = [[64, 320, true], [32, 640, true], [16, 1280, true], [8, 1280, false]];
  let bytes = 0;
  for (const [r, c, attn] of levels) {
    const elements = r * r * c;
    bytes += 5 * 16 * elements + (attn ? 5 * 50 * elements : 0);
  }
  return bytes + (2 * 16 + 50) * 8 * 8 * 1280;
}

function dit(id: string, resolution: number, publishedGflops: number): ModelPreset {
  return {
    id,
    title: `DiT-XL/2 (675M) at ${resolution}²`,
    source: DIT_SOURCE,
    notes: `Per-sample model (kind generic, GEMM-bound): ${ditTokens(resolution)} latent tokens per image; data-parallel (+ ZeRO) layouts only. Size runs with training.samples and epochs (ImageNet-1k: 1,281,167 images; DiT-XL/2 trains 7M steps at batch 256).`,
    model: {
      ...PER_SAMPLE_TRANSFORMER_FIELDS,
      kind: 'generic',
      sampleWorkload: {
        parameters: 675e6,
        flopsPerSample: 3 * 2 * publishedGflops * 1e9,
        activationBytesPerSample: transformerActivationBytes(DIT_XL.layers, ditTokens(resolution), DIT_XL.hidden),
      },
    },
  };
}

/** Diffusion presets: the SD-class U-Net (convolutional, kind cnn) and DiT-XL/2 at 256² and 512². */
export const DIFFUSION_PRESETS: ModelPreset[] = [
  {
    id: 'sd-unet',
    title: 'Stable Diffusion 1.x/2.x U-Net (860M) at 512²',
    // Parameters and MACs per 64×64×4 latent: Kim et al. 2024, "BK-SDM: A Lightweight, Fast, and Cheap
    // Version of Stable Diffusion", Table 1 (SD-v1.4 U-Net 0.86B parameters, 339G MACs per forward at
    // 512²; arXiv:2305.15798); the SD v1 model card states an 860M-parameter U-Net.
    source: 'Kim et al. 2024, "BK-SDM", Table 1 (arXiv:2305.15798): SD-v1.4 U-Net 860M parameters, 339G MACs per 64×64 latent; Rombach et al. 2022 (arXiv:2112.10752) and the v1 config for the shape',
    notes: 'Per-sample model (kind cnn: convolutions run at the measured cuDNN fraction, which also covers its attention blocks); data-parallel (+ ZeRO) layouts only. One sample = one 512² image (64×64×4 latent) at one timestep; the frozen VAE and CLIP text encoder are not counted. SD 2.x (865M, 768² at 96×96) costs about 2.25× per image.',
    model: {
      ...PER_SAMPLE_TRANSFORMER_FIELDS,
      kind: 'cnn',
      sampleWorkload: { parameters: 860e6, flopsPerSample: 3 * 2 * 339e9, activationBytesPerSample: unetActivationBytes() },
    },
  },
  dit('dit-xl2', 256, 118.6),
  dit('dit-xl2-512', 512, 524.6),
];
