import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');

describe('examples/ci/trainplan-check.yml', () => {
  const text = readFileSync(join(ROOT, 'examples', 'ci', 'trainplan-check.yml'), 'utf8');
  const wf = parse(text) as { on: { pull_request: unknown }; permissions: Record<string, string>; jobs: { check: { steps: { run?: string; uses?: string }[] } } };
  const runs = wf.jobs.check.steps.map((s) => s.run ?? '').join('\n');

  it('runs on pull requests and may comment on them', () => {
    expect(wf.on.pull_request).toBeDefined();
    expect(wf.permissions['pull-requests']).toBe('write');
  });

  it('computes a baseline with plan --json and gates with check --baseline --max-increase, markdown to --out', () => {
    expect(runs).toMatch(/trainplan plan "\$RUNNER_TEMP\/base-model\.yaml" --json/);
    expect(runs).toMatch(/--baseline \$RUNNER_TEMP\/baseline\.json --max-increase \$MAX_INCREASE/);
    expect(runs).toMatch(/trainplan check "\$MODEL" .* --format markdown --out/);
  });

  it('fails the job on any non-zero exit, after commenting', () => {
    const steps = wf.jobs.check.steps;
    const comment = steps.findIndex((s) => s.uses?.startsWith('actions/github-script'));
    const fail = steps.findIndex((s) => (s.run ?? '').includes('exit 1'));
    expect(comment).toBeGreaterThan(0);
    expect(fail).toBeGreaterThan(comment);
  });
});
