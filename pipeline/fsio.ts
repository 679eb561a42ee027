/**
 * The file-system edge: reading inputs with clear errors, atomic writes,
 * the staging folder that replaces `dist/`. Everything else is pure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InputError } from './errors.js';

/** Reads a UTF-8 text file, or throws an InputError naming it. */
export function readText(file: string, what = 'file'): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? `${what} not found` : `cannot read ${what} (${code ?? String(error)})`;
    throw new InputError(reason, { file: rel(file), line: 1, column: 1 }, { cause: error });
  }
}

/** Reads a text file if it exists. */
export function readOptional(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** A path relative to the working directory, for messages. */
export function rel(file: string): string {
  const r = path.relative(process.cwd(), file);
  return r === '' ? '.' : r.startsWith('..') ? file : r;
}

let counter = 0;

/**
 * Writes a file atomically: a temporary file in the same folder, flushed,
 * then renamed over the target. A kill leaves the old or the new file.
 * Returns false (and writes nothing) when the content is already there.
 */
export function writeAtomic(file: string, content: string | Uint8Array): boolean {
  const existing = readBytesOptional(file);
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  if (existing && existing.equals(bytes)) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${counter++}`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  return true;
}

function readBytesOptional(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Writes a file (not atomically: for staging folders that are swapped in whole). */
export function writeFile(file: string, content: string | Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Staging folders hold hard links to the previous build: unlink first so
  // that writing never changes the file the old build still shows.
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, content);
}

/** Copies a file unless the target already has the same size and modification time. */
export function copyIfChanged(from: string, to: string): void {
  const a = fs.statSync(from);
  try {
    const b = fs.statSync(to);
    if (a.size === b.size && Math.trunc(a.mtimeMs) === Math.trunc(b.mtimeMs)) return;
  } catch {
    /* absent: copy */
  }
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
  fs.utimesSync(to, a.atime, a.mtime);
}

/**
 * A staging folder beside `out`, filled by the build and swapped in at the
 * end: a kill leaves the previous `out` whole.
 */
export function createStaging(out: string): string {
  const parent = path.dirname(path.resolve(out));
  fs.mkdirSync(parent, { recursive: true });
  return fs.mkdtempSync(path.join(parent, `.dist-staging-${path.basename(out)}-`));
}

/**
 * Replaces `out` by `staging`: the old folder is renamed aside, the new one
 * renamed in, then the old one removed. Between the two renames `out` is
 * briefly absent, never half written.
 */
export function swapIn(staging: string, out: string): void {
  const old = `${staging}-old`;
  const hadOld = fs.existsSync(out);
  if (hadOld) fs.renameSync(out, old);
  fs.renameSync(staging, out);
  if (hadOld) fs.rmSync(old, { recursive: true, force: true });
}

/** Removes a staging folder that will not be used. */
export function discard(staging: string): void {
  fs.rmSync(staging, { recursive: true, force: true });
}

/** Resolves a path that must stay inside `root`; throws an InputError otherwise. */
export function inside(root: string, relative: string, file: string): string {
  const full = path.resolve(root, relative);
  const r = path.relative(path.resolve(root), full);
  if (r.startsWith('..') || path.isAbsolute(r)) {
    throw new InputError(`path "${relative}" would fall outside ${rel(root)}`, { file, line: 1, column: 1 });
  }
  return full;
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
