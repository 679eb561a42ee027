/**
 * Review proofs, `dist/review/<lng>.html` (and the PDF printed from it):
 * source and translation side by side, segment by segment, each with its
 * key, status, findings and waivers, and for a stale segment what changed
 * in the source since it was translated. Rows are divs (not sections: a
 * section without a heading is a Nu warning, one per row) laid out as a
 * grid, not a table: Chromium tags table headers with its own node ids,
 * which would make the PDF differ from one build to the next. Pure.
 */
import type { KeyStatus } from '../catalog/status.js';
import { reportKey } from '../catalog/status.js';
import type { Sources } from '../catalog/extract.js';
import type { LocaleFiles } from '../catalog/extract.js';
import { escapeHtml, fillTemplate } from './html.js';
import { directionOf, nativeName, englishName } from '../core/locales.js';
import { wordDiff } from './wordDiff.js';
import { typeset } from './typeset.js';

/** What a proof shows of its statement. */
export interface ProofContext {
  title: string;
  reference: string;
  date: string;
  sourceLocale: string;
  /** Page rules of the printed proof (`pageCss` with `landscape`: three columns need the width). */
  pageCss: string;
}

function diffHtml(before: string, after: string): string {
  return wordDiff(before, after)
    .map((p) =>
      p.op === 'same'
        ? escapeHtml(p.text)
        : p.op === 'del'
          ? `<del>${escapeHtml(p.text)}</del>`
          : `<ins>${escapeHtml(p.text)}</ins>`,
    )
    .join('');
}

/** Renders the review proof of one locale into its page shell (`templates/review.html`). */
export function renderProof(
  locale: string,
  sources: Sources,
  files: LocaleFiles,
  keys: KeyStatus[],
  ctx: ProofContext,
  template: string,
): string {
  const dir = directionOf(locale);
  const src = ctx.sourceLocale;
  const counts = { approved: 0, draft: 0, stale: 0, missing: 0 };
  for (const k of keys) counts[k.status]++;
  const rows = keys.map((k) => {
    const source = sources[k.ns][k.key] ?? '';
    const text = files.catalogs[k.ns][k.key] ?? '';
    const entry = files.state.entries[k.ns][k.key];
    const findings = k.findings.map((f) => {
      const waiver = files.state.waivers.find((w) => w.ns === k.ns && w.key === k.key && w.check === f.check);
      return `<li class="${f.severity}${f.waived ? ' waived' : ''}">${f.severity}${f.waived ? ' (waived)' : ''}: ${escapeHtml(f.check)}: ${escapeHtml(f.message)}${waiver ? `<br><span class="reason">Waiver: ${escapeHtml(waiver.reason)}</span>` : ''}</li>`;
    });
    const staleDiff =
      k.status === 'stale' && entry
        ? `<div class="diff"><p class="label">Source changed since translation:</p><p lang="${src}">${diffHtml(entry.source, source)}</p></div>`
        : '';
    const approval =
      entry?.status === 'approved' && k.status === 'approved'
        ? `<p class="approval">Approved by ${escapeHtml(entry.by ?? '?')}, ${escapeHtml((entry.at ?? '').slice(0, 10))}</p>`
        : '';
    return `<div class="row ${k.status}" id="${escapeHtml(reportKey(k.ns, k.key).replace(/[^\w-]/g, '_'))}">
<div class="key"><code>${escapeHtml(reportKey(k.ns, k.key))}</code><br><span class="status">${k.status}</span>${approval}</div>
<div class="source" lang="${src}" dir="${directionOf(src)}">${escapeHtml(source).replace(/\n/g, '<br>')}${staleDiff}</div>
<div class="target" lang="${locale}" dir="${dir}">${text ? escapeHtml(typeset(text, locale)).replace(/\n/g, '<br>') : '<span class="missing">(missing)</span>'}${findings.length ? `<ul class="findings" lang="en" dir="ltr">${findings.join('')}</ul>` : ''}</div>
</div>`;
  });
  return fillTemplate(
    template,
    {
      language: englishName(locale),
      title: ctx.title,
      pageCss: ctx.pageCss,
      nativeName: nativeName(locale),
      locale,
      reference: ctx.reference,
      date: ctx.date,
      segments: String(keys.length),
      approved: String(counts.approved),
      draft: String(counts.draft),
      stale: String(counts.stale),
      missing: String(counts.missing),
      sourceLanguage: englishName(src),
      rows: rows.join('\n'),
    },
    'templates/review.html',
  );
}
