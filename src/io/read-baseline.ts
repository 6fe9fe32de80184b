import { readInputFile } from './input-file.js';
import { sanitizeStrings } from './sanitize.js';
import { LineCounter, parseDocument } from 'yaml';
import { describe } from './schema-issues.js';
import { locate } from './yaml-file.js';
import { baselineDocumentSchema, InputError, SCHEMA_VERSION, type BaselineDocument } from '../schema/index.js';

const CODE = 'BASELINE_INVALID';
const REGENERATE = 'regenerate it with this trainplan: trainplan plan <model.yaml> --json > baseline.json';

const fail = (file: string, message: string, code = CODE, suggestion?: string): never => {
  throw new InputError(code, message, { location: file, ...(suggestion ? { suggestion } : {}) });
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** trainplan documents nest about 8 levels; JSON.parse recurses, so thousands of levels overflow its stack. */
const MAX_JSON_DEPTH = 64;

/** Depth of [ and { outside strings, scanned linearly (true when it passes MAX_JSON_DEPTH). */
function tooDeep(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** "file:line:col" of a field of a JSON document (JSON is YAML 1.2, so the YAML locator works); only for errors. */
function jsonLocation(text: string, file: string, path: readonly PropertyKey[]): string {
  if (text.length > 5 * 1024 * 1024) return file;
  try {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, version: '1.2' });
    return locate({ file, doc, lines, data: null }, path);
  } catch {
    return file;
  }
}

/** Parses a `--baseline` document: a trainplan plan or check document of this schemaVersion, else an InputError. */
export function parseBaseline(text: string, file: string): BaselineDocument {
  if (text.trim() === '') fail(file, 'the baseline is empty');
  if (tooDeep(text)) fail(file, `the baseline is nested more than ${MAX_JSON_DEPTH} levels deep; it is not a trainplan document`);
  let data: unknown;
  try {
    data = sanitizeStrings(JSON.parse(text));
  } catch (err) {
    const msg = (err as Error).message.split('\n')[0]!.replace(/\s+/g, ' ').trim();
    const t = text.trim();
    const at = Number(/position (\d+)/.exec(msg)?.[1] ?? NaN);
    const truncated = /end of (JSON )?input|Unterminated/i.test(msg) || at >= t.length || (t.startsWith('{') && !t.endsWith('}'));
    fail(file, truncated ? 'the baseline is truncated JSON (the file ends mid-document)' : `the baseline is not valid JSON (${msg})`, CODE, truncated ? REGENERATE : undefined);
  }
  const tool = isObject(data) && isObject(data.tool) ? data.tool : undefined;
  if (!isObject(data) || tool?.name !== 'trainplan') {
    fail(file, 'the baseline is not a trainplan JSON document (expected the output of `trainplan plan --json` or `trainplan check --json`)', 'BASELINE_NOT_TRAINPLAN');
  }
  const doc = data as Record<string, unknown>;
  if (doc.schemaVersion !== SCHEMA_VERSION) {
    const by = typeof tool?.version === 'string' ? ` (written by trainplan ${tool.version})` : '';
    fail(file, `the baseline has schemaVersion ${JSON.stringify(doc.schemaVersion)}${by}; this trainplan reads schemaVersion ${SCHEMA_VERSION}`, 'BASELINE_SCHEMA_VERSION', REGENERATE);
  }
  if (isObject(doc.error)) fail(file, `the baseline is an error document (the run that wrote it failed: ${String(doc.error.message)})`, CODE, REGENERATE);
  if (doc.command !== 'plan' && doc.command !== 'check') {
    fail(file, `the baseline is a ${JSON.stringify(doc.command ?? null)} document; --baseline needs the output of plan --json or check --json`);
  }
  const parsed = baselineDocumentSchema.safeParse(doc, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
    const input = (issue as { input?: unknown }).input;
    const message = input === undefined ? 'missing' : describe(issue as never).detail;
    fail(jsonLocation(text, file, issue.path), `the baseline does not match the ${String(doc.command)} document schema: ${field || '(document)'}: ${message}`, CODE, REGENERATE);
  }
  return parsed.data!;
}

/** Reads and parses a `--baseline` file (a regular file of at most 50 MiB, UTF-8; input-file.ts). */
export function readBaseline(file: string): BaselineDocument {
  return parseBaseline(readInputFile(file, 'baseline'), file);
}
