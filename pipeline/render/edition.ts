/**
 * Edition stage: one locale's complete HTML document, and the index of
 * editions. Pure: parsed statement, segments, translator and templates in,
 * HTML out.
 */
import type { ParsedStatement } from '../source/parse.js';
import type { Segment } from '../source/segment.js';
import type { Translator } from './localize.js';
import { renderBody, fillTemplate, escapeHtml } from './html.js';
import { directionOf, nativeName } from '../core/locales.js';
import type { Templates } from '../core/project.js';
import { pageCss } from '../print/pageCss.js';
import { articleTree, frontText } from './article.js';
import { toString } from 'mdast-util-to-string';
import { parseInline } from '../source/parse.js';

/** A rendered edition. */
export interface Edition {
  locale: string;
  html: string;
  /** Segments shown in the source language because no usable translation exists. */
  pending: number;
  total: number;
}

/**
 * The `hreflang` of a locale: a Chinese tag without a script gets the
 * script its catalogs are written in (the likely one, Simplified for `zh`),
 * as search engines ask; every other tag stays as it is.
 */
export function hreflangOf(tag: string): string {
  const locale = new Intl.Locale(tag);
  if (locale.language !== 'zh' || locale.script) return tag;
  return [locale.language, locale.maximize().script, locale.region].filter(Boolean).join('-');
}

/** The Open Graph form of a locale (`language_TERRITORY`, the likely territory where the tag gives none). */
export function ogLocaleOf(tag: string): string {
  const full = new Intl.Locale(tag).maximize();
  return full.region ? `${full.language}_${full.region}` : full.language;
}

/** Where the editions are: relative links inside the site, absolute ones once a base URL is known. */
export interface SiteLinks {
  /** Base URL of the site (ends in `/`); default: none. */
  baseUrl?: string;
}

/** The URL of a file of the site: relative from an edition's folder, or absolute under the base URL. */
export function siteUrl(file: string, links: SiteLinks, prefix = '../'): string {
  return links.baseUrl ? `${links.baseUrl}${file}` : `${prefix}${file}`;
}

/**
 * The language switcher and the `<link rel=alternate>` tags of an edition at
 * `site/<lng>/index.html`: every edition including this one, and `x-default`
 * (the site's index).
 */
export function editionLinks(
  locales: string[],
  current: string,
  prefix = '../',
  links: SiteLinks = {},
): { switcher: string; alternates: string } {
  const items = locales.map((l) => {
    const name = escapeHtml(nativeName(l));
    const here = l === current ? ' aria-current="page"' : '';
    return `<li><a href="${prefix}${l}/index.html" hreflang="${hreflangOf(l)}" lang="${l}" dir="${directionOf(l)}"${here}>${name}</a></li>`;
  });
  const alternates = [
    ...locales.map(
      (l) => `<link rel="alternate" hreflang="${hreflangOf(l)}" href="${siteUrl(`${l}/index.html`, links, prefix)}">`,
    ),
    `<link rel="alternate" hreflang="x-default" href="${siteUrl('index.html', links, prefix)}">`,
  ].join('\n');
  return { switcher: `<ul>\n${items.join('\n')}\n</ul>`, alternates };
}

/**
 * The edition's own strings (around the article); the key set of an edition is read off this and `articleTree`.
 * The PDF link is asked for in both forms: the HTML page shows it, and its key decides the edition's language too.
 */
export function editionStrings(
  t: Translator,
  print = false,
): { skip: string; languagesLabel: string; printStyle: string; pdfLink: string } {
  return {
    skip: t.string('skip-link').text,
    languagesLabel: t.string('languages').text,
    printStyle: print ? `<style>${pageCss(t)}</style>` : '',
    pdfLink: t.string('pdf-link').text,
  };
}

/** The PDF of an edition as its page shows it: linked, withdrawn while out of date, or none (an HTML-only build). */
export type EditionPdf = 'current' | 'outdated' | undefined;

/** Options of `renderEdition`; every field says its default. */
export interface EditionOptions extends SiteLinks {
  /** The page the PDF is printed from (page rules, hyphenation points); default false. */
  print?: boolean;
  /** Whether the page links `statement.pdf` beside it; default: no PDF shown. */
  pdf?: EditionPdf;
  /** Every key the edition renders is approved: no "unofficial translation" notice; default false. */
  official?: boolean;
}

/** A segment's text without its inline Markdown, as a description or a shared title shows it. */
function plainText(text: string): string {
  return toString({ type: 'paragraph', children: parseInline(text) }, { includeHtml: false })
    .replace(/\s+/g, ' ')
    .trim();
}

/** The head tags for sharing and search: description, canonical URL, Open Graph. */
function shareTags(title: string, description: string, locales: string[], current: string, links: SiteLinks): string {
  const attr = (v: string) => escapeHtml(v).replace(/"/g, '&quot;');
  const own = siteUrl(`${current}/index.html`, links, '../');
  [title, description] = [plainText(title), plainText(description)];
  return [
    `<meta name="description" content="${attr(description)}">`,
    `<link rel="canonical" href="${own}">`,
    '<meta property="og:type" content="article">',
    `<meta property="og:title" content="${attr(title)}">`,
    `<meta property="og:description" content="${attr(description)}">`,
    ...(links.baseUrl ? [`<meta property="og:url" content="${own}">`] : []),
    `<meta property="og:locale" content="${ogLocaleOf(current)}">`,
    ...locales
      .filter((l) => l !== current)
      .map((l) => `<meta property="og:locale:alternate" content="${ogLocaleOf(l)}">`),
  ].join('\n');
}

/** The PDF line of an edition's header. */
function pdfLine(t: Translator, pdf: EditionPdf, link: string): string {
  if (pdf === 'current')
    return `<p class="pdf"><a href="statement.pdf" type="application/pdf">${escapeHtml(link)}</a></p>`;
  if (pdf === 'outdated') {
    const note = t.string('pdf-outdated');
    return `<p class="pdf" role="note"${note.lang !== t.locale ? ` lang="${note.lang}" dir="${directionOf(note.lang)}"` : ''}>${escapeHtml(note.text)}</p>`;
  }
  return '';
}

/**
 * Renders one locale's edition: a complete HTML5 document for
 * `site/<lng>/index.html`, or with `print` the page the PDF is printed
 * from (page rules, hyphenation points). `official`: see `articleTree`.
 */
export function renderEdition(
  parsed: ParsedStatement,
  segments: Segment[],
  t: Translator,
  templates: Templates,
  options: EditionOptions = {},
): Edition {
  const article = articleTree(parsed, segments, t, options.official);
  const strings = editionStrings(t, options.print);
  const { locales } = parsed.config;
  const links: SiteLinks = { baseUrl: options.baseUrl };
  const { switcher, alternates } = editionLinks(locales, t.locale, '../', links);
  const description = frontText(segments, t, 'subtitle')?.text ?? article.title.text;
  const html = fillTemplate(
    templates.edition,
    {
      lang: t.locale,
      dir: directionOf(t.locale),
      title: article.title.text,
      share: shareTags(article.title.text, description, locales, t.locale, links),
      alternates,
      assets: '../assets',
      skip: strings.skip,
      languagesLabel: strings.languagesLabel,
      switcher,
      pdf: options.print ? '' : pdfLine(t, options.pdf, strings.pdfLink),
      printStyle: strings.printStyle,
      body: renderBody(
        { ...article.tree, children: [...article.tree.children, ...article.notes] },
        { locale: t.locale, hyphenate: options.print },
      ),
    },
    'templates/edition.html',
  );
  return { locale: t.locale, html, pending: article.pending, total: article.total };
}
