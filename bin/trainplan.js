#!/usr/bin/env node
import { statSync } from 'node:fs';

// The bundled CLI (scripts/bundle-cli.js, the last step of `npm run build`): a few files instead of ~300 modules.
// A `tsc` run on its own after that leaves the bundle behind, so the newer dist/cli/ build runs instead.
const bundle = new URL('../dist/bundle/main.js', import.meta.url);
const unbundled = new URL('../dist/cli/main.js', import.meta.url);
const mtime = (url) => {
  try {
    return statSync(url).mtimeMs;
  } catch {
    return -Infinity;
  }
};
const { main } = await import(mtime(bundle) >= mtime(unbundled) ? bundle.href : unbundled.href);
process.exitCode = await main(process.argv.slice(2));
