#!/usr/bin/env node
// npm run bench: every target of issue 15, end to end as a user runs it (a new `trainplan` process each),
// as wall time, as a ratio to a fixed CPU loop timed in the same run (the machine is shared and noisy: the
// ratio is what to compare across runs), the child's CPU seconds (user + system; steadier than wall on a busy
// machine) and its peak RSS (GNU time's %U %S %M, else not shown).
// `node scripts/bench-search.js` is the in-process planner bench (layouts per second, threads).
// `npm run bench -- --startup` runs only the start-up rows (and what each command loads), in a few seconds.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'trainplan.js');
const dir = mkdtempSync(join(tmpdir(), 'trainplan-bench-'));
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** A fixed CPU loop (float and integer work the JIT cannot remove); its time is the run's unit. */
function cpuLoop() {
  let x = 1.000001, h = 0;
  for (let i = 0; i < 60_000_000; i++) {
    x = x * 1.0000001 + 1e-9;
    h = (h * 31 + i) | 0;
  }
  return x + h;
}
function unitSeconds() {
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    cpuLoop();
    best = Math.min(best, (performance.now() - t) / 1000);
  }
  return best;
}

const yaml = {
  'llama3-405b': 'model:\n  preset: llama3-405b\ntraining:\n  tokens: 15.6T\n  sequenceLength: 8192\n  globalBatchSize: 2048\n  precision: bf16\nconstraints:\n  maxGpus: 16384\n  deadlineDays: 365\n',
  'deepseek-v3': 'model:\n  preset: deepseek-v3\ntraining:\n  tokens: 14.8T\n  sequenceLength: 4096\n  globalBatchSize: 15360\n  precision: bf16\nconstraints:\n  maxGpus: 16384\n',
};
for (const [name, text] of Object.entries(yaml)) writeFileSync(join(dir, `${name}.yaml`), text);

const startupOnly = process.argv.includes('--startup');
const examples = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.yaml')).sort();
/** [label, argv, target seconds, repeats (best of)] */
const TARGETS = [
  ['plan 405B whole catalog (≤ 16,384 GPUs, 365 d)', ['plan', join(dir, 'llama3-405b.yaml'), '--json'], 1, 1],
  ['plan DeepSeek-V3 whole catalog (≤ 16,384 GPUs)', ['plan', join(dir, 'deepseek-v3.yaml'), '--json'], 2, 1],
  ['budget --usd 2M --days 60', ['budget', '--usd', '2M', '--days', '60', '--json'], 3, 1],
  // No target in the issue for these two: `fleet` on a MoE (one search) and the README's `schedule` example (prepared searches shared by its jobs and pools).
  ['fleet examples/deepseek-v3-moe.yaml --horizon-years 2', ['fleet', join(root, 'examples', 'deepseek-v3-moe.yaml'), '--horizon-years', '2', '--json'], null, 1],
  ['schedule examples/portfolio (README example)', ['schedule', join(root, 'examples', 'portfolio', 'portfolio.yaml'), '--catalog', join(root, 'examples', 'portfolio', 'lab.yaml'), '--json'], null, 2],
  ...examples.map((f) => [`plan examples/${f}`, ['plan', join(root, 'examples', f), '--json'], 0.7, 2]),
  ['catalog offers', ['catalog', 'offers'], 0.3, 3],
  ['presets', ['presets'], 0.3, 3],
  ['--version', ['--version'], 0.3, 3],
];
/** The fixed cost every `plan` pays (modules, model file, catalog, documents) without the search: one estimate. */
const FIXED = ['estimate examples/llama3-8b.yaml (one layout)', ['estimate', join(root, 'examples', 'llama3-8b.yaml'), '--accelerator', 'h100-sxm', '--gpus', '64', '--tp', '2', '--json'], null, 3];
const STARTUP = [FIXED, ...TARGETS.filter(([label]) => !/^(plan|budget|fleet|schedule) /.test(label))];
const ROWS = startupOnly ? STARTUP : [...TARGETS, FIXED];

