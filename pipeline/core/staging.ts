/**
 * The staging folders that replace an output folder such as `dist/` whole:
 * made beside it, named after their owner, swapped in by one rename of a
 * link, collected once their owner is gone. The file-system edge of the
 * build's output, with its lock.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WriteError } from './errors.js';
import { rel, syncDir } from './fsio.js';
import { ownerTag, tagAlive, acquireLock, outputLock } from './lock.js';

/** The folder that holds the complete builds `out` points at. */
function buildsDir(out: string): string {
  const full = path.resolve(out);
  return path.join(path.dirname(full), `.${path.basename(full)}-builds`);
}

/**
 * A staging folder for a new build of `out`, in `.<out>-builds/` beside it,
 * named after its owner (pid and process start time): another build
 * removes it only once that owner is gone. `out` itself is a symbolic link
 * to the current complete build, replaced in one atomic rename by `swapIn`.
 * @throws WriteError when the folder cannot be made
 */
export function createStaging(out: string): string {
  const dir = buildsDir(out);
  try {
    fs.mkdirSync(dir, { recursive: true });
    return fs.mkdtempSync(path.join(dir, `build-${ownerTag()}-`));
  } catch (error) {
    throw new WriteError(rel(dir), error);
  }
}

/**
 * Makes `staging` the current build: it is renamed `done-…` (a complete
 * build), a new link is made beside `out` and renamed over it, which is
 * atomic. A kill at any point leaves `out` pointing at the old complete
 * build or the new one, never at a partial one. Older builds are removed
 * afterwards. An `out` that is a real folder (made by hand, or by an older
 * version) is moved into the builds folder first. Call it holding the lock
 * of `out`.
 */
export function swapIn(staging: string, out: string): void {
  const full = path.resolve(out);
  const dir = buildsDir(out);
  const stat = fs.lstatSync(full, { throwIfNoEntry: false });
  if (stat && !stat.isSymbolicLink()) fs.renameSync(full, path.join(dir, `previous-${process.pid}-${Date.now()}`));
  const done = path.join(dir, `done-${path.basename(staging).replace(/^build-/, '')}`);
  fs.renameSync(staging, done);
  const link = `${full}.link-${process.pid}`;
  fs.rmSync(link, { force: true });
  fs.symlinkSync(path.relative(path.dirname(full), done), link, 'dir');
  fs.renameSync(link, full);
  syncDir(path.dirname(full));
  collectOldBuilds(out);
}

/**
 * Removes what `out` no longer points at: older complete builds, folders
 * of killed runs, `<out>.link-PID` links left by a kill. A staging folder
 * whose owner still runs is left alone (it may be a build in progress).
 */
export function collectOldBuilds(out: string): void {
  const dir = buildsDir(out);
  const current = currentBuild(out);
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const full = path.join(dir, name);
    const owner = /^build-(\d+-\d+)-/.exec(name)?.[1];
    if (full !== current && !(owner && tagAlive(owner))) fs.rmSync(full, { recursive: true, force: true });
  }
  const parent = path.dirname(path.resolve(out));
  const linkPrefix = `${path.basename(path.resolve(out))}.link-`;
  for (const name of fs.existsSync(parent) ? fs.readdirSync(parent) : []) {
    if (name.startsWith(linkPrefix) && /^\d+$/.test(name.slice(linkPrefix.length)))
      fs.rmSync(path.join(parent, name), { force: true });
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
 * Takes the lock of an output folder (`dist.lock` beside `dist/`) so that
 * two builds never write it at once; see lock.ts.
 * @throws InputError naming the running build, after a few seconds' wait
 */
export function lockOutput(out: string, log?: (line: string) => void): () => void {
  return acquireLock(outputLock(out), { what: `${rel(out)}/`, command: 'build', log });
}
