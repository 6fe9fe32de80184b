#!/usr/bin/env node
// npm run validate: measured vs predicted step time for every calibration case, then MAPE/median/max and per source.
// npm run validate -- --mlperf: only the MLPerf Training time-to-train rows (scripts/validate-mlperf.js; also printed after the step-time set).
// npm run validate -- --memory: the memory validation set (scripts/validate-memory.js).
// npm run validate -- --cnn: only the CNN training-throughput rows (scripts/validate-throughput.js; also printed after the MLPerf rows).
// npm run validate -- --fit: each training stack's kernel-efficiency factor fitted to its own calibration runs.
import { fileURLToPath } from 'node:url';
import { fitKernelEfficiency, mapeBySource, STACKS, validateCases } from '../dist/estimator/index.js';
import { loadBuiltinCatalog, loadCalibrationCases } from '../dist/io/index.js';
import { getAccelerator } from '../dist/catalog/index.js';
import { printMemory } from './validate-memory.js';
import { printMlperf } from './validate-mlperf.js';
import { printThroughput } from './validate-throughput.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flags = new Set(args.filter((a) => a.startsWith('--')));
const file = args.find((a) => !a.startsWith('--')) ?? `${root}test/fixtures/validation/calibration.yaml`;
const catalog = loadBuiltinCatalog();
const accelerator = (id) => getAccelerator(catalog, id);
const mlperfFile = `${root}test/fixtures/validation/mlperf.yaml`;
const cnnFile = `${root}test/fixtures/validation/cnn-throughput.yaml`;
if (flags.has('--mlperf')) {
  printMlperf(mlperfFile, catalog);
} else if (flags.has('--cnn')) {
  printThroughput(cnnFile, catalog);
} else if (flags.has('--memory')) {
  printMemory(`${root}test/fixtures/validation/memory.yaml`, catalog);
} else if (flags.has('--fit')) {
  const cases = loadCalibrationCases(file);
  for (const [id, s] of Object.entries(STACKS)) {
    const fit = fitKernelEfficiency(cases, accelerator, id);
    console.log(`${id.padEnd(11)} in use ${s.kernelEfficiency.toFixed(3)}  ${fit ? `fitted ${fit.factor.toFixed(3)} (MAPE ${fit.mape.toFixed(2)}% over ${fit.cases} runs)` : 'no calibration runs'}`);
  }
} else {
  const summary = validateCases(loadCalibrationCases(file), accelerator);
  const pad = (s, n) => String(s).padEnd(n);
  const num = (x, d = 3) => (x === null ? '—' : x.toFixed(d)).padStart(9);
  console.log(`${pad('case', 52)} ${'measured'.padStart(9)} ${'predicted'.padStart(9)} ${'error%'.padStart(8)}  mfu`);
  for (const r of summary.rows) {
    const bd = r.estimate ? r.estimate.time.breakdown : null;
    const extra = bd && process.env.VERBOSE ? '  ' + Object.entries(bd).map(([k, v]) => `${k}=${v.toFixed(2)}`).join(' ') : '';
    console.log(`${pad(r.id, 52)} ${num(r.measuredSeconds)} ${num(r.predictedSeconds)} ${(r.errorPercent === null ? 'n/a' : r.errorPercent.toFixed(1)).padStart(8)}  ${r.estimate ? r.estimate.throughput.mfu.toFixed(3) : r.problem}${extra}`);
  }
  console.log('');
  for (const s of mapeBySource(summary.rows)) console.log(`${pad(s.source, 24)} ${String(s.cases).padStart(3)} cases  MAPE ${s.mape.toFixed(2)}%`);
  console.log(`\ncases ${summary.rows.length}  MAPE ${summary.mape.toFixed(2)}%  median ${summary.medianApe.toFixed(2)}%  max ${summary.maxApe.toFixed(2)}%  Korthikanti Table 5 mean ${summary.korthikantiMape.toFixed(2)}%`);
  console.log('');
  printMlperf(mlperfFile, catalog);
  console.log('');
  printThroughput(cnnFile, catalog);
}
