/**
 * Per-locale translation state, kept beside the catalogs in
 * `locales/<lng>/state.json` so the catalogs stay plain i18next JSON:
 * the source each translation was made from, its status, approvals and
 * waivers. Also the obsolete store, `locales/<lng>/obsolete.json`. Pure.
 */
import { InputError, placeOf } from '../core/errors.js';
import { parseJson } from '../core/json.js';
import { namespaces, type Namespace } from './catalog.js';

/** Status of one translation. */
export type Status = 'missing' | 'stale' | 'draft' | 'approved';

/** What is recorded of one translation. */
export interface StateEntry {
  /** Source text the translation was made from. */
  source: string;
  /** Hash of the translation text when this entry was recorded: an edit since makes it a new draft. */
  text: string;
  status: 'draft' | 'approved';
  /** Reviewer and ISO time of an approval. */
  by?: string;
  at?: string;
}

/** A justified waiver: silences one check's findings on one key. */
export interface Waiver {
  ns: Namespace;
  key: string;
  check: string;
  reason: string;
  /** Who waived it and when (ISO time), where recorded. */
  by?: string;
  at?: string;
}

/** The state file of one locale. */
export interface LocaleState {
  schema: 1;
  entries: Record<Namespace, Record<string, StateEntry>>;
  waivers: Waiver[];
}

/** A translation kept after its segment left the source. */
export interface ObsoleteEntry {
  ns: Namespace;
  text: string;
  source: string;
}

/** An empty state. */
export function emptyState(): LocaleState {
  return { schema: 1, entries: { statement: {}, letter: {}, addressees: {} }, waivers: [] };
}

/** Parses a state file. */
export function parseState(text: string, file: string): LocaleState {
  const data = parseJson(text, file) as Partial<LocaleState>;
  if (typeof data !== 'object' || data === null || data.schema !== 1) {
    throw new InputError('not a state file of schema 1 (expected {"schema":1,"entries":{…},"waivers":[…]})', {
      file,
      line: 1,
      column: 1,
    });
  }
  const state = emptyState();
  for (const ns of namespaces) {
    for (const [key, e] of Object.entries(data.entries?.[ns] ?? {})) {
      if (
        typeof e?.source !== 'string' ||
        typeof e?.text !== 'string' ||
        (e.status !== 'draft' && e.status !== 'approved')
      ) {
        const offset = text.indexOf(JSON.stringify(key));
        throw new InputError(`state of "${key}" must have source, text and status draft|approved`, {
          file,
          ...placeOf(text, Math.max(0, offset)),
        });
      }
      state.entries[ns][key] = e;
    }
  }
  for (const w of data.waivers ?? []) {
    if (
      !w ||
      !namespaces.includes(w.ns) ||
      typeof w.key !== 'string' ||
      typeof w.check !== 'string' ||
      typeof w.reason !== 'string' ||
      !isWaiverReason(w.reason)
    ) {
      const offset = text.indexOf(JSON.stringify(w?.key ?? ''));
      throw new InputError(
        `a waiver needs ns, key, check and a reason a reviewer can judge (${MIN_WAIVER_REASON} characters at least)`,
        { file, ...placeOf(text, Math.max(0, offset)) },
      );
    }
    state.waivers.push(w);
  }
  return state;
}

/** Characters a waiver's reason has at least (trimmed): enough to say why, for a reviewer to judge. */
export const MIN_WAIVER_REASON = 10;

/** Whether a waiver's reason is long enough to say why. */
export function isWaiverReason(reason: string): boolean {
  return reason.trim().length >= MIN_WAIVER_REASON;
}

/** Serializes a state file with keys sorted, so diffs stay small. */
export function serializeState(state: LocaleState): string {
  const entries = Object.fromEntries(
    namespaces.map((ns) => [
      ns,
      Object.fromEntries(Object.entries(state.entries[ns]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    ]),
  );
  return `${JSON.stringify({ schema: 1, entries, waivers: state.waivers }, null, 2)}\n`;
}

/** Parses the obsolete store: key → entries (a key may have left more than once). */
export function parseObsolete(text: string, file: string): Record<string, ObsoleteEntry[]> {
  const data = parseJson(text, file);
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new InputError('the obsolete store must be an object of key → entries', { file, line: 1, column: 1 });
  return data as Record<string, ObsoleteEntry[]>;
}

/** Serializes the obsolete store. */
export function serializeObsolete(store: Record<string, ObsoleteEntry[]>): string {
  return `${JSON.stringify(store, null, 2)}\n`;
}

/**
 * The status of one translation.
 * @param translation the catalog's text ('' or undefined: missing)
 * @param source the current source text
 * @param entry what the state file records, if anything
 * @param hashOf hash of a translation text
 */
export function statusOf(
  translation: string | undefined,
  source: string,
  entry: StateEntry | undefined,
  hashOf: (t: string) => string,
): Status {
  if (translation === undefined || translation.trim() === '') return 'missing';
  // A translation without state was typed by hand or committed by a tool: a draft of the current source.
  if (!entry) return 'draft';
  // A text other than the one recorded was typed since (by hand, by a tool): whoever typed it
  // had the current source before them, so it is a draft of that source, never stale.
  if (entry.text !== hashOf(translation)) return 'draft';
  if (entry.source !== source) return 'stale';
  return entry.status;
}
