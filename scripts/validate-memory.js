// npm run validate -- --memory: published memory figures vs predicted, and production layouts that must fit.
import { validateMemoryCases } from '../dist/estimator/index.js';
import { loadMemoryCases } from '../dist/io/index.js';
import { getAccelerator } from '../dist/catalog/index.js';

export function printMemory(file, catalog) {
  const s = validateMemoryCases(loadMemoryCases(file), (id) => getAccelerator(catalog, id));
  const G = 2 ** 30;
  const gib = (x) => (x === null ? '—' : (x / G).toFixed(2)).padStart(9);
  console.log(`${'memory case'.padEnd(52)} ${'compare'.padEnd(12)} ${'pub. GiB'.padStart(9)} ${'pred. GiB'.padStart(9)} ${'error%'.padStart(8)}  production`);
  for (const r of s.rows) {
    console.log(`${r.id.padEnd(52)} ${r.compare.padEnd(12)} ${gib(r.measuredBytes)} ${gib(r.predictedBytes)} ${(r.errorPercent === null ? (r.problem ? 'n/a' : '') : r.errorPercent.toFixed(1)).padStart(8)}  ${r.fits === null ? r.problem : r.compare === 'fits' ? (r.fits ? 'fits' : 'DOES NOT FIT') : r.compare === 'does-not-fit' ? (r.fits ? 'FITS (source: does not)' : 'does not fit') : ''}`);
  }
  console.log(`\nmemory cases ${s.rows.length}  MAPE ${s.mape.toFixed(2)}%  production layouts not fitting: ${s.notFitting.length ? s.notFitting.join(', ') : 'none'}  wrong side of does-not-fit: ${s.fittingButShouldNot.length ? s.fittingButShouldNot.join(', ') : 'none'}`);
}
