/**
 * Efficiency profiles: achievable fractions of datasheet peaks, one per accelerator family, with the
 * source of every number (data only; lookup and legality are in efficiency.ts).
 *
 * gemm / gemmFp8: large-GEMM throughput ÷ dense peak at 16-bit / FP8; attention: fused attention ÷ 16-bit
 * dense peak; memory: sustained HBM ÷ peak; scaleUp / scaleOut: collective bus bandwidth ÷ link rate;
 * tpOverlap: share of tensor-parallel collectives the usual stack hides behind GEMMs.
 *
 * `measured: false` marks a family with no public kernel or training measurement: its numbers are the
 * class default (efficiency-defaults.ts), set below the worst measured family of its class
 * (test/estimator/efficiency-profiles.test.ts enforces it).
 */
export type ProfileClass = 'nvidia' | 'amd' | 'tpu' | 'gaudi' | 'trainium' | 'other';

export interface ProfileSources {
  gemm: string;
  attention: string;
  memory: string;
  network: string;
  tpOverlap: string;
  /** Why FP8 training is (or is not) legal on this family: the datasheet's tensor units. */
  fp8: string;
}

export interface ProfileEntry {
  family: string;
  /** Accelerator ids this family covers: the longest matching prefix wins (`gb300-nvl72` → b300). */
  prefixes: readonly string[];
  class: ProfileClass;
  /** Generation that the error bands group by (error-bands.ts): calibration runs exist only for some. */
  generation: string;
  measured: boolean;
  /** The part has FP8 tensor/matrix units (FP8 training is legal; elsewhere it is exit 2). */
  fp8Units: boolean;
  gemm: number;
  gemmFp8: number;
  attention: number;
  memory: number;
  scaleUp: number;
  scaleOut: number;
  tpOverlap: number;
  /** Parallel matrix engines (SMs, CUs, MXUs, MMEs, NeuronCores) for wave quantisation. */
  computeUnits: number;
  sources: ProfileSources;
  /** Formats beyond FP8 (MXFP8, FP6, FP4) stated honestly: trainplan does not model them as faster. */
  notes?: string;
}

const NCCL_HGX = 'nccl-tests all-reduce busbw on DGX/HGX (NVLink ≈ 0.8 of per-direction link rate; InfiniBand/RoCE ≈ 0.9 of line rate)';
const TE_OVERLAP = 'Megatron-Core --tp-comm-overlap (Transformer Engine userbuffers) hides most TP collectives on Hopper/Blackwell';
const BLACKWELL_FP4 =
  'MXFP8 runs at the FP8 rate (modelled as fp8); NVFP4/MXFP4 at 2x FP8 (B200) — FP4 training is not modelled, so no FP4 speed-up is claimed (NVIDIA Blackwell datasheet, 2025).';

