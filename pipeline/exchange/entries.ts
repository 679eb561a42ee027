/**
 * What goes out in an exchange file: one entry per key of a locale, with
 * its status, the source a stale translation was made from, its place in
 * the project and its check findings. Pure.
 */
import type { LocaleCatalogs, Namespace } from '../catalog/catalog.js';
import type { LocaleState, Status } from '../catalog/state.js';
import type { KeyStatus } from '../catalog/status.js';
import type { Sources } from '../catalog/extract.js';
import type { ExportEntry } from './types.js';

/** Everything `exportEntries` reads. */
export interface ExportInput {
  sources: Sources;
  catalogs: LocaleCatalogs;
  state: LocaleState;
  /** The key statuses of the locale (`statusesOf`). */
  statuses: KeyStatus[];
  /** `file:line` of each key, per namespace, where known. */
  locations: Partial<Record<Namespace, Record<string, string>>>;
  /** Keep only entries of these statuses (default: all). */
  only?: Status[];
}

/**
 * A key's findings, one line each, a waived one with the reason recorded
 * for it (the translator sees why the check does not count), then the
 * waivers whose check found nothing this time.
 */
function findingsOf(k: KeyStatus, state: LocaleState): string[] {
  const waivers = state.waivers.filter((w) => w.ns === k.ns && w.key === k.key);
  const reason = (check: string) => waivers.find((w) => w.check === check)?.reason;
  const lines = k.findings.map((f) => `${f.severity} ${f.check}: ${f.message}${f.waived ? ` (waived: ${reason(f.check) ?? 'no reason recorded'})` : ''}`);
  for (const w of waivers) if (!k.findings.some((f) => f.check === w.check)) lines.push(`waiver ${w.check}: ${w.reason}`);
  return lines;
}

/** The entries of a locale, in the order of the statuses (document order). */
export function exportEntries(input: ExportInput): ExportEntry[] {
  const out: ExportEntry[] = [];
  for (const k of input.statuses) {
    if (input.only && !input.only.includes(k.status)) continue;
    const entry: ExportEntry = {
      ns: k.ns,
      key: k.key,
      source: input.sources[k.ns][k.key] ?? '',
      target: k.status === 'missing' ? '' : input.catalogs[k.ns][k.key] ?? '',
      status: k.status,
      findings: findingsOf(k, input.state),
    };
    const location = input.locations[k.ns]?.[k.key];
    if (location) entry.location = location;
    if (k.status === 'stale') entry.previousSource = input.state.entries[k.ns][k.key]?.source;
    out.push(entry);
  }
  return out;
}
