#!/usr/bin/env node
// node scripts/bench-search.js (after npm run build): fixed planner searches over the built-in catalog; per search: layouts evaluated,
// wall time, layouts per second (in total and per thread), then `trainplan plan` end to end.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { loadBuiltinCatalog } from '../dist/io/index.js';
import { plan } from '../dist/planner/index.js';
import { planInParallel } from '../dist/cli/parallel-plan.js';
import { renderPlan } from '../dist/report/index.js';

const dense = (name, layers, hiddenSize, ffnHiddenSize, attentionHeads, kvHeads, vocabSize) => ({
  name, layers, hiddenSize, ffnHiddenSize, attentionHeads, kvHeads, headDim: hiddenSize / attentionHeads, vocabSize,
  ffn: 'swiglu', tiedEmbeddings: false, attention: 'causal', moe: null, mla: null,
});
const MODELS = {
  'llama3-8b': dense('llama3-8b', 32, 4096, 14336, 32, 8, 128256),
  'llama3-70b': dense('llama3-70b', 80, 8192, 28672, 64, 8, 128256),
  'llama3-405b': dense('llama3-405b', 126, 16384, 53248, 128, 8, 128256),
  'deepseek-v3-671b': {
    ...dense('deepseek-v3', 61, 7168, 18432, 128, 128, 129280), headDim: 128,
    moe: { experts: 256, activeExperts: 8, sharedExperts: 1, expertFfnHiddenSize: 2048, denseLayers: 3, imbalance: 1 },
    mla: { qLoraRank: 1536, kvLoraRank: 512, qkRopeHeadDim: 64, qkNopeHeadDim: 128, vHeadDim: 128 },
  },
};
const training = (tokens, sequenceLength, globalBatchSize) => ({ tokens, sequenceLength, globalBatchSize, precision: 'bf16', optimizer: 'adam' });

/** The fixed searches: whole catalog (every accelerator with an offer), on-demand prices. */
const SEARCHES = [
  { name: 'llama3-8b, whole catalog, ≤ 1,024 GPUs', model: 'llama3-8b', training: training(15e12, 8192, 512), constraints: { maxGpus: 1024 } },
  { name: 'llama3-70b, whole catalog, ≤ 16,384 GPUs', model: 'llama3-70b', training: training(15e12, 8192, 1024), constraints: { maxGpus: 16384 } },
  { name: 'llama3-405b, whole catalog, ≤ 16,384 GPUs', model: 'llama3-405b', training: training(15.6e12, 8192, 2048), constraints: { maxGpus: 16384 } },
  { name: 'deepseek-v3 671B MoE, whole catalog, ≤ 16,384 GPUs', model: 'deepseek-v3-671b', training: training(14.8e12, 4096, 15360), constraints: { maxGpus: 16384 } },
];

const input = (s, catalog) => ({ model: MODELS[s.model], training: s.training, catalog, constraints: s.constraints });


const threads = Math.max(1, availableParallelism());
const catalog = loadBuiltinCatalog();
const fmt = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}K` : String(n));
console.log(`planner bench: ${catalog.accelerators.length} accelerators, ${catalog.offers.length} offers, ${threads} thread(s)\n`);
console.log(`${'search'.padEnd(52)} ${'layouts'.padStart(9)} ${'estimated'.padStart(10)} ${'1 thread'.padStart(9)} ${'layouts/s'.padStart(10)} ${`${threads} threads`.padStart(10)} ${'layouts/s'.padStart(10)} ${'per core'.padStart(10)}`);
for (const s of SEARCHES) {
  let t = performance.now();
  const single = plan(input(s, catalog));
  const t1 = (performance.now() - t) / 1000;
  t = performance.now();
  const multi = await planInParallel(input(s, catalog), { threads });
  const tn = (performance.now() - t) / 1000;
  if (JSON.stringify(multi) !== JSON.stringify(single)) throw new Error(`${s.name}: threaded result differs from single-threaded`);
  const n = single.search.layouts;
  console.log(
    `${s.name.padEnd(52)} ${fmt(n).padStart(9)} ${fmt(single.search.estimated).padStart(10)} ${`${t1.toFixed(2)} s`.padStart(9)} ${fmt(n / t1).padStart(10)} ${`${tn.toFixed(2)} s`.padStart(10)} ${fmt(n / tn).padStart(10)} ${fmt(n / tn / threads).padStart(10)}`,
  );
}
// End to end as a user runs it: `trainplan plan <model.yaml>` in a new process (start, catalog load, search,
// rendering), with the CLI's default single search thread and no constraints but maxGpus.
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'trainplan-bench-'));
const e2e = {
  'llama3-405b': 'model:\n  preset: llama3-405b\ntraining:\n  tokens: 15.6T\n  sequenceLength: 8192\n  globalBatchSize: 2048\n  precision: bf16\nconstraints:\n  maxGpus: 16384\n',
  'deepseek-v3-671b': 'model:\n  preset: deepseek-v3\ntraining:\n  tokens: 14.8T\n  sequenceLength: 4096\n  globalBatchSize: 15360\n  precision: bf16\nconstraints:\n  maxGpus: 16384\n',
};
for (const [name, yaml] of Object.entries(e2e)) {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, yaml);
  const t = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'bin', 'trainplan.js'), 'plan', file, '--json'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  if (r.status !== 0) throw new Error(`trainplan plan ${name} failed: ${r.stderr}`);
  console.log(`end to end (\`trainplan plan\`, new process, whole catalog, ≤ 16,384 GPUs), ${name}: ${((performance.now() - t) / 1000).toFixed(2)} s`);
}
rmSync(dir, { recursive: true, force: true });
console.log('\nlayouts: every (accelerator network, precision, layout) judged, including those decided by exact memory bounds;');
console.log('estimated: layouts whose step time was computed (memory-feasible ones).');
