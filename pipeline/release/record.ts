/**
 * The record of a release, `archive/<reference>/<date>-<n>/release.json`:
 * its shape, how it is read back (with clear errors), and the two
 * comparisons made against it later — files against their checksums
 * (`verify`) and letters against the current inputs (`diff`). Pure.
 */
import { InputError } from '../core/errors.js';
import { parseJson } from '../core/json.js';
import {
  changedSegments,
  type CurrentLetter,
  type LetterContent,
  type TranslationStatus,
} from '../render/letterContent.js';
import type { Recipient } from '../source/addressees.js';

/** Name of the record inside a release folder. */
export const recordFile = 'release.json';

/** One frozen file, relative to the release folder. */
export interface ReleasedFile {
  path: string;
  sha256: string;
  bytes: number;
}

/** One letter as it was released. */
export interface ReleasedLetter {
  addressee: string;
  /** The addressee's name as written in the letter. */
  name: string;
  language: string;
  /** Why this language (the manifest's reason). */
  reason: string;
  /** The file sent: the PDF (the HTML when the release froze HTML only). */
  file: string;
  sha256: string;
  /** The letter's HTML. */
  html: string;
  pages: number | null;
  contact?: string;
  /** The PDF carries the office's PAdES signature (made with the record's `signing.certificate`). */
  signed?: boolean;
  /** `source` (the source language), `approved` (every text shown approved) or `draft`. */
  translation: TranslationStatus;
  /** Texts shown that were only drafts (0 unless released with --allow-draft). */
  draftSegments: number;
  /** What the text was made of: segment key → text hash (the texts are in the record's `texts`). */
  content: { hash: string; segments: Record<string, string> };
}

/** One edition as it was released. */
export interface ReleasedEdition {
  language: string;
  html: string;
  pdf: string | null;
  sha256: string | null;
  /** The PDF carries the office's PAdES signature. */
  signed?: boolean;
}

