// npm run validate (after the LLM step-time set) and npm run validate -- --mlperf (this section alone):
// MLPerf Training closed-division time to train, measured vs predicted (test/fixtures/validation/mlperf.yaml).
import { validateMlperf } from '../dist/estimator/index.js';
import { loadMlperfCases } from '../dist/io/index.js';
import { getAccelerator } from '../dist/catalog/index.js';

export function printMlperf(file, catalog) {
  const s = validateMlperf(loadMlperfCases(file), (id) => getAccelerator(catalog, id));
  const min = (x) => (x === null ? '—' : x.toFixed(2)).padStart(9);
  console.log(`${'MLPerf Training case (time to train)'.padEnd(44)} ${'meas. min'.padStart(9)} ${'pred. min'.padStart(9)} ${'of which eval'.padStart(13)} ${'error%'.padStart(8)}  samples/s`);
  for (const r of s.rows) {
    const sps = r.estimate?.throughput.samplesPerSecond;
    console.log(`${r.id.padEnd(44)} ${min(r.measuredMinutes)} ${min(r.predictedMinutes)} ${min(r.evalMinutes).padStart(13)} ${(r.errorPercent === null ? 'n/a' : r.errorPercent.toFixed(1)).padStart(8)}  ${r.estimate ? (sps === undefined ? '' : sps.toFixed(sps < 100 ? 2 : 0)) : r.problem}`);
  }
  console.log('');
  for (const b of s.byBenchmark) console.log(`${b.benchmark.padEnd(24)} ${String(b.cases).padStart(3)} cases  MAPE ${b.mape.toFixed(2)}%`);
  console.log('');
  for (const v of s.byVendor) console.log(`${('vendor ' + v.vendor).padEnd(24)} ${String(v.cases).padStart(3)} cases  MAPE ${v.mape.toFixed(2)}%`);
  console.log(`\nMLPerf cases ${s.rows.length}  MAPE ${s.mape.toFixed(2)}%`);
}
