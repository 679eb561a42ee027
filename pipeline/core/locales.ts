/**
 * Locale tags: validation and the facts the pipeline needs of each language
 * (direction, script). Pure.
 */
import { memo } from './memo.js';
import { InputError, type Place } from './errors.js';

const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** Why a tag is not usable, or undefined when it is a well-formed, known language. */
export function checkLocaleTag(tag: unknown): string | undefined {
  if (typeof tag !== 'string' || tag === '') return `locale tag must be a non-empty string, got ${JSON.stringify(tag)}`;
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(tag)[0]!; // one tag in, one out
  } catch {
    return `malformed locale tag "${tag}" (expected a BCP 47 tag such as "fr" or "zh-Hans")`;
  }
  if (canonical !== tag) return `locale tag "${tag}" is not canonical; write "${canonical}"`;
  const language = new Intl.Locale(tag).language;
  if (!names.of(language)) return `unknown language in locale tag "${tag}"`;
  return undefined;
}

const rtlScripts = new Set(['Arab', 'Hebr', 'Syrc', 'Thaa', 'Nkoo', 'Adlm', 'Rohg']);
const rtlLanguages = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'yi', 'dv', 'ckb', 'sd', 'ug']);

// Worked out once per tag: `Intl` objects are slow to make, and reports ask per row.
/** `rtl` or `ltr` for a locale tag. */
export const directionOf = memo((tag): 'rtl' | 'ltr' => {
  const locale = new Intl.Locale(tag);
  if (locale.script) return rtlScripts.has(locale.script) ? 'rtl' : 'ltr';
  return rtlLanguages.has(locale.language) ? 'rtl' : 'ltr';
});

/** The language's own name for itself ("Français", "Русский"), for the language switcher. */
export const nativeName = memo((tag): string => {
  const own = new Intl.DisplayNames([tag], { type: 'language', fallback: 'code' }).of(tag) ?? tag;
  return own.charAt(0).toLocaleUpperCase(tag) + own.slice(1);
});

/** The English name of a locale, for logs and reports. */
export function englishName(tag: string): string {
  return names.of(tag) ?? tag;
}

declare const publishBrand: unique symbol;

/**
 * A publish locale of the statement: a tag checked against the front
 * matter's `locales`. Only `publishLocale` (and the front matter itself,
 * source/config.ts) make one, so a function taking a Locale needs no check.
 */
export type Locale = string & { readonly [publishBrand]: true };

/** The one message for a tag that the statement does not publish. */
export function notPublishLocale(tag: string, locales: readonly string[]): string {
  return `"${tag}" is not a publish locale (${locales.join(', ')})`;
}

/**
 * `tag` as a Locale when the statement publishes it.
 * @throws InputError (at `place`, after `prefix`) when it does not
 */
export function publishLocale(config: { locales: readonly Locale[] }, tag: string, place?: Place, prefix = ''): Locale {
  if (!isPublishLocale(config, tag)) throw new InputError(`${prefix}${notPublishLocale(tag, config.locales)}`, place);
  return tag;
}

/** Whether the statement publishes `tag` (then a Locale). */
export function isPublishLocale(config: { locales: readonly Locale[] }, tag: string): tag is Locale {
  return (config.locales as readonly string[]).includes(tag);
}
