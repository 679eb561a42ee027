/**
 * How paths are shown in messages: relative to the folder the command was
 * run in, which the CLI sets once (it alone reads the working directory).
 */
import path from 'node:path';

let base: string | undefined;

/** Sets the folder that message paths are shown relative to (the CLI's working directory). */
export function setDisplayBase(dir: string | undefined): void {
  base = dir === undefined ? undefined : path.resolve(dir);
}

/**
 * A path for messages: relative to the display base when inside it, else
 * as given (also when no base is set, as for a library call).
 */
export function rel(file: string): string {
  if (base === undefined) return file;
  const r = path.relative(base, path.resolve(base, file));
  return r === '' ? '.' : r.startsWith('..') ? file : r;
}
