/**
 * Strict decoding of text inputs: UTF-8 only, no control characters but
 * tab, newline and carriage return. A bad byte would otherwise be
 * published as U+FFFD ("6��3 people") and a NUL would reach the HTML.
 * Pure: bytes in, text out (or an InputError with the place of the byte).
 */
import { InputError } from './errors.js';

const strict = new TextDecoder('utf-8', { fatal: true });
// C0 controls but tab, LF and CR; DEL; C1 controls. None belongs in a statement, a catalog or a list.
const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** Line and column (1-based, in characters) of the end of `text`. */
function endOf(text: string): { line: number; column: number } {
  const lines = text.split('\n');
  return { line: lines.length, column: [...(lines[lines.length - 1] ?? '')].length + 1 };
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalid(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!; // i < bytes.length
    const n = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    // Overlong, surrogate and out-of-range forms, as the decoder refuses them.
    // Compared only where b starts a sequence, whose continuation bytes are there (checked above).
    const c1 = bytes[i + 1]!;
    if (
      (b === 0xe0 && c1 < 0xa0) ||
      (b === 0xed && c1 > 0x9f) ||
      (b === 0xf0 && c1 < 0x90) ||
      (b === 0xf4 && c1 > 0x8f)
    )
      return i;
    i += n + 1;
  }
  return bytes.length;
}

/**
 * Decodes a text file's bytes as strict UTF-8; a BOM at the start is dropped.
 * @param file the name shown in messages
 * @throws InputError at the line and column of an invalid byte or a control character
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  let text: string;
  try {
    text = strict.decode(bytes);
  } catch {
    const at = firstInvalid(bytes);
    const place = endOf(strict.decode(bytes.subarray(0, at)).replace(/^\uFEFF/, ''));
    throw new InputError(
      `invalid UTF-8 (byte 0x${bytes[at]?.toString(16).padStart(2, '0') ?? '??'}): save the file as UTF-8`,
      { file, ...place },
    );
  }
  const m = control.exec(text);
  if (m) {
    const place = endOf(text.slice(0, m.index).replace(/^\uFEFF/, ''));
    const code = `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    throw new InputError(
      `control character ${code} ${code === 'U+0000' ? '(NUL) ' : ''}is not allowed in text: remove it`,
      { file, ...place },
    );
  }
  return text;
}
