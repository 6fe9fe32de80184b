import type { Command } from 'commander';
import type { CliContext } from '../context.js';

/** Each command module adds itself here (one line per command). */
export function registerCommands(program: Command, ctx: CliContext): void {
  void program;
  void ctx;
}