function runOnce(argv) {
  const rss = join(dir, 'rss');
  const cmd = gnuTime ? gnuTime : process.execPath;
  const args = gnuTime ? ['-f', '%U %S %M', '-o', rss, process.execPath, bin, ...argv] : [bin, ...argv];
  const t = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, env: { PATH: process.env.PATH ?? '' } });
  const wall = (performance.now() - t) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`trainplan ${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  const [user, sys, kb] = gnuTime ? readFileSync(rss, 'utf8').trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN, NaN];
  return { wall, cpu: user + sys, mb: kb / 1024 };
}

const unit = unitSeconds();
console.log(`trainplan bench: CPU-loop unit ${unit.toFixed(3)} s (ratio = wall / unit; compare ratios across runs)\n`);
console.log(`${'target'.padEnd(50)} ${'wall'.padStart(8)} ${'ratio'.padStart(7)} ${'CPU'.padStart(7)} ${'target'.padStart(7)} ${'peak RSS'.padStart(9)}  ok`);
let misses = 0;
for (const [label, argv, target, repeats] of ROWS) {
  let best = { wall: Infinity, cpu: NaN, mb: NaN };
  for (let i = 0; i < repeats; i++) {
    const r = runOnce(argv);
    if (r.wall < best.wall) best = r;
  }
  const ok = (target === null || best.wall <= target) && !(best.mb > 300);
  if (!ok) misses++;
  const rss = Number.isNaN(best.mb) ? 'n/a' : `${best.mb.toFixed(0)} MB`;
  const goal = target === null ? '—' : `${target} s`;
  const cpu = Number.isNaN(best.cpu) ? 'n/a' : `${best.cpu.toFixed(2)} s`;
  console.log(`${label.padEnd(50)} ${`${best.wall.toFixed(2)} s`.padStart(8)} ${(best.wall / unit).toFixed(1).padStart(7)} ${cpu.padStart(7)} ${goal.padStart(7)} ${rss.padStart(9)}  ${target === null ? '' : ok ? 'yes' : 'NO'}`);
}
const unitAfter = unitSeconds();
console.log(`\nCPU-loop unit after the run: ${unitAfter.toFixed(3)} s; targets missed: ${misses} (wall ≤ target, peak RSS ≤ 300 MB)`);

// What each start-up command loads: files read by the module loader (a loader hook names them), the source
// modules bundled into them (scripts/bundle-cli.js heads each with a `// dist/…` or `// node_modules/…` line)
// and their size. One extra run per command, not timed.
const HOOK = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent("export async function load(url, c, next) { if (url.startsWith('file:')) process.stderr.write('loaded ' + url + '\\\\n'); return next(url, c); }"));`)}`;
console.log(`\n${'start-up: what a command loads'.padEnd(50)} ${'files'.padStart(6)} ${'modules'.padStart(8)} ${'zod'.padStart(4)} ${'code'.padStart(9)}`);
for (const [label, argv] of STARTUP) {
  const r = spawnSync(process.execPath, ['--import', HOOK, bin, ...argv], { encoding: 'utf8', maxBuffer: 1 << 28, env: { PATH: process.env.PATH ?? '' } });
  const files = r.stderr.split('\n').filter((l) => l.startsWith('loaded file:')).map((l) => fileURLToPath(l.slice(7)));
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  // A bundle chunk names its modules; any other file (an unbundled build, a package outside the bundle) is one.
  const modules = texts.flatMap((t, i) => {
    const inside = t.split('\n').filter((l) => /^\/\/ (dist|node_modules)\//.test(l)).map((l) => l.slice(3));
    return inside.length > 0 ? inside : [files[i]];
  });
  const zod = modules.some((m) => m.includes('node_modules/zod/')) ? 'yes' : 'no';
  const kb = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1024;
  console.log(`${label.padEnd(50)} ${String(files.length).padStart(6)} ${String(modules.length).padStart(8)} ${zod.padStart(4)} ${`${kb.toFixed(0)} KB`.padStart(9)}`);
}
rmSync(dir, { recursive: true, force: true });
if (startupOnly) process.exit(0);

// `trainplan schedule`: a 20-job portfolio over 365 days on 3 pools, and how the allocator scales with jobs.
await import("./bench-schedule.js");
