/**
 * The file-system edge: reading inputs (strict UTF-8) with clear errors,
 * atomic writes that check every byte, paths kept inside a folder. The
 * staging folders of `dist/` are in staging.ts, locks in lock.ts,
 * multi-file commits in transaction.ts. Everything else is pure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError, WriteError } from './errors.js';
import { decodeText } from './decode.js';
import { sha256 } from './hash.js';
import { ownerTag, tagAlive } from './lock.js';
import { rel } from './display.js';

/** Reads a text file as strict UTF-8 (see decode.ts), or throws an InputError naming it. */
export function readText(file: string, what = 'file'): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? `${what} not found` : `cannot read ${what} (${code ?? String(error)})`;
    throw new InputError(reason, { file: rel(file), line: 1, column: 1 }, { cause: error });
  }
  return decodeText(bytes, rel(file));
}

/** Reads a text file (strict UTF-8) if it exists. */
export function readOptional(file: string): string | undefined {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return decodeText(bytes, rel(file));
}

// Paths in messages are relative to where the command was run (display.ts).
export { rel } from './display.js';

let counter = 0;

/** The temporary name of a file being written: owner pid and start time, so the next run knows litter. */
export function tempName(file: string): string {
  return `${file}.tmp-${ownerTag()}-${counter++}`;
}

/** True for a temporary file name made by `tempName` (or an older version) whose owner is gone. */
export function deadTemp(name: string): boolean {
  const m = /\.tmp-(\d+(?:-\d+)?)-\d+$/.exec(name) ?? /\.tmp-(\d+)$/.exec(name);
  return m !== null && !tagAlive(m[1]!); // group 1 is not optional
}

/** fsyncs a folder, so that a rename in it survives a power cut (where the file system allows it). */
export function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on folders; the rename is still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Writes bytes to a new temporary file beside `file`, all of them (looping
 * on short writes), checks the size on disk and fsyncs it.
 * @returns the temporary file
 * @throws WriteError (the temporary file removed) when any step fails
 */
export function writeTemp(file: string, bytes: Uint8Array): string {
  const tmp = tempName(file);
  let fd: number | undefined;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fd = fs.openSync(tmp, 'wx', 0o644);
    let done = 0;
    while (done < bytes.length) {
      const n = fs.writeSync(fd, bytes, done, bytes.length - done);
      if (n <= 0) throw Object.assign(new Error('short write'), { code: 'ESHORT' });
      done += n;
    }
    fs.fsyncSync(fd);
    if (fs.fstatSync(fd).size !== bytes.length) throw Object.assign(new Error('short write'), { code: 'ESHORT' });
    fs.closeSync(fd);
    fd = undefined;
    return tmp;
  } catch (error) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw new WriteError(rel(file), error);
  }
}

/** The bytes of a text or binary content. */
export const bytesOf = (content: string | Uint8Array): Buffer =>
  typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);

/**
 * Writes a file atomically: a temporary file in the same folder, written
 * whole, size-checked and fsynced, then renamed over the target and the
 * folder fsynced. A kill or a full disk leaves the old file.
 * Returns false (and writes nothing) when the content is already there.
 * @throws WriteError when the file could not be written (the old one is intact)
 */
export function writeAtomic(file: string, content: string | Uint8Array): boolean {
  const existing = readBytesOptional(file);
  const bytes = bytesOf(content);
  if (existing && existing.equals(bytes)) return false;
  const tmp = writeTemp(file, bytes);
  try {
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw new WriteError(rel(file), error);
  }
  syncDir(path.dirname(file));
  return true;
}

/** The bytes of a file, or undefined when it does not exist. */
export function readBytesOptional(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Writes a file (not atomically: for staging folders that are swapped in whole).
 * @throws WriteError when the disk refuses it (the staging folder is then discarded)
 */
export function writeFile(file: string, content: string | Uint8Array): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Staging folders hold hard links to the previous build: unlink first so
    // that writing never changes the file the old build still shows.
    fs.rmSync(file, { force: true });
    fs.writeFileSync(file, content);
  } catch (error) {
    throw new WriteError(rel(file), error);
  }
}

/**
 * Hard-links a file (copies across file systems, and only when the copy
 * there differs in size or bytes: a no-change build does not copy 7 MB of
 * fonts again).
 */
export function linkOrCopy(from: string, to: string): void {
  try {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    const there = fs.statSync(to, { throwIfNoEntry: false });
    if (there) {
      const source = fs.statSync(from);
      if (there.ino === source.ino && there.dev === source.dev) return;
      if (there.size === source.size && sha256(fs.readFileSync(to)) === sha256(fs.readFileSync(from))) return;
    }
    fs.rmSync(to, { force: true });
    try {
      fs.linkSync(from, to);
    } catch {
      fs.copyFileSync(from, to);
    }
  } catch (error) {
    throw new WriteError(rel(to), error);
  }
}

/**
 * Links `from` into `to`, taking the same bytes from `previous` when it
 * holds them: a file the last build already has (fonts) is linked from
 * there, on the build's own file system, instead of copied again from
 * another one (a no-change build then needs no room for 7 MB of fonts).
 */
export function linkOrCopyFrom(from: string, to: string, previous: string): void {
  const old = fs.statSync(previous, { throwIfNoEntry: false });
  const source = fs.statSync(from);
  // Already a link to the same file (one file system): nothing to compare. Across file systems, the bytes decide.
  const linked = old !== undefined && old.ino === source.ino && old.dev === source.dev;
  const same =
    linked || (old?.isFile() && old.size === source.size && fs.readFileSync(previous).equals(fs.readFileSync(from)));
  linkOrCopy(same ? previous : from, to);
}

/** Resolves a path that must stay inside `root`; throws an InputError otherwise. */
export function inside(root: string, relative: string, file: string, line = 1): string {
  const full = path.resolve(root, relative);
  const r = path.relative(path.resolve(root), full);
  if (r.startsWith('..') || path.isAbsolute(r)) {
    throw new InputError(`path "${relative}" would fall outside ${rel(root)}`, { file, line, column: 1 });
  }
  return full;
}

/**
 * Resolves a path that must stay inside `root` once links are followed
 * (realpath): a symbolic link under `source/` to a file elsewhere is
 * refused, naming the path only, never quoting the target's content.
 * @returns the real path of the file (to read or copy), or the resolved path when it does not exist
 * @throws InputError when the path or its real target falls outside `root`
 */
export function insideReal(root: string, relative: string, file: string, line = 1): string {
  const full = inside(root, relative, file, line);
  let real: string;
  try {
    real = fs.realpathSync(full);
  } catch {
    return full;
  }
  const r = path.relative(fs.realpathSync(root), real);
  if (r.startsWith('..') || path.isAbsolute(r)) {
    throw new InputError(
      `"${relative}" is a link to a file outside ${rel(root)}/: only files inside it are read; copy the file there instead`,
      { file, line, column: 1 },
    );
  }
  return real;
}

/** Lists files below a folder, relative paths, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.push(path.relative(dir, full));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out.sort();
}