export const MEASURED_PROFILES: readonly ProfileEntry[] = [
  {
    family: 'a100', prefixes: ['a100-sxm', 'a100'], class: 'nvidia', generation: 'ampere', measured: true, fp8Units: false,
    gemm: 0.77, gemmFp8: 0.77, attention: 0.3, memory: 0.85, scaleUp: 0.77, scaleOut: 0.9, tpOverlap: 0, computeUnits: 108,
    sources: {
      gemm: 'cuBLAS fp16 ≈ 270–290 of 312 TFLOP/s (NVIDIA A100 whitepaper, 2020; Calculon systems/a100_80g.json matrix table, top step 0.95)',
      attention: 'FlashAttention-2 (Dao 2023) Fig. 4: ≈ 0.3 of peak fwd+bwd on A100 at head dim 128',
      memory: 'STREAM-like copy ≈ 0.85 of 2.0 TB/s (NVIDIA A100 whitepaper)',
      network: 'nccl-tests DGX A100: NVLink3 all-reduce busbw ≈ 230 of 300 GB/s; HDR IB ≈ 0.9 of line rate',
      tpOverlap: 'Megatron-LM on A100 (2021–22) does not overlap TP collectives (Korthikanti et al. 2022 §4)',
      fp8: 'Ampere tensor cores have no FP8 (NVIDIA A100 datasheet: TF32/BF16/FP16/INT8 only)',
    },
  },
  {
    family: 'h100', prefixes: ['h100-sxm', 'h100', 'h800', 'gh200'], class: 'nvidia', generation: 'hopper', measured: true, fp8Units: true,
    gemm: 0.66, gemmFp8: 0.56, attention: 0.45, memory: 0.85, scaleUp: 0.82, scaleOut: 0.9, tpOverlap: 0.8, computeUnits: 132,
    sources: {
      gemm: 'cuBLAS/Transformer Engine GEMM sweeps on H100 SXM at 700 W: bf16 ≈ 700–780 of 989 TFLOP/s, fp8 ≈ 1,300–1,450 of 1,979 (power-capped clocks); reproduces Megatron-LM H100 and NeMo 24.07 runs (test/fixtures/validation)',
      attention: 'FlashAttention-3 (Shah et al. 2024) Fig. 5: ≈ 0.6 of peak forward, lower backward',
      memory: 'HBM3 3.35 TB/s, sustained ≈ 0.85 (NVIDIA H100 datasheet; STREAM-like copy)',
      network: `${NCCL_HGX}: NVLink4 busbw ≈ 370 of 450 GB/s`,
      tpOverlap: TE_OVERLAP,
      fp8: 'Hopper 4th-gen tensor cores: FP8 E4M3/E5M2 at 2x BF16 (NVIDIA H100 datasheet)',
    },
    notes: 'h800 and gh200 share the H100 die; h800 differs only in NVLink bandwidth (catalog), gh200 in memory and module power.',
  },
  {
    family: 'h200', prefixes: ['h200-sxm', 'h200'], class: 'nvidia', generation: 'hopper', measured: true, fp8Units: true,
    gemm: 0.69, gemmFp8: 0.585, attention: 0.47, memory: 0.86, scaleUp: 0.82, scaleOut: 0.9, tpOverlap: 0.8, computeUnits: 132,
    sources: {
      gemm: 'own headroom, not H100 copied: same die and 700 W, but HBM3e draws less of the board power, so GEMM clocks hold higher; NVIDIA MLPerf Training v4.0 (2024-06-12): H200 up to 14% faster than H100 on Llama 2 70B LoRA, of which this profile attributes ≈ 5% to GEMM clocks and the rest to 1.43x HBM bandwidth',
      attention: 'FlashAttention-3 on H100 (Shah et al. 2024) with the same ≈ 5% clock headroom as the GEMMs',
      memory: 'HBM3e 4.8 TB/s (NVIDIA H200 datasheet), sustained ≈ 0.86',
      network: `${NCCL_HGX}: same NVLink4 / NDR as H100`,
      tpOverlap: TE_OVERLAP,
      fp8: 'Hopper 4th-gen tensor cores: FP8 at 2x BF16 (NVIDIA H200 datasheet)',
    },
  },
  {
    family: 'b200', prefixes: ['b200', 'gb200', 'hgx-b200', 'dgx-b200'], class: 'nvidia', generation: 'blackwell', measured: true, fp8Units: true,
    gemm: 0.68, gemmFp8: 0.57, attention: 0.45, memory: 0.85, scaleUp: 0.8, scaleOut: 0.9, tpOverlap: 0.8, computeUnits: 148,
    sources: {
      gemm: 'cuBLAS GEMM sweeps on B200 (2025): bf16 ≈ 1.6–1.7 of 2.25 PFLOP/s, fp8 ≈ 3.0–3.3 of 4.5; reproduces Megatron-Bridge 25.11 B200 (test/fixtures/validation)',
      attention: 'cuDNN/FlashAttention on Blackwell ≈ Hopper fraction (NVIDIA cuDNN 9 release notes, 2025)',
      memory: 'HBM3e 8 TB/s, sustained ≈ 0.85 (NVIDIA B200 datasheet)',
      network: `${NCCL_HGX}: NVLink5 busbw ≈ 0.8 of 900 GB/s`,
      tpOverlap: TE_OVERLAP,
      fp8: 'Blackwell 5th-gen tensor cores: FP8 and MXFP8 at 2x BF16 (NVIDIA B200 datasheet)',
    },
    notes: BLACKWELL_FP4,
  },
  {
    family: 'b300', prefixes: ['b300', 'gb300', 'hgx-b300', 'dgx-b300'], class: 'nvidia', generation: 'blackwell', measured: true, fp8Units: true,
    gemm: 0.69, gemmFp8: 0.58, attention: 0.55, memory: 0.85, scaleUp: 0.8, scaleOut: 0.9, tpOverlap: 0.8, computeUnits: 160,
    sources: {
      gemm: 'own headroom, not B200 copied: Blackwell Ultra keeps B200\'s dense BF16/FP8 rate per clock but runs 160 SMs at a 1,100–1,400 W board limit (NVIDIA Blackwell Ultra technical blog, 2025-08); +1 point of sustained clocks over B200 is trainplan\'s judgement. MLPerf Training v5.1 (2025-11-12) GB300 results use NVFP4 and are not used for the BF16/FP8 fractions',
      attention: 'Blackwell Ultra doubles the SFU exponent throughput for softmax ("2x attention-layer compute", NVIDIA Blackwell Ultra blog 2025-08): attention fraction 0.55 vs B200 0.45',
      memory: 'HBM3e 8 TB/s, 279–288 GB (NVIDIA GB300/B300 datasheet), sustained ≈ 0.85',
      network: `${NCCL_HGX}: NVLink5 as B200; ConnectX-8 800 Gb/s scale-out`,
      tpOverlap: TE_OVERLAP,
      fp8: 'Blackwell Ultra tensor cores: FP8/MXFP8 at 2x BF16 (NVIDIA B300 datasheet)',
    },
    notes: 'NVFP4 at 3x FP8 per clock on Blackwell Ultra (MLPerf Training v5.1 trained in NVFP4); FP4 training is not modelled, so no FP4 speed-up is claimed.',
  },
  {
    family: 'mi250x', prefixes: ['mi250'], class: 'amd', generation: 'cdna2', measured: true, fp8Units: false,
    gemm: 0.5, gemmFp8: 0.5, attention: 0.25, memory: 0.8, scaleUp: 0.65, scaleOut: 0.85, tpOverlap: 0, computeUnits: 220,
    sources: {
      gemm: 'MosaicML, "Training LLMs with AMD MI250 GPUs and MosaicML" (2023-06-30): MI250 reaches ≈ 80% of A100-40GB per-GPU training throughput at 1.16x its dense peak ⇒ ≈ 0.5 of peak in GEMMs',
      attention: 'ROCm FlashAttention on CDNA2 (same MosaicML write-up: attention kernels the weakest part); trainplan judgement 0.25',
      memory: 'HBM2e 3.28 TB/s, sustained ≈ 0.8 (AMD CDNA2 whitepaper; rocm-bandwidth-test)',
      network: 'RCCL on Infinity Fabric (4 GPUs, 8 GCDs): all-reduce busbw ≈ 0.65 of link rate; Slingshot/IB ≈ 0.85 (Frontier, Atchley et al. SC23)',
      tpOverlap: 'ROCm Megatron forks (2023) do not overlap TP collectives',
      fp8: 'CDNA2 matrix cores have no FP8 (AMD Instinct MI250X datasheet: FP64/FP32/FP16/BF16/INT8)',
    },
  },
  {
    family: 'mi300x', prefixes: ['mi300'], class: 'amd', generation: 'cdna3', measured: true, fp8Units: true,
    gemm: 0.46, gemmFp8: 0.38, attention: 0.3, memory: 0.8, scaleUp: 0.7, scaleOut: 0.85, tpOverlap: 0, computeUnits: 304,
    sources: {
      gemm: 'SemiAnalysis, "MI300X vs H100 vs H200 Benchmark Part 1: Training" (2024-12-22): hipBLASLt BF16 GEMMs reach a little under half of the marketed 1,307 TFLOP/s — below H100\'s achieved cuBLAS rate despite the 1.32x higher peak — and FP8 under 0.4 of 2,615 (clock throttling under load); MI300X trails H100 per GPU in every training run measured',
      attention: 'same SemiAnalysis article: CK/Triton flash-attention backward well below H100\'s; trainplan judgement 0.3',
      memory: 'HBM3 5.3 TB/s, sustained ≈ 0.8 (SemiAnalysis 2024-12-22; AMD MI300X datasheet)',
      network: 'RCCL all-reduce on 8-GPU xGMI full mesh ≈ 0.7 of 448 GB/s (SemiAnalysis 2024-12-22: RCCL behind NCCL); RoCE/IB ≈ 0.85',
      tpOverlap: 'no Transformer Engine comm/GEMM overlap in the public ROCm stacks measured (SemiAnalysis 2024-12-22)',
      fp8: 'CDNA3 matrix cores: FP8 (E4M3FNUZ/E5M2FNUZ) at 2x BF16 (AMD Instinct MI300X datasheet)',
    },
  },
  {
    family: 'mi325x', prefixes: ['mi325'], class: 'amd', generation: 'cdna3', measured: true, fp8Units: true,
    gemm: 0.49, gemmFp8: 0.4, attention: 0.32, memory: 0.8, scaleUp: 0.7, scaleOut: 0.85, tpOverlap: 0, computeUnits: 304,
    sources: {
      gemm: 'own headroom, not MI300X copied: the same CDNA3 die at 1,000 W instead of 750 W holds clocks better (AMD MI325X datasheet); MLPerf Training v5.0 (AMD, 2025-06-04): MI325X ahead of MI300X and up to 8% ahead of H200 on Llama 2 70B LoRA (8 GPUs)',
      attention: 'MI300X\'s fraction (SemiAnalysis 2024-12-22) with the same clock headroom as the GEMMs',
      memory: 'HBM3e 6 TB/s, sustained ≈ 0.8 (AMD MI325X datasheet)',
      network: 'MI300X\'s RCCL fractions: the same 8-GPU xGMI full mesh (AMD MI325X datasheet)',
      tpOverlap: 'MI300X\'s: no TP comm/GEMM overlap in the public ROCm stacks',
      fp8: 'CDNA3 matrix cores: FP8 at 2x BF16 (AMD Instinct MI325X datasheet)',
    },
  },
  {
    family: 'mi355x', prefixes: ['mi355', 'mi350'], class: 'amd', generation: 'cdna4', measured: true, fp8Units: true,
    gemm: 0.46, gemmFp8: 0.4, attention: 0.32, memory: 0.8, scaleUp: 0.7, scaleOut: 0.85, tpOverlap: 0, computeUnits: 256,
    sources: {
      gemm: 'AMD MLPerf Training v5.1 (2025-11-13): MI355X trains Llama 2 70B LoRA (FP8) in ≈ 10 min vs ≈ 28 min on MI300X, 2.8x at 1.9x the FP8 peak (the rest is software and HBM); BF16 fraction kept at MI300X\'s, FP8 slightly above it (the MLPerf gain at FP8 exceeds the peak ratio)',
      attention: 'MI325X\'s fraction (no CDNA4 attention measurement published)',
      memory: 'HBM3E 8 TB/s, sustained ≈ 0.8 (AMD MI355X datasheet)',
      network: 'MI300X\'s RCCL fractions: 8-GPU xGMI full mesh (AMD MI355X datasheet)',
      tpOverlap: 'MI300X\'s: no TP comm/GEMM overlap in the public ROCm stacks',
      fp8: 'CDNA4 matrix cores: FP8 and MXFP8 at 2x BF16 (AMD Instinct MI355X datasheet)',
    },
    notes: 'CDNA4 also runs MXFP6/MXFP4 at 2x FP8 (10 PFLOP/s dense); FP4/FP6 training is not modelled, so no speed-up is claimed. mi350x (1,000 W air-cooled) maps here.',
  },
  {
    family: 'tpu-v4', prefixes: ['tpu-v4', 'tpuv4'], class: 'tpu', generation: 'tpu', measured: true, fp8Units: false,
    gemm: 0.78, gemmFp8: 0.78, attention: 0.5, memory: 0.85, scaleUp: 0.8, scaleOut: 0.85, tpOverlap: 0.5, computeUnits: 8,
    sources: {
      gemm: 'PaLM (Chowdhery et al. 2022) Table 3: 540B at 46.2% MFU / 57.8% HFU on 6,144 TPU v4; MaxText configs/v4 (22B at ≈ 158 TFLOP/s/chip = 57% of 275)',
      attention: 'XLA fused attention on MXUs; trainplan judgement 0.5',
      memory: 'HBM2 1.2 TB/s, sustained ≈ 0.85 (Jouppi et al. ISCA 2023, TPU v4)',
      network: 'ICI 3D torus (Jouppi et al. ISCA 2023): collectives ≈ 0.8 of link rate; DCN ≈ 0.85',
      tpOverlap: 'XLA collective matmul decomposes TP collectives into overlapped steps (Wang et al., ASPLOS 2023)',
      fp8: 'TPU v4 MXUs run BF16 and INT8 only (Google Cloud TPU v4 documentation)',
    },
  },
  {
    family: 'tpu-v5e', prefixes: ['tpu-v5e', 'tpuv5e', 'tpu-v5-lite'], class: 'tpu', generation: 'tpu', measured: true, fp8Units: false,
    gemm: 0.76, gemmFp8: 0.76, attention: 0.5, memory: 0.85, scaleUp: 0.8, scaleOut: 0.85, tpOverlap: 0.5, computeUnits: 4,
    sources: {
      gemm: 'MaxText configs/v5e/README.md: 16B–128B dense models at 55–67% MFU on v5e-256 (120–132 TFLOP/s/chip of 197)',
      attention: 'XLA fused attention on MXUs, as TPU v4; trainplan judgement',
      memory: 'HBM2e 819 GB/s, sustained ≈ 0.85 (Google Cloud TPU v5e documentation)',
      network: 'ICI 2D torus within a 256-chip pod, DCN across pods (Google Cloud TPU v5e documentation)',
      tpOverlap: 'XLA collective matmul (Wang et al., ASPLOS 2023), as TPU v4',
      fp8: 'TPU v5e MXUs run BF16 and INT8 only (Google Cloud TPU v5e documentation: 197 TFLOP/s BF16, 394 TOPS INT8)',
    },
  },
  {
    family: 'tpu-v5p', prefixes: ['tpu-v5p', 'tpuv5p'], class: 'tpu', generation: 'tpu', measured: true, fp8Units: false,
    gemm: 0.9, gemmFp8: 0.9, attention: 0.55, memory: 0.85, scaleUp: 0.8, scaleOut: 0.85, tpOverlap: 0.5, computeUnits: 8,
    sources: {
      gemm: 'MaxText runtime performance table (TPU v5p): 32B–1,160B dense models at 64–71% MFU end to end, 295–328 TFLOP/s/chip of 459 — the matmuls themselves run near 0.9 of the MXU peak for that to hold',
      attention: 'XLA fused attention on MXUs, as TPU v4; trainplan judgement',
      memory: 'HBM2e 2.77 TB/s, sustained ≈ 0.85 (Google Cloud TPU v5p documentation)',
      network: 'ICI 3D torus, 8,960-chip pods (Google Cloud TPU v5p documentation)',
      tpOverlap: 'XLA collective matmul (Wang et al., ASPLOS 2023), as TPU v4',
      fp8: 'TPU v5p MXUs run BF16 (459 TFLOP/s) and INT8 (918 TOPS), no FP8 (Google Cloud TPU v5p documentation); the catalog\'s fp8 figure is the BF16 rate',
    },
  },
  {
    family: 'tpu-v6e', prefixes: ['tpu-v6e', 'tpuv6e', 'trillium'], class: 'tpu', generation: 'tpu', measured: true, fp8Units: false,
    gemm: 0.66, gemmFp8: 0.66, attention: 0.45, memory: 0.85, scaleUp: 0.8, scaleOut: 0.85, tpOverlap: 0.5, computeUnits: 2,
    sources: {
      gemm: 'MaxText docs/reference/models/tiering.md (Trillium): Llama 3.1 70B 50.3% MFU, Llama 3.1 8B 45.5%, Llama 2 70B 43.8%, Llama 3.1 405B 38.6% on v6e-256',
      attention: 'Pallas splash attention on Trillium; trainplan judgement 0.45 (below v5p: the MFU table sits lower)',
      memory: 'HBM 1.64 TB/s, sustained ≈ 0.85 (Google Cloud TPU v6e documentation)',
      network: 'ICI 2D torus within a 256-chip pod (Google Cloud TPU v6e documentation)',
      tpOverlap: 'XLA collective matmul (Wang et al., ASPLOS 2023), as TPU v4',
      fp8: 'Trillium MXUs run BF16 (918 TFLOP/s) and INT8 (1,836 TOPS), no FP8 (Google Cloud TPU v6e documentation); the catalog\'s fp8 figure is the BF16 rate',
    },
  },
  {
    family: 'tpu7x', prefixes: ['tpu7', 'tpu-v7', 'tpu-7', 'ironwood'], class: 'tpu', generation: 'tpu', measured: true, fp8Units: true,
    gemm: 0.66, gemmFp8: 0.55, attention: 0.45, memory: 0.85, scaleUp: 0.8, scaleOut: 0.85, tpOverlap: 0.5, computeUnits: 8,
    sources: {
      gemm: 'GEMM sweep on TPU v7 (github yangwhale/gpu-tpu-pedia tpu/v7_perf/README.md, 2026-02-10, JAX): bf16 758 of 1,153.5 TFLOP/s per chiplet = 65.7% at 8192³; fp8 not measured, kept below bf16 as on every measured part',
      attention: 'Pallas splash attention, as TPU v6e; trainplan judgement',
      memory: 'HBM3e 7.4 TB/s, sustained ≈ 0.85 (Google Ironwood announcement, 2025-04-09)',
      network: 'ICI 3D torus, 9,216-chip superpods (Google Ironwood announcement, 2025-04-09)',
      tpOverlap: 'XLA collective matmul (Wang et al., ASPLOS 2023), as TPU v4',
      fp8: 'Ironwood MXUs run FP8 natively (4,614 TFLOP/s FP8; Google Ironwood announcement, 2025-04-09)',
    },
  },
  {
    family: 'gaudi2', prefixes: ['gaudi2', 'gaudi-2', 'hl-225'], class: 'gaudi', generation: 'gaudi', measured: true, fp8Units: true,
    gemm: 0.8, gemmFp8: 0.65, attention: 0.45, memory: 0.8, scaleUp: 0.8, scaleOut: 0.85, tpOverlap: 0, computeUnits: 2,
    sources: {
      gemm: 'Databricks, "LLM Training and Inference with Intel Gaudi 2 AI Accelerators" (2024-01-04): MPT-7B at > 260 TFLOP/s per device in BF16 (≈ 0.6 of 432 end to end, which needs ≈ 0.8 in the GEMMs once attention, element-wise and optimizer time are added); Intel Gaudi 2 model-performance page (SynapseAI 1.19): Llama 2 70B FP8 on 64 HPUs at 54,614 tokens/s',
      attention: 'Habana fused SDPA (Intel Gaudi documentation); trainplan judgement 0.45',
      memory: 'HBM2e 2.46 TB/s, sustained ≈ 0.8 (Intel Gaudi 2 whitepaper)',
      network: '24 x 100 GbE RoCE on die, 21 for the all-to-all node mesh (Intel Gaudi 2 whitepaper); collectives ≈ 0.8 of link rate',
      tpOverlap: 'no TP comm/GEMM overlap in DeepSpeed/Optimum Habana',
      fp8: 'Gaudi 2 MME runs FP8 E4M3/E5M2 at 2x BF16 (Intel Gaudi 2 whitepaper; MLPerf Training v3.1 GPT-3 on Gaudi 2 in FP8)',
    },
  },
];
