import { PER_SAMPLE_TRANSFORMER_FIELDS } from './model.js';
import type { ModelPreset } from './presets.js';

/**
 * StyleGAN2 config F (Karras et al. 2020, "Analyzing and Improving the Image Quality of StyleGAN", CVPR,
 * arXiv:1912.04958: §2.2 weight demodulation, §4.1 skip generator / residual discriminator, Appendix B),
 * layer by layer as NVlabs/stylegan2-ada-pytorch training/networks.py builds it for `--cfg=stylegan2`
 * (channel_base 32768, channel_max 512, 8-layer mapping network, w_dim 512): channels at resolution r are
 * min(32768 / r, 512) — 512 up to 64², then 256, 128, 64, 32 at 1024².
 */
export const STYLEGAN2 = { resolution: 1024, wDim: 512, mappingLayers: 8, channelBase: 32768, channelMax: 512, fir: 16 } as const;

/** Feature maps at resolution r (networks.py channels_dict). */
export function styleganChannels(r: number): number {
  return Math.min(STYLEGAN2.channelBase / r, STYLEGAN2.channelMax);
}

/** Multiply-adds per image, parameters and stored output elements of a network. */
export interface NetCost {
  macs: number;
  params: number;
  outputs: number;
}

const add = (a: NetCost, b: NetCost): NetCost => ({ macs: a.macs + b.macs, params: a.params + b.params, outputs: a.outputs + b.outputs });
const ZERO: NetCost = { macs: 0, params: 0, outputs: 0 };

/**
 * A modulated 3×3 convolution (§2.2, Eqs. 1–3) to side `out` from cin to cout channels, `up` = transposed
 * stride-2 convolution at the input side then the 4×4 FIR filter on the output (conv2d_resample.py). Per
 * image: the affine style (w → cin), modulating the weights and the demodulation's sum of squares
 * (2·cout·cin·9), scaling input and output, the convolution itself. Parameters: weight, bias, affine (with
 * bias) and the noise strength.
 */
function modConv(out: number, cin: number, cout: number, up: boolean): NetCost {
  const inSide = up ? out / 2 : out;
  const conv = (up ? inSide * inSide : out * out) * cout * cin * 9 + (up ? out * out * cout * STYLEGAN2.fir : 0);
  const modulation = STYLEGAN2.wDim * cin + 2 * cout * cin * 9 + cin * inSide * inSide + cout * out * out;
  return { macs: conv + modulation, params: cout * cin * 9 + cout + STYLEGAN2.wDim * cin + cin + 1, outputs: out * out * cout };
}

/** toRGB: a modulated 1×1 convolution to 3 channels without demodulation, plus the skip path's FIR upsampling of the RGB image above 4². */
function toRgb(out: number, cin: number): NetCost {
  const skipUp = out > 4 ? out * out * 3 * STYLEGAN2.fir : 0;
  return { macs: STYLEGAN2.wDim * cin + 3 * cin + out * out * 3 * cin + skipUp, params: 3 * cin + 3 + STYLEGAN2.wDim * cin + cin, outputs: out * out * 3 };
}

/** The generator: mapping network (8 × FC 512 with biases), the learned 4×4 constant, then a block per resolution. */
export function styleganGenerator(resolution: number = STYLEGAN2.resolution): NetCost {
  const w = STYLEGAN2.wDim;
  let g: NetCost = { macs: STYLEGAN2.mappingLayers * w * w, params: STYLEGAN2.mappingLayers * (w * w + w), outputs: STYLEGAN2.mappingLayers * w };
  const c4 = styleganChannels(4);
  g = add(g, { macs: 0, params: c4 * 16, outputs: 0 });
  g = add(add(g, modConv(4, c4, c4, false)), toRgb(4, c4));
  for (let r = 8; r <= resolution; r *= 2) {
    const cin = styleganChannels(r / 2);
    const cout = styleganChannels(r);
    g = add(add(add(g, modConv(r, cin, cout, true)), modConv(r, cout, cout, false)), toRgb(r, cout));
  }
  return g;
}

/** A plain convolution with bias (weight-scaled, no modulation); `down` = 4×4 FIR at the input side then stride 2. */
function conv(inSide: number, cin: number, cout: number, k: number, down: boolean, bias = true): NetCost {
  const out = down ? inSide / 2 : inSide;
  // 3×3 down-convolutions filter the whole input first; 1×1 ones filter only the kept pixels (conv2d_resample.py fast paths).
  const fir = down ? (k > 1 ? inSide * inSide : out * out) * cin * STYLEGAN2.fir : 0;
  return { macs: out * out * cout * cin * k * k + fir, params: cout * cin * k * k + (bias ? cout : 0), outputs: out * out * cout };
}

/**
 * The residual discriminator (§4.1, Figure 7c): fromRGB at full resolution, then per resolution r a 3×3
 * convolution, a 3×3 down-convolution to the next channel count and a 1×1 down-sampled skip without bias;
 * the 4×4 epilogue adds the minibatch standard deviation channel, a 3×3 convolution, FC (512·16 → 512) and the output FC.
 */
export function styleganDiscriminator(resolution: number = STYLEGAN2.resolution): NetCost {
  let d = conv(resolution, 3, styleganChannels(resolution), 1, false);
  for (let r = resolution; r > 4; r /= 2) {
    const tmp = styleganChannels(r);
    const out = styleganChannels(r / 2);
    d = add(add(add(d, conv(r, tmp, tmp, 3, false)), conv(r, tmp, out, 3, true)), conv(r, tmp, out, 1, true, false));
  }
  const c = styleganChannels(4);
  d = add(d, conv(4, c + 1, c, 3, false));
  return add(d, { macs: c * 16 * c + c, params: c * 16 * c + c + c + 1, outputs: c + 1 });
}

