import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../src');

/** Which layers (and packages) each layer may import (house-style C1). */
const ALLOWED: Record<string, string[]> = {
  schema: ['schema', 'zod'],
  catalog: ['catalog', 'schema'],
  estimator: ['estimator', 'schema'],
  planner: ['planner', 'estimator', 'catalog', 'schema'],
  economics: ['economics', 'planner', 'estimator', 'catalog', 'schema'],
  schedule: ['schedule', 'economics', 'planner', 'estimator', 'catalog', 'schema'],
  report: ['report', 'schema', 'estimator', 'planner', 'economics', 'schedule', 'catalog', 'chalk', 'cli-table3', 'vega', 'vega-lite'],
  export: ['export', 'schema', 'yaml'],
  io: ['io', 'schema', 'catalog', 'yaml', 'zod', 'highs', 'node:fs', 'node:path', 'node:url', 'node:crypto', 'node:os'],
  cli: ['cli', 'schema', 'catalog', 'estimator', 'planner', 'economics', 'schedule', 'report', 'export', 'io', 'commander', 'chalk', 'node:worker_threads', 'node:os', 'node:url', 'node:path'],
  '.': ['schema', 'catalog', 'estimator', 'planner', 'economics', 'schedule', 'report', 'export'],
};
const PURE = new Set(['schema', 'catalog', 'estimator', 'planner', 'economics', 'schedule', 'report', 'export']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const layerOf = (file: string) => {
  const rel = relative(SRC, file).split('/');
  return rel.length === 1 ? '.' : rel[0]!;
};

function imports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/gm), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]!);
}

function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec.startsWith('node:') ? spec : spec.split('/')[0]!;
  const abs = resolve(dirname(file), spec);
  return layerOf(abs.endsWith('.js') ? abs.slice(0, -3) + '.ts' : abs);
}

describe('architecture', () => {
  const all = files(SRC);

  it.each(all.map((f) => [relative(SRC, f), f]))('%s imports only what its layer may', (_rel, file) => {
    const layer = layerOf(file);
    const bad = imports(file).map((s) => target(file, s)).filter((t) => !(ALLOWED[layer] ?? []).includes(t));
    expect(bad).toEqual([]);
  });

  it('other layers import a layer only through its index.ts', () => {
    const offenders: string[] = [];
    for (const file of all) {
      for (const spec of imports(file)) {
        if (!spec.startsWith('.')) continue;
        const abs = resolve(dirname(file), spec);
        const from = layerOf(file);
        const to = layerOf(abs.replace(/\.js$/, '.ts'));
        if (from !== to && to !== '.' && !/\/index\.js$/.test(spec)) offenders.push(`${relative(SRC, file)} → ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('the pure core has no I/O, process, clock or randomness', () => {
    const offenders = all
      .filter((f) => PURE.has(layerOf(f)))
      .filter((f) => /\b(console\.|process\.|Date\.now|new Date\(|Math\.random)|from ['"]node:/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(offenders).toEqual([]);
  });

  it('no source file is over 300 lines', () => {
    const long = all.filter((f) => readFileSync(f, 'utf8').split('\n').length > 300).map((f) => relative(SRC, f));
    expect(long).toEqual([]);
  });
});
