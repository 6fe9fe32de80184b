#!/usr/bin/env node
// Part of `npm run build`, after tsc: bundles the CLI (dist/cli/main.js and the search worker) into
// dist/bundle/, one chunk per lazily imported command, which bin/trainplan.js runs. Start-up is then a
// handful of files instead of ~300 modules (each a stat, an open and a compile), and a command loads only
// the code it reaches: our modules are marked side-effect free, so re-exports through a layer's index.ts
// that a command does not use are left out (a zod document schema it never parses, the report code of
// other commands). dist/<layer>/ stays the library build (package.json "exports").
// dist/bundle/ sits one level under dist/ like dist/io/, so import.meta.url-relative paths
// (hardware-catalog/, dist/builtin-catalog.json, ./plan-worker.js) resolve the same from both.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const out = `${dist}bundle`;
rmSync(out, { recursive: true, force: true });

const bundle = await rolldown({
  input: { main: `${dist}cli/main.js`, 'plan-worker': `${dist}cli/plan-worker.js` },
  platform: 'node',
  // Loaded at run time from node_modules by the commands that use them (report's charts, schedule's MILP).
  external: [/^node:/, 'highs', 'vega', 'vega-lite'],
  // Our modules do nothing when imported but define things (checked by test/cli/bundle.test.ts running
  // every command through the bundle); packages keep their own package.json "sideEffects".
  treeshake: { moduleSideEffects: (id, external) => (external || !id.startsWith(dist) ? undefined : false) },
  logLevel: 'warn',
});
const { output } = await bundle.write({ dir: out, format: 'esm', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' });
await bundle.close();
console.error(`bundled CLI: ${output.length} files in dist/bundle/`);
