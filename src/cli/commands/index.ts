import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerCatalog } from './catalog.js';
import { registerCheck } from './check.js';
import { registerEstimate } from './estimate.js';
import { registerPlan } from './plan.js';
import { registerPresets } from './presets.js';
import { registerFleet } from './fleet.js';
import { registerBudget } from './budget.js';
import { registerExport } from './export.js';
import { registerReport } from './report.js';
import { economicsDeps } from './economics-deps.js';
import { registerSchedule } from './schedule.js';

/** Each command module adds itself here (one line per command). */
export function registerCommands(program: Command, ctx: CliContext): void {
  registerEstimate(program, ctx);
  registerCatalog(program, ctx);
  registerPlan(program, ctx);
  registerCheck(program, ctx);
  registerPresets(program, ctx);
  registerFleet(program, ctx, economicsDeps);
  registerBudget(program, ctx, economicsDeps);
  registerExport(program, ctx);
  registerReport(program, ctx);
  registerSchedule(program, ctx);
}
