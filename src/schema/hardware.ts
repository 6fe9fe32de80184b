import { z } from 'zod';

const tflops = z.number().positive().max(1e6).nullable();

/** Dense peak TFLOP/s per precision (never the 2:4-sparsity figure); null = not supported. */
export const peakTflopsSchema = z.strictObject({
  fp32: tflops,
  tf32: tflops,
  bf16: tflops,
  fp16: tflops,
  fp8: tflops,
  fp4: tflops,
});
export type PeakTflops = z.infer<typeof peakTflopsSchema>;

/**
 * Achievable fractions of the datasheet peaks, with where they were measured.
 * gemm: large bf16/fp16 GEMM throughput ÷ dense peak; memory: STREAM-like HBM ÷ peak;
 * scaleUp / scaleOut: collective bus bandwidth ÷ link bandwidth (nccl-tests busbw).
 */
export const efficiencySchema = z.strictObject({
  gemm: z.number().gt(0).max(1),
  gemmFp8: z.number().gt(0).max(1).optional(),
  attention: z.number().gt(0).max(1),
  memory: z.number().gt(0).max(1),
  scaleUp: z.number().gt(0).max(1),
  scaleOut: z.number().gt(0).max(1),
  /** Share of tensor-parallel collectives the usual software stack on this part hides behind GEMMs. */
  tpOverlap: z.number().min(0).max(1).optional(),
  source: z.string().min(1),
});
export type Efficiency = z.infer<typeof efficiencySchema>;

/** One accelerator model, normalised to SI base units (bytes, bytes/s, bits/s, watts). */
export const acceleratorSpecSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/),
  name: z.string().min(1),
  vendor: z.string().min(1),
  kind: z.enum(['gpu', 'tpu', 'trainium', 'gaudi']),
  memoryBytes: z.number().positive(),
  memoryBandwidthBytesPerSecond: z.number().positive(),
  peakTflops: peakTflopsSchema,
  scaleUp: z.strictObject({
    domainSize: z.number().int().positive(),
    /** Per accelerator, per direction. */
    bandwidthBytesPerSecond: z.number().positive(),
  }),
  /** Typical scale-out NIC bandwidth per accelerator when no offer says otherwise. */
  scaleOutBitsPerSecondPerGpu: z.number().positive(),
  tdpWatts: z.number().positive(),
  year: z.number().int().min(2010).max(2100),
  efficiency: efficiencySchema.optional(),
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  sources: z.array(z.string().min(1)).min(1),
  /** Field paths whose values are estimates rather than vendor-published figures. */
  estimatedFields: z.array(z.string().min(1)).optional(),
  /** No public rental price was found for this part (hardware-catalog/README.md says why). */
  unpriced: z.literal(true).optional(),
  notes: z.string().optional(),
});
export type AcceleratorSpec = z.infer<typeof acceleratorSpecSchema>;
