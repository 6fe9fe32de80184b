/**
 * Accelerator names used by SkyPilot's catalog CSVs (column AcceleratorName, as in
 * https://github.com/skypilot-org/skypilot-catalog catalogs/v7/<cloud>/vms.csv, read 2026-12-01)
 * and by provider price pages, mapped to trainplan accelerator ids. The mapping is by the memory
 * and form factor each provider sells under that name:
 * - "A100" is the 40 GB SXM part on AWS p4d, GCP a2-highgpu and Lambda gpu_8x_a100 (GpuInfo 40960 MiB);
 *   "A100-80GB" is the 80 GB SXM part (p4de, a2-ultragpu, Lambda *_a100_80gb_sxm4).
 * - "H100" is the SXM part on AWS p5, GCP a3, Lambda *_h100_sxm5, Nebius and Hyperbolic (81,559 MiB).
 * - "H100-MEGA" is GCP's a3-megagpu (H100 SXM, more NICs); the offer's own network is not in the CSV.
 * Names are matched exactly first, then case-insensitively, then as one of our own ids; the
 * SkyPilot importer then refines the id by the memory in GpuInfo (refineByMemory, below).
 * Extend this table (and its test) when an import reports unknown names.
 */
export const ACCELERATOR_NAME_TABLE: Readonly<Record<string, string>> = {
  'A100': 'a100-sxm-40gb',
  'A100-40GB': 'a100-sxm-40gb',
  'A100-80GB': 'a100-sxm-80gb',
  'A100-80GB-SXM': 'a100-sxm-80gb',
  'A100-80GB-PCIE': 'a100-pcie-80gb',
  'A10': 'a10',
  'A10G': 'a10g',
  'B200': 'b200',
  'B300': 'b300',
  'GB200': 'gb200',
  'GH200': 'gh200',
  'H100': 'h100-sxm',
  'H100-SXM': 'h100-sxm',
  'H100-MEGA': 'h100-sxm',
  'H100-PCIE': 'h100-pcie',
  'H100-NVL': 'h100-nvl',
  'H200': 'h200-sxm',
  'H200-SXM': 'h200-sxm',
  'H200-NVL': 'h200-nvl',
  'L4': 'l4',
  'L40S': 'l40s',
  'MI300X': 'mi300x',
  'MI325X': 'mi325x',
  'MI355X': 'mi355x',
  'RTX4090': 'rtx-4090',
  'RTX5090': 'rtx-5090',
  'RTXPRO6000': 'rtx-pro-6000',
  'RTX-PRO-6000': 'rtx-pro-6000',
  'RTXPRO6000Blackwell': 'rtx-pro-6000',
  'RTX PRO 6000 96GB': 'rtx-pro-6000',
  'T4': 't4',
  'Trainium': 'trn1',
  'Trainium2': 'trn2',
  'V100': 'v100-sxm-16gb',
  'V100-32GB': 'v100-sxm-32gb',
};

/**
 * Per-provider exceptions: RunPod's "A100-80GB" is the PCIe card (its SXM module is "A100-80GB-SXM") and its
 * "H100" the PCIe card ("H100-SXM" the module), read from catalogs/v7 and v8/runpod/vms.csv (GpuInfo "A100 PCIe").
 */
export const PROVIDER_NAME_OVERRIDES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  runpod: { 'A100-80GB': 'a100-pcie-80gb', 'H100': 'h100-pcie' },
};

const upper = new Map(Object.entries(ACCELERATOR_NAME_TABLE).map(([k, v]) => [k.toUpperCase(), v]));

/** Our id for a provider's accelerator name (provider overrides first), or undefined; the result must be in `knownIds`. */
export function mapAcceleratorName(name: string, knownIds: ReadonlySet<string>, provider?: string): string | undefined {
  const n = name.trim();
  const hit = (provider === undefined ? undefined : PROVIDER_NAME_OVERRIDES[provider]?.[n]) ?? ACCELERATOR_NAME_TABLE[n] ?? upper.get(n.toUpperCase()) ?? (knownIds.has(n.toLowerCase()) ? n.toLowerCase() : undefined);
  return hit !== undefined && knownIds.has(hit) ? hit : undefined;
}

/**
 * Names SkyPilot uses for more than one part, told apart by the per-GPU memory in GpuInfo
 * (MiB; vendors' "40/80 GB" are GiB-sized stacks, H100 NVL's "94 GB" shows as 96,256 MiB in Cudo's rows).
 */
const MEMORY_VARIANTS: Readonly<Record<string, { mib: number; id: string }[]>> = {
  'a100-sxm-40gb': [{ mib: 40960, id: 'a100-sxm-40gb' }, { mib: 81920, id: 'a100-sxm-80gb' }],
  'h100-sxm': [{ mib: 81920, id: 'h100-sxm' }, { mib: 96256, id: 'h100-nvl' }],
  'v100-sxm-16gb': [{ mib: 16384, id: 'v100-sxm-16gb' }, { mib: 32768, id: 'v100-sxm-32gb' }],
};

/** PCIe parts of SXM ids, chosen when the instance type says "pci" (e.g. Cudo's epyc-genoa-a100-pcie). */
const PCIE_OF: Readonly<Record<string, string>> = { 'a100-sxm-80gb': 'a100-pcie-80gb', 'h100-sxm': 'h100-pcie' };

/**
 * GpuInfo's SizeInMiB is per GPU in most clouds' rows but the total in some (Prime Intellect writes
 * count × 81,920 for A100 80GB), so both readings are tried against the variants, per-GPU first,
 * within 5%. Returns the refined id, or `id` unchanged when nothing matches.
 */
export function refineByMemory(id: string, gpuInfo: string | undefined, count: number, instance: string, knownIds: ReadonlySet<string>): string {
  let out = id;
  const size = gpuInfo === undefined ? NaN : Number(/SizeInMiB['"]*\s*:\s*['"]*(\d+(?:\.\d+)?)/.exec(gpuInfo)?.[1]);
  const variants = MEMORY_VARIANTS[id];
  if (variants && Number.isFinite(size)) {
    for (const mib of [size, size / count]) {
      const hit = variants.find((v) => Math.abs(mib - v.mib) <= 0.05 * v.mib);
      if (hit) { out = hit.id; break; }
    }
  }
  const pcie = PCIE_OF[out];
  if (pcie && /pci/i.test(instance)) out = pcie;
  return knownIds.has(out) ? out : id;
}
