/**
 * Letter content: what a letter's text is made of, key by key — every
 * statement segment, letter string and addressee field it shows, as the
 * hash of the localized text, plus the fields that are not translated
 * (date, reference, signatory's name). A release records it per letter;
 * `diff` recomputes it from the current inputs and compares. Pure: the
 * letter is rendered in memory through a translator that records every
 * lookup, so the content is exactly what `renderLetter` shows, no PDF needed.
 */
import type { Workspace } from '../catalog/workspace.js';
import { prepareLocales } from '../catalog/localeSet.js';
import { isAddressKey, type Translator, type Localized } from './localize.js';
import { renderLetter } from './letter.js';
import { chooseLanguage, letterPath } from '../build/plan.js';
import { reportKey, type KeyStatus } from '../catalog/status.js';
import { hashText } from '../source/segment.js';
import type { Namespace } from '../catalog/catalog.js';
import type { Recipient } from '../source/addressees.js';
import type { ParsedStatement } from '../source/parse.js';
import type { Segment } from '../source/segment.js';
import type { Templates } from '../core/project.js';

/** Status of a letter's translation: in the source language, or the weakest status of the keys it shows. */
export type TranslationStatus = 'source' | 'approved' | 'draft';

/** What one letter's text is made of. */
export interface LetterContent {
  /** Language of the letter. */
  locale: string;
  /** The addressee's name as written in the letter. */
  name: string;
  /**
   * Segment key (as `status` prints it: bare for the statement, `letter:K`,
   * `addressees:K`; `front:date`, `front:reference`, `front:signatoryName`
   * for untranslated fields) → hash of the text shown.
   */
  segments: Record<string, string>;
  /** Hash → text, for every hash in `segments`. */
  texts: Record<string, string>;
  /** Hash of the whole content: equal hashes, equal text. */
  hash: string;
}

/** A letter as the current inputs make it. */
export interface CurrentLetter {
  recipient: Recipient;
  locale: string;
  reason: string;
  /** Where the build writes it, relative to `dist/` (PDF; the HTML has the same name with `.html`). */
  file: string;
  content: LetterContent;
  translation: TranslationStatus;
  /** Keys shown in the source language because the letter's language has no usable translation. */
  pending: string[];
  /** Keys shown whose translation is only a draft. */
  drafts: string[];
}

/** Hash of one shown text: the language is part of it, so a passage left in the source language differs from its translation. */
const textHash = (lang: string, text: string) => hashText(`${lang}\u0000${text}`);

/**
 * Strings that follow from other texts: the pending label and notice appear
 * only because some passage is shown in the source language, which that
 * passage's own hash (its language is part of it) already records.
 */
const derived = new Set(['letter:pending-label', 'letter:pending-notice']);

/**
 * A translator that records every text it hands out, by namespace and key.
 * A string with placeholders is recorded as its template (`{{place}}, {{date}}`):
 * the values are texts of their own, recorded under their own keys, so a
 * changed place is one changed segment, not two.
 */
export function recordingTranslator(t: Translator): {
  translator: Translator;
  seen: Map<string, { ns: Namespace; key: string; shown: Localized[] }>;
} {
  const seen = new Map<string, { ns: Namespace; key: string; shown: Localized[] }>();
  const note = (ns: Namespace, key: string, shown: Localized) => {
    const id = reportKey(ns, key);
    if (derived.has(id)) return;
    const entry = seen.get(id) ?? { ns, key, shown: [] };
    if (!entry.shown.some((s) => s.text === shown.text && s.lang === shown.lang)) entry.shown.push(shown);
    seen.set(id, entry);
  };
  const translator: Translator = {
    locale: t.locale,
    sourceLocale: t.sourceLocale,
    segment(key, sourceText) {
      const shown = t.segment(key, sourceText);
      note('statement', key, shown);
      return shown;
    },
    string(key, vars) {
      const names = Object.keys(vars ?? {});
      note(
        'letter',
        key,
        names.length ? t.string(key, Object.fromEntries(names.map((n) => [n, `{{${n}}}`]))) : t.string(key, vars),
      );
      return t.string(key, vars);
    },
    addressee(key, sourceText) {
      const shown = t.addressee(key, sourceText);
      note('addressees', key, shown);
      return shown;
    },
  };
  return { translator, seen };
}

/**
 * The content of one recipient's letter, and the keys it shows.
 * @param statusOf the status of a key in the letter's locale (undefined for the source locale)
 */
