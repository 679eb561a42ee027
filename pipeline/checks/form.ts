/** `identical`, `spaces` and `punctuation`: warnings on the form of a translation. */
import type { Check, Finding } from './types.js';
import { languageOf } from './types.js';

const endPunct: Record<string, RegExp> = {
  zh: /[。！？：；…]$/,
  ja: /[。！？：；…]$/,
  ar: /[.؟!:؛…]$/,
};
const defaultEnd = /[.!?:;…]$/;
/** Closing quotes and brackets: a sentence may end inside them ("… end.»"); they do not end one themselves. */
const closers = /[\s»)\]"”’」』）》〕】]+$/u;

function endsSentence(text: string, locale: string): boolean {
  const trimmed = text.trim().replace(closers, '');
  return (endPunct[languageOf(locale)] ?? defaultEnd).test(trimmed) || defaultEnd.test(trimmed);
}

/** `identical` (warning): a translation that is the source itself (postal addresses excepted). */
export const identicalCheck: Check = (source, translation, ctx) => {
  // Postal addresses are often written the same in every language (street, city, country as the post wants them).
  if (
    ctx.locale !== ctx.sourceLocale &&
    translation === source &&
    /\p{L}{3}/u.test(source) &&
    !ctx.key?.endsWith('--address')
  ) {
    return [{ check: 'identical', severity: 'warning', message: 'the translation is identical to the source' }];
  }
  return [];
};

/** `spaces` (warning): leading, trailing or double spaces. */
export const spacesCheck: Check = (source, translation) => {
  const out: Finding[] = [];
  if (/^\s|\s$/.test(translation) && !/^\s|\s$/.test(source))
    out.push({ check: 'spaces', severity: 'warning', message: 'leading or trailing white space' });
  if (/\S {2,}\S/.test(translation))
    out.push({ check: 'spaces', severity: 'warning', message: 'double space inside the text' });
  return out;
};

/** `punctuation` (warning, statement only): ends with punctuation where the source does, and only there (script-aware). */
export const punctuationCheck: Check = (source, translation, ctx) => {
  if (ctx.ns !== 'statement') return [];
  const a = endsSentence(source, ctx.sourceLocale);
  if (a === endsSentence(translation, ctx.locale)) return [];
  return [
    {
      check: 'punctuation',
      severity: 'warning',
      message: a
        ? 'the source ends with punctuation, the translation does not'
        : 'the translation ends with punctuation, the source does not',
    },
  ];
};
