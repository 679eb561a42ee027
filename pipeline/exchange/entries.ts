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
import type { Segment } from '../source/segment.js';

/** Everything `exportEntries` reads. */
export interface ExportInput {
  sources: Sources;
  catalogs: LocaleCatalogs;
  state: LocaleState;
  /** The key statuses of the locale (`statusesOf`). */
  statuses: KeyStatus[];
  /** `file:line` of each key, per namespace, where known. */
  locations: Partial<Record<Namespace, Record<string, string>>>;
  /** A statement key's place in a table (`cellContexts`), for the translator's notes; default none. */
  contexts?: Record<string, string>;
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
  const lines = k.findings.map(
    (f) =>
      `${f.severity} ${f.check}: ${f.message}${f.waived ? ` (waived: ${reason(f.check) ?? 'no reason recorded'})` : ''}`,
  );
  for (const w of waivers)
    if (!k.findings.some((f) => f.check === w.check)) lines.push(`waiver ${w.check}: ${w.reason}`);
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
      target: k.status === 'missing' ? '' : (input.catalogs[k.ns][k.key] ?? ''),
      status: k.status,
      findings: findingsOf(k, input.state),
    };
    const location = input.locations[k.ns]?.[k.key];
    if (location) entry.location = location;
    const context = k.ns === 'statement' ? input.contexts?.[k.key] : undefined;
    if (context) entry.context = context;
    if (k.status === 'stale') entry.previousSource = input.state.entries[k.ns][k.key]?.source;
    out.push(entry);
  }
  return out;
}

/**
 * Where each table cell of the statement stands, in words a translator
 * reads in a note: `table 1, row 3 of 4, column 2 of 3 ("Number")`; the
 * header row is row 1. A cell is translated alone, and its neighbours and
 * header say what "Women" or "Total" stands for.
 */
export function cellContexts(segments: Segment[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of segments) {
    if (!s.cell) continue;
    const { table, row, column, header, rowTexts } = s.cell;
    out[s.key] =
      `table ${table}, ${row === 1 ? 'header row' : `row ${row}`}, column ${column} of ${rowTexts.length}${row === 1 || !header ? '' : ` (${JSON.stringify(header)})`}`;
  }
  return out;
}
