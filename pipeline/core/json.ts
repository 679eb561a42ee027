/** Reading a JSON input file: a syntax error becomes one `file:line:col` message. */
import { InputError, placeOf } from './errors.js';

/**
 * Parses JSON text, or throws an InputError at the place JSON.parse points
 * to (the end of the text when it names none), with its reason minus the
 * offset; `advice` is added after it (e.g. how to repair the file).
 */
export function parseJson(text: string, file: string, advice = ''): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = String((error as Error).message);
    const m = /position (\d+)/.exec(message);
    const offset = m ? Number(m[1]) : text.length;
    throw new InputError(
      `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}${advice}`,
      { file, ...placeOf(text, offset) },
      { cause: error },
    );
  }
}
