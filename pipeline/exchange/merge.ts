/**
 * Applies an imported file to one locale's catalogs and state. Only
 * entries the file carries with a non-empty translation are looked at;
 * nothing is ever deleted. Pure: current files in, new files out, with an
 * account of what changed and why.
 *
 * Rules, per entry (S the current source, F the file's source, T the
 * file's translation, C the catalog's):
 * - F ≠ S (the file predates a source edit): T is kept as a stale
 *   translation of F, unless the catalog already has a current (draft or
 *   approved) translation, which wins;
 * - fuzzy (PO `fuzzy`, XLIFF `initial`): T is written, stale against the
 *   source it was made from (PO `#| msgid`, or the stale state already
 *   recorded); with no older source known, a new T is not imported (as
 *   gettext never uses a fuzzy entry) and an approval is withdrawn;
 * - translated or approved, T = C: a stale entry is confirmed (a draft of
 *   S); an approved one stays approved if the file says so, else it is a
 *   draft again; an import never approves (that records who and when:
 *   `statement approve`);
 * - T ≠ C: written as a draft of S.
 */
import { InputError } from '../errors.js';
import { namespaces, type LocaleCatalogs, type Namespace } from '../catalog.js';
import { statusOf, type LocaleState, type StateEntry } from '../state.js';
import { reportKey } from '../status.js';
import type { Sources, LocaleFiles } from '../extract.js';
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
  confirmed: string[];
  withdrawn: string[];
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
      throw new InputError(`unknown namespace "${e.ns}" (key "${e.key}"): the namespaces are ${namespaces.join(', ')}`, { file, ...e.place });
    }
    if (!(e.key in sources[e.ns as Namespace])) {
      throw new InputError(`unknown key "${reportKey(e.ns as Namespace, e.key)}": no such segment in the current source; export the file again`, { file, ...e.place });
    }
  }
}

/**
 * Applies an imported document to a locale.
 * @param hashOf hash of a translation text (`hashText`)
 * @throws InputError for an unknown namespace or key
 */
export function applyImport(doc: ImportDocument, sources: Sources, current: LocaleFiles, file: string, hashOf: (t: string) => string): ImportResult {
  checkKeys(doc, sources, file);
  const catalogs = structuredClone(current.catalogs);
  const state = structuredClone(current.state);
  const r: ImportResult = { catalogs, state, changed: [], stateChanged: false, updated: [], stale: [], confirmed: [], withdrawn: [], kept: [], notApproved: [], needsWork: [], unchanged: 0, empty: 0, findings: [] };
  const changed = new Set<Namespace>();
  for (const e of doc.entries) {
    const ns = e.ns as Namespace;
    const name = reportKey(ns, e.key);
    for (const message of e.findings) r.findings.push({ key: name, message });
    if (e.target.trim() === '') {
      r.empty++;
      continue;
    }
    const S = sources[ns][e.key];
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
    if (e.source !== S) {
      if (status === 'draft' || status === 'approved') {
        if (C === T) r.unchanged++;
        else r.kept.push(name);
        continue;
      }
      if (write(draftOf(e.source))) r.stale.push(name);
      else r.unchanged++;
      continue;
    }
    if (e.mark === 'fuzzy') {
      if (status === 'stale' && C === T) {
        r.unchanged++;
        continue;
      }
      const older = e.previousSource !== undefined && e.previousSource !== S ? e.previousSource : status === 'stale' ? entry!.source : undefined;
      if (older !== undefined) {
        if (write(draftOf(older))) r.stale.push(name);
        else r.unchanged++;
        continue;
      }
      if (C === T) {
        if (status === 'approved') {
          write(draftOf(S));
          r.withdrawn.push(name);
        } else r.unchanged++;
        continue;
      }
      // Unconfirmed work (a TM or MT guess, a copy of the source) never becomes a translation unseen.
      r.needsWork.push(name);
      continue;
    }
    if (C === T) {
      if (status === 'stale') {
        write(draftOf(S));
        r.confirmed.push(name);
      } else if (status === 'approved' && e.mark !== 'approved') {
        write(draftOf(S));
        r.withdrawn.push(name);
      } else {
        if (e.mark === 'approved' && status !== 'approved') r.notApproved.push(name);
        r.unchanged++;
      }
      continue;
    }
    write(draftOf(S));
    r.updated.push(name);
    if (e.mark === 'approved') r.notApproved.push(name);
  }
  r.changed = namespaces.filter((ns) => changed.has(ns));
  return r;
}
