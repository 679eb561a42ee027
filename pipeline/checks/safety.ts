/** `empty` and `unsafe`: a translation of white space, or one that smuggles in markup, scripts or reordering controls. */
import type { Check } from './types.js';

const unsafe =
  /<\s*\/?\s*(script|style|iframe|object|embed|form|input|base|meta|link|svg|math|img|a|on\w+)\b|\bon[a-z]+\s*=|javascript:|vbscript:|data:[a-z]+\/|file:|url\s*\(/i;
// Embedding, override and isolate controls can make a reader see figures or words in another order than stored.
const bidi = /[\u202a-\u202e\u2066-\u2069]/;

/** `unsafe` (error): markup, a script or URL scheme, or bidirectional controls the source does not have. */
export const unsafeCheck: Check = (source, translation) => {
  const out: ReturnType<Check> = [];
  if (unsafe.test(translation) && !unsafe.test(source)) {
    out.push({
      check: 'unsafe',
      severity: 'error',
      message:
        'the translation holds markup, a script or a URL scheme the source does not have; it is removed from every output',
    });
  }
  if (bidi.test(translation) && !bidi.test(source)) {
    out.push({
      check: 'unsafe',
      severity: 'error',
      message:
        'the translation holds bidirectional control characters (U+202A–U+202E, U+2066–U+2069) that can reorder what a reader sees; remove them',
    });
  }
  return out;
};
