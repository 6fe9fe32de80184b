import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

/** Runs the built CLI as a user would: minimal env, colour off, cwd outside the package root. */
export function runCli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'trainplan.js'), ...args], {
    cwd: join(ROOT, 'test'),
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const example = (name: string) => join(ROOT, 'examples', name);
export const fixture = (...parts: string[]) => join(ROOT, 'test', 'fixtures', ...parts);
