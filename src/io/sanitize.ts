/**
 * Terminal control characters in a string a user file supplies (a `name:` of "\e[31m…", a bidi
 * override) would be replayed by every table, title and Markdown report that prints it. They never
 * belong in a name, id or note, so they are replaced by U+FFFD at input; newlines and tabs stay.
 * C0 controls but \t \n, DEL, C1 controls, and the bidi embeddings/overrides/isolates.
 */
const CLASS = '[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]';
const HAS_CONTROL = new RegExp(CLASS);
const CONTROL = new RegExp(CLASS, 'g');

export const sanitizeText = (s: string): string => s.replace(CONTROL, '\uFFFD');

/** `value` with every string (keys included) sanitised; the same object when nothing needed it. */
export function sanitizeStrings<T>(value: T): T {
  if (typeof value === 'string') return (HAS_CONTROL.test(value) ? sanitizeText(value) : value) as T;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((v) => {
      const s = sanitizeStrings(v);
      if (s !== v) changed = true;
      return s;
    });
    return (changed ? out : value) as T;
  }
  if (value !== null && typeof value === 'object') {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const sk = sanitizeStrings(k);
      const sv = sanitizeStrings(v);
      if (sk !== k || sv !== v) changed = true;
      out[sk] = sv;
    }
    return (changed ? out : value) as T;
  }
  return value;
}
