/**
 * Applies an imported file to one locale's catalogs and state. Only
 * entries the file carries with a non-empty translation are looked at;
 * nothing is ever deleted. Pure: current files in, new files out, with an
 * account of what changed and why.
 *
 * Rules, per entry (S the current source, F the file's source, T the
 * file's translation, C the catalog's):
 * - T = C (the text is unchanged): the state in `state.json` stands,
 *   whatever the file says. Tools drop what they do not model (a `state`
 *   attribute, PO's non-standard `approved` flag, a `fuzzy` flag cleared by
 *   habit), so only a changed text may change a state: stale stays stale,
 *   approved stays approved. What the file said otherwise is reported;
 * - F ≠ S (the file predates a source edit): T is kept as a stale
 *   translation of F, unless the catalog already has a current (draft or
 *   approved) translation, which wins;
 * - fuzzy (PO `fuzzy`, XLIFF `initial`): T is written, stale against the
 *   source it was made from (PO `#| msgid`, or the stale state already
 *   recorded); with no older source known, a new T is not imported (as
 *   gettext never uses a fuzzy entry);
 * - a source with line breaks (an address block) and a T with another
 *   number of lines: not imported, a `newlines` error (a tool that ignores
 *   `xml:space="preserve"` collapses an address onto one line);
 * - otherwise T is written as a draft of S. An import never approves
 *   (that records who and when: `statement approve`).
 */
import { InputError } from '../core/errors.js';
import { namespaces, type LocaleCatalogs, type Namespace } from '../catalog/catalog.js';
import { statusOf, type LocaleState, type StateEntry } from '../catalog/state.js';
import { reportKey } from '../catalog/status.js';
import type { Sources, LocaleFiles } from '../catalog/extract.js';
import type { ImportDocument } from './types.js';

/** What an import did to a locale. */
export interface ImportResult {
  catalogs: LocaleCatalogs;
  state: LocaleState;
  /** Namespaces whose catalog changed. */
  changed: Namespace[];
  stateChanged: boolean;
  /** Keys (as reports write them) by what happened to them. */
  updated: string[];
  stale: string[];
  /** Unchanged texts kept stale although the file marks them done. */
  keptStale: string[];
  /** Unchanged texts kept approved although the file no longer marks them so. */
  keptApproved: string[];
  /** Not imported: the translation lost the line breaks of a multi-line source (`newlines` errors). */
  newlines: Array<{ key: string; message: string }>;
  /** Older-source entries not applied: the catalog has a current translation. */
  kept: string[];
  /** Marked approved in the file but not approved here. */
  notApproved: string[];
  /** Marked as needing work with a new text and no older source to be stale against: not imported. */
  needsWork: string[];
  unchanged: number;
  /** Entries without a translation (nothing to import). */
  empty: number;
  /** Findings of the file reader, per key. */
  findings: Array<{ key: string; message: string }>;
}

/** Checks that every entry names a known namespace and key; throws at the first that does not. */
export function checkKeys(doc: ImportDocument, sources: Sources, file: string): void {
  for (const e of doc.entries) {
    if (!namespaces.includes(e.ns as Namespace)) {
      throw new InputError(
        `unknown namespace "${e.ns}" (key "${e.key}"): the namespaces are ${namespaces.join(', ')}`,
        { file, ...e.place },
      );
    }
    if (!(e.key in sources[e.ns as Namespace])) {
      throw new InputError(
        `unknown key "${reportKey(e.ns as Namespace, e.key)}": no such segment in the current source; export the file again`,
        { file, ...e.place },
      );
    }
  }
}

/**
 * Applies an imported document to a locale.
 * @param hashOf hash of a translation text (`hashText`)
 * @throws InputError for an unknown namespace or key
 */
export function applyImport(
  doc: ImportDocument,
  sources: Sources,
  current: LocaleFiles,
  file: string,
  hashOf: (t: string) => string,
): ImportResult {
  checkKeys(doc, sources, file);
  const catalogs = structuredClone(current.catalogs);
  const state = structuredClone(current.state);
  const r: ImportResult = {
    catalogs,
    state,
    changed: [],
    stateChanged: false,
    updated: [],
    stale: [],
    keptStale: [],
    keptApproved: [],
    newlines: [],
    kept: [],
    notApproved: [],
    needsWork: [],
    unchanged: 0,
    empty: 0,
    findings: [],
  };
  const changed = new Set<Namespace>();
  for (const e of doc.entries) {
    const ns = e.ns as Namespace;
    const name = reportKey(ns, e.key);
    for (const message of e.findings) r.findings.push({ key: name, message });
    if (e.target.trim() === '') {
      r.empty++;
      continue;
    }
    const S = sources[ns][e.key]!; // a known key: checked when the file was read
    const C = catalogs[ns][e.key];
    const entry = state.entries[ns][e.key];
    const status = statusOf(C, S, entry, hashOf);
    const T = e.target;
    const write = (next: StateEntry) => {
      if (C !== T) {
        catalogs[ns][e.key] = T;
        changed.add(ns);
      }
      const same = JSON.stringify(next) === JSON.stringify(entry);
      if (!same) {
        state.entries[ns][e.key] = next;
        r.stateChanged = true;
      }
      return C !== T || !same;
    };
    const draftOf = (source: string): StateEntry => ({ source, text: hashOf(T), status: 'draft' });
    if (C === T) {
      if (status === 'stale' && e.mark !== 'fuzzy') r.keptStale.push(name);
      else if (status === 'approved' && e.mark !== 'approved') r.keptApproved.push(name);
      else {
        if (e.mark === 'approved' && status !== 'approved') r.notApproved.push(name);
        r.unchanged++;
      }
      continue;
    }
    const lines = (t: string) => t.split('\n').length;
    if (S.includes('\n') && lines(T) !== lines(S)) {
      // An address block collapsed by a tool that ignored xml:space: the old text is better than a one-line address.
      r.newlines.push({
        key: name,
        message: `the source has ${lines(S)} lines, the translation ${lines(T)}: keep one line per line of the source (a tool may have collapsed the line breaks); not imported`,
      });
      continue;
    }
    if (e.source !== S) {
      if (status === 'draft' || status === 'approved') {
        r.kept.push(name);
        continue;
      }
      write(draftOf(e.source));
      r.stale.push(name);
      continue;
    }
    if (e.mark === 'fuzzy') {
      const older =
        e.previousSource !== undefined && e.previousSource !== S
          ? e.previousSource
          : status === 'stale'
            ? entry!.source
            : undefined;
      if (older !== undefined) {
        write(draftOf(older));
        r.stale.push(name);
        continue;
      }
      // Unconfirmed work (a TM or MT guess, a copy of the source) never becomes a translation unseen.
      r.needsWork.push(name);
      continue;
    }
    write(draftOf(S));
    r.updated.push(name);
    if (e.mark === 'approved') r.notApproved.push(name);
  }
  r.changed = namespaces.filter((ns) => changed.has(ns));
  return r;
}
