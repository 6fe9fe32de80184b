import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerCatalog } from './catalog.js';
import { registerPlan } from './plan.js';

/** Each command module adds itself here (one line per command). */
export function registerCommands(program: Command, ctx: CliContext): void {
  registerCatalog(program, ctx);
  registerPlan(program, ctx);
}
