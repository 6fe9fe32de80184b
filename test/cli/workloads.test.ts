import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { example, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

// Fine-tuning and per-sample kinds through the CLI: one JSON document, exit codes, one-line errors.
describe('trainplan estimate with fine-tuning and per-sample kinds', () => {
  it('QLoRA: the JSON echoes the resolved method and reports the fine-tuning block', () => {
    const r = runCli(['estimate', example('llama3-8b-qlora.yaml'), '--accelerator', 'l40s', '--gpus', '1', '--zero', '0', '--recompute', 'full', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.input.training.finetune).toMatchObject({ method: 'qlora', rank: 64, quantBits: 4, doubleQuant: true, pagedOptimizer: true });
    expect(doc.finetune.method).toBe('qlora');
    expect(doc.finetune.frozenBitsPerParam).toBeCloseTo(4.127, 3);
    expect(doc.finetune.hostOptimizerBytes).toBeGreaterThan(0);
    expect(doc.memory.breakdown.optimizer).toBe(0);
  });

  it('ResNet-50: samplesPerSecond in the output; tensor parallelism is exit 2 with one line naming the flag', () => {
    const ok = runCli(['estimate', example('resnet50-imagenet.yaml'), '--accelerator', 'h100-sxm', '--gpus', '8', '--micro-batch', '128', '--zero', '0', '--recompute', 'none', '--json']);
    expect(ok.code).toBe(0);
    const doc = JSON.parse(ok.stdout);
    expect(doc.throughput.samplesPerSecond).toBeCloseTo(doc.throughput.tokensPerSecond, 6);
    expect(doc.input.model.kind).toBe('cnn');
    const bad = runCli(['estimate', example('resnet50-imagenet.yaml'), '--accelerator', 'h100-sxm', '--gpus', '8', '--tp', '2']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/--tp must be 1/);
  });

  it.each([
    ['LoRA rank above hiddenSize', (t: string) => t.replace('    method: lora\n    rank: 16', '    method: lora\n    rank: 9000'), /training\.finetune\.rank/],
    ['epochs with tokens', (t: string) => t.replace('  tokens: 100M\n', '  tokens: 100M\n  epochs: 2\n'), /training\.epochs/],
  ])('%s: exit 2, one line on stderr naming file:line:col and the field', (_n, edit, field) => {
    const dir = tempDir('trainplan-workloads-');
    const file = join(dir, 'm.yaml');
    writeFileSync(file, edit(readFileSync(example('llama3-70b-lora.yaml'), 'utf8')));
    const r = runCli(['estimate', file, '--accelerator', 'h100-sxm', '--gpus', '8']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/m\.yaml:\d+:\d+/);
    expect(r.stderr).toMatch(field);
  });
});
