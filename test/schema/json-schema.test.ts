import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemas, serializeJsonSchema } from '../../src/schema/index.js';

const dir = join(import.meta.dirname, '..', '..', 'schemas');

describe('published JSON Schemas (schemas/*.schema.json)', () => {
  const generated = jsonSchemas();

  it('are exactly the contract files', () => {
    // Contract, second wave: plan, estimate, check, presets, fleet, budget, schedule, catalog-*, error (+ the input files: model, catalog, portfolio).
    const names = ['budget', 'catalog', 'catalog-accelerators', 'catalog-diff', 'catalog-offers', 'catalog-show', 'check', 'error', 'estimate', 'fleet', 'model', 'plan', 'portfolio', 'presets', 'schedule'];
    expect(Object.keys(generated).sort()).toEqual(names.map((n) => `${n}.schema.json`).sort());
    expect(readdirSync(dir).sort()).toEqual(Object.keys(generated).sort());
  });

  it.each(Object.keys(generated))('%s matches what the zod schema generates now (run `npm run schemas` after changing src/schema)', (file) => {
    const committed = readFileSync(join(dir, file), 'utf8');
    expect(committed).toBe(serializeJsonSchema(generated[file as keyof typeof generated]));
  });

  it('input files are closed (unknown keys are errors), output documents are open to new fields', () => {
    expect(generated['model.schema.json'].additionalProperties).toBe(false);
    expect(generated['catalog.schema.json'].additionalProperties).toBe(false);
    expect(generated['portfolio.schema.json'].additionalProperties).toBe(false);
    for (const f of Object.keys(generated).filter((k) => k !== 'model.schema.json' && k !== 'catalog.schema.json' && k !== 'portfolio.schema.json') as (keyof typeof generated)[]) {
      expect(JSON.stringify(generated[f])).not.toContain('"additionalProperties":false');
      expect(generated[f].required).toEqual(expect.arrayContaining(['schemaVersion', 'tool']));
    }
  });

  it('model file counts accept numbers and suffixed strings ("15T")', () => {
    const training = (generated['model.schema.json'].properties as Record<string, { properties: Record<string, unknown> }>).training!;
    expect(training.properties.tokens).toEqual({ type: ['number', 'string'] });
  });
});
