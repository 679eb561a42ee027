/**
 * `sentences`: a translation with a different number of sentences from its
 * source has likely dropped one, or run two together. Sentences are counted
 * with `Intl.Segmenter` for each text's own locale (ICU's rules). Off for
 * Chinese, Japanese and Arabic: their translators split and join sentences
 * as the language wants (Arabic runs clauses on with و and commas; a Chinese
 * sentence often carries two English ones), so a count there is noise.
 */
import { memo } from '../core/memo.js';
import type { Check } from './types.js';
import { languageOf, readable } from './types.js';

const off = new Set(['zh', 'ja', 'ar']);

const segmenter = memo((locale) => new Intl.Segmenter(locale, { granularity: 'sentence' }));

/** A segment that goes on the one before: it opens with a closing mark, a comma or a small letter (« Justice ! », menée…). */
const continues = /^[\s\u00a0\u202f]*(?:[»”"’)\]」』）,;:]|\p{Ll})/u;
/** A sentence that opens with a figure ("… unknown. 487 people …"): ICU does not break there, a reader does. */
const figureStart = /(?<=[.!?…]["”»’)]?)\s+(?=\p{N})/u;

/**
 * Sentences of a text: ICU's sentence segments that hold a letter, with two
 * corrections to ICU, so that source and translation are counted alike:
 * a break inside a quotation that the sentence goes on after is no break,
 * and a full stop before a figure is one.
 */
export function countSentences(text: string, locale: string): number {
  // No terminator or line break before the end: one sentence (or none), without asking ICU (most short texts).
  const inner = text.replace(/[\s.!?…。！？"”»’)\]*_]+$/u, '');
  if (!/[.!?…。！？\n\r\u2028\u2029]/u.test(inner)) return /\p{L}/u.test(text) ? 1 : 0;
  const parts: string[] = [];
  for (const { segment } of segmenter(locale).segment(readable(text))) {
    if (parts.length && continues.test(segment)) parts[parts.length - 1] += segment;
    else parts.push(segment);
  }
  return parts.flatMap((p) => p.split(figureStart)).filter((p) => /\p{L}/u.test(p)).length;
}

const sourceSentences = memo((key) => {
  const at = key.indexOf('\u0000');
  return countSentences(key.slice(at + 1), key.slice(0, at));
});

/** `sentences` (warning, statement only): as many sentences as the source. */
export const sentencesCheck: Check = (source, translation, ctx) => {
  if (ctx.ns !== 'statement' || off.has(languageOf(ctx.locale))) return [];
  const a = sourceSentences(`${ctx.sourceLocale}\u0000${source}`);
  const b = countSentences(translation, ctx.locale);
  if (a === b) return [];
  return [
    {
      check: 'sentences',
      severity: 'warning',
      message: `the source has ${a} sentence${a === 1 ? '' : 's'}, the translation ${b}: ${b < a ? 'a sentence may be missing, or two run together' : 'a sentence may be split or added'}; compare them sentence by sentence`,
    },
  ];
};
