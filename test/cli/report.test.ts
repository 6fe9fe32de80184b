import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { htmlOutline } from '../helpers/html-structure.js';

// `trainplan report --from` every example's golden plan document (no search: fast), and one report
// planned from a model file with buy vs rent. Goldens are outlines of the page (see html-structure.ts).
const GOLDEN = join(ROOT, 'test', 'cli', '__golden__');
const PLANS = readdirSync(GOLDEN).filter((f) => /^plan-.*\.json$/.test(f)).sort();

describe.each(PLANS)('trainplan report --from %s', (plan) => {
  it('writes a self-contained page with every chart (golden outline)', async () => {
    const out = join(tempDir('trainplan-report-'), 'report.html');
    const r = runCli(['report', '--from', join(GOLDEN, plan), '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^trainplan: wrote .*report\.html \(\d+ plans, \d+ on the frontier\)\n(trainplan: warning: .*\n)*$/);
    const html = readFileSync(out, 'utf8');
    const doc = JSON.parse(readFileSync(join(GOLDEN, plan), 'utf8'));
    const outline = htmlOutline(html);
    // one table row per plan, one scatter point per distinct plan (plans ∪ frontier)
    expect((outline.match(/^ {2}\| \d+ \|/gm) ?? []).length).toBe(doc.plans.length);
    const distinct = new Set([...doc.plans, ...doc.frontier].map((p: { accelerator: string; provider: string; instance: string; pricing: string; gpus: number; layout: unknown }) => JSON.stringify([p.accelerator, p.provider, p.instance, p.pricing, p.gpus, p.layout]))).size;
    expect(outline).toMatch(new RegExp(`chart scatter: 2 axis, ${distinct} point, `));
    expect(outline).toMatch(/external references: 0\nscripts: 0/);
    await expect(outline).toMatchFileSnapshot(`./__golden__/report/${plan.replace(/\.json$/, '')}.txt`);
  });
});

describe('trainplan report <model.yaml>', () => {
  it('plans, draws buy vs rent with --horizon-years, and is byte-identical run to run (golden outline)', async () => {
    const dir = tempDir('trainplan-report-');
    const args = (out: string) => ['report', join(ROOT, 'examples', 'startup-1b.yaml'), '--top', '3', '--horizon-years', '3', '--runs-per-year', '4', '--out', out];
    const a = runCli(args(join(dir, 'a.html')));
    expect(a.code).toBe(0);
    const b = runCli(args(join(dir, 'b.html')));
    expect(b.code).toBe(0);
    const html = readFileSync(join(dir, 'a.html'), 'utf8');
    expect(readFileSync(join(dir, 'b.html'), 'utf8')).toBe(html);
    const outline = htmlOutline(html);
    expect(outline).toContain('chart economics:');
    // the table is exactly `plan --top 3`'s plans
    const plan = JSON.parse(runCli(['plan', join(ROOT, 'examples', 'startup-1b.yaml'), '--top', '3', '--json']).stdout);
    for (const p of plan.plans) expect(outline).toContain(`| ${p.rank} | ${p.accelerator} | ${p.provider}/${p.instance} | ${p.pricing} | ${p.gpus} |`);
    await expect(outline).toMatchFileSnapshot('./__golden__/report/startup-1b-model-horizon-3y.txt');
  }, 90_000);

  it('without --out prints the page on stdout', () => {
    const r = runCli(['report', '--from', join(GOLDEN, 'plan-startup-1b.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it.each([
    [['report'], /give a model file or --from/],
    [['report', join(ROOT, 'examples', 'startup-1b.yaml'), '--from', join(GOLDEN, 'plan-startup-1b.json')], /not both/],
    [['report', '--from', join(GOLDEN, 'plan-startup-1b.json'), '--horizon-years', '3'], /--horizon-years: buy vs rent needs the model file/],
    [['report', '--from', join(GOLDEN, 'plan-startup-1b.json'), '--json'], /--json: report writes HTML/],
    [['report', '--from', join(ROOT, 'examples', 'startup-1b.yaml')], /not valid JSON/],
    [['report', join(ROOT, 'examples', 'startup-1b.yaml'), '--fleet', 'lab'], /--fleet: needs --horizon-years/],
  ])('%j: exit 2, one line, no file', (args, message) => {
    const out = join(tempDir('trainplan-report-'), 'x.html');
    const r = runCli([...args, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });
});

describe('trainplan check --format html', () => {
  it.each([
    [[], 0, 'pass', /PASS: 3 gates passed/, /chart scatter: 2 axis, \d+ point/],
    [['--budget-usd', '100'], 1, 'fail', /FAIL: budget/, /section: infeasible/],
  ])('%j: exit %i, the verdict first, then the report', (flags, code, verdict, summary, body) => {
    const out = join(tempDir('trainplan-check-html-'), 'check.html');
    const r = runCli(['check', join(ROOT, 'examples', 'startup-1b.yaml'), ...flags, '--format', 'html', '--out', out]);
    expect(r.code).toBe(code);
    expect(r.stdout).toBe('');
    const outline = htmlOutline(readFileSync(out, 'utf8'));
    expect(outline).toMatch(new RegExp(`section: verdict\nsection: facts`));
    expect(readFileSync(out, 'utf8')).toMatch(new RegExp(`<section id="verdict" class="${verdict}"><strong>`));
    expect(readFileSync(out, 'utf8')).toMatch(summary);
    expect(outline).toMatch(body);
  });

  it('plan --format html is refused (use report)', () => {
    const r = runCli(['plan', join(ROOT, 'examples', 'startup-1b.yaml'), '--format', 'html']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format: .*trainplan report/);
  });
});
