import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/** A loader hook (node:module register) that names every dist/ file the process loads, on stderr. */
const HOOK = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent("export async function load(url, c, next) { if (url.includes('/dist/')) process.stderr.write('loaded ' + url.slice(url.indexOf('/dist/') + 6) + '\\\\n'); return next(url, c); }"));`,
)}`;

/**
 * Runs the built CLI and returns the dist/ files it loaded and the source modules inside them: the
 * bundler (scripts/bundle-cli.js) heads each module's code with a `// dist/<path>.js` or
 * `// node_modules/<path>` line, so a chunk's modules can be read back from it.
 */
function loaded(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', HOOK, join(ROOT, 'bin', 'trainplan.js'), ...args], {
    encoding: 'utf8',
    cwd: ROOT,
    env: { PATH: process.env.PATH, NO_COLOR: '1', TRAINPLAN_TODAY: '2026-12-01' },
  });
  const files = r.stderr.split('\n').filter((l) => l.startsWith('loaded ')).map((l) => l.slice(7));
  const modules = files.flatMap((f) =>
    readFileSync(join(ROOT, 'dist', f), 'utf8').split('\n').filter((l) => /^\/\/ (dist|node_modules)\//.test(l)).map((l) => l.slice(3).replace(/^dist\//, '')),
  );
  return { code: r.status, stdout: r.stdout, files, modules };
}

const zod = (modules: string[]) => modules.filter((m) => m.startsWith('node_modules/zod/'));

describe('start-up loads what the command needs', () => {
  it('runs the bundle: `--version` prints package.json\'s version and loads no command and no core layer', () => {
    const r = loaded('--version');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version}\n`);
    expect(r.files).toContain('bundle/main.js');
    expect(r.files.filter((f) => !f.startsWith('bundle/'))).toEqual([]);
    expect(r.modules).toContain('cli/main.js');
    expect(r.modules.filter((m) => !m.startsWith('node_modules/commander/') && (!m.startsWith('cli/') || m.startsWith('cli/commands/')))).toEqual([]);
  });

  it('a command loads only its own command module (and the hook sees them)', () => {
    const r = loaded('presets', '--json');
    expect(r.code).toBe(0);
    expect(r.modules).toContain('cli/commands/presets.js');
    expect(r.modules.some((m) => m.startsWith('schema/'))).toBe(true);
    expect(r.modules.filter((m) => m.startsWith('cli/commands/'))).toEqual(['cli/commands/index.js', 'cli/commands/presets.js']);
  });

  it('`presets` builds no zod schema: zod is not even loaded', () => {
    const r = loaded('presets');
    expect(r.code).toBe(0);
    expect(r.modules.length).toBeGreaterThan(5);
    expect(zod(r.modules)).toEqual([]);
  });

  it('`plan` loads neither the HTML report nor the MILP solver, and the help lists every command', () => {
    const p = loaded('plan', 'examples/startup-1b.yaml', '--json');
    expect(p.code).toBe(0);
    expect(p.modules).toContain('planner/search.js');
    expect(p.modules.filter((m) => /report\/html|schedule\/|io\/milp-solver|cli\/commands\/(report|schedule|budget|fleet)\.js/.test(m))).toEqual([]);
    const help = spawnSync(process.execPath, [join(ROOT, 'bin', 'trainplan.js'), '--help'], { encoding: 'utf8', cwd: ROOT, env: { PATH: process.env.PATH } });
    expect(help.status).toBe(0);
    for (const name of ['estimate', 'catalog', 'plan', 'check', 'presets', 'fleet', 'budget', 'export', 'report', 'schedule']) expect(help.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
  });

  it('the bundle\'s search worker (dist/bundle/plan-worker.js) runs: two threads print the plans one prints', () => {
    const run = (threads: string) =>
      spawnSync(process.execPath, [join(ROOT, 'bin', 'trainplan.js'), 'plan', 'examples/startup-1b.yaml', '--json'], {
        encoding: 'utf8', cwd: ROOT, env: { PATH: process.env.PATH, TRAINPLAN_TODAY: '2026-12-01', TRAINPLAN_THREADS: threads },
      });
    const one = run('1');
    const two = run('2');
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    // The workers do not prune (they share no bounds, planner/prune.ts), so only the search counts may differ.
    const { search: s1, ...rest1 } = JSON.parse(one.stdout);
    const { search: s2, ...rest2 } = JSON.parse(two.stdout);
    expect(rest2).toEqual(rest1);
    expect(s2.evaluated).toBe(s1.evaluated + s1.pruned.evaluated);
    expect(rest1.plans.length).toBeGreaterThan(0);
  });

  it('no source file imports a module only for its side effects (the bundle treats ours as side-effect free and would drop it)', () => {
    const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));
    const files = walk(join(ROOT, 'src'));
    expect(files.length).toBeGreaterThan(100);
    const bare = files.filter((f) => /^\s*import\s+['"]/m.test(readFileSync(f, 'utf8')) || /^\s*(await\s+)?import\(\s*['"][^'"]+['"]\s*\)\s*;/m.test(readFileSync(f, 'utf8')));
    expect(bare).toEqual([]);
  });
});
