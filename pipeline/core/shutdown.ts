/**
 * Stopping on a signal: one AbortSignal the stages check before they start
 * new work or make a change visible, and a registry of clean-ups (close the
 * browser, remove a staging folder, give back a lock) that `cli.ts` runs
 * when SIGINT, SIGTERM or SIGHUP arrives. Only `cli.ts` installs the
 * handlers and decides the exit code; library code only registers and checks.
 */

/** Thrown by a stage that sees the stop request; `cli.ts` turns it into the signal's exit code. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted');
    this.name = 'Interrupted';
  }
}

/** A clean-up: `close` the normal way (may be async), `kill` at once (sync) when there is no time left. */
interface Cleanup {
  close: () => void | Promise<void>;
  kill?: () => void;
}

let controller = new AbortController();
const cleanups = new Set<Cleanup>();
let committed: string | undefined;

/** Aborted once a stop is requested. */
export function stopSignal(): AbortSignal {
  return controller.signal;
}

/** True once a stop is requested. */
export function stopping(): boolean {
  return controller.signal.aborted;
}

/** Throws Interrupted when a stop is requested: call before starting work or making a change visible. */
export function checkStop(): void {
  if (controller.signal.aborted) throw new Interrupted();
}

/**
 * Lets a signal that arrived during synchronous work be delivered (signal
 * handlers run between turns of the event loop), then checks for a stop.
 * Call right before a command's commit, which must then be synchronous.
 */
export async function yieldThenCheck(): Promise<void> {
  // Two turns: a handler installed since the loop last polled is only registered with epoll on
  // the first, and its signal read on the second (measured: one turn missed a SIGTERM).
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
  checkStop();
}

/**
 * Registers a clean-up to run if the command is stopped; returns the
 * function that unregisters it (call it once the work it undoes is done
 * or has been committed).
 */
export function onStop(close: () => void | Promise<void>, kill?: () => void): () => void {
  const entry: Cleanup = { close, kill };
  cleanups.add(entry);
  return () => {
    cleanups.delete(entry);
  };
}

/**
 * Records that the command has made its change visible (e.g. "the new
 * dist/"): a signal after this point cannot undo it, and the interrupted
 * line says so instead of "nothing was changed".
 */
export function noteCommitted(what: string): void {
  committed = what;
}

/** What the command had committed when stopped, if anything. */
export function committedWork(): string | undefined {
  return committed;
}

/** Requests a stop: aborts the signal (stages stop starting new work). */
export function requestStop(reason: string): void {
  if (!controller.signal.aborted) controller.abort(reason);
}

/**
 * Runs the clean-ups, newest first (the browser before the staging folder
 * it prints into, that before the lock), each at most `timeoutMs`; a
 * clean-up that does not finish in time is killed. Synchronous clean-ups
 * run back to back, so nothing else runs between the last one and the exit.
 */
export async function runCleanups(timeoutMs = 2500): Promise<void> {
  for (const entry of [...cleanups].reverse()) {
    cleanups.delete(entry);
    try {
      const done = entry.close();
      if (done instanceof Promise) {
        let timer: NodeJS.Timeout | undefined;
        const timedOut = await Promise.race([
          done.then(
            () => false,
            () => false,
          ),
          new Promise<boolean>((resolve) => {
            timer = setTimeout(() => resolve(true), timeoutMs);
          }),
        ]);
        clearTimeout(timer);
        if (timedOut) entry.kill?.();
      }
    } catch {
      entry.kill?.();
    }
  }
}

/** Runs every clean-up's `kill` (or its `close` when it has none) synchronously: a second signal, or exit. */
export function killAll(): void {
  for (const entry of [...cleanups].reverse()) {
    cleanups.delete(entry);
    try {
      if (entry.kill) entry.kill();
      else void entry.close();
    } catch {
      /* leaving anyway: the next run removes what is left */
    }
  }
}

/** Forgets the stop request and the clean-ups (tests running commands in one process). */
export function resetShutdown(): void {
  controller = new AbortController();
  cleanups.clear();
  committed = undefined;
}
