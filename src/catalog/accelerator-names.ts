/**
 * Accelerator names used by SkyPilot's catalog CSVs (column AcceleratorName, as in
 * https://github.com/skypilot-org/skypilot-catalog catalogs/v7/<cloud>/vms.csv, read 2026-12-01)
 * and by provider price pages, mapped to trainplan accelerator ids. The mapping is by the memory
 * and form factor each provider sells under that name:
 * - "A100" is the 40 GB SXM part on AWS p4d, GCP a2-highgpu and Lambda gpu_8x_a100 (GpuInfo 40960 MiB);
 *   "A100-80GB" is the 80 GB SXM part (p4de, a2-ultragpu, Lambda *_a100_80gb_sxm4).
 * - "H100" is the SXM part on AWS p5, GCP a3, Lambda *_h100_sxm5, Nebius and Hyperbolic (81,559 MiB).
 * - "H100-MEGA" is GCP's a3-megagpu (H100 SXM, more NICs); the offer's own network is not in the CSV.
 * Names are matched exactly first, then case-insensitively, then as one of our own ids.
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
  'T4': 't4',
  'Trainium': 'trn1',
  'Trainium2': 'trn2',
  'V100': 'v100-sxm-16gb',
  'V100-32GB': 'v100-sxm-32gb',
};

const upper = new Map(Object.entries(ACCELERATOR_NAME_TABLE).map(([k, v]) => [k.toUpperCase(), v]));

/** Our id for a provider's accelerator name, or undefined; the result must also be in `knownIds`. */
export function mapAcceleratorName(name: string, knownIds: ReadonlySet<string>): string | undefined {
  const n = name.trim();
  const hit = ACCELERATOR_NAME_TABLE[n] ?? upper.get(n.toUpperCase()) ?? (knownIds.has(n.toLowerCase()) ? n.toLowerCase() : undefined);
  return hit !== undefined && knownIds.has(hit) ? hit : undefined;
}
