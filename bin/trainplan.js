#!/usr/bin/env node
// The bundled CLI (scripts/bundle-cli.js, part of `npm run build`): a few files instead of ~300 modules.
import { main } from '../dist/bundle/main.js';
process.exitCode = await main(process.argv.slice(2));
