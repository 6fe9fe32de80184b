/** Accelerator ids the public contract promises (docs/contract.md, "Accelerator ids"). */
export const CONTRACT_ACCELERATOR_IDS = [
  'v100-sxm-32gb', 'a100-sxm-40gb', 'a100-sxm-80gb', 'a100-pcie-80gb', 'h100-sxm', 'h100-pcie', 'h800-sxm', 'h200-sxm', 'gh200',
  'b200', 'gb200', 'l4', 'l40s', 'a10g', 'mi250x', 'mi300x', 'mi325x', 'tpu-v4', 'tpu-v5e', 'tpu-v5p', 'tpu-v6e', 'trn1', 'trn2',
  'gaudi2', 'gaudi3',
];
/** Contract ids with no public rental price found; hardware-catalog/README.md lists why. */
export const NOT_RENTABLE_IN_CATALOG = ['h800-sxm', 'mi250x', 'gaudi2', 'gaudi3'];
