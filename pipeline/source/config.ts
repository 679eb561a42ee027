/**
 * The statement's front matter: parsed, validated and resolved once, before
 * any stage runs. Pure: takes the YAML text and where it stands in the file.
 */
import { parseDocument, isMap, LineCounter } from 'yaml';
import { InputError, type Place } from '../core/errors.js';
import { checkLocaleTag, notPublishLocale, type Locale } from '../core/locales.js';
import { yamlErrorOffset } from './yamlPlace.js';
import { resolveSigning, type SigningConfig } from './signingConfig.js';

/** The resolved front matter of the canonical statement. */
export interface StatementConfig {
  /** Title of the statement (a segment). */
  title: string;
  /** Subtitle (a segment); default: none. */
  subtitle?: string;
  /** Issuing institution (a segment): the letterhead and the PDF author. */
  institution: string;
  /** Signatory's title (a segment); default: none. */
  signatory?: string;
  /** Signatory's name, never translated; default: none (the seed gives none). */
  signatoryName?: string;
  /** Place of signature (a segment); default: none. */
  place?: string;
  /** Reference of the statement, never translated, e.g. `OMB-2022-KHJ30`. */
  reference: string;
  /** Date of the statement, `YYYY-MM-DD`: shown in each locale's format and used as the PDF dates. */
  date: string;
  /** Locale of the canonical text; default `en`. */
  sourceLocale: Locale;
  /** Locales to publish, the source locale included, in the order of the language switcher. */
  locales: Locale[];
  /** Letterhead logo, a local PNG or SVG relative to `source/`; default: none. */
  logo?: string;
  /** Signature image, a local PNG or SVG relative to `source/`; default: none. */
  signature?: string;
  /** When true, a locale is publishable only once every segment is approved; default false. */
  requireApproval: boolean;
  /** Where the public site (`dist/site/`) is published, ending in `/`: canonical URLs and `sitemap.xml` need it; default: none (relative links, no sitemap). */
  baseUrl?: string;
  /**
   * The tag a locale's dates are formatted with, e.g. `{ en: 'en-GB' }` for
   * "25 February 2022" instead of "February 25, 2022". Formatting only: the
   * catalogs, the glossary and `lang` keep the publish locale. Default: none.
   */
  dateLocales: Record<string, string>;
  /** Signing the letters: `signing: { certificate, contact }`; default: none (see signingConfig.ts). */
  signing?: SigningConfig;
}

/** The tag to format `locale`'s dates with (its `dateLocales` entry, else itself). */
export function dateLocaleOf(config: Pick<StatementConfig, 'dateLocales'>, locale: string): string {
  return config.dateLocales[locale] ?? locale;
}

