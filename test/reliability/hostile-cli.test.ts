import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, lstatSync, openSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { example, fixture, ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

/**
 * Issue 16 ("every input is hostile"), end to end through the built CLI: each case ends with its
 * documented exit code, exactly one line on stderr for an error, nothing on stdout, and no stray files.
 */
const dir = tempDir('trainplan-hostile-');
const at = (name: string) => join(dir, name);
const write = (name: string, content: string | Buffer) => {
  writeFileSync(at(name), content);
  return at(name);
};
const MODEL = example('llama3-8b.yaml');
/** A small, fast search on one accelerator (a priced plan exists). */
const SMALL = ['--accelerators', 'h100-sxm', '--max-gpus', '64', '--deadline-days', '1000'];
const CATALOG = readFileSync(fixture('catalogs', 'negotiated.yaml'), 'utf8');

async function expectOneLineError(pending: Promise<{ code: number | null; stdout: string; stderr: string }>, code: number, message: RegExp) {
  const r = await pending;
  expect(r.code).toBe(code);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('trainplan: warning:'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(r.stderr).not.toMatch(/at .*\.js:\d+|ZodError|\x1b/);
}

/** The CLI in-process (main() with captured streams): the same code path as bin/trainplan.js, without a process start per case. */
async function runCli(args: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const ctx = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), env: { NO_COLOR: '1', ...env }, stdoutIsTTY: false, stderrIsTTY: false, exitCode: 0 };
  const code = await main(args, ctx);
  return { code, stdout, stderr };
}

let baseline = '';
beforeAll(async () => {
  const r = await runCli(['plan', MODEL, ...SMALL, '--json']);
  expect(r.code).toBe(0);
  baseline = r.stdout;
  spawnSync('mkfifo', [at('fifo')]);
});

const mutateBaseline = (name: string, edit: (d: Record<string, any>) => void) => {
  const d = JSON.parse(baseline);
  edit(d);
  return write(name, JSON.stringify(d));
};

