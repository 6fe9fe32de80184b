import type { ProfileClass, ProfileEntry, ProfileSources } from './efficiency-profiles.js';

/**
 * Conservative class defaults for families without a public measurement (`measured: false`). Each sits
 * below the worst *measured* family of its class (efficiency-profiles.ts) in GEMM, FP8 GEMM and attention
 * fractions, so an unmeasured part never out-ranks a measured one on paper alone: NVIDIA below H100 (0.66; attention below A100's 0.3), AMD below MI300X (0.46),
 * TPU below v6e (0.66), Gaudi below Gaudi 2 (0.8); Trainium and unknown vendors have no measured family
 * and take the floor below every measured part (0.46). Sources: the measured profiles these are set against.
 */
type Numbers = Pick<ProfileEntry, 'gemm' | 'gemmFp8' | 'attention' | 'memory' | 'scaleUp' | 'scaleOut' | 'tpOverlap'>;

export const CLASS_DEFAULTS: Record<ProfileClass, Numbers> = {
  nvidia: { gemm: 0.6, gemmFp8: 0.5, attention: 0.28, memory: 0.8, scaleUp: 0.75, scaleOut: 0.85, tpOverlap: 0 },
  amd: { gemm: 0.42, gemmFp8: 0.34, attention: 0.22, memory: 0.75, scaleUp: 0.65, scaleOut: 0.8, tpOverlap: 0 },
  tpu: { gemm: 0.6, gemmFp8: 0.5, attention: 0.4, memory: 0.8, scaleUp: 0.75, scaleOut: 0.8, tpOverlap: 0 },
  gaudi: { gemm: 0.65, gemmFp8: 0.55, attention: 0.36, memory: 0.75, scaleUp: 0.75, scaleOut: 0.8, tpOverlap: 0 },
  trainium: { gemm: 0.42, gemmFp8: 0.34, attention: 0.22, memory: 0.75, scaleUp: 0.65, scaleOut: 0.8, tpOverlap: 0 },
  other: { gemm: 0.42, gemmFp8: 0.34, attention: 0.22, memory: 0.75, scaleUp: 0.65, scaleOut: 0.8, tpOverlap: 0 },
};

const unmeasured = (why: string, fp8: string): ProfileSources => ({
  gemm: `class default, no public measurement (${why})`,
  attention: 'class default (no public measurement)',
  memory: 'class default (no public measurement)',
  network: 'class default (no public measurement)',
  tpOverlap: 'none assumed without a measured stack',
  fp8,
});

const ADA_FP8 = 'Ada 4th-gen tensor cores have FP8 at 2x FP16 (NVIDIA Ada Lovelace architecture whitepaper, 2022)';
const AMPERE_NO_FP8 = 'Ampere tensor cores have no FP8 (NVIDIA Ampere GA102 whitepaper)';

function entry(family: string, prefixes: string[], cls: ProfileClass, generation: string, fp8Units: boolean, computeUnits: number, sources: ProfileSources, notes?: string): ProfileEntry {
  return { family, prefixes, class: cls, generation, measured: false, fp8Units, ...CLASS_DEFAULTS[cls], computeUnits, sources, ...(notes ? { notes } : {}) };
}

