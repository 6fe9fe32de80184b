import { isMap, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import { InputError } from '../schema/index.js';
import { checkKeys, checkNesting, checkTokenCount, MAX_TOKENS } from './yaml-guards.js';
import { sanitizeStrings } from './sanitize.js';

/** Enough for legitimate anchors/aliases; the "billion laughs" pattern needs far more. */
export const MAX_ALIAS_COUNT = 100;

/** A parsed YAML file that can map a field path back to "file:line:col". */
export interface ParsedYaml {
  file: string;
  data: unknown;
  /** "file:line:col" of the value at `path` (or of its closest existing ancestor's key). */
  locate(path: readonly (string | number)[], key?: string): string;
}

function stripPosition(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').replace(/:$/, '');
}

/** Explicit tags that only restate a plain YAML type; any other tag (!foo, !!binary, !!set, !!timestamp) is refused. */
const ALLOWED_TAGS = new Set(['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`));

/** A YAML document parsed with every guard, plus an offset → "file:line:col" mapper. */
export interface GuardedYaml {
  doc: Document;
  lineCounter: LineCounter;
  at: (offset: number) => string;
  data: unknown;
}

/**
 * The guarded YAML parse shared by every YAML input (model, catalog, portfolio): linear nesting and
 * token pre-scans, linear duplicate/forbidden-key check, refused unknown tags, alias limit; every
 * failure one InputError naming file:line:col. `null` data means the file has no content.
 */
export function parseGuarded(text: string, file: string, maxTokens: number = MAX_TOKENS): GuardedYaml {
  checkNesting(text, file);
  checkTokenCount(text, file, maxTokens);
  const lineCounter = new LineCounter();
  // Both built-in checks are quadratic on hostile input: checkKeys finds duplicate keys in
  // linear time, and only the first error is positioned (prettyErrors would do all of them).
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false, prettyErrors: false, version: '1.2' });
  const at = (offset: number): string => {
    const { line, col } = lineCounter.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  const first = doc.errors[0];
  if (first) {
    const location = at(first.pos[0]);
    const detail = /call stack/i.test(first.message) ? 'nested too deeply' : stripPosition(first.message);
    throw new InputError('YAML_SYNTAX', `YAML syntax error: ${detail}`, { location });
  }
  const badTag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (badTag) throw new InputError('YAML_UNKNOWN_TAG', `unknown YAML tag (${stripPosition(badTag.message).replace(/^Unresolved tag: /, '')}); trainplan files use plain values`, { location: at(badTag.pos[0]) });
  visit(doc, {
    Node(_, node) {
      const tag = (node as { tag?: string }).tag;
      if (tag !== undefined && !ALLOWED_TAGS.has(tag)) {
        const shown = tag.replace(/^tag:yaml\.org,2002:/, '!!');
        throw new InputError('YAML_UNKNOWN_TAG', `YAML tag ${shown} is not allowed; trainplan files use plain values`, { location: at((node as Node).range?.[0] ?? 0) });
      }
    },
  });
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) return { doc, lineCounter, at, data: null };
  checkKeys(doc, at);
  let data: unknown;
  try {
    data = sanitizeStrings(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const unresolved = /Unresolved alias[^:]*: (.+)$/.exec(message);
    if (unresolved) throw new InputError('YAML_UNDEFINED_ALIAS', `alias *${unresolved[1]} refers to no anchor (an anchor &${unresolved[1]} must come before it)`, { location: file });
    if (err instanceof ReferenceError) {
      throw new InputError('YAML_ALIAS_LIMIT', `too many alias expansions (over ${MAX_ALIAS_COUNT}): anchors/aliases are limited to guard against "billion laughs" files`, { location: file });
    }
    if (/call stack/i.test(message)) throw new InputError('YAML_TOO_DEEP', 'YAML syntax error: nested too deeply', { location: file });
    throw new InputError('YAML_SYNTAX', `YAML could not be read: ${message}`, { location: file });
  }
  return { doc, lineCounter, at, data };
}

/** Parses one model YAML document strictly (unique keys, alias limit, no prototype keys, no unknown tags). */
export function parseYamlSource(text: string, file: string): ParsedYaml {
  const { doc, at, data } = text.trim() === '' ? { doc: null, at: () => file, data: null } : parseGuarded(text, file);
  if (data === null || doc === null) {
    const what = text.trim() === '' ? (text === '' ? 'is empty' : 'contains only whitespace (no YAML content)') : 'is empty apart from comments';
    throw new InputError('FILE_EMPTY', `${what}, expected a YAML mapping with model: and training: sections`, { location: file });
  }
  return { file, data, locate: (path, key) => at(offsetOf(doc, path, key)) };
}

/** Character offset of the node at `path`; falls back to the deepest key that exists. */
function offsetOf(doc: Document, path: readonly (string | number)[], key?: string): number {
  let node: unknown = doc.contents;
  let fallback = (doc.contents as Node | null)?.range?.[0] ?? 0;
  const full = key === undefined ? path : [...path, key];
  for (let i = 0; i < full.length; i++) {
    const seg = full[i]!;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return fallback;
      const keyOffset = (pair.key as Node).range?.[0] ?? fallback;
      // For an unknown key, point at the key itself rather than its value.
      if (key !== undefined && i === full.length - 1) return keyOffset;
      fallback = keyOffset;
      node = pair.value;
      const valueOffset = (pair.value as Node | null)?.range?.[0];
      if (i === full.length - 1) return valueOffset ?? keyOffset;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item?.range) return fallback;
      fallback = item.range[0];
      node = item;
      if (i === full.length - 1) return fallback;
    } else {
      return fallback;
    }
  }
  return fallback;
}
