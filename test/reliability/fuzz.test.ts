import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertFiniteEstimate } from '../../src/cli/finite-result.js';
import { main } from '../../src/cli/main.js';
import { estimate } from '../../src/estimator/index.js';
import { decodeInput, loadBuiltinCatalog, loadCatalog, loadFleets, parseBaseline, parseModelFile } from '../../src/io/index.js';
import { baselineFacts, plan } from '../../src/planner/index.js';
import { InputError } from '../../src/schema/index.js';
import { aLayout, aModel, aTraining } from '../helpers/builders.js';
import { tempDir } from '../helpers/tmp.js';
import { encode, mutate, rng, type Rand } from './mutate.js';

/**
 * Seeded mutation fuzzing of everything a user hands trainplan (issue 16): model files, catalogs,
 * baselines and command lines. Oracle: every input either works or is one InputError (exit 2) whose
 * message is a single line without "undefined"/"NaN"/"[object"; results are finite; nothing is slow.
 * A failure prints the seed and the mutated input; FUZZ_SEED=<n> replays a run, FUZZ_SCALE=<k> runs k× as many.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 16016);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const CASE_MS = 3000;
const dir = tempDir('trainplan-fuzz-');

const EXAMPLES = readdirSync('examples').filter((f) => f.endsWith('.yaml')).map((f) => readFileSync(join('examples', f), 'utf8'));
const CATALOGS = [
  readFileSync('test/fixtures/catalogs/negotiated.yaml', 'utf8'),
  readFileSync('test/fixtures/fleet/lab-fleet.yaml', 'utf8'),
  // a built-in accelerator file as a user catalog row, with one offer for it
  `accelerators:\n${readFileSync('hardware-catalog/accelerators/h100-sxm.yaml', 'utf8').replace(/^id: "h100-sxm"/m, 'id: "h100-fuzz"').split('\n').map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`)).join('\n')}\noffers:\n  - { provider: fuzz, instance: box, accelerator: h100-fuzz, acceleratorCount: 8, regions: [r1], usdPerHour: { onDemand: 20, spot: null, reserved1y: null, reserved3y: null }, scaleUpDomainSize: 8, asOf: "2026-01-01", source: fuzz }\n`,
];
const builtin = loadBuiltinCatalog();
const SMALL_MODEL = aModel({ layers: 4, hiddenSize: 1024, ffnHiddenSize: 4096, attentionHeads: 8, kvHeads: 8 });
const SMALL_TRAINING = aTraining({ tokens: 1e9, sequenceLength: 1024, globalBatchSize: 64 });

/** A small, priced plan document to mutate (built once, in-process, through the CLI). */
let BASELINE = '';
await main(['plan', 'examples/llama3-8b.yaml', '--accelerators', 'h100-sxm', '--max-gpus', '64', '--deadline-days', '1000', '--json'], {
  stdout: (s) => void (BASELINE += s), stderr: () => undefined, env: {}, stdoutIsTTY: false, stderrIsTTY: false, exitCode: 0,
});

interface Tally { ok: number; inputErrors: Map<string, number>; slowestMs: number }
const tally = (): Tally => ({ ok: 0, inputErrors: new Map(), slowestMs: 0 });

