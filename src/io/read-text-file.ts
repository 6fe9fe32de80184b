import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { didYouMean, InputError } from '../schema/index.js';

/** Model and catalog files are small; anything bigger is a mistake (or an attack). */
export const MAX_INPUT_BYTES = 1024 * 1024;

function statOrThrow(path: string): Stats {
  try {
    return statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      const close = siblingSuggestion(path);
      throw new InputError('FILE_NOT_FOUND', 'no such file', { location: path, suggestion: close ? `did you mean ${close}?` : undefined });
    }
    throw new InputError('FILE_UNREADABLE', `cannot read file (${code ?? 'unknown error'})`, { location: path });
  }
}

function siblingSuggestion(path: string): string | undefined {
  try {
    const dir = dirname(path);
    const names = readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n));
    const close = didYouMean(basename(path), names);
    return close === undefined ? undefined : dir === '.' && !path.startsWith('.') ? close : join(dir, close);
  } catch {
    return undefined;
  }
}

/**
 * Reads a small UTF-8 text file, turning every way it can go wrong (missing, a directory,
 * a device, too big, empty, binary, invalid UTF-8) into one InputError naming the path.
 */
export function readTextFile(path: string, maxBytes: number = MAX_INPUT_BYTES): string {
  const stats = statOrThrow(path);
  if (stats.isDirectory()) throw new InputError('FILE_IS_DIRECTORY', 'is a directory, expected a YAML file', { location: path });
  if (!stats.isFile()) throw new InputError('FILE_UNREADABLE', 'is not a regular file', { location: path });
  if (stats.size > maxBytes) {
    throw new InputError('FILE_TOO_LARGE', `is ${stats.size} bytes; input files are limited to ${maxBytes} bytes`, { location: path });
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new InputError('FILE_UNREADABLE', `cannot read file (${(err as NodeJS.ErrnoException).code ?? 'unknown error'})`, { location: path });
  }
  if (bytes.length > maxBytes) {
    throw new InputError('FILE_TOO_LARGE', `input files are limited to ${maxBytes} bytes`, { location: path });
  }
  if (bytes.includes(0)) throw new InputError('FILE_BINARY', 'is a binary file (contains NUL bytes), expected YAML text', { location: path });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError('FILE_BINARY', 'is not valid UTF-8 text, expected YAML', { location: path });
  }
  return text;
}
