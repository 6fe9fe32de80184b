import { Chalk } from 'chalk';
import { Option, type Command } from 'commander';
import { MODEL_PRESETS } from '../../schema/index.js';
import { OUTPUT_FORMATS, renderPresets, type OutputFormat } from '../../report/index.js';
import { EXIT, runAction, TOOL, type CliContext } from '../context.js';

interface PresetsOptions {
  json?: boolean;
  format: OutputFormat;
  color: boolean;
}

function useColor(ctx: CliContext, flag: boolean): boolean {
  if (!flag || ctx.env.NO_COLOR) return false;
  if (ctx.env.FORCE_COLOR !== undefined) return ctx.env.FORCE_COLOR !== '0';
  return ctx.stdoutIsTTY;
}

/** `trainplan presets`: the built-in model shapes and where each comes from. */
export function registerPresets(program: Command, ctx: CliContext): void {
  program
    .command('presets')
    .description('built-in model presets')
    .option('--json', 'same as --format json')
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .option('--no-color', 'disable colour')
    .action(async (opts: PresetsOptions) => {
      const format = opts.json ? 'json' : opts.format;
      await runAction(ctx, format === 'json', () => {
        const paint = new Chalk({ level: useColor(ctx, opts.color) ? 1 : 0 });
        ctx.stdout(renderPresets(MODEL_PRESETS, format, { tool: TOOL, paint }));
        return EXIT.ok;
      });
    });
}
