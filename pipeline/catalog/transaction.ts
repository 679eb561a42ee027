/**
 * One transaction per command that writes several catalog files: every new
 * file is written whole to a temporary file first; then a journal listing
 * the renames is put in place (itself by one rename), the renames are
 * made, and the journal removed. A kill before the journal is in place
 * leaves the old set (the temporary files are litter, removed by the next
 * command); a kill after leaves a journal that the next command (or any
 * reader, through `settleCatalogs`) plays forward, giving the new set.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WriteError } from '../core/errors.js';
import { writeTemp, bytesOf, readBytesOptional, syncDir, deadTemp, rel } from '../core/fsio.js';
import { acquireLock, catalogsLock, tagAlive } from '../core/lock.js';
import { layout } from '../core/layout.js';

/** One file to write. */
export interface PlannedWrite {
  file: string;
  content: string;
}

/** The journal of a folder's transaction. */
export const journalFile = (dir: string) => path.join(dir, '.journal');

interface Journal {
  renames: Array<[string, string]>;
}

const held = new Set<string>();

/**
 * Runs `work` holding the lock of the catalogs and states under
 * `<root>/locales/`, after an interrupted transaction there was played
 * forward and the litter of killed runs removed.
 * @throws InputError naming the holder when another command keeps the lock
 */
export async function withCatalogs<T>(
  root: string,
  command: string,
  log: (line: string) => void,
  work: () => Promise<T> | T,
): Promise<T> {
  const dir = path.join(root, layout.locales);
  const release = acquireLock(catalogsLock(root), { what: `${rel(dir)}/`, command, log });
  held.add(dir);
  try {
    recover(dir);
    return await work();
  } finally {
    held.delete(dir);
    release();
  }
}

/**
 * Makes sure the catalogs read next are a whole set: when a journal is
 * left by a killed command, takes the lock and plays it forward. Cheap
 * when there is none (one stat).
 */
export function settleCatalogs(root: string): void {
  const dir = path.join(root, layout.locales);
  if (!fs.existsSync(journalFile(dir))) return;
  if (held.has(dir)) {
    recover(dir);
    return;
  }
  const release = acquireLock(catalogsLock(root), { what: `${rel(dir)}/`, command: 'recovery' });
  try {
    recover(dir);
  } finally {
    release();
  }
}

/** Plays a left journal forward, then removes temporary files of dead writers. Call holding the lock. */
export function recover(dir: string): void {
  const journal = journalFile(dir);
  const text = readBytesOptional(journal);
  if (text !== undefined) {
    let renames: Journal['renames'] = [];
    try {
      renames = (JSON.parse(text.toString('utf8')) as Journal).renames ?? [];
    } catch {
      // A journal is renamed into place whole; an unreadable one was never committed.
    }
    // Only renames a commit makes (a file's own temporary file onto it, inside locales/): a journal is no way to move other files.
    renames = renames.filter(
      ([from, to]) =>
        typeof from === 'string' &&
        typeof to === 'string' &&
        from.startsWith(`${to}.tmp-`) &&
        !path.relative(dir, path.resolve(dir, to)).startsWith('..') &&
        !path.isAbsolute(to),
    );
    for (const [from, to] of renames) {
      const tmp = path.join(dir, from);
      // Renamed already when gone: the kill came after it.
      if (fs.existsSync(tmp)) fs.renameSync(tmp, path.join(dir, to));
    }
    for (const d of new Set(renames.map(([, to]) => path.dirname(path.join(dir, to))))) syncDir(d);
    fs.rmSync(journal, { force: true });
    syncDir(dir);
  }
  sweep(dir);
}

/** Removes temporary files (and lock drafts) whose writer is gone, in `dir` and its locale folders. */
function sweep(dir: string): void {
  const folders = [
    dir,
    ...(fs.existsSync(dir)
      ? fs
          .readdirSync(dir, { withFileTypes: true })
          .filter((e) => e.isDirectory())
          .map((e) => path.join(dir, e.name))
      : []),
  ];
  for (const d of folders) {
    for (const name of fs.existsSync(d) ? fs.readdirSync(d) : []) {
      const draft = /\.(?:new|stale)-(\d+-\d+)(?:-\w+)?$/.exec(name);
      if (deadTemp(name) || (draft && name.startsWith('.lock.') && !tagAlive(draft[1]!)))
        fs.rmSync(path.join(d, name), { force: true });
    }
  }
}

/**
 * Writes a set of files under `dir` as one transaction (see above). Files
 * whose content is already there are left alone.
 * @returns the files written (changed), in the order given
 * @throws WriteError when a file cannot be written: then nothing was changed
 */
export function commitFiles(dir: string, writes: PlannedWrite[]): string[] {
  const changed = writes.filter((w) => {
    const old = readBytesOptional(w.file);
    return !(old && old.equals(bytesOf(w.content)));
  });
  if (changed.length === 0) return [];
  const temps: string[] = [];
  try {
    for (const w of changed) temps.push(writeTemp(w.file, bytesOf(w.content)));
    if (changed.length > 1) {
      // One temp per changed file, in order.
      const journal: Journal = {
        renames: changed.map((w, i) => [path.relative(dir, temps[i]!), path.relative(dir, w.file)]),
      };
      const jtmp = writeTemp(journalFile(dir), bytesOf(`${JSON.stringify(journal, null, 1)}\n`));
      temps.push(jtmp);
      fs.renameSync(jtmp, journalFile(dir));
      syncDir(dir);
    }
  } catch (error) {
    for (const t of temps) fs.rmSync(t, { force: true });
    throw error instanceof WriteError ? error : new WriteError(rel(journalFile(dir)), error);
  }
  // Committed: from here a failure is finished by the next command, from the journal.
  try {
    changed.forEach((w, i) => {
      fs.renameSync(temps[i]!, w.file);
    });
    for (const d of new Set(changed.map((w) => path.dirname(w.file)))) syncDir(d);
    if (changed.length > 1) {
      fs.rmSync(journalFile(dir), { force: true });
      syncDir(dir);
    }
  } catch (error) {
    throw new WriteError(rel(journalFile(dir)), error, 'the next command completes the change');
  }
  return changed.map((w) => w.file);
}
