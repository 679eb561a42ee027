/**
 * Letter stage: one recipient's letter in one language — letterhead,
 * place and date, reference, recipient block, subject, salutation, the
 * localized statement, complimentary close, signature block. Pure.
 */
import type { Root, RootContent, PhrasingContent } from 'mdast';
import type { ParsedStatement } from './parse.js';
import type { Segment } from './segment.js';
import type { Translator, Localized } from './localize.js';
import type { Recipient } from './addressees.js';
import { articleTree, formatDate, frontText } from './edition.js';
import { renderBody, fillTemplate, escapeHtml } from './render.js';
import { directionOf } from './locales.js';

/** Templates a letter needs. */
export interface LetterTemplates {
  letter: string;
}

/** Extra, trusted parts: images named in the front matter, already copied into assets. */
export interface LetterImages {
  logo?: string;
  signature?: string;
}

/** The `@page` rules of printed documents: A4, margins, a localized "page X of Y". */
export function pageCss(t: Translator): string {
  const text = t.string('page', { page: '\u0000page\u0000', pages: '\u0000pages\u0000' }).text;
  const parts = text.split('\u0000').map((part) => (part === 'page' ? 'counter(page)' : part === 'pages' ? 'counter(pages)' : cssString(part)));
  const content = parts.filter((p) => p !== '""').join(' ') || 'counter(page)';
  return `@page { size: A4; margin: 20mm 20mm 22mm; @bottom-center { content: ${content}; font-family: 'Noto Serif', 'Noto Naskh Arabic', 'Noto Serif SC'; font-size: 9pt; color: #555; } }`;
}

function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r\f]/g, ' ')}"`;
}

const para = (text: Localized, className: string): RootContent => ({
  type: 'paragraph',
  children: [{ type: 'text', value: text.text }],
  data: { hProperties: { className: [className], ...(text.pending ? { lang: text.lang } : {}) } },
});

const block = (className: string, children: RootContent[], hName = 'div'): RootContent =>
  ({ type: 'letterBlock', data: { hName, hProperties: { className: [className] } }, children }) as unknown as RootContent;

/** Renders one letter as a complete HTML document. */
export function renderLetter(
  parsed: ParsedStatement,
  segments: Segment[],
  t: Translator,
  recipient: Recipient,
  templates: LetterTemplates,
  options: { assets: string; images?: LetterImages; hyphenate?: boolean },
): { html: string; title: string; name: Localized; pending: number } {
  const { config } = parsed;
  const name = t.addressee(recipient.id, recipient.name);
  const address = recipient.address.length ? t.addressee(`${recipient.id}--address`, recipient.address.join('\n')) : undefined;
  const article = articleTree(parsed, segments, t);
  const date = formatDate(config.date, t.locale);
  const place = frontText(segments, t, 'place');
  const placeDate = place ? t.string('place-date', { place: place.text, date }) : { text: date, lang: t.locale, pending: false };
  const reference = `${t.string('reference-label').text}: ${config.reference}/${recipient.id}`;
  const recipientLines: RootContent[] = [para(name, 'recipient-name'), ...(address ? address.text.split('\n').map((line) => para({ ...address, text: line }, 'recipient-line')) : [])];
  const titleText = t.segment('title', config.title).text;
  // The statement article: its own notices (unofficial, pending) and body, without its signature block (the letter signs).
  const statement = article.tree.children.slice(0, -1);
  const signature = article.tree.children[article.tree.children.length - 1];
  const letterTree: Root = {
    type: 'root',
    children: [
      para(placeDate, 'place-date'),
      para({ text: reference, lang: t.locale, pending: false }, 'reference'),
      block('recipient', recipientLines),
      para(t.string('subject', { title: titleText }), 'subject'),
      para(t.string(`salutation-${recipient.form}`), 'salutation'),
      block('statement-text', statement, 'section'),
      para(t.string(`close-${recipient.form}`), 'close'),
      signature,
    ],
  };
  const institution = frontText(segments, t, 'institution');
  const letterhead = `<header class="letterhead">${options.images?.logo ? `<img src="${escapeHtml(options.images.logo)}" alt="">` : ''}${institution ? `<p${institution.pending ? ` lang="${institution.lang}"` : ''}>${escapeHtml(institution.text)}</p>` : ''}</header>`;
  const title = t.string('letter-title', { addressee: name.text }).text;
  const html = fillTemplate(templates.letter, {
    lang: t.locale,
    dir: directionOf(t.locale),
    title,
    assets: options.assets,
    pageCss: pageCss(t),
    letterhead,
    body: renderBody(letterTree, { locale: t.locale, hyphenate: options.hyphenate }),
    signatureImage: options.images?.signature ? `<img class="signature-image" src="${escapeHtml(options.images.signature)}" alt="">` : '',
  }, 'templates/letter.html');
  return { html, title, name, pending: article.pending + (name.pending ? 1 : 0) };
}

export type { PhrasingContent };
