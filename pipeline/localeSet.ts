/**
 * Every publish locale of a loaded workspace, prepared once: the status of
 * each key, whether the locale is publishable (and why not), and its
 * translator, which shows a translation only where its status makes it
 * usable. The build, release and diff all see the locales through this.
 */
import path from 'node:path';
import { sha256 } from './hash.js';
import { layout } from './project.js';
import { statusesOf, type Workspace } from './workspace.js';
import { createTranslator, type Translator } from './localize.js';
import { publishable, type KeyStatus } from './status.js';
import type { LocaleReadiness } from './plan.js';
import type { Namespace } from './catalog.js';

/** The prepared locales. */
export interface LocaleSet {
  statuses: Map<string, KeyStatus[]>;
  readiness: Map<string, LocaleReadiness>;
  /** The translator of a publish locale (made on first use). */
  translator(locale: string): Translator;
  /** The status of one key of one locale. */
  keyStatus(locale: string, ns: Namespace, key: string): KeyStatus | undefined;
}

/** Readiness of every locale, for choosing letters' languages. */
export function readinessOf(statuses: Map<string, KeyStatus[]>, requireApproval: boolean): Map<string, LocaleReadiness> {
  const out = new Map<string, LocaleReadiness>();
  for (const [l, keys] of statuses) {
    const missing = keys.filter((k) => k.status === 'missing').length;
    const stale = keys.filter((k) => k.status === 'stale').length;
    const errors = keys.filter((k) => k.findings.some((f) => f.severity === 'error' && !f.waived)).length;
    const unapproved = requireApproval ? keys.filter((k) => k.status !== 'approved').length : 0;
    const why = [missing && `${missing} missing`, stale && `${stale} stale`, errors && `${errors} with errors`, unapproved && `${unapproved} not approved`].filter(Boolean).join(', ');
    out.set(l, { publishable: publishable(keys, requireApproval), why });
  }
  return out;
}

/** Prepares every publish locale of a workspace. */
export function prepareLocales(ws: Workspace): LocaleSet {
  const { config } = ws.project.parsed;
  const statuses = new Map(config.locales.map((l) => [l, statusesOf(ws, l)]));
  const byKey = new Map<string, Map<string, KeyStatus>>();
  for (const [l, keys] of statuses) byKey.set(l, new Map(keys.map((k) => [`${k.ns}\u0000${k.key}`, k])));
  const translators = new Map<string, Translator>();
  const keyStatus = (l: string, ns: Namespace, key: string) => byKey.get(l)?.get(`${ns}\u0000${key}`);
  return {
    statuses,
    readiness: readinessOf(statuses, config.requireApproval),
    keyStatus,
    translator(l) {
      let t = translators.get(l);
      if (!t) {
        t = createTranslator(l, config.sourceLocale, ws.locales.get(l)!.catalogs, ws.project.templates.strings, (ns, key) => keyStatus(l, ns, key)?.usable ?? false);
        translators.set(l, t);
      }
      return t;
    },
  };
}


/**
 * The hashes a manifest records of the inputs: the source, and every
 * locale's catalogs and state, of the files' bytes as they are on disk
 * (what `sha256sum` says); a file that does not exist (the source locale
 * has no state.json) is not named.
 * @param hashOf sha256 of a file's bytes, undefined when it is absent
 */
export function inputHashes(ws: Workspace, hashOf: (file: string) => string | undefined): { source: string; catalogs: Record<string, string> } {
  const catalogs: Record<string, string> = {};
  const root = ws.project.root;
  for (const [l, files] of ws.locales) {
    for (const name of [...Object.keys(files.catalogs).map((ns) => `${ns}.json`), 'state.json']) {
      const h = hashOf(path.join(root, layout.locales, l, name));
      if (h !== undefined) catalogs[`${l}/${name}`] = h;
    }
  }
  return { source: hashOf(ws.project.sourceFile) ?? sha256(ws.project.parsed.text), catalogs };
}
