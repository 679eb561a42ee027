/**
 * What a command may print, and the log and progress lines it prints to
 * stderr. Its own module so that main.ts and the commands both import it
 * without importing each other.
 */
import type { Progress } from '../core/project.js';

/** What a command may print: stdout for machine-readable results, stderr for logs. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when stderr is a terminal (progress bars instead of lines). */
  tty: boolean;
}

/** The process's own stdout and stderr. */
export const defaultIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  tty: Boolean(process.stderr.isTTY),
};

/** Writes one log line a call to stderr. */
export function logTo(io: Io): (line: string) => void {
  return (line) => io.err(`${line}\n`);
}

function bar(done: number, total: number): string {
  const width = 24;
  const filled = Math.round((width * done) / Math.max(total, 1));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

/** A progress bar redrawn in place on a terminal; undefined otherwise (logs are lines then). */
export function progressTo(io: Io): Progress | undefined {
  if (!io.tty) return undefined;
  return (done, total, label) =>
    io.err(`\r${bar(done, total)} ${done}/${total} ${label.slice(0, 64).padEnd(64)}${done === total ? '\n' : ''}`);
}