export function letterContent(
  parsed: ParsedStatement,
  segments: Segment[],
  t: Translator,
  recipient: Recipient,
  templates: Templates,
  statusOf?: (ns: Namespace, key: string) => KeyStatus | undefined,
  official = false,
): { content: LetterContent; translation: TranslationStatus; pending: string[]; drafts: string[] } {
  const { translator, seen } = recordingTranslator(t);
  const rendered = renderLetter(parsed, segments, translator, recipient, templates, {
    assets: 'assets',
    hyphenate: false,
    official,
  });
  const { config } = parsed;
  const shown: Array<[string, Localized[]]> = [...seen].map(([id, e]) => [id, e.shown]);
  // Fields that reach the letter without a translator: a change to them changes the letter too.
  const fixed = (value: string | undefined): Localized[] =>
    value === undefined ? [] : [{ text: value, lang: '', pending: false }];
  shown.push(
    ['front:date', fixed(config.date)],
    ['front:reference', fixed(`${config.reference}/${recipient.id}`)],
    ['front:signatoryName', fixed(config.signatoryName)],
  );
  const out: Record<string, string> = {};
  const texts: Record<string, string> = {};
  for (const [id, list] of shown) {
    if (list.length === 0) continue;
    // One key may be shown more than once (the title in heading and subject): mostly with one text.
    const text = list.map((s) => s.text).join('\u0001');
    const hash = textHash(list.map((s) => s.lang).join('\u0001'), text);
    out[id] = hash;
    texts[hash] = text;
  }
  const sorted = Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const hash = hashText(JSON.stringify([t.locale, rendered.name.text, sorted]));
  const pending: string[] = [];
  const drafts: string[] = [];
  if (t.locale !== t.sourceLocale) {
    for (const [id, e] of seen) {
      if (e.shown.some((s) => s.pending)) pending.push(id);
      // An address block shown as the registry writes it is no translation (see isAddressKey).
      else if (isAddressKey(e.ns, e.key) && e.shown.every((s) => s.lang !== t.locale)) continue;
      else if (statusOf?.(e.ns, e.key)?.status !== 'approved') drafts.push(id);
    }
  }
  const translation: TranslationStatus =
    t.locale === t.sourceLocale ? 'source' : pending.length || drafts.length ? 'draft' : 'approved';
  return {
    content: { locale: t.locale, name: rendered.name.text, segments: sorted, texts, hash },
    translation,
    pending,
    drafts,
  };
}

/** The text of one letter in one language, and what it shows. */
export type MadeLetter = ReturnType<typeof letterContent>;

/** Letters from a loaded workspace: the language a build would choose, and a letter's content in any publish locale. */
export interface LetterMaker {
  /** The build's choice: the first working language in which this letter is ready, else the source language. */
  choose(recipient: Recipient): { locale: string; reason: string };
  /** The letter in `locale` (a publish locale), texts without a usable translation shown in the source language. */
  make(recipient: Recipient, locale: string): MadeLetter;
}

/** Prepares the statuses and translators of every publish locale, once. */
export function letterMaker(ws: Workspace): LetterMaker {
  const { parsed, segments, templates } = ws.project;
  const { config } = parsed;
  // The same locales as the build sees: a translation is shown only when its status makes it usable.
  const locales = prepareLocales(ws);
  return {
    choose: (recipient) => chooseLanguage(recipient, (l) => locales.letterReadiness(recipient, l), config.sourceLocale),
    make(recipient, locale) {
      const { official } = locales.letterReadiness(recipient, locale);
      return letterContent(
        parsed,
        segments,
        locales.translator(locale),
        recipient,
        templates,
        (ns, key) => locales.keyStatus(locale, ns, key),
        official,
      );
    },
  };
}

/**
 * Every letter the current inputs make: the language the build would
 * choose (and why), and what its text is made of. Reads nothing itself.
 */
export function currentLetters(ws: Workspace, maker: LetterMaker = letterMaker(ws)): CurrentLetter[] {
  return (ws.registry?.recipients ?? []).map((recipient) => {
    const { locale, reason } = maker.choose(recipient);
    return { recipient, locale, reason, file: letterPath(recipient, locale, 'pdf'), ...maker.make(recipient, locale) };
  });
}

/** How a letter's content changed: the keys whose text differs, was added or went away. */
export function changedSegments(
  before: Pick<LetterContent, 'segments'>,
  after: Pick<LetterContent, 'segments'>,
): string[] {
  const keys = new Set([...Object.keys(before.segments), ...Object.keys(after.segments)]);
  return [...keys].filter((k) => before.segments[k] !== after.segments[k]).sort();
}
