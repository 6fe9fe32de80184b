import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { ROOT, runCli } from '../helpers/cli.js';

// The report in a real browser: headless Chromium (Debian's `chromium`, installed by .ci/run) driven by
// puppeteer-core, which downloads nothing. Screenshots go to test-output/ (gitignored);
// TRAINPLAN_UPDATE_SCREENSHOT=1 also refreshes docs/report.png for the README.
const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter((p): p is string => Boolean(p));
const CHROMIUM = CANDIDATES.find((p) => existsSync(p));
const OUT = join(ROOT, 'test-output');
const REPORT = join(OUT, 'report-llama3-70b.html');

describe.skipIf(!CHROMIUM)(`report in headless Chromium${CHROMIUM ? '' : ' — SKIPPED: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)'}`, () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    const r = runCli(['report', join(ROOT, 'examples', 'llama3-70b.yaml'), '--horizon-years', '3', '--runs-per-year', '4', '--out', REPORT]);
    expect(r.code, r.stderr).toBe(0);
    const { launch } = await import('puppeteer-core');
    // --no-sandbox: CI runs as root in a container, where Chromium's sandbox cannot start.
    browser = await launch({ executablePath: CHROMIUM!, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('renders every chart with data marks and no console errors; saves a screenshot', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
    page.on('pageerror', (e) => void errors.push(String(e)));
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(pathToFileURL(REPORT).href, { waitUntil: 'load' });
    const charts = await page.$$eval('figure.chart', (figs) => figs.map((f) => {
      const marks = [...f.querySelectorAll('svg [role="graphics-symbol"]')].filter((m) => !/axis|legend/.test(m.getAttribute('aria-roledescription') ?? ''));
      const drawn = marks.filter((m) => { const b = (m as SVGGraphicsElement).getBoundingClientRect(); return b.width > 0 || b.height > 0; });
      return { id: f.id, marks: marks.length, drawn: drawn.length, titled: marks.filter((m) => m.querySelector('title')).length };
    }));
    expect(charts.map((c) => c.id)).toEqual(['scatter', 'step', 'memory', 'offers', 'economics']);
    for (const c of charts) {
      expect(c.marks, c.id).toBeGreaterThan(0);
      expect(c.drawn, c.id).toBe(c.marks);
    }
    // hover text: every scatter point has a <title> naming its plan
    expect(charts[0]!.titled).toBe(charts[0]!.marks);
    const rows = await page.$$eval('#plans tbody tr', (r) => r.length);
    expect(rows).toBe(5);
    expect(errors).toEqual([]);
    const shot = join(OUT, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(existsSync(shot)).toBe(true);
    if (process.env.TRAINPLAN_UPDATE_SCREENSHOT === '1') copyFileSync(shot, join(ROOT, 'docs', 'report.png'));
    await page.close();
  }, 60_000);

  it('makes no network requests (everything inline; the only load is the file itself)', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      requests.push(req.url());
      void (req.url().startsWith('file:') ? req.continue() : req.abort());
    });
    await page.goto(pathToFileURL(REPORT).href, { waitUntil: 'networkidle0' });
    const resources = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(requests).toEqual([pathToFileURL(REPORT).href]);
    expect(resources).toEqual([]);
    // control: the same check sees a page that does reach out
    const leaky = join(OUT, 'leaky.html');
    writeFileSync(leaky, '<!DOCTYPE html><html><body><img src="https://example.invalid/x.png"></body></html>');
    requests.length = 0;
    await page.goto(pathToFileURL(leaky).href, { waitUntil: 'networkidle0' });
    expect(requests).toEqual([pathToFileURL(leaky).href, 'https://example.invalid/x.png']);
    await page.close();
  }, 60_000);
});

describe('.ci/run', () => {
  it('installs Chromium (idempotently) before npm test, so CI always runs the browser test', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(join(ROOT, '.ci', 'run'), 'utf8');
    const install = text.indexOf('apt-get install');
    expect(install).toBeGreaterThan(0);
    expect(text).toMatch(/if ! command -v chromium/);
    expect(install).toBeLessThan(text.indexOf('npm test'));
  });
});