describe('baselines (check --baseline)', () => {
  it.each([
    ['a FIFO', () => at('fifo'), /named pipe \(FIFO\)/],
    ['/dev/zero', () => '/dev/zero', /character device/],
    ['/dev/urandom', () => '/dev/urandom', /character device/],
    ['UTF-16', () => write('u16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(baseline, 'utf16le')])), /UTF-16 \(LE\)/],
    ['a baseline without its model section', () => mutateBaseline('nomodel.json', (d) => delete d.input.model), /input\.model: missing/],
    ['a baseline for another model', () => mutateBaseline('other.json', (d) => (d.input.model.name = 'gpt-other')), /baseline is for model "gpt-other".*--baseline-any-model/],
  ])('%s → exit 2, one line', async (_n, file, message) => {
    await expectOneLineError(runCli(['check', MODEL, ...SMALL, '--baseline', file(), '--max-increase', '0']), 2, message);
  });

  it('a BOM-prefixed baseline is read', async () => {
    const file = write('bom.json', `\ufeff${baseline}`);
    expect((await runCli(['check', MODEL, ...SMALL, '--baseline', file, '--max-increase', '0'])).code).toBe(0);
  });

  it('--baseline-any-model compares a different model on purpose', async () => {
    const file = mutateBaseline('other2.json', (d) => (d.input.model.name = 'gpt-other'));
    expect((await runCli(['check', MODEL, ...SMALL, '--baseline', file, '--baseline-any-model', '--max-increase', '0'])).code).toBe(0);
  });

  it.each([
    ['null costs', (d: Record<string, any>) => d.plans.forEach((p: { cost: { usd: unknown } }) => (p.cost.usd = null))],
    ['no plans', (d: Record<string, any>) => (d.plans = [])],
  ])('a baseline with %s fails the gate (exit 1, "baseline has no priced plan"), never skips it', async (name, edit) => {
    const file = mutateBaseline(`unpriced-${name.replace(/\W/g, '')}.json`, edit);
    const r = await runCli(['check', MODEL, ...SMALL, '--baseline', file, '--max-increase', '0']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/the baseline has no priced plan/);
  });
});

describe('catalogs and model files', () => {
  const catalog = (name: string, from: string, to: string) => write(name, CATALOG.replace(from, to));
  it.each([
    ['memoryGB: 1e300', () => catalog('mem.yaml', 'memoryGB: 80', 'memoryGB: 1e300'), /:7:\d+: accelerators\[0\] \(h100-sxm-onprem\) memoryGB: 1e300 GB is outside/],
    ['peakTflops 1e-300', () => catalog('peak.yaml', 'bf16: 989', 'bf16: 1e-300'), /1e-300 TFLOP\/s is outside/],
    ['scaleUp.domainSize: 1e9', () => catalog('dom.yaml', 'domainSize: 8', 'domainSize: 1000000000'), /1e9 accelerators is outside/],
    ['asOf 2026-13-45', () => catalog('date.yaml', 'asOf: "2026-05-01"', 'asOf: "2026-13-45"'), /asOf: is not a calendar date/],
    ['a NUL byte', () => catalog('nul.yaml', 'Our H100', 'Our\0H100'), /NUL byte at 4:14/],
    ['invalid UTF-8', () => write('latin1.yaml', Buffer.from(CATALOG.replace('Our H100', 'Caf\xe9 H100'), 'latin1')), /not valid UTF-8 text \(an invalid byte at 4:14\)/],
    ['an unknown tag', () => catalog('tag.yaml', 'memoryGB: 80', 'memoryGB: !gigabytes 80'), /unknown YAML tag \(!gigabytes\)/],
  ])('catalog with %s → exit 2 naming file:line:col', async (_n, file, message) => {
    await expectOneLineError(runCli(['estimate', MODEL, '--accelerator', 'h100-sxm', '--gpus', '8', '--catalog', file()]), 2, message);
  });

  it('a 60,000-key catalog is refused in seconds, not minutes', async () => {
    const keys = Array.from({ length: 60_000 }, (_, i) => `  k${i}: ${i}`).join('\n');
    const started = performance.now();
    await expectOneLineError(runCli(['catalog', 'accelerators', '--catalog', write('huge.yaml', `${keys}\n  k5: 1\n`)]), 2, /YAML syntax error|duplicate key|unknown key/);
    expect(performance.now() - started).toBeLessThan(30_000); // 104 s with the quadratic check
  });

  const model = (name: string, body: string) => write(name, body);
  it.each([
    ['a FIFO', () => at('fifo'), /named pipe/],
    ['tokens: 0.5', () => model('t05.yaml', 'model: { preset: llama3-8b }\ntraining: { tokens: 0.5, sequenceLength: 2048, globalBatchSize: 64 }\n'), /training\.tokens: 0\.5 tokens is less than one step/],
    ['tokens: 1e-308', () => model('t308.yaml', 'model: { preset: llama3-8b }\ntraining: { tokens: 1e-308, sequenceLength: 2048, globalBatchSize: 64 }\n'), /1e-308 tokens is less than one step/],
    ['an unknown tag', () => model('tag.yaml', 'model: { preset: !x llama3-8b }\ntraining: { tokens: 1T, sequenceLength: 2048, globalBatchSize: 64 }\n'), /:1:18: unknown YAML tag/],
    ['an undefined alias', () => model('alias.yaml', 'model: *base\n'), /alias \*base refers to no anchor/],
    ['a CR-only file', () => model('cr.yaml', '\r'), /contains only whitespace/],
    ['deep nesting', () => model('deep.yaml', `model: ${'['.repeat(10_000)}`), /nested too deeply/],
    ['layers: 1e16', () => model('l16.yaml', 'model: { preset: llama3-8b, layers: 1e16 }\ntraining: { tokens: 1T, sequenceLength: 2048, globalBatchSize: 64 }\n'), /at most 10000\)/],
    ['a bad constraints: accelerator', () => model('cons.yaml', 'model: { preset: llama3-8b }\ntraining: { tokens: 1T, sequenceLength: 2048, globalBatchSize: 64 }\nconstraints:\n  accelerators: [h100-sxm, h100-sxn]\n'), /cons\.yaml:4:28: constraints\.accelerators: unknown accelerator "h100-sxn" \(did you mean h100-sxm\?\)/],
  ])('model file with %s → exit 2, one line', async (_n, file, message) => {
    await expectOneLineError(runCli(['plan', file(), '--max-gpus', '8']), 2, message);
  });

  it('a name with ANSI escapes is printed sanitised under --no-color', async () => {
    const file = model('ansi.yaml', 'name: "\\e[31mred\\e[0m"\nmodel: { preset: llama3-8b }\ntraining: { tokens: 1T, sequenceLength: 2048, globalBatchSize: 64 }\n');
    const r = await runCli(['estimate', file, '--accelerator', 'h100-sxm', '--gpus', '8', '--no-color']);
    expect(r.stdout).toContain('\ufffd[31mred');
    expect(r.stdout).not.toContain('\x1b');
  });
});

describe('the planner self-check on deep models', () => {
  it('layers 1500 (the issue model) plans on h100-sxm with exit 0', async () => {
    const file = write('deep.yaml', 'model: { layers: 1500, hiddenSize: 4096, attentionHeads: 32, vocabSize: 32000 }\ntraining: { tokens: 1T, sequenceLength: 8192, globalBatchSize: 1024 }\n');
    const r = await runCli(['plan', file, '--accelerators', 'h100-sxm']);
    expect(r.stderr).not.toMatch(/planner bug/);
    expect(r.code).toBe(0);
  });
});

describe('flags and environment', () => {
  it.each([
    [['estimate', MODEL, '--accelerator', 'h100-sxm', '--gpus', '0x10'], /--gpus: expected a whole number ≥ 1 in decimal digits, got "0x10"/],
    [['plan', MODEL, '--max-gpus', '1e1'], /--max-gpus: expected a whole number/],
    [['estimate', MODEL, '--accelerator', 'h100-sxm', '--gpus', '8', '--gpus', '16'], /--gpus was given more than once/],
    [['plan', MODEL, '--objective', 'cost', '--objective', 'time'], /--objective was given more than once/],
    [['budget', '--usd', '50000', '--days', '14', '--format', 'yaml'], /argument 'yaml' is invalid/],
    [['fleet', MODEL, '--format', 'yaml'], /argument 'yaml' is invalid/],
    [['check', MODEL, ...SMALL, '--format', 'markdown', '--out', ''], /--out: the output file name is empty/],
  ])('%j → exit 2', async (args, message) => {
    await expectOneLineError(runCli(args), 2, message);
  });

  it('a constraint given by flag is reported at the flag, not the model file', async () => {
    await expectOneLineError(runCli(['plan', MODEL, '--accelerators', 'h100-sxn']), 2, /^trainplan: error: --accelerators: unknown accelerator "h100-sxn" \(did you mean h100-sxm\?\)$/);
    await expectOneLineError(runCli(['check', MODEL, '--min-gpus', '4096']), 2, /^trainplan: error: --min-gpus: minGpus 4096 is greater than maxGpus 2048$/);
  });

  it.each(['abc', '0', '-1', '1.5'])('TRAINPLAN_THREADS=%s → exit 2', async (threads) => {
    await expectOneLineError(runCli(['plan', MODEL, '--max-gpus', '8'], { TRAINPLAN_THREADS: threads }), 2, /TRAINPLAN_THREADS: expected a whole number of threads/);
  });
});

describe('--out targets', () => {
  const check = (out: string, ...extra: string[]) => runCli(['check', MODEL, ...SMALL, '--format', 'markdown', '--out', out, ...extra]);
  const tmpLeft = () => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

  it('a path under a regular file → exit 2 (ENOTDIR), nothing left behind', async () => {
    write('afile', 'x');
    await expectOneLineError(check(at('afile/x.md')), 2, /ENOTDIR/);
    expect(tmpLeft()).toEqual([]);
  });

  it('a 250-character name is written (the temp name is shortened to fit NAME_MAX)', async () => {
    const name = `${'r'.repeat(247)}.md`;
    expect((await check(at(name))).code).toBe(0);
    expect(readFileSync(at(name), 'utf8')).toMatch(/trainplan check/);
    expect(tmpLeft()).toEqual([]);
  });

  it('a 256-character name → exit 2 (ENAMETOOLONG), no temp file', async () => {
    await expectOneLineError(check(at(`${'n'.repeat(253)}.md`)), 2, /ENAMETOOLONG/);
    expect(tmpLeft()).toEqual([]);
  });

  it.each([
    ['a FIFO', () => at('fifo'), /named pipe/],
    ['/dev/null', () => '/dev/null', /character device/],
    ['a directory', () => dir, /is a directory/],
  ])('%s is refused, not replaced', async (_n, target, message) => {
    await expectOneLineError(check(target()), 2, message);
    expect(lstatSync(target()).isFile()).toBe(false);
  });

  it('a symlink is refused unless --follow-symlinks, which writes its target and keeps the link', async () => {
    const target = write('target.md', 'old');
    symlinkSync(target, at('link.md'));
    await expectOneLineError(check(at('link.md')), 2, /symbolic link.*--follow-symlinks/);
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect((await check(at('link.md'), '--follow-symlinks')).code).toBe(0);
    expect(lstatSync(at('link.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toMatch(/trainplan check/);
  });
});

describe('stdout failures', () => {
  it('a closed pipe (plan --json | head -c 10) ends quietly with 141', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'trainplan.js'), 'plan', MODEL, ...SMALL, '--json'], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(141);
    expect(stderr).toBe('');
  });

  it('a full device (> /dev/full) is one line and exit 2', async () => {
    const fd = openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'trainplan.js'), 'plan', MODEL, ...SMALL, '--json'], { stdio: ['ignore', fd, 'pipe'], env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual(['trainplan: error: cannot write to standard output (ENOSPC: no space left on the device)']);
    } finally {
      closeSync(fd);
    }
  });

  it('SIGINT during an --out write leaves no temp file', async () => {
    const out = at('big-out.txt');
    const script = `import { writeOutputAtomic } from ${JSON.stringify(join(ROOT, 'dist', 'io', 'index.js'))};
      process.stdout.write('ready\\n');
      writeOutputAtomic(${JSON.stringify(out)}, 'x'.repeat(256 * 1024 * 1024));`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    child.kill('SIGINT');
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    expect(code === 130 || code === 0 || signal === 'SIGINT').toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith('.big-out.txt'))).toEqual([]);
    if (existsSync(out)) expect(lstatSync(out).size).toBe(256 * 1024 * 1024);
  });
});
