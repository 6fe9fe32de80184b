import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

// Training stacks (--framework, training.framework/overlap/recompute) and the new recompute modes, end to end.
const dir = tempDir('trainplan-stack-');
function modelFile(name: string, training: string): string {
  const p = join(dir, name);
  writeFileSync(p, `model:\n  preset: llama3-8b\ntraining:\n  tokens: 1T\n  sequenceLength: 8192\n  globalBatchSize: 64\n${training}`);
  return p;
}
const base = ['--accelerator', 'h100-sxm', '--gpus', '8', '--json'];

describe('trainplan estimate with training stacks', () => {
  it('--framework overrides the file and changes the conventions: DeepSpeed keeps 16-bit gradients', () => {
    const mega = JSON.parse(runCli(['estimate', example('llama3-8b.yaml'), ...base, '--recompute', 'full']).stdout);
    const ds = JSON.parse(runCli(['estimate', example('llama3-8b.yaml'), ...base, '--recompute', 'full', '--framework', 'deepspeed']).stdout);
    expect(mega.assumptions.framework).toBe('megatron');
    expect(ds.assumptions.framework).toBe('deepspeed');
    expect(ds.assumptions.bytesGradient).toBe(2);
    expect(ds.memory.breakdown.gradients).toBeCloseTo(mega.memory.breakdown.gradients / 2, 0);
  });

  it('the file\'s framework, overlap and recompute apply; the stack\'s default recompute fills in', () => {
    const f = modelFile('titan.yaml', '  framework: torchtitan\n  overlap: { dataParallel: 0.5 }\n');
    const r = runCli(['estimate', f, ...base, '--zero', '3']);
    expect(r.code).toBe(0);
    const e = JSON.parse(r.stdout);
    expect(e.layout.recompute).toBe('op-level');
    expect(e.assumptions.dpOverlap).toBe(0.5);
    expect(e.assumptions.kernelEfficiency).toBeLessThan(1);
  });

  it('--recompute partial:<blocks> stores less than none and more than full', () => {
    const mem = (rc: string) => JSON.parse(runCli(['estimate', example('llama3-8b.yaml'), ...base, '--recompute', rc]).stdout).memory.breakdown.activations as number;
    const partial = mem('partial:norm,mlp');
    const doc = JSON.parse(runCli(['estimate', example('llama3-8b.yaml'), ...base, '--recompute', 'partial:norm,mlp']).stdout);
    expect(doc.layout.recomputeBlocks).toEqual(['norm', 'mlp']);
    expect(partial).toBeLessThan(mem('none'));
    expect(partial).toBeGreaterThan(mem('full'));
  });

  it.each([
    [['--framework', 'deepspeeed'], /--framework: unknown framework "deepspeeed".*\(did you mean deepspeed\?\)/],
    [['--recompute', 'partial:norm,mla-up-projektion'], /unknown recompute sub-block "mla-up-projektion".*\(did you mean mla-up-projection\?\)/],
    [['--recompute', 'partial'], /partial needs sub-blocks/],
    [['--recompute', 'op-level'], /megatron does not offer recompute op-level.*torchtitan/],
    [['--recompute', 'partial:mla-up-projection'], /needs a model with multi-head latent attention/],
    [['--recompute', 'selective', '--framework', 'fsdp'], /fsdp does not offer recompute selective/],
  ])('exit 2 with one line for %j', (flags, message) => {
    const r = runCli(['estimate', example('llama3-8b.yaml'), '--accelerator', 'h100-sxm', '--gpus', '8', ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it.each([
    ['unknown framework', '  framework: megatorn\n', /training\.framework.*did you mean megatron\?/],
    ['contradictory overlaps', '  overlap: { dualPipe: true, expertAllToAll: 0.3 }\n', /training\.overlap\.expertAllToAll.*contradicts/],
    ['unknown sub-block', '  recompute: { partial: [norms] }\n', /training\.recompute.*(did you mean norm\?|expected)/],
  ])('a model file with an %s: exit 2, one line naming the field', (_what, training, message) => {
    const r = runCli(['estimate', modelFile(`bad-${_what.replace(/ /g, '-')}.yaml`, training), '--accelerator', 'h100-sxm', '--gpus', '8']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/\.yaml:\d+:\d+/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });
});
