/**
 * Status stage: per locale, how much is translated, approved, stale or
 * missing, and what the checks found. Decides what editions and letters
 * may show as current. Pure.
 */
import { namespaces, type LocaleCatalogs, type Namespace } from './catalog.js';
import { checkTranslation, consistencyFindings, type Finding, type GlossaryTerm } from '../checks/run.js';
import { wordsOf, hashText, type CellPlace } from '../source/segment.js';
import type { RowContext } from '../checks/types.js';
import { isUnwaivedError, type Issue } from '../checks/types.js';
import { statusOf, type LocaleState, type Status, type Waiver } from './state.js';
import type { Sources } from './extract.js';
import { isAddressKey } from '../render/localize.js';

export type { Issue } from '../checks/types.js';

/** A locale's figures, as `status --json` reports them (schema 1). */
export interface LocaleStatus {
  segments: number;
  translated: number;
  approved: number;
  stale: number;
  missing: number;
  words: number;
  issues: Issue[];
  /** A regional locale's parent (`de` for `de-CH`), present only when the locale has one. */
  parent?: string;
  /** Of `translated`: keys this locale has no text for, filled from its parent. Present only with `parent`. */
  fromParent?: number;
}

/** Everything known about one key of one locale. */
export interface KeyStatus {
  ns: Namespace;
  key: string;
  status: Status;
  findings: Array<Finding & { waived: boolean; waiver?: Waiver }>;
  /** May be shown as current: translated, not stale, no unwaived error. */
  usable: boolean;
  /** The text shown is the parent locale's (this locale has none): status, findings and usable are the parent's. */
  from?: string;
  /** An address block: not translated by default, not counted in the figures, never holding a document back. */
  optional?: boolean;
}

/**
 * The locale a regional locale falls back to, by BCP 47 truncation as
 * i18next's `fallbackLng` does (`de-CH` → `de`, `zh-Hant-TW` → `zh-Hant` → `zh`):
 * the first shorter tag that is a publish locale other than the source
 * locale (the source locale is every locale's fallback already).
 */
export function parentLocale(locale: string, publish: string[], sourceLocale: string): string | undefined {
  const parts = locale.split('-');
  for (let n = parts.length - 1; n >= 1; n--) {
    const tag = parts.slice(0, n).join('-');
    const found = publish.find((p) => p.toLowerCase() === tag.toLowerCase());
    if (found && found !== sourceLocale) return found;
  }
  return undefined;
}

/** The key as reports name it: bare for the statement, `ns:key` for the others (i18next's notation). */
export function reportKey(ns: Namespace, key: string): string {
  return ns === 'statement' ? key : `${ns}:${key}`;
}

/**
 * Computes the status of every key of one locale.
 * @param parent the parent locale and its key statuses: a key this locale has no text for takes its parent's
 * @param cells the table cells among the statement's keys, with their rows (for the figures check)
 */
export function keyStatuses(
  sources: Sources,
  locale: string,
  sourceLocale: string,
  catalogs: LocaleCatalogs,
  state: LocaleState,
  glossary: GlossaryTerm[],
  parent?: { locale: string; keys: KeyStatus[] },
  cells?: ReadonlyMap<string, CellPlace>,
): KeyStatus[] {
  const out: KeyStatus[] = [];
  const parentKeys = parent && new Map(parent.keys.map((k) => [`${k.ns}:${k.key}`, k]));
  for (const ns of namespaces) {
    for (const [key, source] of Object.entries(sources[ns])) {
      const optional = isAddressKey(ns, key) ? { optional: true } : {};
      if (locale === sourceLocale) {
        out.push({ ns, key, status: 'approved', findings: [], usable: true, ...optional });
        continue;
      }
      const text = catalogs[ns][key];
      const status = statusOf(text, source, state.entries[ns][key], hashText);
      const inherited = status === 'missing' ? parentKeys?.get(`${ns}:${key}`) : undefined;
      if (inherited && inherited.status !== 'missing' && !inherited.from) {
        out.push({ ...inherited, from: parent!.locale, ...optional });
        continue;
      }
      const cell = ns === 'statement' ? cells?.get(key) : undefined;
      const row = cell && rowContext(cell, sources.statement, catalogs.statement);
      // Not missing: the catalog holds a text for the key.
      const findings =
        status === 'missing'
          ? []
          : checkTranslation(source, text!, { ns, key, locale, sourceLocale, glossary, ...(row ? { row } : {}) }).map(
              (f) => withWaiver(f, state, ns, key),
            );
      const usable = (status === 'draft' || status === 'approved') && !findings.some(isUnwaivedError);
      out.push({ ns, key, status, findings, usable, ...optional });
    }
  }
  // One source text translated two ways: a finding over the locale, put on the later key (warnings only: usable stays).
  if (locale !== sourceLocale) {
    const translated = out
      .filter((k) => k.status !== 'missing')
      .map((k) => ({
        key: reportKey(k.ns, k.key),
        source: sources[k.ns][k.key] ?? '',
        translation: catalogs[k.ns][k.key] ?? '',
        k,
      }));
    const found = consistencyFindings(translated);
    for (const t of translated)
      for (const f of found.get(t.key) ?? []) t.k.findings.push(withWaiver(f, state, t.k.ns, t.k.key));
  }
  return out;
}

