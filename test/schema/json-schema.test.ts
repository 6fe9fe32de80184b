import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemas, serializeJsonSchema } from '../../src/schema/index.js';

const dir = join(import.meta.dirname, '..', '..', 'schemas');

describe('published JSON Schemas (schemas/*.schema.json)', () => {
  const generated = jsonSchemas();

  it('are exactly the contract files', () => {
    expect(Object.keys(generated).sort()).toEqual(['catalog-diff.schema.json', 'catalog.schema.json', 'check.schema.json', 'estimate.schema.json', 'model.schema.json', 'plan.schema.json', 'portfolio.schema.json', 'schedule.schema.json']);
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
    for (const f of ['estimate.schema.json', 'plan.schema.json', 'check.schema.json', 'schedule.schema.json'] as const) {
      expect(JSON.stringify(generated[f])).not.toContain('"additionalProperties":false');
      expect(generated[f].required).toEqual(expect.arrayContaining(['schemaVersion', 'tool']));
    }
  });

  it('model file counts accept numbers and suffixed strings ("15T")', () => {
    const training = (generated['model.schema.json'].properties as Record<string, { properties: Record<string, unknown> }>).training!;
    expect(training.properties.tokens).toEqual({ type: ['number', 'string'] });
  });
});
