/**
 * Site stage: what may be published (`dist/site/`: the editions, their
 * index, `sitemap.xml`) and the office's own index of everything else
 * (`dist/index.html`: letters, proofs, status, send list). Pure: the
 * manifest's entries and translators in, HTML and XML out.
 */
import type { ParsedStatement } from '../source/parse.js';
import type { Templates } from '../core/project.js';
import type { Translator, Localized } from '../render/localize.js';
import { fillTemplate, escapeHtml } from '../render/html.js';
import { directionOf, nativeName, englishName } from '../core/locales.js';
import { hreflangOf, type EditionPdf } from '../render/edition.js';
import { formatDate } from '../render/article.js';
import { dateLocaleOf } from '../source/config.js';

/** The folder of `dist/` that holds the public site: the office uploads it as it is. */
export const SITE_DIR = 'site';

/** How far a translation has come, as the site index states it. */
export type Standing =
  | { kind: 'official' }
  | { kind: 'reviewed' }
  | { kind: 'unofficial' }
  | { kind: 'partial'; percent: number };

/** Works out an edition's standing from its passages (`pending`: shown in the source language). */
export function standingOf(
  locale: string,
  sourceLocale: string,
  pending: number,
  total: number,
  allApproved: boolean,
): Standing {
  if (locale === sourceLocale) return { kind: 'official' };
  // Rounded down: "100 %" must never be said of an edition with a passage missing.
  if (pending > 0) return { kind: 'partial', percent: Math.floor(((total - pending) * 100) / total) };
  return allApproved ? { kind: 'reviewed' } : { kind: 'unofficial' };
}

/** One edition as the site index lists it. */
export interface SiteEdition {
  locale: string;
  standing: Standing;
  /** The PDF beside the HTML, with its pages and bytes; undefined when none was made. */
  pdf?: { pages: number | null; bytes: number | null };
  /** Set when the PDF was withdrawn because it no longer matches the HTML. */
  pdfState?: EditionPdf;
}

/** A text in its own language: a `lang` (and `dir`) only where it fell back to another. */
function own(text: Localized, locale: string, tag = 'span', className = ''): string {
  const lang = text.lang !== locale ? ` lang="${text.lang}" dir="${directionOf(text.lang)}"` : '';
  return `<${tag}${className ? ` class="${className}"` : ''}${lang}>${escapeHtml(text.text)}</${tag}>`;
}

function standingText(t: Translator, s: Standing): Localized {
  return s.kind === 'partial' ? t.string('standing-partial', { percent: s.percent }) : t.string(`standing-${s.kind}`);
}

/** A size in kilobytes in the locale's own unit and digits. */
function sizeText(bytes: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(
    Math.max(1, Math.round(bytes / 1024)),
  );
}

/**
 * Renders `site/index.html`: per edition (the source language first) its
 * native name linked to the HTML, its standing, date and PDF (pages and
 * size), each in that edition's own language.
 */