/** A cell's row as this locale shows it, for the figures check (a moved figure is a warning). */
function rowContext(cell: CellPlace, sources: Record<string, string>, catalog: Record<string, string>): RowContext {
  const sourceOf = (c: number): string => {
    const k = cell.rowKeys[c];
    return (k == null ? cell.rowTexts[c] : (sources[k] ?? cell.rowTexts[c])) ?? '';
  };
  const shownOf = (c: number) => {
    const k = cell.rowKeys[c];
    const t = k == null ? undefined : catalog[k];
    return t && t.trim() !== '' ? t : sourceOf(c);
  };
  return {
    column: cell.column - 1,
    sources: cell.rowKeys.map((_, c) => sourceOf(c)),
    shown: cell.rowKeys.map((_, c) => shownOf(c)),
  };
}

function withWaiver(
  f: Finding,
  state: LocaleState,
  ns: Namespace,
  key: string,
): Finding & { waived: boolean; waiver?: Waiver } {
  const waiver = state.waivers.find((w) => w.ns === ns && w.key === key && w.check === f.check);
  return waiver ? { ...f, waived: true, waiver } : { ...f, waived: false };
}

/**
 * Sums a locale's key statuses into the reported figures. Address blocks
 * are left out of the counts (they are not translated by default); their
 * findings, where a locale overrides one, are still reported.
 * @param parent the locale's parent, and its catalogs (for the words of keys filled from it)
 */
export function summarize(
  sources: Sources,
  all: KeyStatus[],
  catalogs: LocaleCatalogs,
  sourceLocale: string,
  locale: string,
  parent?: { locale: string; catalogs: LocaleCatalogs },
): LocaleStatus {
  let words = 0;
  const keys = all.filter((k) => !k.optional);
  for (const k of keys) {
    if (k.status === 'missing') continue;
    words += wordsOf(
      (locale === sourceLocale
        ? sources[k.ns][k.key]
        : k.from && parent
          ? parent.catalogs[k.ns][k.key]
          : catalogs[k.ns][k.key]) ?? '',
    );
  }
  const fromParent = parent ? { parent: parent.locale, fromParent: keys.filter((k) => k.from).length } : {};
  return {
    segments: keys.length,
    translated: keys.filter((k) => k.status !== 'missing').length,
    approved: keys.filter((k) => k.status === 'approved').length,
    stale: keys.filter((k) => k.status === 'stale').length,
    missing: keys.filter((k) => k.status === 'missing').length,
    words,
    issues: all
      .filter((k) => !k.from)
      .flatMap((k) =>
        k.findings.map((f) => {
          const issue: Issue = {
            key: reportKey(k.ns, k.key),
            check: f.check,
            severity: f.severity,
            message: f.message,
            waived: f.waived,
          };
          if (f.waiver)
            issue.waiver = {
              reason: f.waiver.reason,
              ...(f.waiver.by ? { by: f.waiver.by } : {}),
              ...(f.waiver.at ? { at: f.waiver.at } : {}),
            };
          return issue;
        }),
      ),
    ...fromParent,
  };
}

/** Share (0–100) of a locale's segments that are translated, current and free of unwaived errors. */
export function coverage(all: KeyStatus[]): number {
  const keys = all.filter((k) => !k.optional);
  if (keys.length === 0) return 100;
  return (100 * keys.filter((k) => k.usable).length) / keys.length;
}

/** Whether a locale may be published: every key usable, and approved where the config requires it. */
export function publishable(keys: KeyStatus[], requireApproval: boolean): boolean {
  return keys.every((k) => k.optional || (k.usable && (!requireApproval || k.status === 'approved')));
}
