import { describe, expect, it } from 'vitest';
import { ACCELERATOR_NAME_TABLE, PROVIDER_NAME_OVERRIDES, mapAcceleratorName, refineByMemory } from '../../src/catalog/index.js';
import { loadBuiltinCatalog } from '../../src/io/index.js';

const known = new Set(loadBuiltinCatalog().accelerators.map((a) => a.id));

describe('accelerator name table', () => {
  it('maps every name to a built-in accelerator id', () => {
    const targets = [...Object.values(ACCELERATOR_NAME_TABLE), ...Object.values(PROVIDER_NAME_OVERRIDES).flatMap((t) => Object.values(t))];
    for (const id of targets) expect(known.has(id), id).toBe(true);
  });

  it.each([
    ['H100', undefined, 'h100-sxm'],
    ['H100', 'runpod', 'h100-pcie'],
    ['A100-80GB', 'lambda', 'a100-sxm-80gb'],
    ['A100-80GB', 'runpod', 'a100-pcie-80gb'],
    ['l40s', undefined, 'l40s'],
    ['b200', undefined, 'b200'],
    ['RTX PRO 6000 96GB', undefined, 'rtx-pro-6000'],
    ['Gaudi HL-205', undefined, undefined],
  ] as const)('%s (%s) → %s', (name, provider, id) => {
    expect(mapAcceleratorName(name, known, provider)).toBe(id);
  });

  it('refines by GpuInfo memory, per GPU or in total, and picks PCIe from the instance name', () => {
    expect(refineByMemory('a100-sxm-40gb', "{'SizeInMiB': 81920}", 1, 'x', known)).toBe('a100-sxm-80gb');
    expect(refineByMemory('a100-sxm-40gb', '{"SizeInMiB":655360}', 8, 'x', known)).toBe('a100-sxm-80gb');
    expect(refineByMemory('a100-sxm-40gb', "{'SizeInMiB': 40960}", 8, 'x', known)).toBe('a100-sxm-40gb');
    expect(refineByMemory('h100-sxm', "{'SizeInMiB': 96256}", 2, 'x', known)).toBe('h100-nvl');
    expect(refineByMemory('a100-sxm-40gb', "{'SizeInMiB': 81920}", 1, 'epyc-a100-pcie_1x', known)).toBe('a100-pcie-80gb');
    // Nebius writes host RAM (204,800 MiB) there: no variant matches, the id stays
    expect(refineByMemory('h100-sxm', "{'SizeInMiB': 204800}", 8, 'gpu-h100-sxm_8gpu', known)).toBe('h100-sxm');
  });
});