/** True when `YYYY-MM-DD` names a day of the calendar (not 2025-02-30, which `Date` rolls over to March). */
export function isCalendarDate(iso: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

/** Front-matter fields that are segments, in the order they appear in the output. */
export const frontSegmentFields = ['title', 'subtitle', 'institution', 'signatory', 'place'] as const;

const known = new Set([
  'title',
  'subtitle',
  'institution',
  'signatory',
  'signatoryName',
  'place',
  'reference',
  'date',
  'sourceLocale',
  'locales',
  'logo',
  'signature',
  'requireApproval',
  'baseUrl',
  'dateLocales',
  'signing',
]);

/** A reference that can name a folder under archive/: letters, digits, ".", "_" and "-", not starting with a dot or a dash. */
export const referencePattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Parses and validates front-matter YAML.
 * @param yamlText the text between the `---` fences
 * @param file the file, for diagnostics
 * @param firstLine the 1-based line of the file where `yamlText` starts
 */
export function resolveConfig(yamlText: string, file: string, firstLine: number): StatementConfig {
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false });
  const at = (offset: number | undefined) => {
    const p = counter.linePos(offset ?? 0);
    return { file, line: p.line + firstLine - 1, column: p.col };
  };
  const e = doc.errors[0];
  if (e) {
    throw new InputError(
      `front matter is not valid YAML: ${e.message.split('\n')[0]}`,
      at(yamlErrorOffset(yamlText, e)),
    );
  }
  if (!isMap(doc.contents)) throw new InputError('front matter must be a YAML mapping of fields', at(0));
  const map = doc.contents;
  const placeOfKey = (key: string) => {
    const pair = map.items.find((it) => (it.key as { value?: unknown })?.value === key);
    const node = (pair?.value ?? pair?.key) as { range?: [number, number, number] } | undefined;
    return at(node?.range?.[0]);
  };
  for (const item of map.items) {
    const key = String((item.key as { value?: unknown })?.value);
    if (!known.has(key)) {
      throw new InputError(`unknown front-matter field "${key}" (known: ${[...known].join(', ')})`, placeOfKey(key));
    }
  }
  const data = doc.toJS() as Record<string, unknown>;
  const text = (key: string, required: boolean): string | undefined => {
    const v = data[key];
    if (v === undefined || v === null) {
      if (required) throw new InputError(`front matter is missing the required field "${key}"`, at(0));
      return undefined;
    }
    if (typeof v !== 'string' || v.trim() === '') {
      throw new InputError(`front-matter field "${key}" must be a non-empty string`, placeOfKey(key));
    }
    return v.trim();
  };
  const rawDate = data.date instanceof Date ? data.date.toISOString().slice(0, 10) : data.date;
  if (rawDate === undefined) throw new InputError('front matter is missing the required field "date"', at(0));
  if (typeof rawDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(rawDate)) {
    throw new InputError('front-matter field "date" must be a date written YYYY-MM-DD', placeOfKey('date'));
  }
  if (!isCalendarDate(rawDate)) {
    throw new InputError(
      `front-matter field "date": ${rawDate} is not a day of the calendar (check the month and the day)`,
      placeOfKey('date'),
    );
  }
  const sourceLocale = text('sourceLocale', false) ?? 'en';
  const sourceProblem = checkLocaleTag(sourceLocale);
  if (sourceProblem) throw new InputError(sourceProblem, placeOfKey('sourceLocale'));
  const locales = data.locales;
  if (!Array.isArray(locales) || locales.length === 0) {
    throw new InputError(
      'front-matter field "locales" must be a list of locale tags, e.g. [en, fr]',
      placeOfKey('locales'),
    );
  }
  for (const tag of locales) {
    const problem = checkLocaleTag(tag);
    if (problem) throw new InputError(problem, placeOfKey('locales'));
  }
  if (new Set(locales).size !== locales.length)
    throw new InputError('front-matter field "locales" lists a locale twice', placeOfKey('locales'));
  if (!locales.includes(sourceLocale)) {
    throw new InputError(
      `front-matter field "locales" must include the source locale "${sourceLocale}"`,
      placeOfKey('locales'),
    );
  }
  const reference = text('reference', true)!;
  if (!referencePattern.test(reference)) {
    throw new InputError(
      'front-matter field "reference" may hold only letters, digits, ".", "_" and "-" (it names archive folders)',
      placeOfKey('reference'),
    );
  }
  const dateLocales = resolveDateLocales(data.dateLocales, locales as string[], placeOfKey('dateLocales'));
  const requireApproval = data.requireApproval ?? false;
  if (typeof requireApproval !== 'boolean')
    throw new InputError('front-matter field "requireApproval" must be true or false', placeOfKey('requireApproval'));
  const baseUrl = resolveBaseUrl(text('baseUrl', false), placeOfKey('baseUrl'));
  const signing = resolveSigning(data.signing, placeOfKey('signing'));
  return {
    title: text('title', true)!,
    subtitle: text('subtitle', false),
    institution: text('institution', true)!,
    signatory: text('signatory', false),
    signatoryName: text('signatoryName', false),
    place: text('place', false),
    reference,
    date: rawDate,
    // Checked above: the front matter is what makes its tags publish locales.
    sourceLocale: sourceLocale as Locale,
    locales: locales as Locale[],
    logo: text('logo', false),
    signature: text('signature', false),
    requireApproval,
    ...(baseUrl ? { baseUrl } : {}),
    dateLocales,
    ...(signing ? { signing } : {}),
  };
}

/** An absolute http(s) URL with a trailing slash, so that `fr/index.html` resolves below it. */
function resolveBaseUrl(
  value: string | undefined,
  place: { file: string; line: number; column: number },
): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(
      `front-matter field "baseUrl" must be an absolute URL such as https://example.org/statement/, got "${value}"`,
      place,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new InputError(`front-matter field "baseUrl" must be an http or https URL, got "${value}"`, place);
  if (url.search || url.hash)
    throw new InputError('front-matter field "baseUrl" must not have a query or a fragment', place);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** Validates `dateLocales`: publish locale → a tag of the same language (a region or variant). */
function resolveDateLocales(value: unknown, locales: string[], place: Place): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(
      'front-matter field "dateLocales" must map publish locales to the tag their dates are written in, e.g. { en: en-GB }',
      place,
    );
  }
  const out: Record<string, string> = {};
  for (const [locale, tag] of Object.entries(value as Record<string, unknown>)) {
    if (!locales.includes(locale))
      throw new InputError(`front-matter field "dateLocales": ${notPublishLocale(locale, locales)}`, place);
    const problem = checkLocaleTag(tag);
    if (problem) throw new InputError(`front-matter field "dateLocales": ${problem}`, place);
    if (new Intl.Locale(tag as string).language !== new Intl.Locale(locale).language) {
      throw new InputError(
        `front-matter field "dateLocales": "${String(tag)}" is not a form of "${locale}" (give a region or variant of the same language, e.g. en-GB for en)`,
        place,
      );
    }
    out[locale] = tag as string;
  }
  return out;
}
