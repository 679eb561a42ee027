/**
 * Locale typography, applied to the text of every rendered document:
 * French no-break spaces before : ; ! ? » and after «, no line break inside
 * a grouped number, and hyphenation points (soft hyphens) computed at build
 * time from the `hyphen` package's patterns, so output does not depend on
 * the browser's dictionaries (Debian's Chromium ships none). Pure, once the
 * hyphenator is loaded.
 */
import { createRequire } from 'node:module';
import type { Root, Nodes, Element } from 'hast';

const require = createRequire(import.meta.url);

/** Inserts soft hyphens into a text. */
export type Hyphenate = (text: string) => string;

/**
 * Languages hyphenated at build time, and the patterns used. Azerbaijani,
 * Arabic and Chinese have none: `hyphen` ships no az patterns (Turkish ones
 * would break Azerbaijani words wrongly at ə, x and q), Arabic is not
 * hyphenated, Chinese breaks between characters.
 */
export const hyphenationPatterns: Record<string, string> = {
  en: 'hyphen/en-us',
  fr: 'hyphen/fr',
  ru: 'hyphen/ru',
  es: 'hyphen/es',
};

const cache = new Map<string, Hyphenate | undefined>();

/** The hyphenator of a locale, or undefined where the locale is not hyphenated. */
export function hyphenatorFor(locale: string): Hyphenate | undefined {
  const lang = locale.split('-')[0]!; // split yields at least one part
  if (cache.has(lang)) return cache.get(lang);
  const pkg = hyphenationPatterns[lang];
  let fn: Hyphenate | undefined;
  if (pkg) {
    const mod = require(pkg) as { hyphenateSync: (t: string, o: object) => string };
    fn = (text) => mod.hyphenateSync(text, { minWordLength: 7 });
  }
  cache.set(lang, fn);
  return fn;
}

const NBSP = '\u00a0';
const NNBSP = '\u202f';

/** Units a French number stays on the line with (SI symbols in use in prose, currency signs). */
const frenchUnits = 'km²|km|m²|m³|m|cm|mm|kg|ha|h|min|°C|°|€|\\$|£';
const numberUnit = new RegExp(`(\\d)[ \\u00a0](${frenchUnits})(?![\\p{L}\\p{N}])`, 'gu');

/**
 * French spacing: narrow no-break space before ; ! ? and %, no-break space
 * before : and inside « », and between a number and its unit (28 %, 5 km).
 */
export function frenchSpacing(text: string): string {
  return text
    .replace(/(\d)[ \u00a0\u202f]?%(?![\p{L}\p{N}])/gu, `$1${NNBSP}%`)
    .replace(numberUnit, `$1${NBSP}$2`)
    .replace(/[ \u00a0\u202f]?([;!?])(?=\s|$|[»)\]"”])/g, (m, p: string, offset: number, s: string) =>
      offset === 0 || (/\s/.test(s[offset - 1] ?? '') && m.length === 1) ? m : `${NNBSP}${p}`,
    )
    .replace(/(?<=[\p{L}\p{N})\]»”])[ \u00a0\u202f]?:(?=\s|$)/gu, `${NBSP}:`)
    .replace(/«[ \u00a0\u202f]?/g, `«${NBSP}`)
    .replace(/[ \u00a0\u202f]?»/g, `${NBSP}»`);
}

/** No line break inside a number written with space grouping (3 410). */
export function keepNumbersTogether(text: string): string {
  return text.replace(/(\d) (?=\d{3}(?!\d))/g, `$1${NBSP}`);
}

/** Applies the locale's rules to one text. Words with digits or in capitals are not hyphenated. */
export function typeset(text: string, locale: string, hyphenate?: Hyphenate): string {
  let out = keepNumbersTogether(text);
  if (locale.split('-')[0] === 'fr') out = frenchSpacing(out);
  if (hyphenate) {
    out = out.replace(/[\p{L}\p{M}]{7,}/gu, (word) =>
      word === word.toLocaleUpperCase(locale) ? word : hyphenate(word),
    );
  }
  return out;
}

const skip = new Set(['code', 'pre', 'script', 'style', 'kbd', 'samp']);

/**
 * Typesets every text node of a hast tree in the language it is in
 * (`lang` attributes inherit), leaving code alone.
 */
export function typesetTree(tree: Root, locale: string, options: { hyphenate?: boolean } = {}): Root {
  const visit = (node: Nodes, lang: string) => {
    if (node.type === 'text') {
      node.value = typeset(node.value, lang, options.hyphenate ? hyphenatorFor(lang) : undefined);
      return;
    }
    if (node.type === 'element') {
      if (skip.has(node.tagName)) return;
      const own = (node as Element).properties?.lang;
      const next = typeof own === 'string' ? own : lang;
      for (const child of node.children) visit(child as Nodes, next);
      return;
    }
    if (node.type === 'root') for (const child of node.children) visit(child as Nodes, lang);
  };
  visit(tree, locale);
  return tree;
}