/** `release.json`, schema 1. */
export interface ReleaseRecord {
  schema: 1;
  /** `<date>-<n>`, the folder's name. */
  id: string;
  reference: string;
  /** The day of the release, `YYYY-MM-DD` (local time). */
  date: string;
  /** The moment of the release, ISO 8601. */
  created: string;
  note: string | null;
  /** Released with --allow-draft: letters with draft translations were let through. */
  allowDraft: boolean;
  /** What was frozen: `pdf` (PDF and HTML) or `html` (HTML only: a preview release). */
  format: 'pdf' | 'html';
  /** The statement: file, sha256 of its text, its reference and date. */
  source: { file: string; sha256: string; reference: string; date: string };
  /** Catalog and state hashes, as in the manifest. */
  catalogs: Record<string, string>;
  /** sha256 of the registry and its member lists, by path. */
  registry: Record<string, string>;
  files: ReleasedFile[];
  editions: ReleasedEdition[];
  letters: ReleasedLetter[];
  /** Text hash → text, for every hash in the letters' content. */
  texts: Record<string, string>;
  /** The certificate the signed PDFs were signed with (absent when nothing was signed). */
  signing?: { certificate: { subject: string; serial: string; sha256: string } };
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A path recorded in a release must stay inside the release folder. */
function safePath(p: unknown): boolean {
  return (
    isString(p) &&
    p !== '' &&
    !p.startsWith('/') &&
    !p.includes('\\') &&
    !p.split('/').some((part) => part === '..' || part === '.' || part === '')
  );
}

/**
 * Parses `release.json`.
 * @throws InputError naming the file (and place) when it is not a release record of schema 1
 */
export function parseRelease(text: string, file: string): ReleaseRecord {
  const data = parseJson(text, file);
  const bad = (what: string) =>
    new InputError(`not a release record of schema 1: ${what}`, { file, line: 1, column: 1 });
  if (!isRecord(data) || data.schema !== 1) throw bad('expected {"schema":1,…}');
  for (const field of ['id', 'reference', 'date', 'created'] as const)
    if (!isString(data[field])) throw bad(`"${field}" must be a string`);
  if (!Array.isArray(data.files) || !Array.isArray(data.letters) || !Array.isArray(data.editions))
    throw bad('"files", "letters" and "editions" must be lists');
  if (!isRecord(data.texts) || !isRecord(data.catalogs) || !isRecord(data.source))
    throw bad('"texts", "catalogs" and "source" must be objects');
  for (const f of data.files as unknown[]) {
    if (!isRecord(f) || !safePath(f.path) || !isString(f.sha256))
      throw bad(
        `every file needs a path inside the release and a sha256 (${JSON.stringify(isRecord(f) ? f.path : f)})`,
      );
  }
  for (const l of data.letters as unknown[]) {
    if (
      !isRecord(l) ||
      !isString(l.addressee) ||
      !isString(l.language) ||
      !safePath(l.file) ||
      !isString(l.sha256) ||
      !isRecord(l.content) ||
      !isRecord(l.content.segments)
    ) {
      throw bad(
        `every letter needs addressee, language, file, sha256 and content (${JSON.stringify(isRecord(l) ? l.addressee : l)})`,
      );
    }
  }
  return data as unknown as ReleaseRecord;
}

/** Serializes a record: two-space JSON, one final newline. */
export function serializeRelease(record: ReleaseRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

/** What `verify` found. */
export interface VerifyResult {
  /** Files whose checksum no longer holds. */
  changed: string[];
  /** Files gone from the release folder. */
  missing: string[];
  /** Files in the folder that the release did not freeze (reported, not a failure). */
  extra: string[];
  /** Files that hold. */
  held: number;
}

/**
 * Compares a release's files with what is on disk now.
 * @param hashOf sha256 of a file of the release folder, undefined when it is absent
 * @param present every file now in the folder, relative, `release.json` aside
 */
export function checkFiles(
  record: ReleaseRecord,
  hashOf: (path: string) => string | undefined,
  present: string[],
): VerifyResult {
  const result: VerifyResult = { changed: [], missing: [], extra: [], held: 0 };
  for (const f of record.files) {
    const now = hashOf(f.path);
    if (now === undefined) result.missing.push(f.path);
    else if (now !== f.sha256) result.changed.push(f.path);
    else result.held++;
  }
  // A letter's checksum is recorded twice (letters and files): an edit of one of them alone is a change too.
  const byPath = new Map(record.files.map((f) => [f.path, f.sha256]));
  for (const l of record.letters) {
    if (byPath.get(l.file) !== l.sha256 && !result.changed.includes(l.file) && !result.missing.includes(l.file))
      result.changed.push(l.file);
  }
  const known = new Set(record.files.map((f) => f.path));
  result.extra = present.filter((p) => !known.has(p));
  return result;
}

/** A letter that needs an erratum: its text now differs from what was sent. */
export interface ChangedLetter {
  addressee: string;
  /** Name and language as sent. */
  name: string;
  language: string;
  /**
   * Now: the name as the letter in the language sent would write it, and
   * the language a build would choose (with why) — another one when the
   * language sent is no longer publishable or no longer preferred.
   */
  now: { name: string; language: string; reason: string };
  /** Keys whose text differs, was added or went away, compared in the language sent. */
  segments: string[];
}

/** What `diff` found. */
export interface DiffResult {
  release: string;
  reference: string;
  /** The erratum list. */
  changed: ChangedLetter[];
  /** Letters released whose text is still the same. */
  unchanged: number;
  /** Of those, the ones a build would now send in another language (their working languages or a locale's readiness changed). */
  languageOnly: Array<{ addressee: string; language: string; now: { language: string; reason: string } }>;
  /** Recipients with no letter in the release (added to the registry since). */
  added: Array<{ addressee: string; name: string; language: string }>;
  /** Recipients of the release no longer in the registry. */
  removed: Array<{ addressee: string; name: string; language: string }>;
}

/**
 * Compares the letters of a release with the letters the current inputs
 * make. Each letter is compared in the language it was sent in, so that a
 * locale made unpublishable by a text this letter does not show (another
 * addressee's name) lists no erratum; a text of this letter gone stale shows
 * in the source language, and so differs.
 * @param current the letters a build would make now
 * @param inLanguage a recipient's letter now in another language; undefined when that is no longer a publish locale
 */
export function diffLetters(
  record: ReleaseRecord,
  current: CurrentLetter[],
  inLanguage: (recipient: Recipient, locale: string) => LetterContent | undefined,
): DiffResult {
  const now = new Map(current.map((c) => [c.recipient.id, c]));
  const result: DiffResult = {
    release: record.id,
    reference: record.reference,
    changed: [],
    unchanged: 0,
    languageOnly: [],
    added: [],
    removed: [],
  };
  for (const sent of record.letters) {
    const c = now.get(sent.addressee);
    if (!c) {
      result.removed.push({ addressee: sent.addressee, name: sent.name, language: sent.language });
      continue;
    }
    const content = c.locale === sent.language ? c.content : inLanguage(c.recipient, sent.language);
    const sameLanguage = c.locale === sent.language;
    if (content && content.hash === sent.content.hash) {
      result.unchanged++;
      if (!sameLanguage)
        result.languageOnly.push({
          addressee: sent.addressee,
          language: sent.language,
          now: { language: c.locale, reason: c.reason },
        });
      continue;
    }
    const segments = content ? changedSegments(sent.content, content) : Object.keys(sent.content.segments).sort();
    result.changed.push({
      addressee: sent.addressee,
      name: sent.name,
      language: sent.language,
      now: { name: (content ?? c.content).name, language: c.locale, reason: c.reason },
      segments,
    });
  }
  const released = new Set(record.letters.map((l) => l.addressee));
  for (const c of current)
    if (!released.has(c.recipient.id))
      result.added.push({ addressee: c.recipient.id, name: c.content.name, language: c.locale });
  return result;
}
