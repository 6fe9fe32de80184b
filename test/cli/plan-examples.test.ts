import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

// Golden `trainplan plan --json` for every example, and table transcripts for two (update with
// `vitest -u`, review like code). The whole-catalog searches cost ~1 s each, so each runs once.
const TABLE_GOLDENS = new Set(['startup-1b.yaml', 'llama3-70b.yaml']);
const EXAMPLES = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml')).sort();
const transcript = (args: string[], r: ReturnType<typeof runCli>) =>
  `$ trainplan ${args.join(' ')}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}--- exit code: ${r.code}\n`;
const abs = (args: string[]) => args.map((a) => (a.startsWith('examples/') ? join(ROOT, a) : a));

describe.each(EXAMPLES)('trainplan plan examples/%s', (file) => {
  const name = file.replace(/\.yaml$/, '');
  const table = ['plan', `examples/${file}`, '--top', '3'];
  const json = [...table, '--json'];

  if (TABLE_GOLDENS.has(file)) it('table (golden)', async () => {
    const r = runCli(abs(table));
    expect(r.code).toBe(0);
    await expect(transcript(table, r)).toMatchFileSnapshot(`./__golden__/plan-${name}.txt`);
  });

  it('JSON (golden), and the best plan is exactly what `estimate` prints for its layout and offer', async () => {
    const r = runCli(abs(json));
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot(`./__golden__/plan-${name}.json`);
    const best = JSON.parse(r.stdout).plans[0];
    const l = best.layout;
    const e = runCli(abs([
      'estimate', `examples/${file}`, '--accelerator', best.accelerator, '--gpus', String(best.gpus),
      '--tp', String(l.tp), '--pp', String(l.pp), '--vpp', String(l.vpp), '--cp', String(l.cp), '--ep', String(l.ep),
      '--micro-batch', String(l.microBatch), '--zero', String(l.zero), '--recompute', l.recompute, '--precision', l.precision,
      l.sequenceParallel ? '--sequence-parallel' : '--no-sequence-parallel',
      '--provider', best.provider, '--instance', best.instance, '--pricing', best.pricing, '--json',
    ]));
    expect(e.code).toBe(0);
    const est = JSON.parse(e.stdout);
    expect(est.time).toEqual(best.time);
    expect(est.memory).toEqual(best.memory);
    expect(est.cost).toEqual(best.cost);
    expect(est.throughput).toEqual(best.throughput);
  });
});
