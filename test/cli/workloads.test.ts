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

  it('T5-Large (kind encoder-decoder): the estimate table (golden); --pp 2 and tokens are exit 2 with one line naming the flag / field', async () => {
    const args = ['estimate', 'examples/t5-large-c4.yaml', '--accelerator', 'h100-sxm', '--gpus', '64', '--tp', '2', '--zero', '1', '--recompute', 'none', '--micro-batch', '16'];
    const r = runCli([args[0]!, example('t5-large-c4.yaml'), ...args.slice(2)]);
    expect(r.code).toBe(0);
    await expect(`$ trainplan ${args.join(' ')}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}--- exit code: ${r.code}\n`).toMatchFileSnapshot('./__golden__/estimate-t5-large-c4.txt');
    const json = JSON.parse(runCli([args[0]!, example('t5-large-c4.yaml'), ...args.slice(2), '--json']).stdout);
    expect(json.input.model.kind).toBe('encoder-decoder');
    expect(json.input.model.encoderDecoder).toMatchObject({ encoderLayers: 24, decoderLayers: 24, encoderTokens: 512, decoderTokens: 114 });
    expect(json.time.breakdown.tpComm).toBeGreaterThan(0);
    const pp = runCli(['estimate', example('t5-large-c4.yaml'), '--accelerator', 'h100-sxm', '--gpus', '64', '--pp', '2']);
    expect(pp.code).toBe(2);
    expect(pp.stdout).toBe('');
    expect(pp.stderr.trim().split('\n')).toHaveLength(1);
    expect(pp.stderr).toMatch(/--pp must be 1/);
    const dir = tempDir('trainplan-t5-');
    const file = join(dir, 't5.yaml');
    writeFileSync(file, readFileSync(example('t5-large-c4.yaml'), 'utf8').replace('  samples: 2048000000\n', '  tokens: 1T\n'));
    const tok = runCli(['estimate', file, '--accelerator', 'h100-sxm', '--gpus', '8']);
    expect(tok.code).toBe(2);
    expect(tok.stderr.trim().split('\n')).toHaveLength(1);
    expect(tok.stderr).toMatch(/t5\.yaml:\d+:\d+.*training\.tokens/);
  });

  it('Flan-T5-XL LoRA (kind encoder-decoder): the estimate table (golden); the JSON reports the adapters of every attention block', async () => {
    const args = ['estimate', 'examples/flan-t5-xl-lora.yaml', '--accelerator', 'h100-sxm', '--gpus', '8', '--zero', '1', '--recompute', 'none', '--micro-batch', '8'];
    const r = runCli([args[0]!, example('flan-t5-xl-lora.yaml'), ...args.slice(2)]);
    expect(r.code).toBe(0);
    await expect(`$ trainplan ${args.join(' ')}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}--- exit code: ${r.code}\n`).toMatchFileSnapshot('./__golden__/estimate-flan-t5-xl-lora.txt');
    const json = JSON.parse(runCli([args[0]!, example('flan-t5-xl-lora.yaml'), ...args.slice(2), '--json']).stdout);
    expect(json.input.training.finetune).toMatchObject({ method: 'lora', rank: 8, targetModules: ['q_proj', 'v_proj'] });
    // q, v in 24 encoder self-attention, 24 decoder self-attention and 24 cross-attention blocks, r·(d_model + inner) = 8·(2048 + 2048) each.
    expect(json.finetune.trainableParameters).toBe(3 * 24 * 2 * 8 * (2048 + 2048));
    expect(json.memory.breakdown.gradients).toBeLessThan(0.01 * json.memory.breakdown.weights);
  });

  it.each([
    ['rank 0', '    rank: 8\n', '    rank: 0\n'],
    ['rank above d_model', '    rank: 8\n', '    rank: 4096\n'],
  ])('Flan-T5-XL LoRA %s: exit 2, one line naming file:line:col and training.finetune.rank', (_n, from, to) => {
    const dir = tempDir('trainplan-t5lora-');
    const file = join(dir, 'm.yaml');
    writeFileSync(file, readFileSync(example('flan-t5-xl-lora.yaml'), 'utf8').replace(from, to));
    const r = runCli(['estimate', file, '--accelerator', 'h100-sxm', '--gpus', '8']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/m\.yaml:\d+:\d+.*training\.finetune\.rank/);
  });

  it.each([
    ['plan', 't5-large-c4.yaml', '--pp', /kind encoder-decoder runs data and tensor parallel.*--pp must be 1/],
    ['check', 'stylegan2-ffhq.yaml', '--tp', /kind cnn runs data parallel.*--tp must be 1/],
    ['plan', 'llama3-8b.yaml', '--ep', /--ep: expert parallelism needs a mixture-of-experts model \(this one is dense\)/],
    ['check', 'llama3-8b.yaml', '--ep', /--ep: expert parallelism needs a mixture-of-experts model/],
  ])('%s %s %s 2: a degree the kind cannot use is exit 2 with one line (not "nothing feasible")', (cmd, file, flag, message) => {
    const r = runCli([cmd, example(file), flag, '2']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
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
