import type { Command } from 'commander';
import type { CliContext } from '../context.js';

type Register = (program: Command, ctx: CliContext) => void;

/**
 * Each command module adds itself here (one line per command), loaded on demand: a run names one
 * command, so only that command's modules (and the layers behind them) are imported. The order is the
 * order of `trainplan --help`.
 */
const COMMANDS: readonly (readonly [name: string, load: () => Promise<Register>])[] = [
  ['estimate', async () => (await import('./estimate.js')).registerEstimate],
  ['catalog', async () => (await import('./catalog.js')).registerCatalog],
  ['plan', async () => (await import('./plan.js')).registerPlan],
  ['check', async () => (await import('./check.js')).registerCheck],
  ['presets', async () => (await import('./presets.js')).registerPresets],
  ['fleet', async () => {
    const [{ registerFleet }, { economicsDeps }] = await Promise.all([import('./fleet.js'), import('./economics-deps.js')]);
    return (program, ctx) => registerFleet(program, ctx, economicsDeps);
  }],
  ['budget', async () => {
    const [{ registerBudget }, { economicsDeps }] = await Promise.all([import('./budget.js'), import('./economics-deps.js')]);
    return (program, ctx) => registerBudget(program, ctx, economicsDeps);
  }],
  ['export', async () => (await import('./export.js')).registerExport],
  ['report', async () => (await import('./report.js')).registerReport],
  ['schedule', async () => (await import('./schedule.js')).registerSchedule],
];

/**
 * Registers the command `argv` names, or every command when it names none (help, a misspelt command:
 * commander's suggestions need every name).
 */
export async function registerCommands(program: Command, ctx: CliContext, argv: readonly string[] = []): Promise<void> {
  const named = COMMANDS.filter(([name]) => name === argv[0]);
  const chosen = named.length > 0 ? named : COMMANDS;
  const registers = await Promise.all(chosen.map(([, load]) => load()));
  for (const register of registers) register(program, ctx);
}
