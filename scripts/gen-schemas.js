#!/usr/bin/env node
// Writes schemas/*.schema.json from the zod schemas (run after `npm run build`).
// test/schema/json-schema.test.ts fails when the committed files differ from what this writes.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchemas, serializeJsonSchema } from '../dist/schema/index.js';

const dir = fileURLToPath(new URL('../schemas/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const [file, schema] of Object.entries(jsonSchemas())) {
  const target = join(dir, file);
  writeFileSync(`${target}.tmp`, serializeJsonSchema(schema));
  renameSync(`${target}.tmp`, target);
  process.stdout.write(`wrote schemas/${file}\n`);
}
