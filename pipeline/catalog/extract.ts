/**
 * Extract stage: fills every locale's catalogs from the source, keeping
 * every translation. Changed source → the key goes stale; a key that
 * changed → the translation follows it by similarity, stale; a removed
 * segment → its translation moves to the obsolete store. Pure: current
 * files in, the files' new contents out.
 */
import { namespaces, type Catalog, type LocaleCatalogs, type Namespace } from './catalog.js';
import { hashText } from '../source/segment.js';
import { rebindScore, replacedWholesale, wordShare, REBIND_THRESHOLD, MIN_WORD_SHARE } from './similarity.js';
import type { LocaleState, ObsoleteEntry } from './state.js';

/** Source texts of every namespace, keys in document order. */
export type Sources = Record<Namespace, Record<string, string>>;

/** One locale as found on disk. */
export interface LocaleFiles {
  catalogs: LocaleCatalogs;
  state: LocaleState;
  obsolete: Record<string, ObsoleteEntry[]>;
}

/** What extract did to one locale. */
export interface LocaleExtract extends LocaleFiles {
  added: number;
  stale: string[];
  rebound: Array<{ from: string; to: string }>;
  obsoleted: string[];
  restored: string[];
  /** Namespaces whose source was replaced wholesale (nothing rebound there). */
  replaced: Namespace[];
}

/** Options of `extractLocale`. */
export interface ExtractOptions {
  /**
   * A new statement: every translation of the statement namespace moves to
   * the obsolete store and the statement catalog starts empty (no
   * rebinding, nothing restored). Letter strings and addressees are kept.
   */
  newStatement?: boolean;
}

const clone = <T>(x: T): T => structuredClone(x);

/**
 * Extracts one non-source locale.
 * @param previousSources the source locale's catalogs before this run (the source texts of removed keys)
 */
export function extractLocale(
  sources: Sources,
  previousSources: LocaleCatalogs,
  current: LocaleFiles,
  options: ExtractOptions = {},
): LocaleExtract {
  const state = clone(current.state);
  const obsolete = clone(current.obsolete);
  const catalogs = { statement: {}, letter: {}, addressees: {} } as LocaleCatalogs;
  const result: Omit<LocaleExtract, keyof LocaleFiles> = {
    added: 0,
    stale: [],
    rebound: [],
    obsoleted: [],
    restored: [],
    replaced: [],
  };
  for (const ns of namespaces) {
    const fresh = options.newStatement === true && ns === 'statement';
    const entries = state.entries[ns];
    const old: Catalog = fresh ? {} : current.catalogs[ns];
    if (fresh) {
      for (const [key, text] of Object.entries(current.catalogs[ns])) {
        if (text.trim() === '') continue;
        (obsolete[key] ??= []).push({ ns, text, source: entries[key]?.source ?? previousSources[ns][key] ?? '' });
        result.obsoleted.push(key);
      }
      for (const key of Object.keys(entries)) delete entries[key];
      state.waivers = state.waivers.filter((w) => w.ns !== ns);
    }
    // A source replaced wholesale shares no paragraph with the old one: rebinding would pin old translations on unrelated text.
    const replaced = replacedWholesale(Object.keys(old), new Set(Object.keys(sources[ns])));
    if (replaced) result.replaced.push(ns);
    const next: Catalog = {};
    for (const [key, source] of Object.entries(sources[ns])) {
      const text = old[key] ?? '';
      if (!(key in old)) result.added++;
      next[key] = text;
      if (text.trim() === '') {
        delete entries[key];
        continue;
      }
      const entry = entries[key];
      const seen = previousSources[ns][key];
      // A translation without state (typed by hand, committed by a tool), or typed over the recorded
      // text, is a draft of the source its typist saw: status takes that to be the current one. When
      // this run changes the source, it was the one before: record that, so the translation turns stale.
      if (!entry || entry.text !== hashText(text)) {
        const changed = seen !== undefined && seen !== source;
        if (changed) result.stale.push(key);
        if (!entry || changed)
          entries[key] = { source: changed ? seen : source, text: hashText(text), status: 'draft' };
      } else if (entry.source !== source && !result.stale.includes(key)) result.stale.push(key);
    }
    // Removed keys: rebind by similarity, or keep in the obsolete store.
    const open = Object.entries(next)
      .filter(([, text]) => text.trim() === '')
      .map(([k]) => k);
    // The open keys are next's, which are the source's: each has a source text.
    const sourceOf = (k: string) => sources[ns][k]!;
    for (const [key, text] of Object.entries(old)) {
      if (key in sources[ns]) continue;
      if (text.trim() !== '') {
        const from = entries[key]?.source ?? previousSources[ns][key] ?? '';
        let best: string | undefined;
        let score = REBIND_THRESHOLD;
        for (const k of replaced ? [] : open) {
          const s = rebindScore(key, from, k, sourceOf(k));
          if (s >= score) {
            best = k;
            score = s;
          }
        }
        if (best) {
          next[best] = text;
          entries[best] = { source: from, text: hashText(text), status: 'draft' };
          open.splice(open.indexOf(best), 1);
          result.rebound.push({ from: key, to: best });
          if (from !== sources[ns][best]) result.stale.push(best);
        } else {
          (obsolete[key] ??= []).push({ ns, text, source: from });
          result.obsoleted.push(key);
        }
      }
      delete entries[key];
    }
    // A segment that comes back (a key the catalog did not have) gets its old translation back from the obsolete store.
    for (const k of fresh ? [] : open.filter((key) => !(key in old))) {
      const list = obsolete[k];
      // The same key over other words (a new statement's title, say) is another text: its old translation stays archived.
      const i =
        list?.findIndex(
          (e) => e.ns === ns && (e.source === sources[ns][k] || wordShare(e.source, sourceOf(k)) >= MIN_WORD_SHARE),
        ) ?? -1;
      if (!list || i < 0) continue;
      const entry = list.splice(i, 1)[0]!; // i >= 0: an index of list
      if (list.length === 0) delete obsolete[k];
      next[k] = entry.text;
      entries[k] = { source: entry.source, text: hashText(entry.text), status: 'draft' };
      result.restored.push(k);
      if (entry.source !== sources[ns][k]) result.stale.push(k);
    }
    catalogs[ns] = next;
  }
  return { catalogs, state, obsolete, ...result };
}

/** The source locale's catalogs are the source texts themselves. */
export function sourceCatalogs(sources: Sources): LocaleCatalogs {
  return { statement: { ...sources.statement }, letter: { ...sources.letter }, addressees: { ...sources.addressees } };
}
