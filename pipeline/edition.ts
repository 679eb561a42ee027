/**
 * Edition stage: one locale's complete HTML document, and the index of
 * editions. Pure: parsed statement, segments, translator and templates in,
 * HTML out.
 */
import type { Root, RootContent } from 'mdast';
import type { ParsedStatement } from './parse.js';
import type { Segment } from './segment.js';
import { localizeTree, frontBlock, type Translator, type Localized } from './localize.js';
import { renderBody, fillTemplate, escapeHtml } from './render.js';
import { directionOf, nativeName } from './locales.js';
import type { Templates } from './project.js';
import { pageCss } from './letter.js';
import { memo } from './memo.js';
import { dateLocaleOf } from './config.js';

/** A rendered edition. */
export interface Edition {
  locale: string;
  html: string;
  /** Segments shown in the source language because no usable translation exists. */
  pending: number;
  total: number;
}

/** The date of the statement in a locale's own long format. */
export function formatDate(isoDate: string, locale: string): string {
  return dateFormat(locale).format(new Date(`${isoDate}T00:00:00Z`));
}

/** One formatter per locale: making one costs milliseconds, and every edition and letter needs one. */
const dateFormat = memo((locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }));

/** Localizes a front-matter segment (or undefined when the statement has none). */
export function frontText(segments: Segment[], t: Translator, key: string): Localized | undefined {
  const seg = segments.find((s) => s.key === key);
  return seg ? t.segment(key, seg.text) : undefined;
}

/** The statement's article as mdast: heading block, notices, body, signature. */
export function articleTree(parsed: ParsedStatement, segments: Segment[], t: Translator): { tree: Root; pending: number; total: number; title: Localized } {
  const label = t.string('pending-label');
  const title = frontText(segments, t, 'title')!;
  const head: RootContent[] = [];
  const institution = frontText(segments, t, 'institution');
  if (institution) head.push(frontBlock('p', institution, label, 'institution'));
  head.push(frontBlock('h1', title, label, 'title'));
  const subtitle = frontText(segments, t, 'subtitle');
  if (subtitle) head.push(frontBlock('p', subtitle, label, 'subtitle'));
  const body = localizeTree(parsed.tree, segments, t);
  const fronts = [institution, title, subtitle].filter(Boolean) as Localized[];
  let pending = body.pending + fronts.filter((f) => f.pending).length;
  let total = body.total + fronts.length;
  const notices: RootContent[] = [];
  if (t.locale !== t.sourceLocale) {
    notices.push(noticeBlock(t.string('unofficial-notice')));
  }
  const tail: RootContent[] = [];
  const place = frontText(segments, t, 'place');
  const signatory = frontText(segments, t, 'signatory');
  for (const f of [place, signatory]) if (f) { total++; if (f.pending) pending++; }
  const date = formatDate(parsed.config.date, dateLocaleOf(parsed.config, t.locale));
  const placeDate = place ? t.string('place-date', { place: place.text, date }) : { text: date, lang: t.locale, pending: false };
  tail.push({ type: 'paragraph', children: [{ type: 'text', value: placeDate.text }], data: { hProperties: { className: ['place-date'], ...(place?.pending ? { lang: place.lang } : {}) } } });
  if (signatory) tail.push(frontBlock('p', signatory, label, 'signatory'));
  if (parsed.config.signatoryName) {
    tail.push({ type: 'paragraph', children: [{ type: 'text', value: parsed.config.signatoryName }], data: { hProperties: { className: ['signatory-name'] } } });
  }
  if (pending > 0) {
    notices.push(noticeBlock(t.string('pending-notice', { count: pending, total })));
  }
  const signature = { type: 'signatureBlock', data: { hName: 'div', hProperties: { className: ['signature'] } }, children: tail } as unknown as RootContent;
  const tree: Root = { type: 'root', children: [...head, ...notices, ...body.tree.children, signature] };
  return { tree, pending, total, title };
}

function noticeBlock(text: Localized): RootContent {
  return { type: 'paragraph', children: [{ type: 'text', value: text.text }], data: { hProperties: { className: ['notice'], role: 'note', ...(text.pending ? { lang: text.lang } : {}) } } };
}

/** The language switcher and `<link rel=alternate>` tags of an edition at `<lng>/index.html`. */
export function editionLinks(locales: string[], current: string, prefix = '../'): { switcher: string; alternates: string } {
  const items = locales.map((l) => {
    const name = escapeHtml(nativeName(l));
    const here = l === current ? ' aria-current="page"' : '';
    return `<li><a href="${prefix}${l}/index.html" hreflang="${l}" lang="${l}" dir="${directionOf(l)}"${here}>${name}</a></li>`;
  });
  const alternates = locales
    .filter((l) => l !== current)
    .map((l) => `<link rel="alternate" hreflang="${l}" href="${prefix}${l}/index.html">`)
    .join('\n');
  return { switcher: `<ul>\n${items.join('\n')}\n</ul>`, alternates };
}

/**
 * Renders one locale's edition: a complete HTML5 document for
 * `dist/<lng>/index.html`, or with `print` the page the PDF is printed
 * from (page rules, hyphenation points).
 */
export function renderEdition(parsed: ParsedStatement, segments: Segment[], t: Translator, templates: Templates, options: { print?: boolean } = {}): Edition {
  const article = articleTree(parsed, segments, t);
  const { switcher, alternates } = editionLinks(parsed.config.locales, t.locale);
  const html = fillTemplate(templates.edition, {
    lang: t.locale,
    dir: directionOf(t.locale),
    title: article.title.text,
    alternates,
    assets: '../assets',
    skip: t.string('skip-link').text,
    languagesLabel: t.string('languages').text,
    switcher,
    printStyle: options.print ? `<style>${pageCss(t)}</style>` : '',
    body: renderBody(article.tree, { locale: t.locale, hyphenate: options.print }),
  }, 'templates/edition.html');
  return { locale: t.locale, html, pending: article.pending, total: article.total };
}

/** Renders `dist/index.html`: the list of editions, with how complete each is. */
export function renderIndex(parsed: ParsedStatement, editions: Array<{ locale: string; pending: number; total: number }>, templates: Templates, extraLinks: Array<{ href: string; text: string }> = []): string {
  const items = editions.map((e) => {
    const done = e.total - e.pending;
    const state = e.pending === 0 ? '' : ` <span class="pending-label" lang="en">(${done} of ${e.total} passages translated)</span>`;
    return `<li><a href="${e.locale}/index.html" hreflang="${e.locale}" lang="${e.locale}" dir="${directionOf(e.locale)}">${escapeHtml(nativeName(e.locale))}</a>${state}</li>`;
  });
  const more = extraLinks.length ? `<ul>\n${extraLinks.map((l) => `<li><a href="${l.href}">${escapeHtml(l.text)}</a></li>`).join('\n')}\n</ul>` : '';
  return fillTemplate(templates.index, {
    lang: parsed.config.sourceLocale,
    title: parsed.config.title,
    subtitle: parsed.config.subtitle ?? '',
    editionsLabel: templates.strings.editions ?? 'Editions',
    editions: `<ul>\n${items.join('\n')}\n</ul>`,
    more,
  }, 'templates/index.html');
}
