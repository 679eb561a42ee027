/**
 * `doubledWords`: the same word twice in a row ("the the", "de de"), across
 * nothing but white space. Script-aware: words are runs of letters of any
 * script, compared in the locale's lower case. Off for Chinese and
 * Japanese, which put no space between words (重重, 常常 are words).
 */
import type { Check } from './types.js';
import { memo } from '../core/memo.js';
import { languageOf, readable } from './types.js';

const off = new Set(['zh', 'ja']);

/** Words a language does double by its grammar: French reflexives (« nous nous souvenons »). */
const allowed: Record<string, Set<string>> = {
  fr: new Set(['nous', 'vous']),
  en: new Set(['had', 'that']),
};

/** A word, white space, the same word again (case-insensitive). */
const twice = /(?<![\p{L}\p{M}\p{N}])([\p{L}\p{M}]+)\s+\1(?![\p{L}\p{M}])/giu;

/** The doubled words of a text, lower-cased, in text order. */
function doubled(text: string, locale: string): string[] {
  const found: string[] = [];
  for (const m of readable(text).matchAll(twice)) found.push(m[1]!.toLocaleLowerCase(locale)); // group 1 is not optional
  return found;
}

const sourceDoubled = memo((text) => new Set(doubled(text, 'und')));

/** `doubled-words` (warning): a word twice in a row that the source does not double. */
export const doubledWordsCheck: Check = (source, translation, ctx) => {
  const lang = languageOf(ctx.locale);
  if (off.has(lang)) return [];
  const inTranslation = doubled(translation, ctx.locale);
  // The source is looked at only when the translation doubles a word (rarely).
  if (!inTranslation.length) return [];
  const inSource = sourceDoubled(source);
  const found = [...new Set(inTranslation)].filter((w) => !allowed[lang]?.has(w) && !inSource.has(w));
  if (!found.length) return [];
  return [
    {
      check: 'doubled-words',
      severity: 'warning',
      message: `${found.map((w) => `"${w} ${w}"`).join(', ')}: a word written twice in a row; delete one`,
    },
  ];
};
