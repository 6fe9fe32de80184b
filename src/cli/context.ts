import { EXIT, TOOL } from './tool.js';
import { InputError } from '../schema/index.js';

/** Everything a command may touch outside the pure core, injected so tests can capture it. */
export interface CliContext {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** The terminal's width when stdout is one (process.stdout.columns). */
  stdoutColumns?: number;
  exitCode: number;
}

export { EXIT, TOOL };

/** Control characters from user data never reach the terminal, and an error stays on one line. */
// Same classes as io/sanitize.ts, plus line breaks (an error is one line).
const UNPRINTABLE = new RegExp('[\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]', 'g');
export const oneLine = (s: string): string => s.replace(/\r?\n/g, ' ').replace(UNPRINTABLE, '\uFFFD');

/** One error line for humans: "trainplan: <location>: <message> (did you mean X?)". */
export function formatInputError(err: InputError): string {
  const where = err.location ? `${err.location}: ` : '';
  const hint = err.suggestion ? ` (${err.suggestion})` : '';
  return `trainplan: error: ${oneLine(`${where}${err.message}${hint}`)}\n`;
}

/** The JSON error document of the contract. */
export function errorDocument(code: string, message: string, suggestion?: string): string {
  const error: Record<string, string> = { code, message };
  if (suggestion) error.suggestion = suggestion;
  return JSON.stringify({ schemaVersion: 1, tool: TOOL, error }, null, 2) + '\n';
}

/**
 * Runs one command body and maps failures to the contract's exit codes:
 * InputError → 2 (one line, no stack), anything else → 3 (stack + report request).
 */
export async function runAction(ctx: CliContext, json: boolean, body: () => Promise<number> | number): Promise<void> {
  try {
    ctx.exitCode = await body();
  } catch (err) {
    if (err instanceof InputError) {
      ctx.stderr(formatInputError(err));
      if (json) ctx.stdout(errorDocument(err.code, err.location ? `${err.location}: ${err.message}` : err.message, err.suggestion));
      ctx.exitCode = EXIT.invalidInput;
      return;
    }
    const e = err instanceof Error ? err : new Error(String(err));
    ctx.stderr(`trainplan: internal error (a bug — please report it with the command you ran):\n${e.stack ?? e.message}\n`);
    if (json) ctx.stdout(errorDocument('INTERNAL', e.message));
    ctx.exitCode = EXIT.internal;
  }
}
