// npm run validate (after the MLPerf rows) and npm run validate -- --cnn (this section alone):
// published CNN training throughput, measured vs predicted images/s (test/fixtures/validation/cnn-throughput.yaml).
import { validateThroughput } from '../dist/estimator/index.js';
import { loadThroughputCases } from '../dist/io/index.js';
import { getAccelerator } from '../dist/catalog/index.js';

export function printThroughput(file, catalog) {
  const s = validateThroughput(loadThroughputCases(file), (id) => getAccelerator(catalog, id));
  const num = (x) => (x === null ? '—' : x.toFixed(0)).padStart(9);
  console.log(`${'CNN throughput case (images/s)'.padEnd(36)} ${'measured'.padStart(9)} ${'predicted'.padStart(9)} ${'error%'.padStart(8)}`);
  for (const r of s.rows) {
    const tag = r.fitted ? '  (fitted)' : r.outsideModel ? '  (outside the model: not in the MAPE)' : '';
    console.log(`${r.id.padEnd(36)} ${num(r.measuredSamplesPerSecond)} ${num(r.predictedSamplesPerSecond)} ${(r.errorPercent === null ? 'n/a' : r.errorPercent.toFixed(1)).padStart(8)}${r.problem ? '  ' + r.problem : tag}`);
  }
  console.log(`\nCNN throughput: ${s.cases} out-of-sample cases  MAPE ${s.mape.toFixed(2)}%  (fitted rows ${s.fittedMape.toFixed(2)}%)`);
}
