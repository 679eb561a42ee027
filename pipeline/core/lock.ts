/**
 * Locks that hold: one lock file per guarded folder (catalogs and state,
 * `dist/`, `archive/`). A lock is created whole and atomically (its
 * content is written to a private file first, then hard-linked to the lock
 * name, which fails when the name exists, like O_EXCL), and names its
 * owner by pid, process start time and host, so that a pid reused by
 * another process is not taken for a live owner.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InputError, WriteError } from './errors.js';
import { onStop } from './shutdown.js';
import { rel } from './display.js';
import { layout } from './layout.js';

/** Who holds a lock. */
export interface LockOwner {
  pid: number;
  /** Start time of the process, in clock ticks since boot (`/proc/<pid>/stat` field 22); null when unknown. */
  start: number | null;
  host: string;
  command: string;
  since: string;
}

/** Options of `acquireLock`; every field says its default. */
export interface LockOptions {
  /** What the lock guards, for messages, e.g. `dist/`. */
  what: string;
  /** The command taking it, recorded in the lock; default `statement`. */
  command?: string;
  /** How long to wait for a live owner before refusing (ms); default 5000 or STATEMENT_LOCK_WAIT_MS. */
  waitMs?: number;
  /** Told, in one line, when a stale lock is taken over; default: stderr. */
  log?: (line: string) => void;
}

/** Start time of a process (clock ticks since boot), or undefined when it does not exist. */
export function processStart(pid: number | 'self'): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[22 - 3]);
  } catch {
    return undefined;
  }
}

let ownStart: number | null | undefined;
/** This process as a lock owner. */
export function self(command: string): LockOwner {
  if (ownStart === undefined) ownStart = processStart('self') ?? null;
  return { pid: process.pid, start: ownStart, host: os.hostname(), command, since: new Date().toISOString() };
}

/** A tag naming this process that stays unique across pid reuse (for staging and temp names). */
export function ownerTag(): string {
  const me = self('statement');
  return `${me.pid}-${me.start ?? 0}`;
}

/** True when the process named by a tag from `ownerTag` (or by a bare pid) may still be running. */
export function tagAlive(tag: string): boolean {
  const [pid, start] = tag.split('-').map(Number);
  if (pid === undefined || !Number.isInteger(pid) || pid <= 0) return false;
  const now = processStart(pid);
  if (now === undefined) return false;
  return start === undefined || Number.isNaN(start) || start === 0 || now === start;
}

function parseOwner(text: string | undefined): LockOwner | undefined {
  if (!text) return undefined;
  try {
    const o = JSON.parse(text) as LockOwner;
    if (Number.isInteger(o.pid)) return o;
  } catch {
    // An older version wrote the bare pid.
    const pid = Number(text.trim());
    if (Number.isInteger(pid) && pid > 0)
      return { pid, start: null, host: os.hostname(), command: 'statement', since: '' };
  }
  return undefined;
}

/** True while the owner may be running: its pid lives with the same start time (another host: assumed alive). */
export function ownerAlive(o: LockOwner): boolean {
  if (o.host !== os.hostname()) return true;
  if (o.pid === process.pid) return o.start === null || o.start === self(o.command).start;
  const start = processStart(o.pid);
  if (start === undefined) return false;
  if (o.start !== null) return start === o.start;
  // A lock of an older version has no start time: alive only if that pid is still a statement command.
  try {
    return fs.readFileSync(`/proc/${o.pid}/cmdline`, 'utf8').includes('statement');
  } catch {
    return false;
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
/** Blocks this thread (the lock is taken by synchronous code between reads and writes). */
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function readOwner(file: string): { text: string; owner: LockOwner | undefined } | undefined {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return { text, owner: parseOwner(text) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Removes a stale lock so that only one taker wins: the lock is renamed to
 * a private name (only one rename of it can succeed), then checked to be
 * the stale lock that was judged; a live lock moved by mistake (another
 * taker won in between) is linked back.
 */
function removeStale(file: string, staleText: string): boolean {
  const mine = `${file}.stale-${ownerTag()}`;
  try {
    fs.renameSync(file, mine);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const moved = fs.readFileSync(mine, 'utf8');
  if (moved !== staleText) {
    try {
      fs.linkSync(mine, file);
    } catch {
      // A third taker made a new lock meanwhile: it holds; the moved one's owner finds it gone when it releases.
    }
    fs.rmSync(mine, { force: true });
    return false;
  }
  fs.rmSync(mine, { force: true });
  return true;
}

const describe = (o: LockOwner | undefined) =>
  o
    ? `${o.command} (pid ${o.pid}${o.host !== os.hostname() ? ` on ${o.host}` : ''}${o.since ? `, since ${o.since}` : ''})`
    : 'command (unreadable lock)';

/**
 * Takes a lock, waiting a few seconds for a live owner; a stale lock (its
 * owner is gone, or its pid now belongs to another process) is taken over.
 * @returns the function that releases it (only while it is still ours)
 * @throws InputError naming the holder when it is still held after the wait
 */
export function acquireLock(file: string, options: LockOptions): () => void {
  const me = self(options.command ?? 'statement');
  const text = `${JSON.stringify(me)}\n`;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const waitMs = options.waitMs ?? Number(process.env.STATEMENT_LOCK_WAIT_MS ?? 5000);
  const deadline = Date.now() + waitMs;
  const shown = rel(file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const draft = `${file}.new-${ownerTag()}-${Math.random().toString(36).slice(2, 8)}`;
  try {
    fs.writeFileSync(draft, text, { flag: 'wx' });
  } catch (error) {
    fs.rmSync(draft, { force: true });
    throw new WriteError(shown, error);
  }
  try {
    for (;;) {
      try {
        fs.linkSync(draft, file);
        const release = () => {
          forget();
          // Released only while it is ours: a lock taken over from us (we were judged dead) is not removed.
          if (readOwner(file)?.text === text) fs.rmSync(file, { force: true });
        };
        // A command stopped by a signal exits without unwinding: its locks are given back by the clean-ups.
        const forget = onStop(release);
        return release;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new WriteError(shown, error);
      }
      const held = readOwner(file);
      if (!held) continue;
      // An unreadable or empty lock is not a live owner's: locks are linked into place whole.
      if (!held.owner || !ownerAlive(held.owner)) {
        if (removeStale(file, held.text))
          log(`${shown}: took over the stale lock of ${describe(held.owner)}, which is no longer running`);
        continue;
      }
      if (Date.now() >= deadline) {
        throw new InputError(
          `another ${describe(held.owner)} is writing ${options.what}; wait for it to finish, or remove ${shown} if no such command is running`,
          { file: shown, line: 1, column: 1 },
        );
      }
      sleep(100);
    }
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

/** The lock of the catalogs and states under `locales/`. */
export const catalogsLock = (root: string) => path.join(root, layout.locales, '.lock');
/** The lock of an output folder such as `dist/`: `dist.lock` beside it. */
export const outputLock = (out: string) => `${path.resolve(out)}.lock`;
/** The lock of `archive/`. */
export const archiveLock = (root: string) => path.join(root, layout.archive, '.lock');
