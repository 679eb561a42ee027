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

/** The folder that holds the complete builds `out` points at. */
function buildsDir(out: string): string {
  const full = path.resolve(out);
  return path.join(path.dirname(full), `.${path.basename(full)}-builds`);
}

/**
 * A staging folder for a new build of `out`, in `.<out>-builds/` beside it.
 * `out` itself is a symbolic link to the current complete build, replaced
 * in one atomic rename by `swapIn`.
 */
export function createStaging(out: string): string {
  const dir = buildsDir(out);
  fs.mkdirSync(dir, { recursive: true });
  return fs.mkdtempSync(path.join(dir, 'build-'));
}

/**
 * Makes `staging` the current build: a new link is made beside `out` and
 * renamed over it, which is atomic. A kill at any point leaves `out`
 * pointing at the old complete build or the new one, never at a partial
 * one. Older builds are removed afterwards. An `out` that is a real folder
 * (made by hand, or by an older version) is moved into the builds folder
 * first.
 */
export function swapIn(staging: string, out: string): void {
  const full = path.resolve(out);
  const dir = buildsDir(out);
  const stat = fs.lstatSync(full, { throwIfNoEntry: false });
  if (stat && !stat.isSymbolicLink()) fs.renameSync(full, path.join(dir, `previous-${process.pid}-${Date.now()}`));
  const link = `${full}.link-${process.pid}`;
  fs.rmSync(link, { force: true });
  fs.symlinkSync(path.relative(path.dirname(full), staging), link, 'dir');
  fs.renameSync(link, full);
  collectOldBuilds(out);
}

/** Removes the builds `out` no longer points at (and half-made ones from killed runs). */
export function collectOldBuilds(out: string): void {
  const dir = buildsDir(out);
  const current = currentBuild(out);
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const full = path.join(dir, name);
    if (full !== current) fs.rmSync(full, { recursive: true, force: true });
  }
}

/** The folder `out` points at, or undefined. */
export function currentBuild(out: string): string | undefined {
  try {
    return fs.realpathSync(path.resolve(out));
  } catch {
    return undefined;
  }
}

/** Removes a staging folder that will not be used. */
export function discard(staging: string): void {
  fs.rmSync(staging, { recursive: true, force: true });
}

/**
 * Takes the lock of an output folder so that two builds never write it at
 * once: a lock file made with O_EXCL holding the owner's pid. A lock whose
 * owner is gone (killed) is taken over.
 * @throws InputError naming the running build
 */
export function lockOutput(out: string): () => void {
  const file = `${path.resolve(out)}.lock`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readOptional(file)?.trim());
      if (pid && pid !== process.pid && alive(pid)) {
        throw new InputError(`another build (pid ${pid}) is writing ${rel(out)}; wait for it to finish`, { file: rel(file), line: 1, column: 1 });
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new InputError(`cannot take the lock ${rel(file)}`, { file: rel(file), line: 1, column: 1 });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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
