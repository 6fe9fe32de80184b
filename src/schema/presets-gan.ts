import { PER_SAMPLE_TRANSFORMER_FIELDS } from './model.js';
import type { ModelPreset } from './presets.js';

/**
 * A convolution stack as (input side, input channels, output side, output channels, kernel, transposed).
 * Multiply-adds: a convolution does out²·Cout·Cin·k²; a transposed convolution scatters each input
 * pixel over k²·Cout outputs: in²·Cin·Cout·k² (Dumoulin & Visin 2016, "A guide to convolution arithmetic",
 * Sections 2 and 4, arXiv:1603.07285). Parameters: Cin·Cout·k² (no bias; batch norm's 2·C counted).
 */
type Conv = [inSide: number, cin: number, outSide: number, cout: number, k: number, transposed: boolean];
export function convMacs(layers: Conv[]): number {
  return layers.reduce((s, [i, cin, o, cout, k, t]) => s + (t ? i * i : o * o) * cin * cout * k * k, 0);
}
export function convParameters(layers: Conv[]): number {
  return layers.reduce((s, [, cin, , cout, k], n) => s + cin * cout * k * k + (n < layers.length - 1 ? 2 * cout : 0), 0);
}
function convOutputs(layers: Conv[]): number {
  return layers.reduce((s, [, , o, cout]) => s + o * o * cout, 0);
}

/** DCGAN at 64² (Radford et al. 2016, Figure 1; the pytorch/examples dcgan main.py sizes: nz 100, ngf = ndf = 64, 4×4 kernels). */
export const DCGAN_G: Conv[] = [[1, 100, 4, 512, 4, true], [4, 512, 8, 256, 4, true], [8, 256, 16, 128, 4, true], [16, 128, 32, 64, 4, true], [32, 64, 64, 3, 4, true]];
export const DCGAN_D: Conv[] = [[64, 3, 32, 64, 4, false], [32, 64, 16, 128, 4, false], [16, 128, 8, 256, 4, false], [8, 256, 4, 512, 4, false], [4, 512, 1, 1, 4, false]];

/**
 * Training FLOPs per real image of one GAN iteration (Goodfellow et al. 2014, Algorithm 1 with k = 1,
 * as the DCGAN example runs it): the discriminator step runs G forward once and D forward + backward
 * on a real and a fake batch (2 × 3 × D); the generator step runs G forward + backward (3 × G) through
 * D forward + backward (3 × D, the example lets autograd fill D's gradients too). 2 FLOPs per MAC.
 */
export function ganIterationFlops(gMacs: number, dMacs: number): number {
  return 2 * (gMacs + 6 * dMacs + 3 * gMacs + 3 * dMacs);
}

/** Presets of generative adversarial networks (kind cnn). */
export const GAN_PRESETS: ModelPreset[] = [
  {
    id: 'dcgan',
    title: 'DCGAN at 64² (3.6M G + 2.8M D)',
    source: 'Radford, Metz & Chintala 2016, "Unsupervised Representation Learning with DCGANs", Figure 1 and Section 4 (arXiv:1511.06434); pytorch/examples dcgan/main.py layer sizes; Goodfellow et al. 2014 Algorithm 1',
    notes: 'Kind cnn; one sample = one real 64² image per iteration (a D step on it and a fake, then a G step). G and D cost about the same per image (≈ 105M MACs each), so the D step (G forward + 2 × 3 × D) costs ≈ 7/6 of the G step (3 × G + 3 × D). Parameters are G + D. Activations: the convolution and normalised outputs (2 tensors, 16-bit) of G once and D on the real and the fake image.',
    model: {
      ...PER_SAMPLE_TRANSFORMER_FIELDS,
      kind: 'cnn',
      sampleWorkload: {
        parameters: convParameters(DCGAN_G) + convParameters(DCGAN_D),
        flopsPerSample: ganIterationFlops(convMacs(DCGAN_G), convMacs(DCGAN_D)),
        activationBytesPerSample: 2 * 2 * (convOutputs(DCGAN_G) + 2 * convOutputs(DCGAN_D)),
      },
    },
  },
];
