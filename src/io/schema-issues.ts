import type { z } from 'zod';
import { didYouMean, formatFieldPath, InputError } from '../schema/index.js';
import type { ParsedYaml } from './yaml-source.js';

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;
type Path = (string | number)[];

function toPath(path: readonly PropertyKey[]): Path {
  return path.map((p) => (typeof p === 'number' ? p : String(p)));
}

/** Number as a user would write it: 1e30 rather than 1e+30, plain digits below a billion. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1e9 || (n !== 0 && Math.abs(n) < 1e-4)) return n.toExponential().replace('e+', 'e');
  return String(n);
}

function show(value: unknown): string {
  if (typeof value === 'number') return formatNumber(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

/** The leaf schema at `path` (through optional/nullable/default/pipe/array/union wrappers). */
function leafAt(schema: AnySchema, path: Path): AnySchema | undefined {
  let node: AnySchema | undefined = schema;
  let i = 0;
  for (let guard = 0; node && guard < 64; guard++) {
    const def = node._zod.def as unknown as Record<string, unknown> & { type: string };
    if (i === path.length && def.type === 'number') return node;
    if (def.type === 'object') node = (def.shape as Record<string, AnySchema>)[String(path[i++])];
    else if (def.type === 'array') (i++, (node = def.element as AnySchema));
    else if (def.type === 'pipe') node = (i === path.length ? def.out : def.in) as AnySchema;
    else if (def.type === 'union') node = (def.options as AnySchema[]).find((o) => (o._zod.def as { type: string }).type === 'number') ?? (def.options as AnySchema[])[0];
    else if (def.innerType) node = def.innerType as AnySchema;
    else return i === path.length ? node : undefined;
  }
  return undefined;
}

/**
 * zod checks `int()` before `max()`, so 1e16 for a field capped at 10,000 reports the safe-integer limit
 * (9.007e15); report the field's own maximum instead.
 */
function ownMaximum(issue: Issue, schema: AnySchema): Issue {
  if (issue.code !== 'too_big' || Number(issue.maximum) < Number.MAX_SAFE_INTEGER) return issue;
  const leaf = leafAt(schema, toPath(issue.path)) as { maxValue?: number | null } | undefined;
  const max = leaf?.maxValue;
  return typeof max === 'number' && max < Number.MAX_SAFE_INTEGER ? ({ ...issue, maximum: max } as Issue) : issue;
}

/** Unwraps optional/nullable/default/pipe/array wrappers to reach the object shape at `path`. */
function shapeAt(schema: AnySchema, path: Path): Record<string, unknown> | undefined {
  let node: AnySchema | undefined = schema;
  let i = 0;
  for (let guard = 0; node && guard < 64; guard++) {
    const def = node._zod.def as unknown as Record<string, unknown> & { type: string };
    if (def.type === 'object') {
      const shape = def.shape as Record<string, AnySchema>;
      if (i === path.length) return shape;
      node = shape[String(path[i++])];
    } else if (def.type === 'array') {
      if (i === path.length) return undefined;
      i++;
      node = def.element as AnySchema;
    } else if (def.type === 'pipe') {
      node = def.in as AnySchema;
    } else if (def.innerType) {
      node = def.innerType as AnySchema;
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** A zod issue in the user's terms: "expected a whole number, got 1.5", "must be positive, got -4". */
export function describe(issue: Issue): { detail: string; suggestion?: string } {
  const input = (issue as { input?: unknown }).input;
  // A missing field is "required", never "expected …, got undefined".
  if (input === undefined && (issue.code === 'invalid_union' || issue.code === 'invalid_value')) return { detail: 'required' };
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return { detail: 'required' };
      if (issue.expected === 'int') return { detail: `expected a whole number, got ${show(input)}` };
      if (typeof input === 'number' && Number.isNaN(input)) return { detail: 'expected a number, got .nan (not a number)' };
      return { detail: `expected ${article(issue.expected)}, got ${show(input)}` };
    case 'too_big':
      return { detail: `${show(input)} is too large (at most ${formatNumber(Number(issue.maximum))})` };
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'array' || issue.origin === 'string') return { detail: `must not be empty` };
      if (min === 0 && !issue.inclusive) return { detail: `must be positive, got ${show(input)}` };
      return { detail: `${show(input)} is too small (at least ${formatNumber(min)})` };
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      const close = typeof input === 'string' ? didYouMean(input, values) : undefined;
      return { detail: `expected one of ${values.join(' | ')}, got ${show(input)}`, suggestion: close ? `did you mean ${close}?` : undefined };
    }
    case 'invalid_union': {
      const branches = issue.errors.flat();
      const choice = branches.find((b) => b.code === 'invalid_value');
      if (choice) return describe({ ...choice, input } as Issue);
      if (typeof input === 'number' && !Number.isFinite(input)) return { detail: `expected a finite number, got ${show(input)}` };
      if (branches.some((b) => b.code === 'invalid_type' && b.expected === 'number')) {
        return { detail: `expected a number such as 300B or 1.5e12, got ${show(input)}` };
      }
      return { detail: `unexpected value ${show(input)}` };
    }
    default:
      return { detail: issue.message };
  }
}

function article(expected: string): string {
  if (expected === 'object') return 'a mapping';
  if (expected === 'array') return 'a list';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/**
 * "one value or a list of values" unions: when a list was given, report the bad element
 * (constraints.pricing[0]: … got "spt") rather than the list ("got a list").
 */
function elementIssue(issue: Issue): Issue {
  const input = (issue as { input?: unknown }).input;
  if (issue.code !== 'invalid_union' || !Array.isArray(input)) return issue;
  const inner = issue.errors.flat().find((b) => b.path.length > 0 && typeof b.path[0] === 'number');
  if (!inner) return issue;
  const index = inner.path[0] as number;
  return { ...inner, path: [...issue.path, ...inner.path], input: input[index] } as Issue;
}

/** One InputError for the most useful zod issue: unknown keys first (a typo explains the rest), then schema order. */
export function issueToError(issues: readonly Issue[], schema: AnySchema, source: ParsedYaml): InputError {
  const unknown = issues.find((i) => i.code === 'unrecognized_keys');
  if (unknown && unknown.code === 'unrecognized_keys') {
    const path = toPath(unknown.path);
    const key = unknown.keys[0]!;
    const known = Object.keys(shapeAt(schema, path) ?? {});
    const close = didYouMean(key, known);
    return new InputError('SCHEMA_UNKNOWN_KEY', `${formatFieldPath([...path, key])}: unknown key`, {
      location: source.locate(path, key),
      suggestion: close ? `did you mean ${close}?` : known.length ? `expected one of ${known.join(', ')}` : undefined,
    });
  }
  const issue = ownMaximum(elementIssue(issues[0]!), schema);
  const path = toPath(issue.path);
  const { detail, suggestion } = describe(issue);
  return new InputError('SCHEMA_INVALID', `${formatFieldPath(path)}: ${detail}`, { location: source.locate(path), suggestion });
}
