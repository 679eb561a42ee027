/**
 * `script`: letters of another script inside a word (a Cyrillic `а` in an
 * Azerbaijani or French word, a Latin `o` in a Russian one). They look the
 * same and read the same to a person, but not to search, spelling, sorting
 * or a screen reader. The locale's script comes from CLDR through
 * `Intl.Locale#maximize()` (az → Latn, ru → Cyrl, zh → Hans).
 */
import { memo } from '../core/memo.js';
import type { Check, Finding } from './types.js';
import { readable } from './types.js';

/** Scripts told apart, by their Unicode property name. */
const scripts = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Armenian',
  'Georgian',
  'Arabic',
  'Hebrew',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Thai',
  'Devanagari',
] as const;
type Script = (typeof scripts)[number];
const tests = scripts.map((s) => [s, new RegExp(`^\\p{Script=${s}}$`, 'u')] as const);
/** Scripts with letters that look alike: a word mixing them is an error. */
const confusable = new Set<string>(['Latin', 'Cyrillic', 'Greek']);
/** Scripts written without spaces between words: next to them, another script starts a new word. */
const unspaced = new Set<Script>(['Han', 'Hiragana', 'Katakana', 'Hangul', 'Thai']);

const scriptOfLetter = memo((ch) => tests.find(([, re]) => re.test(ch))?.[0] ?? '');

/** The script of one character ('' for digits, punctuation, spaces and scripts not told apart). */
export const scriptOf = (ch: string): string => scriptOfLetter(ch);

/** Roman numerals (XX, XXI) are written in Latin letters in every European script. */
const romanNumeral = /^[IVXLCDM]+$/;

/** CLDR script codes to the Unicode script names above. */
const byCode: Record<string, Script[]> = {
  Latn: ['Latin'],
  Cyrl: ['Cyrillic'],
  Grek: ['Greek'],
  Armn: ['Armenian'],
  Geor: ['Georgian'],
  Arab: ['Arabic'],
  Hebr: ['Hebrew'],
  Hans: ['Han'],
  Hant: ['Han'],
  Jpan: ['Han', 'Hiragana', 'Katakana'],
  Kore: ['Hangul', 'Han'],
  Thai: ['Thai'],
  Deva: ['Devanagari'],
};

/** The scripts a locale is written in, from CLDR's likely subtags; undefined where unknown. */
export const localeScripts = memo((locale): Script[] | undefined => {
  try {
    return byCode[new Intl.Locale(locale).maximize().script ?? ''];
  } catch {
    return undefined;
  }
});

/** A letter in none of the locale's scripts. */
const otherLetter = memo(
  (locale) => new RegExp(`[^\\P{L}${(localeScripts(locale) ?? []).map((s) => `\\p{Script=${s}}`).join('')}]`, 'u'),
);

/** Runs of letters (with their combining marks) between anything else. */
const wordPattern = /[\p{L}\p{M}]+/gu;

interface Run {
  script: Script | '';
  text: string;
}

/** Splits a word into runs of one script; combining marks stay with the letter before them. */
function runs(word: string): Run[] {
  const out: Run[] = [];
  for (const ch of word) {
    const s = /\p{M}/u.test(ch) ? (out.at(-1)?.script ?? '') : (scriptOfLetter(ch) as Script | '');
    const last = out.at(-1);
    if (last && (last.script === s || s === '' || last.script === '')) {
      last.text += ch;
      if (last.script === '') last.script = s;
    } else out.push({ script: s, text: ch });
  }
  return out;
}

/**
 * Words of a text, split where a spaced script meets an unspaced one
 * (`BBC报道` is two words). With `only`, just the words holding a letter
 * that pattern matches (the others cannot mix scripts or be foreign).
 */
function words(text: string, only?: RegExp): Run[][] {
  const out: Run[][] = [];
  for (const m of readable(text).matchAll(wordPattern)) {
    if (only && !only.test(m[0])) continue;
    let word: Run[] = [];
    for (const r of runs(m[0])) {
      const prev = word.at(-1);
      if (prev && (unspaced.has(r.script as Script) || unspaced.has(prev.script as Script))) {
        out.push(word);
        word = [];
      }
      word.push(r);
    }
    if (word.length) out.push(word);
  }
  return out;
}

const sourceWords = memo(
  (text) =>
    new Set(
      words(text).map((w) =>
        w
          .map((r) => r.text)
          .join('')
          .toLowerCase(),
      ),
    ),
);

/**
 * `script`: a word of letters from two look-alike scripts (Latin, Cyrillic,
 * Greek) is an error (name the odd letters; retype them); other scripts run
 * together (an Arabic word glued to a Latin one) are a warning. A whole word in a script other than the locale's
 * is a warning unless the source has that word (a name, an acronym).
 */
export const scriptCheck: Check = (source, translation, ctx) => {
  const out: Finding[] = [];
  const own = localeScripts(ctx.locale);
  // Every letter in the locale's own script (most translations): no word can mix scripts or be foreign.
  if (own && !otherLetter(ctx.locale).test(translation)) return out;
  const mixed = new Set<string>();
  const foreign = new Set<string>();
  for (const w of words(translation, own ? otherLetter(ctx.locale) : undefined)) {
    const text = w.map((r) => r.text).join('');
    if (w.length > 1) {
      // A mixed word the source has too is the source's to fix (lint finds it there).
      if (mixed.has(text) || sourceWords(source).has(text.toLowerCase())) continue;
      mixed.add(text);
      // The odd letters are those not in the locale's script (or the shorter runs where that is unknown).
      const main =
        own?.find((s) => w.some((r) => r.script === s)) ??
        [...w].sort((a, b) => b.text.length - a.text.length)[0]!.script; // a word has a run
      const odd = w.filter((r) => r.script !== main);
      const oddScripts = [...new Set(odd.map((r) => r.script || 'unknown'))].join(', ');
      // Latin, Cyrillic and Greek share look-alike letters (а/a, о/o, е/e): a mix of them is a wrong key, unseen by the eye.
      const lookAlike =
        w.filter((r) => confusable.has(r.script)).length > 1 &&
        new Set(w.map((r) => r.script).filter((x) => confusable.has(x))).size > 1;
      out.push(
        lookAlike
          ? {
              check: 'script',
              severity: 'error',
              message: `"${text}" mixes ${main} letters with ${oddScripts} ones (${odd.map((r) => `"${r.text}"`).join(', ')}): retype the word in ${main} letters`,
            }
          : {
              check: 'script',
              severity: 'warning',
              message: `"${text}" runs ${main} and ${oddScripts} letters together: put a space between the words, or check the word`,
            },
      );
    } else if (
      own &&
      w[0]?.script &&
      !romanNumeral.test(text) &&
      !own.includes(w[0].script as Script) &&
      !sourceWords(source).has(text.toLowerCase())
    ) {
      foreign.add(`${text} (${w[0].script})`);
    }
  }
  if (foreign.size) {
    out.push({
      check: 'script',
      severity: 'warning',
      message: `${[...foreign].join(', ')}: not in the locale's script and not in the source; write it in the locale's script, or check that it belongs here`,
    });
  }
  return out;
};