export function renderSiteIndex(
  parsed: ParsedStatement,
  editions: SiteEdition[],
  templates: Templates,
  translator: (locale: string) => Translator,
): string {
  const { config } = parsed;
  const ordered = [...editions].sort(
    (a, b) => Number(b.locale === config.sourceLocale) - Number(a.locale === config.sourceLocale),
  );
  const items = ordered.map((e) => {
    const t = translator(e.locale);
    const l = e.locale;
    const name = `<a href="${l}/index.html" hreflang="${hreflangOf(l)}" class="edition-name">${escapeHtml(nativeName(l))}</a>`;
    const parts = [
      own(standingText(t, e.standing), l, 'span', `standing ${e.standing.kind}`),
      `<time datetime="${config.date}">${escapeHtml(formatDate(config.date, dateLocaleOf(config, l)))}</time>`,
    ];
    if (e.pdf) {
      const details = t.string('pdf-details', {
        size: e.pdf.bytes ? sizeText(e.pdf.bytes, l) : '?',
        pages: e.pdf.pages === null ? '?' : new Intl.NumberFormat(l).format(e.pdf.pages),
      });
      parts.push(
        `<a href="${l}/statement.pdf" type="application/pdf" hreflang="${hreflangOf(l)}">${own(details, l)}</a>`,
      );
    } else if (e.pdfState === 'outdated') parts.push(own(t.string('pdf-outdated'), l));
    return `<li lang="${l}" dir="${directionOf(l)}">${name} <span class="details">${parts.join(' · ')}</span></li>`;
  });
  return fillTemplate(
    templates.index,
    {
      lang: config.sourceLocale,
      dir: directionOf(config.sourceLocale),
      title: config.title,
      subtitle: config.subtitle ?? '',
      editions: `<h2>${escapeHtml(templates.strings.editions ?? 'Editions')}</h2>\n<ul class="editions">\n${items.join('\n')}\n</ul>`,
      more: '',
    },
    'templates/index.html',
  );
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Renders `site/sitemap.xml`: one `<url>` per edition, each listing every
 * edition (itself included) and the index as `x-default`, with absolute URLs
 * under `baseUrl` (search engines accept nothing else).
 */
export function renderSitemap(baseUrl: string, locales: string[], date: string): string {
  const url = (file: string) => xml(`${baseUrl}${file}`);
  const alternates = [
    ...locales.map(
      (l) => `    <xhtml:link rel="alternate" hreflang="${hreflangOf(l)}" href="${url(`${l}/index.html`)}"/>`,
    ),
    `    <xhtml:link rel="alternate" hreflang="x-default" href="${url('index.html')}"/>`,
  ].join('\n');
  const urls = locales.map(
    (l) => `  <url>\n    <loc>${url(`${l}/index.html`)}</loc>\n    <lastmod>${date}</lastmod>\n${alternates}\n  </url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join('\n')}\n</urlset>\n`;
}

/** What the office index lists besides the site: every path relative to `dist/`. */
export interface OfficeEntries {
  letters: Array<{ addressee: string; name: string; locale: string; reason: string; html: string; pdf: string | null }>;
  proofs: Array<{ locale: string; html: string; pdf: string | null }>;
  /** True when `site/sitemap.xml` was written; otherwise the index says how to get one. */
  sitemap: boolean;
}

/**
 * Renders `dist/index.html`, the office's index (never published): the
 * public site first, then the letters (addressee, language, why, file), the
 * review proofs, the status page and the send list.
 */
export function renderOfficeIndex(parsed: ParsedStatement, entries: OfficeEntries, templates: Templates): string {
  const { config } = parsed;
  const cell = (text: string) => `<td>${escapeHtml(text)}</td>`;
  const letterRows = entries.letters.map(
    (l) =>
      `<tr><td lang="${l.locale}" dir="${directionOf(l.locale)}">${escapeHtml(l.name)}</td>${cell(l.addressee)}${cell(`${englishName(l.locale)} (${l.locale})`)}${cell(l.reason)}<td><a href="${l.pdf ?? l.html}">${escapeHtml(l.pdf ?? l.html)}</a></td></tr>`,
  );
  const proofLinks = entries.proofs.map(
    (p) =>
      `<li><a href="${p.html}">Review proof: ${escapeHtml(englishName(p.locale))}</a>${p.pdf ? ` (<a href="${p.pdf}" type="application/pdf">PDF</a>)` : ''}</li>`,
  );
  const sections: [string, ...string[]] = [
    `<h2>Public site</h2>\n<p>Only <code>${SITE_DIR}/</code> may be published: upload the folder <code>dist/${SITE_DIR}/</code> as it is. Everything else on this page is for the office.</p>\n<ul>\n<li><a href="${SITE_DIR}/index.html">The site's index of editions</a></li>\n<li>${entries.sitemap ? `<a href="${SITE_DIR}/sitemap.xml">sitemap.xml</a>` : 'No sitemap.xml: set <code>baseUrl</code> in the front matter of the statement to get one (and absolute canonical links).'}</li>\n</ul>`,
    `<h2>Letters (not for publication)</h2>\n${letterRows.length ? `<table>\n<thead><tr><th scope="col">Addressee</th><th scope="col">Id</th><th scope="col">Language</th><th scope="col">Why</th><th scope="col">File</th></tr></thead>\n<tbody>\n${letterRows.join('\n')}\n</tbody>\n</table>` : '<p>No letters in this build.</p>'}`,
    `<h2>Review and records (not for publication)</h2>\n<ul>\n<li><a href="status/index.html">Translation status</a></li>\n${proofLinks.join('\n')}${proofLinks.length ? '\n' : ''}<li><a href="send-list.csv" type="text/csv">Send list (CSV)</a></li>\n<li><a href="manifest.json" type="application/json">Manifest</a></li>\n</ul>`,
  ];
  return fillTemplate(
    templates.index,
    {
      lang: config.sourceLocale,
      dir: directionOf(config.sourceLocale),
      title: `${config.title}: office index`,
      subtitle: config.subtitle ?? '',
      editions: sections[0],
      more: sections.slice(1).join('\n'),
    },
    'templates/index.html',
  );
}
