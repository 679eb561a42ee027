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
