/**
 * Plural forms, as i18next (v4 JSON) and CLDR name them: a counted string
 * of the templates is a group of keys `<key>_<category>`, the source
 * locale's categories in `templates/strings.json` (English: `_one`,
 * `_other`), each locale's own in its `letter.json` (Russian: `_one`,
 * `_few`, `_many`, `_other`), categories from `Intl.PluralRules`. A
 * locale's key set has its own categories; a category the source lacks
 * takes the source's `_other` text as its source. Pure.
 */
import type { Sources } from './extract.js';

/** The CLDR plural categories, in their usual order. */
export const pluralOrder = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;

const suffix = new RegExp(`^(.+)_(${pluralOrder.join('|')})$`);

/** A locale's plural categories (cardinal), in CLDR order. */
export function pluralCategories(locale: string): string[] {
  const cats = new Intl.PluralRules(locale).resolvedOptions().pluralCategories as string[];
  return pluralOrder.filter((c) => cats.includes(c));
}

/** The base key of a plural key (`pending-notice_few` → `pending-notice`), or undefined. */
export function pluralBase(key: string, keys: Record<string, string>): string | undefined {
  const m = suffix.exec(key);
  return m && `${m[1]}_other` in keys ? m[1] : undefined;
}

/**
 * The letter strings of a locale: every plural group of the source turned
 * into the locale's categories (sources of a missing category: the
 * source's `_other`), other keys as they are, in the source's order.
 */
export function localeSources(sources: Sources, locale: string): Sources {
  const letter: Record<string, string> = {};
  const done = new Set<string>();
  for (const [key, text] of Object.entries(sources.letter)) {
    const base = pluralBase(key, sources.letter);
    if (base === undefined) {
      letter[key] = text;
      continue;
    }
    if (done.has(base)) continue;
    done.add(base);
    for (const c of pluralCategories(locale))
      letter[`${base}_${c}`] = sources.letter[`${base}_${c}`] ?? sources.letter[`${base}_other`] ?? '';
  }
  return { ...sources, letter };
}

/** The key a count selects in a locale: `<key>_<category>` where the group exists, else the key. */
export function pluralKey(locale: string, key: string, count: unknown, has: (key: string) => boolean): string {
  if (typeof count !== 'number') return key;
  const chosen = `${key}_${new Intl.PluralRules(locale).select(count)}`;
  if (has(chosen)) return chosen;
  return has(`${key}_other`) ? `${key}_other` : key;
}
