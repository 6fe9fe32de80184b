import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../schema/index.js';

let counter = 0;

/**
 * Writes `text` to `file` atomically: a temp file in the same directory (same filesystem), fsync, rename.
 * A reader (or a CI step) sees the old file or the whole new one, never a torn one.
 */
export function writeOutputAtomic(file: string, text: string): void {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${++counter}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError('OUTPUT_UNWRITABLE', `cannot write the output file (${code})`, { location: file });
  }
}
