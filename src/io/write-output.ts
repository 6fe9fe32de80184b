import { closeSync, fsyncSync, lstatSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from '../schema/index.js';

let counter = 0;

/** Linux/macOS NAME_MAX: the longest file name (in bytes) one directory entry may have. */
export const NAME_MAX_BYTES = 255;

/** Temp files being written right now; a SIGINT/SIGTERM removes them before the process ends. */
const live = new Set<string>();
let handlersInstalled = false;

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone, or the directory is unusable: nothing more can be done, and cleanup must never throw
  }
}

function installSignalCleanup(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15]] as const) {
    process.on(signal, () => {
      for (const t of live) removeQuietly(t);
      live.clear();
      process.exit(128 + number);
    });
  }
}

/** `.<name>.<pid>.<n>.tmp`, with the name shortened (by UTF-8 bytes) so the whole fits NAME_MAX. */
export function tempNameFor(file: string, pid: number, n: number): string {
  const suffix = `.${pid}.${n}.tmp`;
  const room = NAME_MAX_BYTES - 1 - Buffer.byteLength(suffix);
  const chars = Array.from(basename(file)); // code points, so a multi-byte character is never split
  while (Buffer.byteLength(chars.join('')) > room) chars.pop();
  return join(dirname(file), `.${chars.join('')}${suffix}`);
}

function lstatOrNull(file: string): Stats | null {
  try {
    return lstatSync(file);
  } catch {
    return null;
  }
}

const kindOf = (s: Stats): string =>
  s.isDirectory() ? 'a directory' : s.isFIFO() ? 'a named pipe (FIFO)' : s.isCharacterDevice() ? 'a character device' : s.isBlockDevice() ? 'a block device' : s.isSocket() ? 'a socket' : 'not a regular file';

/**
 * Where the output really goes: the path itself, or (with followSymlinks) the regular file a symlink
 * points to. An existing target that is not a regular file is refused: replacing /dev/null or a FIFO
 * with a regular file (as root in a CI container) would break the system, not write a report.
 */
export function resolveOutputTarget(file: string, opts: { followSymlinks?: boolean } = {}): string {
  if (file === '') throw new InputError('OUTPUT_INVALID', 'the output file name is empty', { location: '--out' });
  const l = lstatOrNull(file);
  if (l === null) return file;
  let target = file;
  let s: Stats = l;
  if (l.isSymbolicLink()) {
    if (!opts.followSymlinks) throw new InputError('OUTPUT_INVALID', 'is a symbolic link; refusing to replace it (pass --follow-symlinks to write the file it points to)', { location: file });
    try {
      target = realpathSync(file);
      s = statSync(target);
    } catch {
      // a dangling link: write where it points
      return file;
    }
  }
  if (!s.isFile()) throw new InputError('OUTPUT_INVALID', `is ${kindOf(s)}; --out writes regular files only`, { location: file });
  return target;
}

/**
 * Writes `text` to `file` atomically: a temp file in the same directory (same filesystem), fsync, rename.
 * A reader (or a CI step) sees the old file or the whole new one, never a torn one. Every failure is one
 * InputError naming the file; the temp file is removed on failure and on SIGINT/SIGTERM.
 */
export function writeOutputAtomic(file: string, text: string, opts: { followSymlinks?: boolean } = {}): void {
  const target = resolveOutputTarget(file, opts);
  const tmp = tempNameFor(target, process.pid, ++counter);
  installSignalCleanup();
  let fd: number | undefined;
  try {
    live.add(tmp);
    fd = openSync(tmp, 'wx', 0o644);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, target);
    live.delete(tmp);
  } catch (err) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // the write already failed; a failed close adds nothing
      }
    }
    removeQuietly(tmp);
    live.delete(tmp);
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    const why: Record<string, string> = {
      ENOTDIR: 'a parent of the path is not a directory',
      ENOENT: 'the directory does not exist',
      ENAMETOOLONG: 'the file name is too long',
      ENOSPC: 'no space left on the device',
      EACCES: 'permission denied',
      EROFS: 'the filesystem is read-only',
      EISDIR: 'it is a directory',
    };
    throw new InputError('OUTPUT_UNWRITABLE', `cannot write the output file (${code}${why[code] ? `: ${why[code]}` : ''})`, { location: file });
  }
}
