import type { AcceleratorSpec, Offer } from '../schema/index.js';
import { sha256Hex } from './sha256.js';

/** JSON with object keys sorted at every level, so equal data always gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** "sha256:<hex>" over accelerators (by id) and offers (by key); input order does not matter. */
export function catalogDigest(accelerators: readonly AcceleratorSpec[], offers: readonly Offer[], snapshotDate: string): string {
  const accs = [...accelerators].sort((a, b) => cmp(a.id, b.id));
  const offs = [...offers].sort((a, b) => cmp(`${a.provider}/${a.instance}`, `${b.provider}/${b.instance}`));
  return `sha256:${sha256Hex(canonicalJson({ accelerators: accs, offers: offs, snapshotDate }))}`;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
