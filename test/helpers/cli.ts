import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The run date every CLI test pins (prices age against it; see README, TRAINPLAN_TODAY). */
export const RUN_DATE = '2026-12-01';

export const ROOT = join(import.meta.dirname, '..', '..');

/** Runs the built CLI as a user would: minimal env, colour off, cwd outside the package root. */
export function runCli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'trainplan.js'), ...args], {
    cwd: join(ROOT, 'test'),
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TRAINPLAN_TODAY: RUN_DATE, ...env },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const example = (name: string) => join(ROOT, 'examples', name);
export const fixture = (...parts: string[]) => join(ROOT, 'test', 'fixtures', ...parts);
