import type { CommanderError } from 'commander';
import { errorDocument } from './context.js';

/** Commander's error codes as the error document's codes. */
const CODES: Record<string, string> = {
  'commander.unknownOption': 'UNKNOWN_OPTION',
  'commander.unknownCommand': 'UNKNOWN_COMMAND',
  'commander.invalidArgument': 'INVALID_OPTION',
  'commander.missingArgument': 'MISSING_ARGUMENT',
  'commander.optionMissingArgument': 'MISSING_OPTION_VALUE',
  'commander.missingMandatoryOptionValue': 'MISSING_OPTION',
  'commander.excessArguments': 'EXCESS_ARGUMENTS',
  'commander.conflictingOption': 'CONFLICTING_OPTIONS',
};

/** Did the command line ask for JSON (`--json`, `--format json`, `--format=json`)? Read before parsing succeeds. */
export function wantsJson(argv: readonly string[]): boolean {
  return argv.some((a, i) => a === '--json' || a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));
}

/** A commander usage error as one stderr line ("trainplan: error: unknown option '--foo' (did you mean --top?)") and, in JSON mode, the error document. */
export function usageError(err: CommanderError, json: boolean): { stderr: string; stdout: string } {
  const lines = err.message.split('\n').map((l) => l.trim()).filter(Boolean);
  const hint = lines.find((l) => /^\(Did you mean/i.test(l));
  const message = lines.filter((l) => l !== hint).join(' ').replace(/^error: /, '');
  const suggestion = hint ? hint.replace(/^\((.*)\)$/, '$1').replace(/^Did/, 'did') : undefined;
  const code = CODES[err.code] ?? 'USAGE';
  return {
    stderr: `trainplan: error: ${message}${suggestion ? ` (${suggestion})` : ''}\n`,
    stdout: json ? errorDocument(code, message, suggestion) : '',
  };
}
