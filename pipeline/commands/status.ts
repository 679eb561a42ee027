/** `statement status`: how far each locale is, and what the checks found. Reads only. */
import { loadWorkspace, statusesOf, localeSourcesOf } from '../workspace.js';
import { summarize, coverage, type LocaleStatus } from '../status.js';
import { wordsOf } from '../segment.js';
import { namespaces } from '../catalog.js';
import { InputError } from '../errors.js';
import type { Command } from './types.js';

const pct = (n: number, d: number) => (d === 0 ? '100.0' : ((100 * n) / d).toFixed(1));

export const statusCommand: Command = {
  name: 'status',
  summary: 'translation status per locale (reads only)',
  usage: 'statement status [--json] [--min-coverage N] [--locale L]',
  options: {
    json: { type: 'boolean', help: 'print one JSON object (schema 1) alone on stdout' },
    'min-coverage': { type: 'string', arg: 'N', help: 'exit 1 when a locale has under N % of its segments translated, current and free of unwaived errors' },
    locale: { type: 'string', arg: 'L', help: 'one locale only' },
  },
  async run({ values, io }) {
    const min = values['min-coverage'] === undefined ? undefined : Number(values['min-coverage']);
    if (min !== undefined && (!Number.isFinite(min) || min < 0 || min > 100)) throw new InputError(`--min-coverage takes a number from 0 to 100, got "${String(values['min-coverage'])}"`);
    const ws = loadWorkspace(process.cwd());
    const { config } = ws.project.parsed;
    const only = typeof values.locale === 'string' ? values.locale : undefined;
    if (only && !config.locales.includes(only)) throw new InputError(`"${only}" is not a publish locale (${config.locales.join(', ')})`);
    const locales = only ? [only] : config.locales;
    const report: Record<string, LocaleStatus> = {};
    const below: string[] = [];
    for (const l of locales) {
      const keys = statusesOf(ws, l);
      report[l] = summarize(localeSourcesOf(ws, l), keys, ws.locales.get(l)!.catalogs, config.sourceLocale, l);
      if (min !== undefined && coverage(keys) < min) below.push(`${l} (${coverage(keys).toFixed(1)} %)`);
    }
    const sourceSegments = namespaces.reduce((n, ns) => n + Object.keys(ws.sources[ns]).length, 0);
    const sourceWords = namespaces.reduce((n, ns) => n + Object.values(ws.sources[ns]).reduce((w, t) => w + wordsOf(t), 0), 0);
    if (values.json) {
      io.out(`${JSON.stringify({ schema: 1, source: { segments: sourceSegments, words: sourceWords }, locales: report })}\n`);
    } else {
      const rows = [['locale', 'segments', 'words', 'translated', 'approved', 'stale', 'missing', 'errors', 'warnings']];
      for (const [l, s] of Object.entries(report)) {
        const errors = s.issues.filter((i) => i.severity === 'error' && !i.waived).length;
        const warnings = s.issues.filter((i) => i.severity === 'warning' && !i.waived).length;
        rows.push([l, String(s.segments), String(s.words), `${pct(s.translated, s.segments)} %`, `${pct(s.approved, s.segments)} %`, String(s.stale), String(s.missing), String(errors), String(warnings)]);
      }
      const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
      io.out(`source: ${sourceSegments} segments, ${sourceWords} words\n`);
      for (const r of rows) io.out(`${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}\n`);
      for (const [l, s] of Object.entries(report)) {
        for (const i of s.issues.filter((x) => !x.waived && x.severity === 'error')) io.out(`${l} ${i.key}: ${i.check}: ${i.message}\n`);
      }
    }
    if (below.length) {
      io.err(`under ${min} % coverage: ${below.join(', ')}\n`);
      return 1;
    }
    return 0;
  },
};
