#!/usr/bin/env node
// npm run validate: measured vs predicted step time for every calibration case, then MAPE/median/max.
import { fileURLToPath } from 'node:url';
import { validateCases } from '../dist/estimator/index.js';
import { loadBuiltinCatalog, loadCalibrationCases } from '../dist/io/index.js';
import { getAccelerator } from '../dist/catalog/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const file = process.argv[2] ?? `${root}test/fixtures/validation/calibration.yaml`;
const catalog = loadBuiltinCatalog();
const summary = validateCases(loadCalibrationCases(file), (id) => getAccelerator(catalog, id));
const pad = (s, n) => String(s).padEnd(n);
const num = (x, d = 3) => (x === null ? '—' : x.toFixed(d)).padStart(9);
console.log(`${pad('case', 52)} ${'measured'.padStart(9)} ${'predicted'.padStart(9)} ${'error%'.padStart(8)}  mfu`);
for (const r of summary.rows) {
  const bd = r.estimate ? r.estimate.time.breakdown : null;
  const extra = bd && process.env.VERBOSE ? '  ' + Object.entries(bd).map(([k, v]) => `${k}=${v.toFixed(2)}`).join(' ') : '';
  console.log(`${pad(r.id, 52)} ${num(r.measuredSeconds)} ${num(r.predictedSeconds)} ${(r.errorPercent === null ? 'n/a' : r.errorPercent.toFixed(1)).padStart(8)}  ${r.estimate ? r.estimate.throughput.mfu.toFixed(3) : r.problem}${extra}`);
}
console.log(`\ncases ${summary.rows.length}  MAPE ${summary.mape.toFixed(2)}%  median ${summary.medianApe.toFixed(2)}%  max ${summary.maxApe.toFixed(2)}%  Korthikanti Table 5 mean ${summary.korthikantiMape.toFixed(2)}%`);