/**
 * Lazy regularisation (§3.1, Appendix B; stylegan2-ada-pytorch training_loop.py phases Gmain, Greg, Dmain,
 * Dreg): per iteration the G step runs G forward + backward through D forward and D's input gradients only
 * (D's weights are frozen in that phase: 3G + 2D); every 4 iterations the path-length penalty (§3.2) on half
 * the minibatch (pl_batch_shrink 2) differentiates G's gradient w.r.t. w — double backpropagation, counted as
 * two forward + backward passes (6G; Drucker & LeCun 1992); the D step runs G forward and D forward + backward
 * on a fake and a real image (G + 6D); every 16 iterations R1 on the reals differentiates D's input gradient
 * (6D). Multiply-adds per real image per iteration: 4.75·G + 8.375·D; FLOPs = 2 × that.
 */
export function styleganIterationMacs(g: number, d: number): number {
  const gStep = 3 * g + 2 * d;
  const pathLength = (6 * g * 0.5) / 4;
  const dStep = g + 6 * d;
  const r1 = (6 * d) / 16;
  return gStep + pathLength + dStep + r1;
}

/**
 * Stored activations per real image, 16-bit, two tensors per output element (the convolution output for
 * bias_act's backward and the activation feeding the next layer), as for dcgan: the G step holds G and D's
 * graphs at once (the D step backpropagates the fake and the real pass one after the other).
 */
export function styleganActivationBytes(g: NetCost, d: NetCost): number {
  return 2 * 2 * Math.max(g.outputs + d.outputs, 2 * d.outputs);
}

/**
 * The fp32 share of the iteration's FLOPs: the official mixed-precision setup runs only the 4 highest
 * resolutions in fp16 (num_fp16_res 4; training/networks.py fp16_resolution = max(2^(log2 res + 1 − 4), 8):
 * 128²…1024² at 1024²) and the rest — mapping and the lower resolutions of G and D — in fp32 with TF32
 * disabled (training_loop.py: cudnn.allow_tf32 = False).
 */
export function styleganFp32Fraction(resolution: number = STYLEGAN2.resolution): number {
  const below = Math.max(resolution / 8, 8) / 2;
  const g32 = styleganGenerator(below).macs;
  // The smaller discriminator's own fromRGB layer is not part of the full one.
  const d32 = styleganDiscriminator(below).macs - below * below * 3 * styleganChannels(below);
  return styleganIterationMacs(g32, d32) / styleganIterationMacs(styleganGenerator(resolution).macs, styleganDiscriminator(resolution).macs);
}

/**
 * End-to-end fraction of the peak (16-bit for the fp16 layers, true fp32 for the rest), from NVlabs'
 * measured StyleGAN2 1024² training speed on 8 GPUs at batch 32 (stylegan3 repo docs/configs.md, commit
 * 8fb5177): the `stylegan2` repro row (17.55 s/kimg V100, 14.57 A100), `paper1024` (18.56, 11.75) and FFHQ-U
 * 1024² (18.74, 11.80). The six rows imply fractions 0.291, 0.235, 0.275, 0.292, 0.272, 0.291; this is their
 * mean. The test checks those rows and, out of sample, 1024² on 1, 2 and 4 GPUs and 512² at 8 images per GPU,
 * within the ±20% run-to-run spread the source states.
 */
export const STYLEGAN2_PEAK_FRACTION = 0.276;

function stylegan2(id: string, resolution: number, note: string): ModelPreset {
  const g = styleganGenerator(resolution);
  const d = styleganDiscriminator(resolution);
  const f32 = styleganFp32Fraction(resolution);
  return {
    id,
    title: `StyleGAN2 config F at ${resolution}² (${(g.params / 1e6).toFixed(1)}M G + ${(d.params / 1e6).toFixed(1)}M D)`,
    source: 'Karras et al. 2020, "Analyzing and Improving the Image Quality of StyleGAN" (arXiv:1912.04958), §2.2, §3, §4.1 and Appendix B (config F); layer shapes from NVlabs/stylegan2-ada-pytorch training/networks.py (--cfg=stylegan2: channel_base 32768, channel_max 512, map 8)',
    notes: `Kind cnn; one sample = one real ${resolution}² image per iteration. ${note} FLOPs are counted layer by layer (modulation and demodulation, transposed up-convolutions, FIR filters) with lazy regularisation: per image 2·(4.75·G + 8.375·D) with G ≈ ${(g.macs / 1e9).toFixed(1)}G and D ≈ ${(d.macs / 1e9).toFixed(1)}G multiply-adds. Parameters are G (mapping + synthesis) + D. Timed at its own measured fraction of the peak (${(100 * STYLEGAN2_PEAK_FRACTION).toFixed(1)}%), with the ${(100 * f32).toFixed(0)}% of FLOPs the official code keeps in fp32 (TF32 off) at the true fp32 peak. Data parallel (+ ZeRO) only. The rate was measured at 4 images per GPU; smaller per-GPU batches run slower than modelled.`,
    model: {
      ...PER_SAMPLE_TRANSFORMER_FIELDS,
      kind: 'cnn',
      sampleWorkload: {
        parameters: g.params + d.params,
        flopsPerSample: 2 * styleganIterationMacs(g.macs, d.macs),
        activationBytesPerSample: styleganActivationBytes(g, d),
        peakFraction: STYLEGAN2_PEAK_FRACTION,
        fp32Fraction: f32,
      },
    },
  };
}

export const STYLEGAN_PRESETS: ModelPreset[] = [
  stylegan2('stylegan2', 1024, 'FFHQ: minibatch 32, 25M images = 25,000 kimg.'),
  stylegan2('stylegan2-512', 512, 'AFHQv2 / LSUN-scale runs: minibatch 32.'),
];