/** Runs one case; anything but success or a well-formed InputError fails with the seed and input. */
function runCase(t: Tally, label: string, input: string | Buffer, body: () => void): void {
  const started = performance.now();
  try {
    body();
    t.ok++;
  } catch (err) {
    if (!(err instanceof InputError)) {
      throw new Error(`${label}: ${err instanceof Error ? err.stack : String(err)}\n--- input ---\n${String(input).slice(0, 2000)}`);
    }
    const line = `${err.location ?? ''} ${err.message} ${err.suggestion ?? ''}`;
    const echoed = (word: string) => String(input).toLowerCase().includes(word.toLowerCase());
    const bad = /\n|\[object/.test(line) || (/undefined/.test(line) && !echoed('undefined')) || (/NaN/.test(line) && !echoed('nan'));
    if (bad) throw new Error(`${label}: malformed error "${line}"\n--- input ---\n${String(input).slice(0, 2000)}`);
    t.inputErrors.set(err.code, (t.inputErrors.get(err.code) ?? 0) + 1);
  }
  const ms = performance.now() - started;
  t.slowestMs = Math.max(t.slowestMs, ms);
  if (ms > CASE_MS) throw new Error(`${label}: took ${ms.toFixed(0)} ms\n--- input ---\n${String(input).slice(0, 2000)}`);
}

const report = (what: string, t: Tally, n: number) =>
  // eslint-disable-next-line no-console
  console.log(`fuzz ${what}: ${n} cases (seed ${SEED}), ${t.ok} accepted, ${[...t.inputErrors.values()].reduce((a, b) => a + b, 0)} refused (${[...t.inputErrors].map(([c, k]) => `${c} ${k}`).join(', ')}), slowest ${t.slowestMs.toFixed(0)} ms`);

describe(`seeded mutation fuzzing (seed ${SEED})`, () => {
  it('model files: accepted or one InputError; accepted models estimate to finite numbers', () => {
    const r = rng(SEED);
    const t = tally();
    const n = 400 * SCALE;
    for (let i = 0; i < n; i++) {
      const bytes = encode(mutate(EXAMPLES[i % EXAMPLES.length]!, r), r);
      runCase(t, `model case ${i}`, bytes, () => {
        const loaded = parseModelFile(decodeInput(bytes, 'fuzz.yaml', 'model'), 'fuzz.yaml');
        const acc = builtin.accelerators.find((a) => a.id === 'h100-sxm')!;
        const res = estimate({ model: loaded.model, training: loaded.training, accelerator: acc, layout: aLayout({ gpus: 8, zero: 1 }) });
        if (res.ok) assertFiniteEstimate(res.estimate);
      });
    }
    report('models', t, n);
    expect(t.ok + [...t.inputErrors.values()].reduce((a, b) => a + b, 0)).toBe(n);
    expect(t.inputErrors.size).toBeGreaterThan(5); // the mutations reach many different checks
  }, 60_000);

  it('user catalogs: accepted or one InputError; accepted accelerators estimate and plan to finite numbers', () => {
    const r = rng(SEED + 1);
    const t = tally();
    const n = 250 * SCALE;
    for (let i = 0; i < n; i++) {
      const bytes = encode(mutate(CATALOGS[i % CATALOGS.length]!, r), r);
      const file = join(dir, `catalog-${i}.yaml`);
      writeFileSync(file, bytes);
      runCase(t, `catalog case ${i}`, bytes, () => {
        const merged = loadCatalog({ files: [file] });
        loadFleets({ files: [file], knownAccelerators: merged.accelerators.map((a) => a.id) });
        const mine = merged.accelerators.filter((a) => !builtin.accelerators.some((b) => b.id === a.id && b === a));
        for (const acc of mine) {
          const res = estimate({ model: SMALL_MODEL, training: SMALL_TRAINING, accelerator: acc, layout: aLayout({ gpus: 8, zero: 1, precision: 'bf16' }) });
          if (res.ok) assertFiniteEstimate(res.estimate);
        }
        if (i % 10 === 0 && mine.length) {
          const result = plan({ model: SMALL_MODEL, training: SMALL_TRAINING, catalog: merged, constraints: { accelerators: mine.map((a) => a.id), maxGpus: 16, deadlineDays: 1e6 } });
          for (const p of result.plans) assertFiniteEstimate(p.estimate);
        }
      });
    }
    report('catalogs', t, n);
    expect(t.inputErrors.size).toBeGreaterThan(3);
  }, 60_000);

  it('baselines: accepted or one InputError; accepted baselines give finite facts', () => {
    const r = rng(SEED + 2);
    const t = tally();
    const doc: unknown = JSON.parse(BASELINE);
    const n = 200 * SCALE;
    for (let i = 0; i < n; i++) {
      const text = r() < 0.5 ? mutateJson(doc, r) : mutate(JSON.stringify(doc, null, 2), r);
      runCase(t, `baseline case ${i}`, text, () => {
        const facts = baselineFacts(parseBaseline(text, 'base.json'));
        if (facts.best) expect(Number.isFinite(facts.best.usd) && Number.isFinite(facts.best.totalSeconds)).toBe(true);
      });
    }
    report('baselines', t, n);
    expect(t.ok).toBeGreaterThan(0); // some mutations keep a valid document (unused fields)
    expect(t.inputErrors.get('BASELINE_INVALID') ?? 0).toBeGreaterThan(0);
  }, 60_000);

  it('command lines: exit 0, 1 or 2 (never 3); exit 2 is one line on stderr and nothing on stdout', async () => {
    const r = rng(SEED + 3);
    const FLAGS = ['--gpus', '--tp', '--pp', '--cp', '--ep', '--vpp', '--micro-batch', '--zero', '--recompute', '--precision', '--pricing', '--provider', '--instance', '--accelerator', '--format', '--attention-kernel'];
    const VALUES = ['8', '16', '0', '-1', '1e1', '0x10', '2.5', '', ' ', 'abc', '9999999999', '4', '2', '1', 'auto', 'none', 'full', 'bf16', 'fp8', 'spot', 'aws', 'h100-sxm', 'mi300x', 'json', 'yaml', 'flash', '--json', '\u001b[31m'];
    const n = 120 * SCALE;
    let worst = 0;
    for (let i = 0; i < n; i++) {
      const args = ['estimate', 'examples/llama3-8b.yaml', '--accelerator', 'h100-sxm', '--gpus', '8'];
      for (let k = 0; k < 1 + Math.floor(r() * 4); k++) args.push(FLAGS[Math.floor(r() * FLAGS.length)]!, VALUES[Math.floor(r() * VALUES.length)]!);
      let stdout = '';
      let stderr = '';
      const started = performance.now();
      const code = await main(args, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), env: { NO_COLOR: '1' }, stdoutIsTTY: false, stderrIsTTY: false, exitCode: 0 });
      worst = Math.max(worst, performance.now() - started);
      const context = `argv ${JSON.stringify(args)} → ${code}\n${stderr}`;
      expect([0, 1, 2], context).toContain(code);
      if (code === 2) {
        const lines = stderr.split('\n').filter((l) => l !== '' && !l.startsWith('trainplan: warning:'));
        expect(lines.length, context).toBe(1);
        if (!args.includes('--json') && !args.includes('json')) expect(stdout, context).toBe('');
      }
    }
    // eslint-disable-next-line no-console
    console.log(`fuzz argv: ${n} command lines (seed ${SEED}), slowest ${worst.toFixed(0)} ms`);
  }, 60_000);
});

