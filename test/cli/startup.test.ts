import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** A loader hook (node:module register) that names every dist/ module the process loads, on stderr. */
const HOOK = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent("export async function load(url, c, next) { if (url.includes('/dist/')) process.stderr.write('loaded ' + url.slice(url.indexOf('/dist/') + 6) + '\\\\n'); return next(url, c); }"));`,
)}`;

function loaded(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', HOOK, 'bin/trainplan.js', ...args], { encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1' } });
  const modules = r.stderr.split('\n').filter((l) => l.startsWith('loaded ')).map((l) => l.slice(7));
  return { code: r.status, stdout: r.stdout, modules };
}

describe('start-up loads what the command needs', () => {
  it('`--version` prints package.json\'s version and loads no command and no core layer', () => {
    const r = loaded('--version');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${(JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version}\n`);
    expect(r.modules).toContain('cli/main.js');
    expect(r.modules.filter((m) => !m.startsWith('cli/') || m.startsWith('cli/commands/'))).toEqual([]);
  });

  it('a command still loads its modules (the hook sees them)', () => {
    const r = loaded('presets', '--json');
    expect(r.code).toBe(0);
    expect(r.modules).toContain('cli/commands/presets.js');
    expect(r.modules.some((m) => m.startsWith('schema/'))).toBe(true);
  });
});
