import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerBudget } from '../../src/cli/commands/budget.js';
import type { EconomicsDeps } from '../../src/cli/commands/economics-options.js';
import { registerFleet } from '../../src/cli/commands/fleet.js';
import { EXIT, type CliContext } from '../../src/cli/context.js';
import { InputError } from '../../src/schema/index.js';
import { aTraining, SHAPES } from '../helpers/builders.js';
import { toyPlanFn } from '../helpers/toy-planner.js';

/* In-process until the planner and model loading land on main: the same command modules with the toy planner injected. */
const deps: EconomicsDeps = {
  planFnFor: (catalog) => toyPlanFn(catalog, 'h100-sxm'),
  loadModel: (path) => {
    if (path !== 'llama3-8b.yaml') throw new InputError('MODEL_UNREADABLE', 'cannot read model file (ENOENT)', { location: path });
    return { name: 'llama3-8b', model: SHAPES.llama3_8b, training: aTraining({ tokens: 2e11, sequenceLength: 8192, globalBatchSize: 512 }), constraints: { deadlineDays: 30 } };
  },
};

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const ctx: CliContext = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: { NO_COLOR: '1' }, stdoutIsTTY: false, stderrIsTTY: false, exitCode: 0 };
  const program = new Command('trainplan').exitOverride().configureOutput({ writeOut: ctx.stdout, writeErr: ctx.stderr });
  registerFleet(program, ctx, deps);
  registerBudget(program, ctx, deps);
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) return { code: err.exitCode === 0 ? 0 : EXIT.invalidInput, stdout, stderr };
    throw err;
  }
  return { code: ctx.exitCode, stdout, stderr };
}

const F = 'test/fixtures/fleet';

describe('trainplan fleet', () => {
  it('compares options over the horizon, with a chart', async () => {
    const r = await run(['fleet', 'llama3-8b.yaml', '--horizon-years', '3', '--runs-per-year', '4']);
    expect(r.code).toBe(0);
    for (const s of ['Options', 'on-demand', 'buy', 'break-even utilisation', 'Recommended mix', 'Cumulative cost', 'month 1']) expect(r.stdout).toContain(s);
  });
  it('prices buying with a fleets: entry and prints one JSON document', async () => {
    const r = await run(['fleet', 'llama3-8b.yaml', '--horizon-years', '2', '--catalog', `${F}/lab-fleet.yaml`, '--fleet', 'lab-h100', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ schemaVersion: 1, command: 'fleet', prices: { buy: { label: 'fleet lab-h100', capexUsdPerGpu: 36904.6 } } });
    expect(doc.options.find((o: { kind: string }) => o.kind === 'buy').cumulativeUsdByMonth).toHaveLength(24);
  });
  it.each([
    [['--horizon-years', '0'], '--horizon-years: expected a number greater than 0, got "0"'],
    [[], '--horizon-years: is required'],
    [['--horizon-years', '1', '--catalog', `${F}/zero-gpus.yaml`], 'a fleet needs at least one GPU (count ≥ 1)'],
    [['--horizon-years', '1', '--catalog', `${F}/negative-capex.yaml`], 'capexUsdPerNode cannot be negative'],
    [['--horizon-years', '1', '--catalog', `${F}/pue-below-one.yaml`], 'PUE cannot be below 1'],
    [['--horizon-years', '1', '--catalog', `${F}/lab-fleet.yaml`, '--fleet', 'lab-h10'], 'unknown fleet "lab-h10" (did you mean lab-h100?)'],
  ])('bad input %o → exit 2 with one line', async (extra, message) => {
    const r = await run(['fleet', 'llama3-8b.yaml', ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('an electricity price of 80 $/kWh is legal but warned about', async () => {
    const r = await run(['fleet', 'llama3-8b.yaml', '--horizon-years', '1', '--catalog', `${F}/electricity-80-usd-per-kwh.yaml`]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('trainplan: warning: fleet lab-h100: usdPerKwh 80 is outside the plausible 0.02–1 (is it in cents, or per MWh?)\n');
  });
  it('names the zero-GPU fleet row and line', async () => {
    const r = await run(['fleet', 'llama3-8b.yaml', '--horizon-years', '1', '--catalog', `${F}/zero-gpus.yaml`]);
    expect(r.stderr).toMatch(/zero-gpus\.yaml:5:\d+: fleets\[0\] \(lab-h100\) count: a fleet needs at least one GPU/);
  });
});

describe('trainplan budget', () => {
  it('finds the largest compute-optimal model', async () => {
    const r = await run(['budget', '--usd', '500K', '--days', '30']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Largest compute-optimal dense model for $500.0K in 30 days');
    expect(r.stdout).toContain('20.0 per parameter');
    expect(r.stdout).toContain('Hoffmann et al. 2022');
  });
  it('--params gives the most tokens, as JSON', async () => {
    const r = await run(['budget', '--usd', '100K', '--days', '30', '--params', '1B', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.command).toBe('budget');
    expect(doc.plan.cost.usd).toBeLessThanOrEqual(100_000);
  });
  it('nothing fits → exit 1', async () => {
    const r = await run(['budget', '--usd', '0.01', '--days', '1']);
    expect(r.code).toBe(1);
  });
  it.each([
    [['--days', '3'], '--usd: is required'],
    [['--usd', '-5', '--days', '3'], '--usd: expected a number greater than 0'],
    [['--usd', '1M', '--days', '0'], '--days: expected a number greater than 0'],
  ])('bad input %o → exit 2', async (args, message) => {
    const r = await run(['budget', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
