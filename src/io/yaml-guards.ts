import { isMap, isScalar, Lexer, visit, type Document, type Node } from 'yaml';
import { InputError } from '../schema/index.js';

/** Deeper nesting than this is never a real config, and it makes the YAML parser recurse deeply. */
export const MAX_FLOW_DEPTH = 64;
export const MAX_INDENT = 256;
/** Lexical tokens (including whitespace); a model file has a few hundred. */
export const MAX_TOKENS = 50_000;

/** Rejects files with more YAML tokens than any real config, before the (slower) parse. */
export function checkTokenCount(text: string, file: string, maxTokens: number = MAX_TOKENS): void {
  let count = 0;
  for (const _token of new Lexer().lex(text)) {
    if (++count > maxTokens) {
      throw new InputError('YAML_TOO_COMPLEX', `has more than ${maxTokens} YAML tokens; a model file needs a few hundred`, { location: file });
    }
  }
}

/**
 * A linear pre-scan that rejects pathologically nested text ("[[[[…", thousands of indent
 * levels) before the recursive YAML parser sees it, so such files fail fast instead of slowly.
 */
export function checkNesting(text: string, file: string): void {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let indent = 0;
  let atIndent = true;
  const fail = (i: number, what: string): never => {
    throw new InputError('YAML_TOO_DEEP', `YAML syntax error: ${what}`, { location: `${file}:${line}:${i - lineStart + 1}` });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      lineStart = i + 1;
      indent = 0;
      atIndent = true;
      continue;
    }
    if (atIndent) {
      if (c === ' ' || c === '\t' || c === '-' || c === '?' || c === ':') {
        if (++indent > MAX_INDENT) fail(i, `nested too deeply (more than ${MAX_INDENT} columns of indentation)`);
        continue;
      }
      atIndent = false;
    }
    const prev = i === lineStart ? ' ' : text[i - 1]!;
    const boundary = /[\s[{,:]/.test(prev);
    if (c === '#' && /\s/.test(prev)) {
      i = skipTo(text, i, '\n') - 1;
    } else if ((c === '"' || c === "'") && boundary) {
      const end = skipQuoted(text, i, c);
      for (let j = i + 1; j < end; j++) if (text[j] === '\n') { line++; lineStart = j + 1; }
      i = end;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_FLOW_DEPTH) fail(i, `nested too deeply (more than ${MAX_FLOW_DEPTH} levels of [ ] or { })`);
    } else if (c === ']' || c === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
}

function skipTo(text: string, from: number, ch: string): number {
  const at = text.indexOf(ch, from);
  return at < 0 ? text.length : at;
}

/** Index of the closing quote (or the end of the text). */
function skipQuoted(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === '\\') i++;
    else if (c === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return text.length;
}

/**
 * Rejects duplicate keys in any mapping in linear time (the yaml package's own check is
 * quadratic in the number of keys) and keys that could reach Object.prototype.
 */
export function checkKeys(doc: Document, at: (offset: number) => string): void {
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return;
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) {
          // `? [a, b]: x` or `{ a: 1 }: x`: JavaScript objects cannot hold such keys (yaml would stringify them, with a warning).
          const offset = (pair.key as Node | null)?.range?.[0] ?? map.range?.[0] ?? 0;
          throw new InputError('YAML_COMPLEX_KEY', 'a mapping key must be a plain name, not a list or mapping', { location: at(offset) });
        }
        const key = String(pair.key.value);
        const location = at((pair.key as Node).range?.[0] ?? 0);
        if (FORBIDDEN_KEYS.has(key)) throw new InputError('YAML_FORBIDDEN_KEY', `key "${key}" is not allowed`, { location });
        if (seen.has(key)) throw new InputError('YAML_DUPLICATE_KEY', `duplicate key "${key}" (each key may appear once per mapping)`, { location });
        seen.add(key);
      }
    },
  });
}

/** Keys that could reach Object.prototype in naive consumers; never valid in trainplan files. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
