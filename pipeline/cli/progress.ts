/**
 * The progress bar of printing on a terminal (`build`, `release`): one
 * line redrawn in place on stderr; none when stderr is not a terminal
 * (the build then logs a line a PDF).
 */
import type { Io } from './main.js';

const WIDTH = 24;

function bar(done: number, total: number): string {
  const filled = Math.round((WIDTH * done) / Math.max(total, 1));
  return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`;
}

/** The `progress` option of a build for this terminal; undefined when stderr is not one. */
export function progressBar(io: Io): ((done: number, total: number, label: string) => void) | undefined {
  if (!io.tty) return undefined;
  return (done, total, label) => io.err(`\r${bar(done, total)} ${done}/${total} ${label.slice(0, 64).padEnd(64)}${done === total ? '\n' : ''}`);
}
