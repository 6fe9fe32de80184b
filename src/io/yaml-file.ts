import { LineCounter, isMap, isPair, isScalar, type Document } from 'yaml';
import { parseGuarded } from './yaml-source.js';
import { describe } from './schema-issues.js';
import type { z } from 'zod';
import { InputError } from '../schema/index.js';

/** Parsed YAML plus what is needed to point an error at a line:column. */
export interface YamlSource {
  file: string;
  doc: Document;
  lines: LineCounter;
  data: unknown;
}

/** Catalog files may be large (an imported price list); the token cap still stops pathological files. */
export const CATALOG_MAX_TOKENS = 2_000_000;

/**
 * Parse catalog-style YAML with the same guards as model files (yaml-source.ts parseGuarded: linear
 * duplicate-key check, alias limit, no `__proto__`, no unknown tags, nesting limits). An empty file
 * is an error with `code`.
 */
export function parseYaml(text: string, file: string, code: string): YamlSource {
  const g = text.trim() === '' ? null : parseGuarded(text, file, CATALOG_MAX_TOKENS);
  if (g === null || g.data === null) throw new InputError(code, 'has no YAML content (empty, or only whitespace and comments)', { location: file });
  return { file, doc: g.doc, lines: g.lineCounter, data: g.data };
}

const at = (src: YamlSource, offset: number | undefined): string => {
  if (offset === undefined) return src.file;
  const pos = src.lines.linePos(offset);
  return `${src.file}:${pos.line}:${pos.col}`;
};

/** "file:line:col" of the deepest node that exists along `path` (the parent when the field is missing). */
export function locate(src: YamlSource, path: readonly PropertyKey[]): string {
  let node: unknown = src.doc.contents;
  let offset = (node as { range?: [number] } | null)?.range?.[0];
  for (const key of path) {
    if (!node || typeof node !== 'object' || !('get' in node)) break;
    const next = (node as { get: (k: unknown, keep: boolean) => unknown }).get(key, true);
    if (next === undefined) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
        offset = pair && isScalar(pair.key) ? pair.key.range?.[0] : offset;
      }
      break;
    }
    node = next;
    const r = (node as { range?: [number] }).range;
    if (r) offset = r[0];
  }
  return at(src, offset);
}

/** Validate with zod; the first issue becomes an InputError naming file:line:col, the row and the field. */
export function validate<S extends z.ZodType>(src: YamlSource, schema: S, code: string, rowLabel: (path: readonly PropertyKey[]) => string): z.output<S> {
  const result = schema.safeParse(src.data, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const row = rowLabel(issue.path);
  const fieldPath = row ? issue.path.slice(2) : issue.path;
  const field = fieldPath.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  const input = (issue as { input?: unknown }).input;
  const custom = issue.code === 'custom' || (issue.code !== 'invalid_type' && !issue.message.startsWith('Invalid') && !/^Too (big|small)/.test(issue.message));
  const missing = input === undefined && ['invalid_type', 'invalid_union', 'invalid_value'].includes(issue.code);
  const message = missing ? 'missing required field' : custom ? issue.message : describe(issue as never).detail;
  const where = row ? `${row} ${field || 'row'}` : field || '(document)';
  throw new InputError(code, `${where}: ${message}`, { location: locate(src, issue.path) });
}
