/**
 * The status page, `dist/status/index.html`: a bar per locale, linked to
 * the editions, and the findings grouped by check (counts per locale, then
 * each finding with its key, and a waiver's reason, who and when). Pure.
 */
import { escapeHtml, fillTemplate } from './html.js';
import { nativeName, directionOf } from '../core/locales.js';
import { reportKey, type LocaleStatus } from '../catalog/status.js';
import type { DocumentsSummary } from '../build/plan.js';
import { groupByCheck, countCell } from '../checks/run.js';
import { isUnwaivedError } from '../checks/types.js';

/** Renders the status page from `status --json`'s figures into its page shell (`templates/status.html`). */
export function renderStatusPage(
  title: string,
  sourceLocale: string,
  report: Record<string, LocaleStatus & { coverage: number; publishable: boolean; documents?: DocumentsSummary }>,
  template: string,
): string {
  const rows = Object.entries(report).map(([l, s]) => {
    const errors = s.issues.filter(isUnwaivedError).length;
    const warnings = s.issues.filter((i) => i.severity === 'warning' && !i.waived).length;
    const pct = s.coverage.toFixed(1);
    return `<tr><th scope="row"><a href="../site/${l}/index.html" hreflang="${l}" lang="${l}" dir="${directionOf(l)}">${escapeHtml(nativeName(l))}</a> <code>${l}</code></th>
<td><span class="status-bar" role="img" aria-label="${pct} % current"><span style="width:${pct}%"></span></span> ${pct} %</td>
<td>${s.translated}/${s.segments}${s.parent ? ` (${s.fromParent} from <code>${s.parent}</code>)` : ''}</td><td>${s.approved}</td><td>${s.stale}</td><td>${s.missing}</td><td>${errors}</td><td>${warnings}</td><td>${s.publishable ? 'yes' : 'no'}</td><td>${s.documents ? `${s.documents.ready}/${s.documents.planned}` : ''}</td></tr>`;
  });
  // What holds documents back: per locale, the keys holding back the most letters.
  const held = Object.entries(report).flatMap(([l, s]) =>
    (s.documents?.blocking ?? []).map(
      (b) =>
        `<tr><td>${l}</td><td><code>${escapeHtml(reportKey(b.ns, b.key))}</code></td><td>${b.status}</td><td>${b.letters}</td><td>${b.edition ? 'yes' : 'no'}</td></tr>`,
    ),
  );
  return fillTemplate(
    template,
    {
      lang: sourceLocale,
      title,
      rows: rows.join('\n'),
      held: held.length
        ? `<table>\n<thead><tr><th scope="col">Locale</th><th scope="col">Key</th><th scope="col">Status</th><th scope="col">Letters held back</th><th scope="col">Edition</th></tr></thead>\n<tbody>\n${held.join('\n')}\n</tbody>\n</table>`
        : '<p>Every planned document is ready in its language.</p>',
      findings: findingsByCheck(report),
    },
    'templates/status.html',
  );
}

/** The findings section: a count table (check × locale), then one table a check. */
function findingsByCheck(report: Record<string, LocaleStatus>): string {
  const groups = groupByCheck(report);
  if (!groups.length) return '<p>No findings.</p>';
  const locales = Object.keys(report);
  const head = `<tr><th scope="col">Check</th>${locales.map((l) => `<th scope="col"><code>${l}</code></th>`).join('')}</tr>`;
  const rows = groups.map(
    (g) =>
      `<tr><th scope="row">${escapeHtml(g.check)}</th>${locales.map((l) => `<td>${countCell(g.counts[l]!)}</td>`).join('')}</tr>`,
  );
  const counts = `<table class="findings-by-check">\n<caption>Findings per check and locale (E errors, W warnings; waived apart)</caption>\n<thead>${head}</thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table>`;
  const sections = groups.map((g) => {
    const items = g.issues.map((i) => {
      const waiver = i.waiver
        ? `waived${i.waiver.by ? ` by ${escapeHtml(i.waiver.by)}` : ''}${i.waiver.at ? ` on ${escapeHtml(i.waiver.at.slice(0, 10))}` : ''}: ${escapeHtml(i.waiver.reason)}`
        : i.waived
          ? 'waived'
          : '';
      return `<tr><td>${i.locale}</td><td><code>${escapeHtml(i.key)}</code></td><td>${i.severity}</td><td>${escapeHtml(i.message)}</td><td>${waiver}</td></tr>`;
    });
    return `<h3 id="check-${escapeHtml(g.check)}"><code>${escapeHtml(g.check)}</code></h3>\n<table>\n<thead><tr><th scope="col">Locale</th><th scope="col">Key</th><th scope="col">Severity</th><th scope="col">Message</th><th scope="col">Waiver</th></tr></thead>\n<tbody>\n${items.join('\n')}\n</tbody>\n</table>`;
  });
  return [counts, ...sections].join('\n');
}
