/** `statement status`: how far each locale is, and what the checks found. Reads only. */
import { loadWorkspace } from '../../catalog/workspace.js';
import { coverage, reportKey, type LocaleStatus } from '../../catalog/status.js';
import { prepareLocales, localeReport } from '../../catalog/localeSet.js';
import { englishName, publishLocale } from '../../core/locales.js';
import { isAddressKey } from '../../render/localize.js';
import { wordsOf } from '../../source/segment.js';
import { namespaces } from '../../catalog/catalog.js';
import { groupByCheck, countCell } from '../../checks/run.js';
import { isUnwaivedError } from '../../checks/types.js';
import { defineCommand } from './types.js';
import { numberIn } from '../args.js';

const pct = (n: number, d: number) => (d === 0 ? '100.0' : ((100 * n) / d).toFixed(1));

const percent = numberIn(0, 100, (text) => `--min-coverage takes a number from 0 to 100, got "${text}"`);

export const statusCommand = defineCommand({
  name: 'status',
  summary: 'translation status per locale (reads only)',
  usage: 'statement status [--json] [--min-coverage N] [--locale L]',
  options: {
    json: { type: 'boolean', help: 'print one JSON object (schema 1) alone on stdout' },
    'min-coverage': {
      type: 'string',
      arg: 'N',
      help: 'exit 1 when a locale has under N % of its segments translated, current and free of unwaived errors',
      parse: percent,
    },
    locale: { type: 'string', arg: 'L', help: 'one locale only' },
  },
  async run({ values, io, root }) {
    const min = values['min-coverage'];
    const ws = loadWorkspace(root);
    const { config } = ws.project.parsed;
    const only = values.locale;
    const locales = only ? [publishLocale(config, only)] : config.locales;
    const localeSet = prepareLocales(ws);
    const report = localeReport(ws, localeSet, locales);
    const below: string[] = [];
    for (const l of locales) {
      const keys = localeSet.statuses.get(l)!;
      if (min !== undefined && coverage(keys) < min) below.push(`${l} (${coverage(keys).toFixed(1)} %)`);
    }
    // Address blocks are not translated by default: not counted here either (see isAddressKey).
    const counted = (ns: (typeof namespaces)[number]) =>
      Object.entries(ws.sources[ns]).filter(([k]) => !isAddressKey(ns, k));
    const sourceSegments = namespaces.reduce((n, ns) => n + counted(ns).length, 0);
    const sourceWords = namespaces.reduce((n, ns) => n + counted(ns).reduce((w, [, t]) => w + wordsOf(t), 0), 0);
    if (values.json) {
      io.out(
        `${JSON.stringify({ schema: 1, source: { segments: sourceSegments, words: sourceWords }, locales: report })}\n`,
      );
    } else {
      const rows = [
        ['locale', 'segments', 'words', 'translated', 'approved', 'stale', 'missing', 'errors', 'warnings'],
      ];
      for (const [l, s] of Object.entries(report)) {
        const errors = s.issues.filter(isUnwaivedError).length;
        const warnings = s.issues.filter((i) => i.severity === 'warning' && !i.waived).length;
        rows.push([
          l,
          String(s.segments),
          String(s.words),
          `${pct(s.translated, s.segments)} %`,
          `${pct(s.approved, s.segments)} %`,
          String(s.stale),
          String(s.missing),
          String(errors),
          String(warnings),
        ]);
      }
      io.out(`source: ${sourceSegments} segments, ${sourceWords} words\n`);
      for (const line of aligned(rows)) io.out(`${line}\n`);
      printByCheck(report, io);
      for (const [l, s] of Object.entries(report))
        if (s.parent) io.out(`${l}: ${s.fromParent} of ${s.segments} keys translated from ${s.parent}\n`);
      io.out(
        `documents ready: ${Object.entries(report)
          .map(([l, s]) => `${l} ${s.documents.ready}/${s.documents.planned}`)
          .join(', ')}\n`,
      );
      for (const [l, s] of Object.entries(report)) {
        const d = s.documents;
        if (d.heldBack === 0) continue;
        const keys = d.blocking.filter((b) => b.letters > 0);
        const named = keys
          .slice(0, 5)
          .map((b) => `${reportKey(b.ns, b.key)} (${b.status}, ${b.letters} letter${b.letters === 1 ? '' : 's'})`)
          .join(', ');
        const more = d.heldBackBy > 5 ? ` and ${d.heldBackBy - 5} more` : '';
        io.out(
          `${l}: translate ${d.heldBackBy === 1 ? 'this key' : `these ${d.heldBackBy} keys`} and ${d.heldBack} letter${d.heldBack === 1 ? '' : 's'} ${d.heldBack === 1 ? 'goes' : 'go'} out in ${englishName(l)}: ${named}${more}\n`,
        );
      }
    }
    if (below.length) {
      io.err(`under ${min} % coverage: ${below.join(', ')}\n`);
      return 1;
    }
    return 0;
  },
});

/** Rows as aligned lines: the first column padded on the right, the others on the left. */
function aligned(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const r of rows) {
    r.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, c.length);
    });
  }
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '));
}

/**
 * The findings by check: one row a check with its counts per locale
 * (E errors, W warnings, waived), then every unwaived error, check by
 * check, and each waiver with its reason.
 */
function printByCheck(report: Record<string, LocaleStatus>, io: { out: (text: string) => void }): void {
  const groups = groupByCheck(report);
  if (!groups.length) return;
  const locales = Object.keys(report);
  // counts has every reported locale.
  const rows = [['check', ...locales], ...groups.map((g) => [g.check, ...locales.map((l) => countCell(g.counts[l]!))])];
  io.out('\nfindings by check (E errors, W warnings):\n');
  for (const line of aligned(rows)) io.out(`${line}\n`);
  for (const g of groups) {
    for (const i of g.issues.filter(isUnwaivedError)) io.out(`${i.locale} ${i.key}: ${i.check}: ${i.message}\n`);
  }
  for (const g of groups) {
    for (const i of g.issues.filter((x) => x.waiver))
      io.out(
        `${i.locale} ${i.key}: ${i.check} waived${i.waiver!.by ? ` by ${i.waiver!.by}` : ''}${i.waiver!.at ? ` on ${i.waiver!.at.slice(0, 10)}` : ''}: ${i.waiver!.reason}\n`,
      );
  }
}
