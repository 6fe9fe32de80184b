import { Chalk, type ChalkInstance } from 'chalk';
import { Option, type Command } from 'commander';
import { MODEL_PRESETS } from '../../schema/index.js';
import { chooseColumns, OUTPUT_FORMATS, PRESET_COLUMNS, renderPresets, type OutputFormat } from '../../report/index.js';
import { addTableOptions, viewFor, type TableFlags } from '../run-context.js';
import { EXIT, runAction, TOOL, type CliContext } from '../context.js';

interface PresetsOptions {
  json?: boolean;
  format: OutputFormat;
  color: boolean;
}

/** Same rule as the catalog commands: a TTY, never with --no-color or NO_COLOR; FORCE_COLOR turns it on. */
function chalkFor(color: boolean, ctx: CliContext): ChalkInstance {
  const env = ctx.env;
  const off = !color || (env.NO_COLOR !== undefined && env.NO_COLOR !== '') || env.FORCE_COLOR === '0';
  const on = !off && ((env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') || ctx.stdoutIsTTY);
  return new Chalk({ level: on ? 1 : 0 });
}

/** `trainplan presets`: the built-in model shapes and where each comes from. */
export function registerPresets(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('presets')
    .description('built-in model presets')
    .option('--json', 'same as --format json')
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .option('--no-color', 'disable colour');
  addTableOptions(cmd).action(async (opts: PresetsOptions & TableFlags) => {
      const format = opts.json ? 'json' : opts.format;
      await runAction(ctx, format === 'json', () => {
        chooseColumns(PRESET_COLUMNS, opts);
        ctx.stdout(renderPresets(MODEL_PRESETS, format, { tool: TOOL, chalk: chalkFor(opts.color, ctx), view: viewFor(opts, ctx) }));
        return EXIT.ok;
      });
    });
}
