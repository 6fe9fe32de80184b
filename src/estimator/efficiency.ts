import type { AcceleratorSpec, Efficiency, Precision } from '../schema/index.js';

/**
 * Achievable fractions of datasheet peaks, by accelerator, used when the catalog entry has no
 * `efficiency` block. gemm = large-GEMM cuBLAS/hipBLASLt throughput ÷ dense peak; attention = fused
 * (flash) attention ÷ dense peak; memory = sustained HBM ÷ peak; scaleUp/scaleOut = nccl-tests busbw ÷ link.
 */
const KNOWN: Record<string, Efficiency & { computeUnits: number }> = {
  // A100: cuBLAS fp16 ≈ 270–290 of 312 TFLOP/s (NVIDIA A100 whitepaper; Calculon a100 matrix table top step 0.95);
  // NVLink3 all-reduce busbw ≈ 230 of 300 GB/s (nccl-tests DGX A100); HDR IB busbw ≈ 0.9 of line rate.
  a100: { gemm: 0.77, attention: 0.3, memory: 0.85, scaleUp: 0.77, scaleOut: 0.9, tpOverlap: 0, computeUnits: 108, source: 'NVIDIA A100 whitepaper; Calculon systems/a100_80g.json; nccl-tests DGX A100' },
  // H100 SXM: cuBLAS bf16 ≈ 700–780 of 989 TFLOP/s at 700 W; fp8 ≈ 1,300–1,450 of 1,979 (public cuBLAS/TE GEMM sweeps);
  // FlashAttention-3 bf16 ≈ 0.6 of peak fwd, lower bwd [Shah24 FA3]; NVLink4 busbw ≈ 370 of 450 GB/s.
  h100: { gemm: 0.66, gemmFp8: 0.56, attention: 0.45, memory: 0.85, scaleUp: 0.82, scaleOut: 0.9, tpOverlap: 0.8, computeUnits: 132, source: 'cuBLAS/Transformer Engine GEMM sweeps on H100 SXM; FlashAttention-3 (Shah et al. 2024) Fig. 5; nccl-tests DGX H100' },
  // H200: the H100 die with more HBM and power headroom: GEMM clocks hold better (same sources).
  h200: { gemm: 0.66, gemmFp8: 0.56, attention: 0.45, memory: 0.85, scaleUp: 0.82, scaleOut: 0.9, tpOverlap: 0.8, computeUnits: 132, source: 'as H100 SXM; HBM3e 4.8 TB/s' },
  // B200: cuBLAS bf16 ≈ 1.6–1.7 of 2.25 PFLOP/s, fp8 ≈ 3.0–3.3 of 4.5 (early public sweeps); NVLink5 busbw ≈ 0.8 of 900 GB/s.
  b200: { gemm: 0.68, gemmFp8: 0.57, attention: 0.45, memory: 0.85, scaleUp: 0.8, scaleOut: 0.9, tpOverlap: 0.8, computeUnits: 148, source: 'cuBLAS GEMM sweeps on B200 (2025); nccl-tests NVLink5' },
};

/** Generic fallback for parts without measurements: conservative mid-range values (stated in assumptions). */
const GENERIC: Efficiency & { computeUnits: number } = {
  gemm: 0.7, gemmFp8: 0.6, attention: 0.45, memory: 0.8, scaleUp: 0.75, scaleOut: 0.85, tpOverlap: 0, computeUnits: 100,
  source: 'generic default (no kernel measurements for this accelerator)',
};

function family(id: string): string | undefined {
  if (id.startsWith('a100')) return 'a100';
  if (id.startsWith('h100') || id.startsWith('h800') || id === 'gh200') return 'h100';
  if (id.startsWith('h200')) return 'h200';
  if (id.startsWith('b200') || id.startsWith('gb200')) return 'b200';
  return undefined;
}

/** `measured`: false when the numbers are the generic fallback (no public measurement for this part). */
export type EfficiencyProfile = Required<Efficiency> & { computeUnits: number; measured: boolean };

/** The efficiency profile for an accelerator: its catalog block if any, else the table above, else the generic one. */
export function efficiencyFor(acc: AcceleratorSpec): EfficiencyProfile {
  const fam = family(acc.id);
  const base = (fam && KNOWN[fam]) || GENERIC;
  const e = acc.efficiency ?? base;
  const measured = acc.efficiency !== undefined || base !== GENERIC;
  return { ...base, ...e, gemmFp8: e.gemmFp8 ?? base.gemmFp8 ?? e.gemm, tpOverlap: e.tpOverlap ?? base.tpOverlap ?? 0, computeUnits: base.computeUnits, measured };
}

/** Dense peak FLOP/s for the GEMM precision; fp8 falls back to bf16/fp16 when the part lacks it. */
export function peakFlops(acc: AcceleratorSpec, precision: Precision): number {
  const p = acc.peakTflops;
  const tf =
    precision === 'fp8'
      ? (p.fp8 ?? p.bf16 ?? p.fp16)
      : precision === 'bf16'
        ? (p.bf16 ?? p.fp16)
        : precision === 'fp16'
          ? (p.fp16 ?? p.bf16)
          : (p.tf32 ?? p.fp32);
  return (tf ?? p.fp32 ?? 1) * 1e12;
}
