import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

/** Imports the built package by its name (package self-reference through `exports`) in a fresh node. */
const PROBE = `
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const calls = [];
for (const k of ['readFileSync', 'readFile', 'openSync', 'open', 'readdirSync', 'readdir', 'statSync', 'stat', 'existsSync', 'createReadStream', 'writeFileSync', 'mkdirSync']) {
  const orig = fs[k];
  fs[k] = function (...args) { calls.push(k + ' ' + String(args[0])); return orig.apply(this, args); };
}
syncBuiltinESMExports();
const events = ['exit', 'beforeExit', 'uncaughtException', 'unhandledRejection', 'warning', 'SIGINT', 'SIGTERM', 'message'];
const count = () => Object.fromEntries(events.map((e) => [e, process.listenerCount(e)]));
const before = count();
const lib = await import('trainplan');
const after = count();
console.log(JSON.stringify({ calls, before, after, exitCode: process.exitCode ?? null, exports: Object.keys(lib).sort() }));
`;

describe("library entry: import … from 'trainplan'", () => {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', PROBE], { cwd: ROOT, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
  const out = r.status === 0 ? JSON.parse(r.stdout) : null;

  it('imports', () => {
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('reads no files, adds no process listeners and sets no exit code', () => {
    // CommonJS dependencies (cli-table3) are loaded through fs.readFileSync: module loading, not data reads.
    const dataReads = out.calls.filter((c: string) => !/^readFileSync .*\/node_modules\/.*\.(c?js|json)$/.test(c));
    expect(dataReads).toEqual([]);
    expect(out.after).toEqual(out.before);
    expect(out.exitCode).toBeNull();
  });

  it('exports the pure layers: schemas, catalog helpers, estimator, planner, report builders — not cli or io', () => {
    expect(out.exports).toEqual(expect.arrayContaining(['estimate', 'plan', 'runCheck', 'estimateRequest', 'modelFileSchema', 'checkDocumentSchema', 'jsonSchemas', 'cheapestOffer', 'evaluateGates', 'estimateDocument', 'renderCheckMarkdown', 'exportRun', 'renderHtmlReport']));
    expect(out.exports).not.toEqual(expect.arrayContaining(['main']));
    expect(out.exports.filter((k: string) => /^(load|read|write)[A-Z]/.test(k))).toEqual([]);
  });
});

describe("file loading for scripts: import … from 'trainplan/io'", () => {
  it('loads the built-in catalog and a model file, then estimates through the library entry', () => {
    const script = `
      import { loadBuiltinCatalog, loadModelFile } from 'trainplan/io';
      import { estimateRequest } from 'trainplan';
      const catalog = loadBuiltinCatalog();
      const { model, training } = loadModelFile('examples/llama3-8b.yaml');
      const layout = { gpus: 8, tp: 1, pp: 1, cp: 1, ep: 1, vpp: 1, microBatch: 1, zero: 1, recompute: 'selective', sequenceParallel: false, precision: 'bf16' };
      const r = estimateRequest({ model, training, catalog, accelerator: 'h100-sxm', layout, pricing: 'on-demand' });
      console.log(r.result.ok ? r.result.estimate.model.parameters : r.result.problem.reason);`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(Number(r.stdout)).toBeGreaterThan(8e9);
  });
});
