/**
 * Errors that the CLI turns into exit codes. Library code throws these (or
 * returns findings); only `cli.ts` decides what the process exits with.
 */

/** A place in an input file: 1-based line and column. */
export interface Place {
  file: string;
  line?: number;
  column?: number;
}

/** Bad input or usage: the CLI prints `file:line:col: message` and exits 2. */
export class InputError extends Error {
  readonly place: Place | undefined;
  constructor(message: string, place?: Place, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InputError';
    this.place = place;
  }

  /** `file:line:col: message`, the one line a user sees. */
  format(): string {
    return formatDiagnostic(this.place, this.message);
  }
}

/** Formats a diagnostic as `file:line:col: message` (line and column default to 1). */
export function formatDiagnostic(place: Place | undefined, message: string): string {
  if (!place) return message;
  return `${place.file}:${place.line ?? 1}:${place.column ?? 1}: ${message}`;
}

/** Line and column (1-based) of a character offset in a text. */
export function placeOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

const reasons: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  ENOTDIR: 'a parent is not a folder',
  EISDIR: 'is a folder',
  ESHORT: 'the disk took fewer bytes than were written',
};

/** The words of a system error code (`ENOSPC` → "no space left on device"). */
export function systemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (code && reasons[code]) ?? (code ? `${code.toLowerCase()}` : String((error as Error)?.message ?? error));
}

/**
 * A write that did not happen (disk full, read-only, no permission): the
 * CLI prints its one line (`locales/fr/state.json: no space left on
 * device; nothing was changed`) and exits 1. Thrown only after the old
 * files are back in place.
 */
export class WriteError extends Error {
  readonly file: string;
  constructor(file: string, cause: unknown, outcome = 'nothing was changed') {
    super(`${file}: ${systemReason(cause)}; ${outcome}`, { cause });
    this.name = 'WriteError';
    this.file = file;
  }
}

/**
 * Line and column of an offset, by binary search over the line starts
 * found in one pass: `placeOf` scans from the start each time, which made
 * reading a file quadratic in its number of elements.
 */
export function lineLocator(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset)
        lo = mid; // lo <= mid <= hi: indexes of starts
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}
