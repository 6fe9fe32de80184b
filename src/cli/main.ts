import { Command, CommanderError } from 'commander';
import type { CliContext } from './context.js';
import { EXIT, TOOL } from './tool.js';
import { guardStdout } from './stdout-guard.js';

/** `trainplan --version` alone needs no command: the commands (and the core behind them) are not loaded. */
const versionOnly = (argv: readonly string[]): boolean => argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V');

function defaultContext(): CliContext {
  guardStdout(process.stdout, (t) => void process.stderr.write(t), (code) => process.exit(code));
  // A closed stderr (`2>&1 | head`) has nowhere left to report to; stdout's guard decides the exit.
  process.stderr.on('error', () => undefined);
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    ...(process.stdout.columns ? { stdoutColumns: process.stdout.columns } : {}),
    exitCode: EXIT.ok,
  };
}

/** Entry point: parses argv, runs one command, returns the exit code (never calls process.exit). */
export async function main(argv: string[], ctx: CliContext = defaultContext()): Promise<number> {
  const program = new Command('trainplan')
    .description('What training a model will cost, how long it takes, and how to lay it out on GPUs.')
    .version(TOOL.version)
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeOut: ctx.stdout, writeErr: ctx.stderr, outputError: () => undefined });
  if (!versionOnly(argv)) {
    const [{ registerCommands }, { forbidRepeatedOptions }] = await Promise.all([import('./commands/index.js'), import('./flags.js')]);
    await registerCommands(program, ctx, argv);
    forbidRepeatedOptions(program);
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.exitCode === 0) return EXIT.ok;
      if (err.code !== 'commander.help') {
        // Loaded only on a usage error: its document schemas would slow `--version` down.
        const { usageError, wantsJson } = await import('./usage-errors.js');
        const out = usageError(err, wantsJson(argv));
        ctx.stderr(out.stderr);
        if (out.stdout) ctx.stdout(out.stdout);
      }
      return EXIT.invalidInput;
    }
    throw err;
  }
  return ctx.exitCode;
}