/** Families the catalog carries (or may add) that have no public training or kernel measurement. */
export const UNMEASURED_PROFILES: readonly ProfileEntry[] = [
  entry('h100-pcie', ['h100-pcie', 'h100-nvl', 'h200-nvl'], 'nvidia', 'hopper', true, 132,
    unmeasured('PCIe boards at 350–600 W run lower sustained clocks than the measured 700 W SXM parts', 'Hopper tensor cores: FP8 at 2x BF16 (NVIDIA H100 PCIe / H100 NVL / H200 NVL datasheets)')),
  entry('a100-pcie', ['a100-pcie'], 'nvidia', 'ampere', false, 108,
    unmeasured('300 W PCIe board; the measured A100 profile is the 400 W SXM part', 'Ampere tensor cores have no FP8 (NVIDIA A100 datasheet)')),
  entry('l40s', ['l40', 'l20'], 'nvidia', 'ada', true, 142, unmeasured('no public LLM training measurement', ADA_FP8),
    'FP8 legal (Ada tensor cores); no FP4.'),
  entry('l4', ['l4'], 'nvidia', 'ada', true, 58, unmeasured('72 W inference card; no public training measurement', ADA_FP8)),
  entry('rtx-ada', ['rtx-4090', 'rtx4090', 'rtx-6000-ada', 'rtx6000-ada'], 'nvidia', 'ada', true, 128, unmeasured('consumer/workstation board', ADA_FP8)),
  entry('rtx-blackwell', ['rtx-5090', 'rtx5090', 'rtx-pro-6000', 'rtx-pro6000', 'rtxpro6000'], 'nvidia', 'blackwell', true, 170,
    unmeasured('consumer/workstation Blackwell board', 'Blackwell GB202 5th-gen tensor cores have FP8 (NVIDIA RTX Blackwell whitepaper, 2025)'),
    'FP4 exists on GB202 but FP4 training is not modelled.'),
  entry('a10', ['a10', 'a40', 'rtx-a6000', 'rtx-3090', 'rtx3090'], 'nvidia', 'ampere', false, 72, unmeasured('no public LLM training measurement', AMPERE_NO_FP8)),
  entry('t4', ['t4'], 'nvidia', 'turing', false, 40, unmeasured('70 W inference card', 'Turing tensor cores run FP16/INT8 only (NVIDIA T4 datasheet)')),
  entry('v100', ['v100'], 'nvidia', 'volta', false, 80, unmeasured('Volta predates the kernels the measured profiles use (no FlashAttention on sm70)', 'Volta tensor cores run FP16 only (NVIDIA V100 datasheet)')),
  entry('gaudi3', ['gaudi3', 'gaudi-3', 'hl-325'], 'gaudi', 'gaudi', true, 8,
    unmeasured('Intel publishes Gaudi 3 inference tables and vendor projections of training speed, not measured training throughput', 'Gaudi 3 MME runs FP8 at the BF16 rate (1,835 TFLOP/s both at 1.75 GHz; Intel Gaudi 3 whitepaper, 2024): FP8 legal, halves operand bytes'),
    'FP8 and BF16 share one MME rate on Gaudi 3: FP8 saves memory traffic, not matrix time.'),
  entry('trn1', ['trn1', 'trainium1', 'inf2'], 'trainium', 'trainium', false, 2,
    unmeasured('no public per-chip training throughput', 'Trainium1 cFP8 runs at the BF16 rate (190 TFLOP/s both; AWS Trn1 documentation): no FP8 training speed-up, treated as BF16-only (Trainium 2+ for FP8)')),
  entry('trn2', ['trn2', 'trainium2'], 'trainium', 'trainium', true, 8,
    unmeasured('AWS publishes price-performance claims, not per-chip training throughput', 'Trainium2 has FP8 at 2x BF16 (1,299 vs 667 TFLOP/s dense; AWS Trn2 documentation)')),
  entry('trn3', ['trn3', 'trainium3'], 'trainium', 'trainium', true, 8,
    unmeasured('no public per-chip training throughput', 'Trainium3 has FP8 (AWS Trainium3 announcement, 2025-12)')),
];

/** Fallbacks by catalog kind / vendor when no prefix matches (a user-catalog part): never measured. */
export function fallbackProfile(kind: string, vendor: string, hasFp8Peak: boolean): ProfileEntry {
  const cls: ProfileClass =
    kind === 'tpu' ? 'tpu' : kind === 'gaudi' ? 'gaudi' : kind === 'trainium' ? 'trainium' : /nvidia/i.test(vendor) ? 'nvidia' : /amd/i.test(vendor) ? 'amd' : 'other';
  return entry(`${cls}-unmeasured`, [], cls, 'unmeasured', hasFp8Peak, 100,
    unmeasured('accelerator not in trainplan\'s profile table', hasFp8Peak ? 'the catalog entry gives an FP8 peak (taken as FP8 units)' : 'the catalog entry gives no FP8 peak'));
}
