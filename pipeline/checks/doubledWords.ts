/**
 * `doubledWords`: the same word twice in a row ("the the", "de de"), across
 * nothing but white space. Script-aware: words are runs of letters of any
 * script, compared in the locale's lower case. Off for Chinese and
 * Japanese, which put no space between words (重重, 常常 are words).
 */
import type { Check } from './types.js';
import { languageOf, readable } from './types.js';

const off = new Set(['zh', 'ja']);

/** Words a language does double by its grammar: French reflexives (« nous nous souvenons »). */
const allowed: Record<string, Set<string>> = {
  fr: new Set(['nous', 'vous']),
  en: new Set(['had', 'that']),
};


/** The doubled words of a text, lower-cased, in text order. */
function doubled(text: string, locale: string): string[] {
  const plain = readable(text);
  const found: string[] = [];
  // Overlapping pairs: scan each word with the one after it.
  const words = [...plain.matchAll(/[\p{L}\p{M}]+|[^\p{L}\p{M}\s]+/gu)];
  for (let i = 1; i < words.length; i++) {
    const a = words[i - 1];
    const b = words[i];
    const between = plain.slice(a.index + a[0].length, b.index);
    if (!/^\s+$/.test(between) || !/\p{L}/u.test(a[0])) continue;
    if (a[0].toLocaleLowerCase(locale) === b[0].toLocaleLowerCase(locale)) found.push(a[0].toLocaleLowerCase(locale));
  }
  return found;
}

/** `doubled-words` (warning): a word twice in a row that the source does not double. */
export const doubledWordsCheck: Check = (source, translation, ctx) => {
  const lang = languageOf(ctx.locale);
  if (off.has(lang)) return [];
  const inSource = new Set(doubled(source, ctx.sourceLocale));
  const found = [...new Set(doubled(translation, ctx.locale))].filter((w) => !allowed[lang]?.has(w) && !inSource.has(w));
  if (!found.length) return [];
  return [{ check: 'doubled-words', severity: 'warning', message: `${found.map((w) => `"${w} ${w}"`).join(', ')}: a word written twice in a row; delete one` }];
};
