// npm run bench (part): `trainplan schedule` on a 20-job portfolio over 365 days on 3 pools (an owned 64 × H100
// fleet, a 32 × H100 commitment, rented bursts from 3 providers): planning every job's options with the real
// planner, then the allocator; then the allocator alone as the job count grows (options copied from the 20 jobs).
import { loadCatalog, loadFleets, loadMilpSolver } from '../dist/io/index.js';
import { buildPools, buildProblem, solve } from '../dist/schedule/index.js';
import { findOffer } from '../dist/catalog/index.js';

const root = new URL('..', import.meta.url).pathname;
const lab = `${root}examples/portfolio/lab.yaml`;
const catalog = loadCatalog({ files: [lab], env: {} });
const fleets = loadFleets({ files: [lab], env: {}, knownAccelerators: catalog.accelerators.map((a) => a.id) });
const offer = findOffer(catalog, 'gcp', 'a3-highgpu-1g'); // the H100 offer with a published 1-year rate
const capacity = { fleets, commitments: [{ provider: 'gcp', instance: 'a3-highgpu-1g', count: 32, pricing: 'reserved-1y', offer }], rent: true, providers: ['lambda', 'nebius', 'coreweave', 'gcp'], rentPricing: 'on-demand', rentMaxGpus: 1024 };

const shape = (name, layers, hiddenSize, ffnHiddenSize, attentionHeads, kvHeads) => ({
  name, layers, hiddenSize, ffnHiddenSize, attentionHeads, kvHeads, headDim: hiddenSize / attentionHeads, vocabSize: 32000,
  ffn: 'swiglu', tiedEmbeddings: false, attention: 'causal', moe: null, mla: null,
});
const SHAPES = [shape('400m', 24, 1024, 2816, 16, 16), shape('1b', 24, 2048, 5632, 32, 8), shape('3b', 32, 2560, 6912, 32, 8), shape('7b', 32, 4096, 11008, 32, 8), shape('8b', 32, 4096, 14336, 32, 8)];
const TOKENS = [10e9, 40e9, 100e9, 300e9];
const jobs = [];
for (let i = 0; i < 20; i++) {
  const model = SHAPES[i % SHAPES.length];
  jobs.push({
    id: `job-${String(i + 1).padStart(2, '0')}`, priority: 1 + (i % 4), earliestStartDay: (i * 11) % 120, repeat: 1, preemptible: i % 5 === 4, after: [],
    ...(i % 3 === 0 ? { deadlineDays: 120 + ((i * 17) % 200) } : {}),
    filter: { excludeAccelerators: [], excludeKinds: [] },
    workload: { kind: 'model', spec: { model, training: { tokens: TOKENS[Math.floor(i / 5) % TOKENS.length], sequenceLength: 4096, globalBatchSize: 512, precision: 'bf16', optimizer: 'adam' }, constraints: { accelerators: ['h100-sxm', 'h200-sxm', 'a100-sxm-80gb'] } } },
  });
}
const horizonDays = 365;
// CPU seconds beside wall seconds: on a shared machine the wall clock also counts other people's work.
const cpu = (since) => { const u = process.cpuUsage(since); return (u.user + u.system) / 1e6; };
let c0 = process.cpuUsage();
let t = performance.now();
const pools = buildPools(catalog, capacity);
const problem = buildProblem({ catalog, horizonDays }, pools, jobs);
const tPlan = (performance.now() - t) / 1000;
const cPlan = cpu(c0);
const milp = await loadMilpSolver();
c0 = process.cpuUsage();
t = performance.now();
const sol = solve(problem, { milp });
const tSolve = (performance.now() - t) / 1000;
const cSolve = cpu(c0);
t = performance.now();
const greedyOnly = solve(problem);
const tGreedy = (performance.now() - t) / 1000;
const options = problem.jobs.reduce((s, j) => s + j.options.length, 0);
console.log(`\nschedule bench: 20 jobs, 365 days, 3 pools (owned 64, committed 32, rent), ${options} options`);
console.log(`  planning options (real planner): ${tPlan.toFixed(2)} s (${cPlan.toFixed(2)} s CPU); allocation (${sol.method}, ${sol.evaluated} schedules): ${tSolve.toFixed(2)} s (${cSolve.toFixed(2)} s CPU); total ${(tPlan + tSolve).toFixed(2)} s`);
console.log(`  scheduled ${sol.placements.length}, unscheduled ${sol.unscheduled.length}; list scheduling without the MILP: ${tGreedy.toFixed(2)} s`);
console.log('  allocator alone (MILP + list scheduling) as the portfolio grows (options copied from the 20 jobs):');
for (const n of [5, 10, 20, 40, 80]) {
  const big = { ...problem, jobs: Array.from({ length: n }, (_, i) => ({ ...problem.jobs[i % 20], id: `j${i}`, after: [] })) };
  t = performance.now();
  c0 = process.cpuUsage();
  const s = solve(big, { milp });
  console.log(`    ${String(n).padStart(3)} jobs: ${((performance.now() - t) / 1000).toFixed(2)} s (${cpu(c0).toFixed(2)} s CPU; ${s.method}, ${s.evaluated} schedules)`);
}
