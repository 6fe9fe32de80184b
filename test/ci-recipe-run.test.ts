import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { RUN_DATE } from './helpers/cli.js';
import { tempDir } from './helpers/tmp.js';

const ROOT = join(import.meta.dirname, '..');
type Step = { name?: string; run?: string; if?: string };
const wf = parse(readFileSync(join(ROOT, 'examples', 'ci', 'trainplan-check.yml'), 'utf8')) as { env: Record<string, string>; jobs: { check: { steps: Step[] } } };
const step = (name: string): Step => wf.jobs.check.steps.find((s) => s.name === name)!;
const git = (cwd: string, ...args: string[]) => spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd, encoding: 'utf8' });
const isRepo = existsSync(join(ROOT, '.git'));

/**
 * Runs the workflow's own install, baseline, check and fail steps (their `run:` scripts, as GitHub's
 * `bash -e` would) against this checkout: TRAINPLAN_REPO is this repository, TRAINPLAN_REF its HEAD, and
 * npm prefers its cache (no registry traffic once `npm ci` has run here). Tests committed code: HEAD.
 */
describe.skipIf(!isRepo)('examples/ci/trainplan-check.yml runs as written', () => {
  it('installs trainplan from the repository, then gates a pull request against its base branch', { timeout: 300_000 }, () => {
    const tmp = tempDir('trainplan-ci-');
    const runner = join(tmp, 'runner');
    const repo = join(tmp, 'repo');
    mkdirSync(runner);
    mkdirSync(repo);
    const files = { GITHUB_PATH: join(tmp, 'path'), GITHUB_OUTPUT: join(tmp, 'output'), GITHUB_STEP_SUMMARY: join(tmp, 'summary') };
    for (const f of Object.values(files)) writeFileSync(f, '');
    // The user's repository: the base branch has base-model.yaml's tokens, the pull request 30% more.
    git(repo, 'init', '-q');
    copyFileSync(join(ROOT, 'test', 'fixtures', 'check', 'base-model.yaml'), join(repo, 'model.yaml'));
    git(repo, 'add', 'model.yaml');
    git(repo, 'commit', '-qm', 'base');
    git(repo, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
    copyFileSync(join(ROOT, 'test', 'fixtures', 'check', 'model.yaml'), join(repo, 'model.yaml'));

    const head = git(ROOT, 'rev-parse', 'HEAD').stdout.trim();
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmp, ...wf.env, TRAINPLAN_REPO: ROOT, TRAINPLAN_REF: head,
      RUNNER_TEMP: runner, GITHUB_BASE_REF: 'main', ...files, npm_config_prefer_offline: 'true', TRAINPLAN_TODAY: RUN_DATE, NO_COLOR: '1',
      // A registry behind a TLS-inspecting proxy needs the machine's CA bundle (a lock entry without `resolved` asks the registry).
      ...(process.env.NODE_EXTRA_CA_CERTS ? { NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS } : {}),
    };
    const outputs = (): Record<string, string> => Object.fromEntries(readFileSync(files.GITHUB_OUTPUT, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    const runStep = (s: Step, exprs: Record<string, string> = {}) => {
      const script = s.run!.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, e: string) => exprs[e] ?? '');
      const path = readFileSync(files.GITHUB_PATH, 'utf8').split('\n').filter(Boolean).reverse().join(':');
      return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd: repo, env: { ...env, PATH: path ? `${path}:${env.PATH}` : env.PATH! }, encoding: 'utf8' });
    };

    try {
      gate(runStep, files, runner, outputs);
    } finally {
      // node_modules of the clone: removed here, inside the test's time limit, not in the 10 s cleanup hook.
      rmSync(join(runner, 'trainplan'), { recursive: true, force: true });
    }
  });
});

type RunStep = (s: Step, exprs?: Record<string, string>) => SpawnSyncReturns<string>;

/** The install, baseline, check and fail steps in order, with what each must leave behind. */
function gate(runStep: RunStep, files: Record<'GITHUB_PATH' | 'GITHUB_OUTPUT' | 'GITHUB_STEP_SUMMARY', string>, runner: string, outputs: () => Record<string, string>): void {
    const install = runStep(step('Install trainplan'));
    expect(install.stderr).not.toMatch(/ERR!|npm error/);
    expect(install.status).toBe(0);
    expect(install.stdout.trim().split('\n').at(-1)).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);

    const baseline = runStep(step('Baseline (the model file on the base branch)'));
    expect(baseline.status).toBe(0);
    expect(JSON.parse(readFileSync(join(runner, 'baseline.json'), 'utf8')).command).toBe('plan');
    const args = outputs().args!;
    expect(args).toBe(`--baseline ${runner}/baseline.json --max-increase 10`);

    const check = runStep(step('trainplan check'), { 'steps.baseline.outputs.args': args });
    expect(check.status).toBe(0);
    expect(outputs().exit).toBe('1'); // 30% more tokens: over the 10% max-increase
    const report = readFileSync(join(runner, 'check.md'), 'utf8');
    expect(report).toMatch(/^### trainplan check: ❌ FAIL — llama3-8b-continued/);
    expect(report).toMatch(/max-increase/);
    expect(readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8')).toBe(report);

    const fail = step('Fail when a gate failed');
    expect(fail.if).toBe("steps.check.outputs.exit != '0'");
    expect(runStep(fail, { 'steps.check.outputs.exit': '1' }).status).toBe(1);
}
