import { closeSync, constants, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { didYouMean, InputError } from '../schema/index.js';

/**
 * The one way trainplan reads a file a user hands it (model, catalog, portfolio, baseline, CSV import):
 * a regular file only (FIFOs, devices, sockets and directories are refused without blocking), at most
 * the kind's size cap, strict UTF-8 (a UTF-8 BOM is stripped; UTF-16 is detected and named), no NUL.
 */
export type InputKind = 'model' | 'catalog' | 'portfolio' | 'baseline' | 'csv';

/** Size caps per kind (documented in README "Input files"): far above any real file, far below harm. */
export const INPUT_LIMITS: Readonly<Record<InputKind, { maxBytes: number; what: string }>> = {
  model: { maxBytes: 1024 * 1024, what: 'a YAML model file' },
  portfolio: { maxBytes: 1024 * 1024, what: 'a YAML portfolio file' },
  catalog: { maxBytes: 10 * 1024 * 1024, what: 'a YAML catalog file' },
  baseline: { maxBytes: 50 * 1024 * 1024, what: 'a trainplan JSON document' },
  csv: { maxBytes: 50 * 1024 * 1024, what: 'a CSV file' },
};

const MiB = (n: number) => `${Math.round((n / (1024 * 1024)) * 10) / 10} MiB`;

function openInput(path: string, kind: InputKind): number {
  if (path === '') throw new InputError('FILE_NOT_FOUND', `empty file name, expected ${INPUT_LIMITS[kind].what}`, { location: '""' });
  try {
    // O_NONBLOCK: opening a FIFO with no writer must not hang; fstat below refuses it anyway.
    return openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      const close = siblingSuggestion(path);
      throw new InputError('FILE_NOT_FOUND', 'no such file', { location: path, suggestion: close ? `did you mean ${close}?` : undefined });
    }
    if (code === 'EISDIR') throw new InputError('FILE_IS_DIRECTORY', `is a directory, expected ${INPUT_LIMITS[kind].what}`, { location: path });
    if (code === 'ENAMETOOLONG') throw new InputError('FILE_UNREADABLE', 'the file name is too long', { location: path.slice(0, 80) + '…' });
    throw new InputError('FILE_UNREADABLE', `cannot read file (${code ?? 'unknown error'})`, { location: path });
  }
}

function siblingSuggestion(path: string): string | undefined {
  try {
    const dir = dirname(path);
    const ext = /\.[a-z]+$/i.exec(path)?.[0]?.toLowerCase() ?? '.yaml';
    const names = readdirSync(dir).filter((n) => n.toLowerCase().endsWith(ext) || (ext === '.yaml' && /\.yml$/i.test(n)));
    const close = didYouMean(basename(path), names);
    return close === undefined ? undefined : dir === '.' && !path.startsWith('.') ? close : join(dir, close);
  } catch {
    return undefined;
  }
}

function describeNonRegular(s: ReturnType<typeof fstatSync>): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a named pipe (FIFO)';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Reads to EOF, but never more than maxBytes + 1 bytes (fstat's size can lie: /proc files, growing files). */
function readCapped(fd: number, path: string, maxBytes: number, what: string): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, maxBytes + 1 - total));
    let got: number;
    try {
      got = readSync(fd, chunk, 0, chunk.length, null);
    } catch (err) {
      throw new InputError('FILE_UNREADABLE', `cannot read file (${(err as NodeJS.ErrnoException).code ?? 'unknown error'})`, { location: path });
    }
    if (got === 0) return Buffer.concat(chunks, total);
    chunks.push(chunk.subarray(0, got));
    total += got;
    if (total > maxBytes) throw new InputError('FILE_TOO_LARGE', `is over ${MiB(maxBytes)}, the limit for ${what}`, { location: path });
  }
}

/** "line:col" (1-based, col in characters) of byte `offset` in `bytes`. */
function lineColOf(bytes: Buffer, offset: number): string {
  const before = bytes.subarray(0, offset);
  let line = 1;
  let start = 0;
  for (let i = 0; i < before.length; i++) if (before[i] === 0x0a) { line++; start = i + 1; }
  const col = new TextDecoder('utf-8').decode(before.subarray(start)).length + 1;
  return `${line}:${col}`;
}

/** First byte offset where `bytes` stops being valid UTF-8 (the caller knows there is one). */
function firstInvalidUtf8(bytes: Buffer): number {
  let lo = 0;
  let hi = bytes.length;
  const ok = (n: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  // The longest prefix that streams may end in an incomplete sequence: the bad byte is its lead.
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, lo));
    return lo;
  } catch {
    for (let k = 1; k <= 3 && lo - k >= 0; k++) if (bytes[lo - k]! >= 0xc0) return lo - k;
    return lo;
  }
}

/** Looks like UTF-16 without a BOM: ASCII text with a NUL in every other byte. */
function looksUtf16(bytes: Buffer): 'LE' | 'BE' | null {
  const n = Math.min(bytes.length, 256) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  if (odd >= n / 2 - 1 && even === 0) return 'LE';
  if (even >= n / 2 - 1 && odd === 0) return 'BE';
  return null;
}

/** Bytes → text: BOM stripped, UTF-16 named, NUL and invalid UTF-8 refused with a line:col. */
export function decodeInput(bytes: Buffer, path: string, kind: InputKind): string {
  const what = INPUT_LIMITS[kind].what;
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'LE' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'BE' : looksUtf16(bytes);
  if (utf16) {
    throw new InputError('FILE_ENCODING', `is UTF-16 (${utf16}) text; trainplan reads UTF-8, so save it as UTF-8`, { location: path });
  }
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const nul = body.indexOf(0);
  if (nul >= 0) {
    throw new InputError('FILE_BINARY', `is a binary file (a NUL byte at ${lineColOf(body, nul)}), expected ${what}`, { location: path });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const at = firstInvalidUtf8(body);
    throw new InputError('FILE_BINARY', `is not valid UTF-8 text (an invalid byte at ${lineColOf(body, at)}), expected ${what}`, { location: path });
  }
}

/** Reads one input file of `kind` as text, or throws one InputError naming the path. */
export function readInputFile(path: string, kind: InputKind): string {
  const { maxBytes, what } = INPUT_LIMITS[kind];
  const fd = openInput(path, kind);
  try {
    const s = fstatSync(fd);
    if (s.isDirectory()) throw new InputError('FILE_IS_DIRECTORY', `is a directory, expected ${what}`, { location: path });
    if (!s.isFile()) throw new InputError('FILE_NOT_REGULAR', `is ${describeNonRegular(s)}, expected ${what} (only regular files are read)`, { location: path });
    if (s.size > maxBytes) throw new InputError('FILE_TOO_LARGE', `is ${MiB(s.size)}; ${what} is limited to ${MiB(maxBytes)}`, { location: path });
    return decodeInput(readCapped(fd, path, maxBytes, what), path, kind);
  } finally {
    try {
      closeSync(fd);
    } catch {
      // closing a read-only descriptor cannot lose data; nothing to report
    }
  }
}
