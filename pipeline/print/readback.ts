/**
 * Read-back comparison: how many of the words of the HTML a PDF was printed
 * from come back out of the PDF's text layer whole. Pure: texts in, a
 * figure and the first lost words out. The extraction (pdf.js) is in
 * readbackWorker.ts.
 */

/** Below this share of words read back, a document fails. */
export const READBACK_MIN = 0.995;

/** The result of reading one document back. */
export interface Readback {
  /** Share of the HTML's words found in the PDF's text, 0..1. */
  share: number;
  /** Words in the HTML. */
  words: number;
  /** The first words (in document order) that did not come back, at most 8. */
  lost: string[];
}

/**
 * Characters that carry no letters: zero-width and bidi marks, the Arabic
 * tatweel. Not the soft hyphen: one left inside a word of the PDF's text
 * (where no line broke) breaks the word for search and screen readers.
 */
// Arabic vowel marks (harakat, U+064B-065F, U+0670) too: Arabic search ignores them, and pdf.js returns a mark over a
// letter apart from its word ("تُعاد" read as two pieces), while the letters themselves come back whole.
const invisible = /[\u0640\u061c\u064b-\u065f\u0670\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

/**
 * The words of a text, normalized as a reader's search normalizes them:
 * NFKC (ligature glyphs and Arabic presentation forms become their letters),
 * lower case (and the dotted and dotless i of Turkic capitals folded),
 * invisible marks and Arabic vowel marks dropped. A word is a run of letters and marks, or of
 * digits (a number inside Arabic text comes out of a PDF in visual order,
 * `30الـ` for `الـ30`: the letters and the figure are compared apart),
 * and letters of one script (a Latin name in Arabic text is its own word),
 * hyphenated compounds joined (`1949-cu` is one word: poppler joins a
 * compound broken at a line end, so both sides are read that way); each
 * Chinese or Japanese character counts as a word.
 */
export function wordsOf(text: string): string[] {
  const clean = text
    .normalize('NFKC')
    .replace(invisible, '')
    .toLowerCase()
    .replace(/\u0307/g, '')
    .replace(/\u0131/g, 'i')
    .replace(/(?<=[\p{L}\p{M}\p{N}])[-\u2010\u2011](?=[\p{L}\p{M}\p{N}])/gu, '');
  const words =
    clean.match(
      /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]|\p{N}+|(?:(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])[\p{L}\p{M}])+/gu,
    ) ?? [];
  // Letters of two scripts are two words: an extractor may put a Latin name inside Arabic text against the next Arabic word.
  return words.flatMap((w) =>
    /^[\p{sc=Latin}\p{M}]+$|^[\p{sc=Cyrillic}\p{M}]+$|^[\p{sc=Arabic}\p{M}]+$/u.test(w)
      ? [w]
      : (w.match(/[\p{sc=Arabic}\p{M}]+|[\p{sc=Latin}\p{M}]+|[\p{sc=Cyrillic}\p{M}]+|[\p{L}\p{M}]+/gu) ?? [w]),
  );
}

/**
 * Text extracted from a PDF, made comparable: a word broken at a line end
 * by a hyphen (a taken hyphenation point, or a compound's own hyphen) is
 * joined again, as pdf.js's search and poppler do.
 */
export function joinLineEnds(text: string): string {
  return text.replace(/(?<=[\p{L}\p{M}\p{N}])[-\u00ad\u2010\u2011][ \t]*\r?\n\s*(?=[\p{L}\p{M}\p{N}])/gu, '');
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * The text a reader sees of a printed HTML document: the content of its
 * `<main>` (the page's navigation and skip link are not printed), tags
 * removed, entities decoded. The HTML is the pipeline's own output
 * (rehype-stringify and the templates), so its markup is regular.
 */
export function htmlText(html: string): string {
  const main = /<main\b[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? html.replace(/^[\s\S]*?<body\b[^>]*>/, '');
  return main
    .replace(/\u00ad/g, '')
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/g, ' ')
    .replace(/<br\s*\/?>|<\/(p|li|h[1-6]|div|td|th|tr|section|header|footer|blockquote)>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#')
        return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
      return entities[e.toLowerCase()] ?? m;
    });
}

/**
 * Compares the words of the HTML with the words read back from the PDF,
 * as multisets: each expected word must be found as often as it occurs
 * (words the PDF adds, such as "page 1 of 2", do not count).
 */
export function compareWords(expectedText: string, pdfText: string): Readback {
  const expected = wordsOf(expectedText);
  const bag = new Map<string, number>();
  for (const w of wordsOf(joinLineEnds(pdfText))) bag.set(w, (bag.get(w) ?? 0) + 1);
  let found = 0;
  const lost: string[] = [];
  for (const w of expected) {
    const n = bag.get(w) ?? 0;
    if (n > 0) {
      bag.set(w, n - 1);
      found++;
    } else if (lost.length < 8) lost.push(w);
  }
  return { share: expected.length ? found / expected.length : 1, words: expected.length, lost };
}

/** A share as the manifest and messages print it: a percentage with one decimal. */
export function percent(share: number): string {
  return `${(Math.floor(share * 1000) / 10).toFixed(1)} %`;
}
