import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';

/** mulberry32: a tiny seeded PRNG, so every fuzz run (and every failure) is reproducible from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, n: number) => Math.floor(r() * n);

/** Values that have broken parsers and estimators before: extremes, wrong types, YAML specials. */
const HOSTILE_SCALARS = [
  '0', '-1', '1e300', '-1e300', '1e-300', '1e-308', '5e-324', '.inf', '-.inf', '.nan', 'NaN', 'Infinity', '0x10', '0o17', '1e1',
  '9007199254740993', '1.5', '0.5', '""', "''", '~', 'null', 'true', 'yes', 'abc', '[]', '{}', '[1, 2]', '{ a: 1 }', '15T', '2.5B', '1_000',
  '!!binary aGk=', '!foo 1', '*nope', '&a 1', '"\\e[31mred"', '"\\u202e"', '"2026-13-45"', '"2026-02-30"', '"9999-99-99"', 'h100-sxm', '__proto__',
];
const INSERTS = ['\0', '\xff', '\ufeff', '\r', '\t', '\u2028', '"', "'", ':', '- ', '? ', '&x ', '*x ', '!!str ', '{', '[', ']', '}', '#', '|', '>', '%YAML 1.1\n---\n', '---\n', '...\n'];

/** One random text-level mutation of a YAML or JSON file. */
export function mutateText(text: string, r: Rand): string {
  const lines = text.split('\n');
  const i = int(r, lines.length);
  switch (int(r, 12)) {
    case 0: // delete a line
      return lines.filter((_, j) => j !== i).join('\n');
    case 1: // duplicate a line (duplicate keys)
      return [...lines.slice(0, i + 1), lines[i]!, ...lines.slice(i + 1)].join('\n');
    case 2: { // swap two lines
      const j = int(r, lines.length);
      const out = [...lines];
      [out[i], out[j]] = [out[j]!, out[i]!];
      return out.join('\n');
    }
    case 3: { // insert a hostile character sequence at a random offset
      const at = int(r, text.length + 1);
      return text.slice(0, at) + pick(r, INSERTS) + text.slice(at);
    }
    case 4: // truncate
      return text.slice(0, int(r, text.length));
    case 5: // replace a value after "key:" with a hostile scalar
    case 6: {
      const candidates = lines.map((l, j) => [l, j] as const).filter(([l]) => /:\s*\S/.test(l) && !/^\s*#/.test(l));
      if (!candidates.length) return text;
      const [line, j] = pick(r, candidates);
      const out = [...lines];
      out[j] = line.replace(/:\s*\S.*$/, `: ${pick(r, HOSTILE_SCALARS)}`);
      return out.join('\n');
    }
    case 7: // re-indent a line
      return lines.map((l, j) => (j === i ? ' '.repeat(int(r, 7)) + l.trimStart() : l)).join('\n');
    case 8: // CRLF line endings
      return text.replace(/\n/g, '\r\n');
    case 9: // deep nesting
      return `${text}\n${'x'.repeat(int(r, 3) + 1)}: ${'['.repeat(20 + int(r, 200))}`;
    case 10: // a forbidden key
      return lines.map((l, j) => (j === i ? `${l.match(/^\s*/)?.[0] ?? ''}${pick(r, ['__proto__', 'constructor', 'prototype'])}: 1\n${l}` : l)).join('\n');
    default: // a long run of one character
      return text + pick(r, ['a', ' ', '-', '[', '&a ']).repeat(1 + int(r, 5000));
  }
}

function hostileValue(r: Rand): unknown {
  return pick(r, [0, -1, 1e300, -1e300, 1e-300, 5e-324, 1.5, 0.5, 2 ** 53 + 2, '', 'abc', '15T', null, true, [], {}, [1, 2], { a: 1 }, '2026-13-45', '\u001b[31m']);
}

/** One random structure-level mutation: a node deleted, retyped or set to an extreme, then re-serialised. */
export function mutateTree(text: string, r: Rand): string {
  const doc = parseDocument(text);
  const nodes: { parent: Node; key: unknown }[] = [];
  const walk = (n: unknown): void => {
    if (isMap(n)) for (const p of n.items) { nodes.push({ parent: n, key: p.key }); walk(p.value); }
    else if (isSeq(n)) n.items.forEach((item, i) => { nodes.push({ parent: n, key: i }); walk(item); });
  };
  walk(doc.contents);
  if (!nodes.length) return text;
  const { parent, key } = pick(r, nodes);
  const k = isScalar(key) ? key.value : key;
  const container = parent as unknown as { delete(k: unknown): void; set(k: unknown, v: unknown): void };
  if (r() < 0.3) container.delete(k);
  else container.set(k, doc.createNode(hostileValue(r)));
  return doc.toString();
}

/** Random mutation of either kind; sometimes several in a row. */
export function mutate(text: string, r: Rand): string {
  let out = text;
  const rounds = 1 + (r() < 0.25 ? int(r, 3) : 0);
  for (let n = 0; n < rounds; n++) {
    try {
      out = r() < 0.6 ? mutateText(out, r) : mutateTree(out, r);
    } catch {
      out = mutateText(out, r); // the tree mutator needs parseable YAML
    }
  }
  return out;
}

/** The bytes of a mutated text: mostly UTF-8, sometimes with a BOM, as UTF-16, or with invalid bytes. */
export function encode(text: string, r: Rand): Buffer {
  const x = r();
  if (x < 0.04) return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
  if (x < 0.07) return Buffer.from(text, 'utf16le');
  if (x < 0.1) return Buffer.from(text, 'latin1');
  return Buffer.from(text);
}
