import { estimateDocumentSchema, InputError, planDocumentSchema, SCHEMA_VERSION, type EstimateDocument, type PlanDocument } from '../schema/index.js';
import { readInputFile } from './input-file.js';

export type RunDocument = { command: 'plan'; doc: PlanDocument } | { command: 'estimate'; doc: EstimateDocument };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const fail = (file: string, code: string, message: string, suggestion?: string): never => {
  throw new InputError(code, message, { location: file, ...(suggestion ? { suggestion } : {}) });
};

/**
 * Parses a saved `plan --json` or `estimate --json` document (the commands in `accept`), else one
 * InputError naming the file and, for a schema mismatch, the field.
 */
export function parseRunDocument(text: string, file: string, accept: ReadonlyArray<'plan' | 'estimate'>): RunDocument {
  const want = accept.map((c) => `trainplan ${c} --json`).join(' or ');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return fail(file, 'DOCUMENT_INVALID', `not valid JSON (${(err as Error).message}); expected the output of ${want}`);
  }
  if (!isObject(data) || !isObject(data.tool) || data.tool.name !== 'trainplan') return fail(file, 'DOCUMENT_NOT_TRAINPLAN', `not a trainplan JSON document; expected the output of ${want}`);
  if (data.schemaVersion !== SCHEMA_VERSION) return fail(file, 'DOCUMENT_SCHEMA_VERSION', `has schemaVersion ${JSON.stringify(data.schemaVersion)}; this trainplan reads schemaVersion ${SCHEMA_VERSION}`, 'regenerate it with this trainplan');
  if (isObject(data.error)) return fail(file, 'DOCUMENT_INVALID', `is an error document (the run that wrote it failed: ${String(data.error.message)})`);
  const command = data.command;
  if (command !== 'plan' && command !== 'estimate') return fail(file, 'DOCUMENT_INVALID', `is a ${JSON.stringify(command ?? null)} document; expected the output of ${want}`);
  if (!accept.includes(command)) return fail(file, 'DOCUMENT_INVALID', `is ${command === 'estimate' ? 'an' : 'a'} ${command} document; expected the output of ${want}`);
  const parsed = (command === 'plan' ? planDocumentSchema : estimateDocumentSchema).safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    return fail(file, 'DOCUMENT_INVALID', `does not match the ${command} document schema: ${field || '(document)'}: ${issue.message}`);
  }
  return command === 'plan' ? { command, doc: parsed.data as PlanDocument } : { command, doc: parsed.data as EstimateDocument };
}

/** Reads and parses a saved plan / estimate document (the input layer's JSON-document kind and cap). */
export function readRunDocument(file: string, accept: ReadonlyArray<'plan' | 'estimate'>): RunDocument {
  return parseRunDocument(readInputFile(file, 'baseline'), file, accept);
}