describe(`seeded command-line fuzzing of plan and check (seed ${SEED})`, () => {
  it('exit 0, 1 or 2 (never 3); exit 2 is one line on stderr', async () => {
    const r = rng(SEED + 4);
    const FLAGS = ['--max-gpus', '--min-gpus', '--deadline-days', '--budget-usd', '--objective', '--top', '--pricing', '--providers', '--accelerators', '--allow-fp8', '--max-increase', '--format', '--baseline'];
    const VALUES = ['8', '16', '0', '-1', '1e1', '0x10', '2.5M', '1e400', 'abc', 'time', 'cost', 'spot', 'spt', 'aws', 'h100-sxm', 'h100-sxn', 'csv', 'markdown', 'yaml', '10%', '/dev/zero', 'examples/llama3-8b.yaml', ''];
    const n = 40 * SCALE;
    for (let i = 0; i < n; i++) {
      const args = [r() < 0.5 ? 'plan' : 'check', 'examples/llama3-8b.yaml', '--accelerators', 'h100-sxm', '--max-gpus', '16'];
      for (let k = 0; k < 1 + Math.floor(r() * 3); k++) args.push(FLAGS[Math.floor(r() * FLAGS.length)]!, VALUES[Math.floor(r() * VALUES.length)]!);
      let stderr = '';
      const code = await main(args, { stdout: () => undefined, stderr: (s) => void (stderr += s), env: { NO_COLOR: '1' }, stdoutIsTTY: false, stderrIsTTY: false, exitCode: 0 });
      const context = `argv ${JSON.stringify(args)} → ${code}\n${stderr}`;
      expect([0, 1, 2], context).toContain(code);
      if (code === 2) expect(stderr.split('\n').filter((l) => l !== '' && !l.startsWith('trainplan: warning:')).length, context).toBe(1);
    }
  }, 60_000);
});

/** Sets, deletes or retypes one random path of a JSON value. */
function mutateJson(doc: unknown, r: Rand): string {
  const copy = structuredClone(doc) as Record<string, unknown>;
  const paths: { parent: Record<string, unknown> | unknown[]; key: string | number }[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach((x, i) => { paths.push({ parent: v, key: i }); walk(x); });
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) { paths.push({ parent: v as Record<string, unknown>, key: k }); walk(x); }
  };
  walk(copy);
  const { parent, key } = paths[Math.floor(r() * paths.length)]!;
  const values = [null, 0, -1, 1e308, -1e-308, 'abc', '', true, [], {}, 2 ** 60, 'plan', 'check', 1];
  if (r() < 0.3 && !Array.isArray(parent)) delete (parent as Record<string, unknown>)[key as string];
  else (parent as Record<string | number, unknown>)[key] = values[Math.floor(r() * values.length)];
  return JSON.stringify(copy, null, 2);
}
