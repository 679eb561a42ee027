/**
 * `brackets` and `quotes`: pairs left open or never opened in the
 * translation where the source's are balanced, and quotation marks that are
 * not the locale's. CLDR's quotation marks are not exposed through `Intl`,
 * so the locale's marks are this table (from CLDR's `delimiters`, primary
 * and alternate pairs as they are used in official texts); a locale not in
 * it is only checked for balance, with the marks of every row.
 */
import type { Check, Finding } from './types.js';
import { memo } from '../core/memo.js';
import { languageOf, readable } from './types.js';

type QuotePair = [string, string];
/** Quotation-mark pairs per language: [open, close], the usual one first (every language has one; English is the fallback). */
export const quoteStyles: Record<string, [QuotePair, ...QuotePair[]]> & { en: [QuotePair, ...QuotePair[]] } = {
  en: [
    ['“', '”'],
    ['‘', '’'],
  ],
  fr: [
    ['«', '»'],
    ['“', '”'],
  ],
  es: [
    ['«', '»'],
    ['“', '”'],
  ],
  az: [
    ['«', '»'],
    ['“', '”'],
  ],
  ru: [
    ['«', '»'],
    ['„', '“'],
  ],
  de: [
    ['„', '“'],
    ['‚', '‘'],
  ],
  ar: [
    ['«', '»'],
    ['“', '”'],
  ],
  zh: [
    ['“', '”'],
    ['‘', '’'],
    ['「', '」'],
    ['『', '』'],
  ],
  ja: [
    ['「', '」'],
    ['『', '』'],
  ],
};

/** Every double quotation mark the check knows (single ones double as apostrophes and are left alone). */
const doubleMarks = /[“”„«»「」『』]/gu;
const anyQuote = /[“”„«»「」『』"]/u;

const bracketPairs: Array<[string, string]> = [
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
  ['（', '）'],
  ['【', '】'],
  ['《', '》'],
  ['〔', '〕'],
];

/** The pairs that are unbalanced in a text: opened and never closed, or closed and never opened. One pass. */
function unbalanced(text: string, pairs: Array<[string, string]>): string[] {
  const depth = new Array<number>(pairs.length).fill(0);
  const broken = new Array<boolean>(pairs.length).fill(false);
  const role = new Map<string, number>();
  pairs.forEach(([open, close], i) => {
    if (open === close) return;
    role.set(open, i + 1);
    role.set(close, -(i + 1));
  });
  for (const ch of text) {
    const r = role.get(ch);
    if (r === undefined) continue;
    const i = Math.abs(r) - 1;
    const d = (depth[i] ?? 0) + (r > 0 ? 1 : -1);
    depth[i] = d;
    if (d < 0) broken[i] = true;
  }
  return pairs.filter((_, i) => broken[i] || depth[i] !== 0).map(([o, c]) => `${o}${c}`);
}

/** Bracket characters: a text with none is balanced (most are). */
const anyBracket = /[()[\]{}（）【】《》〔〕]/;
const sourceBracketsBalanced = memo(
  (text) => !anyBracket.test(readable(text)) || !unbalanced(readable(text), bracketPairs).length,
);

const doubleQuotePairs = (locale: string) =>
  (quoteStyles[languageOf(locale)] ?? quoteStyles.en).filter(([o]) => o !== '‘' && o !== '‚');
const straightOdd = (text: string) => (text.match(/"/g)?.length ?? 0) % 2 === 1;

/** `brackets` (warning): round, square, curly and CJK brackets balanced where the source's are. */
export const bracketsCheck: Check = (source, translation) => {
  const b = readable(translation);
  if (!anyBracket.test(b) || !sourceBracketsBalanced(source)) return [];
  const bad = unbalanced(b, bracketPairs);
  if (!bad.length) return [];
  return [
    {
      check: 'brackets',
      severity: 'warning',
      message: `unbalanced ${bad.join(' ')} where the source's brackets are balanced: close what is opened, or remove the stray one`,
    },
  ];
};

/** `quotes` (warning): balanced where the source is, in the locale's marks, French « » with a space inside. */
export const quotesCheck: Check = (source, translation, ctx) => {
  const out: Finding[] = [];
  const a = readable(source);
  const b = readable(translation);
  // No quotation mark on either side: nothing to check (most texts).
  if (!anyQuote.test(b) && !anyQuote.test(a)) return out;
  const lang = languageOf(ctx.locale);
  const own = quoteStyles[lang];
  const sourceBalanced = !unbalanced(a, doubleQuotePairs(ctx.sourceLocale)).length && !straightOdd(a);
  if (sourceBalanced) {
    const bad = [...unbalanced(b, doubleQuotePairs(ctx.locale)), ...(straightOdd(b) ? ['"'] : [])];
    if (bad.length)
      out.push({
        check: 'quotes',
        severity: 'warning',
        message: `unbalanced quotation marks ${bad.join(' ')} where the source's are balanced: close the quotation, or remove the stray mark`,
      });
  }
  if (own) {
    const marks = new Set(own.flat());
    const strange = [...new Set(b.match(doubleMarks) ?? [])].filter((m) => !marks.has(m));
    if (/"/.test(b) && !/"/.test(a)) strange.push('"');
    if (strange.length)
      out.push({
        check: 'quotes',
        severity: 'warning',
        message: `quotation marks ${strange.join(' ')} are not ${lang}'s: write ${own[0][0]}…${own[0][1]}${own[1] ? ` (or ${own[1][0]}…${own[1][1]} inside a quotation)` : ''}`,
      });
    if (lang === 'fr' && (/«(?!\s)/u.test(b) || /(?<!\s)»/u.test(b))) {
      out.push({
        check: 'quotes',
        severity: 'warning',
        message: 'French quotation marks take a space inside: « texte » (the build makes it a no-break space)',
      });
    }
  }
  return out;
};
