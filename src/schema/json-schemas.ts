import { z } from 'zod';
import { modelFileSchema } from './model.js';
import { userCatalogFileSchema } from './catalog.js';
import { estimateDocumentSchema } from './document.js';
import { planDocumentSchema } from './plan-document.js';
import { checkDocumentSchema } from './check-document.js';
import { catalogDiffDocumentSchema } from './catalog-diff-document.js';
import { scheduleDocumentSchema } from './schedule-document.js';
import { portfolioFileSchema } from './portfolio.js';
import { errorDocumentSchema } from './document.js';
import { budgetDocumentSchema, catalogAcceleratorsDocumentSchema, catalogOffersDocumentSchema, catalogShowDocumentSchema, fleetDocumentSchema, presetsDocumentSchema } from './more-documents.js';

/**
 * Input files (model, catalog) are closed: an unknown key is an error, as the loaders say.
 * Output documents are open: fields may be added without a schemaVersion bump, so a consumer
 * validating with the shipped schema must accept keys it does not know yet.
 */
const SOURCES = [
  { file: 'model.schema.json', schema: modelFileSchema, io: 'input', title: 'trainplan model file (model.yaml)' },
  { file: 'catalog.schema.json', schema: userCatalogFileSchema, io: 'input', title: 'trainplan user catalog file (--catalog, TRAINPLAN_CATALOG)' },
  { file: 'estimate.schema.json', schema: estimateDocumentSchema, io: 'output', title: 'trainplan estimate --json' },
  { file: 'plan.schema.json', schema: planDocumentSchema, io: 'output', title: 'trainplan plan --json' },
  { file: 'check.schema.json', schema: checkDocumentSchema, io: 'output', title: 'trainplan check --json' },
  { file: 'catalog-diff.schema.json', schema: catalogDiffDocumentSchema, io: 'output', title: 'trainplan catalog diff --json' },
  { file: 'portfolio.schema.json', schema: portfolioFileSchema, io: 'input', title: 'trainplan portfolio file (trainplan schedule)' },
  { file: 'schedule.schema.json', schema: scheduleDocumentSchema, io: 'output', title: 'trainplan schedule --json' },
  { file: 'presets.schema.json', schema: presetsDocumentSchema, io: 'output', title: 'trainplan presets --json' },
  { file: 'fleet.schema.json', schema: fleetDocumentSchema, io: 'output', title: 'trainplan fleet --json' },
  { file: 'budget.schema.json', schema: budgetDocumentSchema, io: 'output', title: 'trainplan budget --json' },
  { file: 'catalog-accelerators.schema.json', schema: catalogAcceleratorsDocumentSchema, io: 'output', title: 'trainplan catalog accelerators --json' },
  { file: 'catalog-offers.schema.json', schema: catalogOffersDocumentSchema, io: 'output', title: 'trainplan catalog offers --json' },
  { file: 'catalog-show.schema.json', schema: catalogShowDocumentSchema, io: 'output', title: 'trainplan catalog show <id> --json' },
  { file: 'error.schema.json', schema: errorDocumentSchema, io: 'output', title: 'trainplan: the error document any command prints on stdout in JSON mode when it fails' },
] as const;

export type JsonSchemaFile = (typeof SOURCES)[number]['file'];

/** Every published JSON Schema, by file name under `schemas/`, generated from the zod schemas. */
export function jsonSchemas(): Record<JsonSchemaFile, Record<string, unknown>> {
  const out = {} as Record<JsonSchemaFile, Record<string, unknown>>;
  for (const s of SOURCES) {
    const body = z.toJSONSchema(s.schema, {
      io: s.io,
      unrepresentable: 'any',
      override: (ctx) => {
        if (s.io === 'output' && ctx.jsonSchema.additionalProperties === false) delete ctx.jsonSchema.additionalProperties;
      },
    }) as Record<string, unknown>;
    const { $schema, ...rest } = body;
    out[s.file] = { $schema, title: s.title, ...rest };
  }
  return out;
}

/** The exact bytes of a committed schema file. */
export const serializeJsonSchema = (schema: Record<string, unknown>): string => JSON.stringify(schema, null, 2) + '\n';
