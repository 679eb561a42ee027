/**
 * Letter stage: one recipient's letter in one language — letterhead,
 * place and date, reference, recipient block, subject, salutation, the
 * localized statement, complimentary close, signature block. Pure.
 */
import type { Root, RootContent } from 'mdast';
import type { ParsedStatement } from '../source/parse.js';
import type { Segment } from '../source/segment.js';
import type { Translator, Localized } from './localize.js';
import type { Recipient } from '../source/addressees.js';
import { articleTree, formatDate, frontText } from './article.js';
import { dateLocaleOf } from '../source/config.js';
import { renderBody, fillTemplate, escapeHtml } from './html.js';
import { directionOf } from '../core/locales.js';
import { pageCss } from '../print/pageCss.js';

/** Templates a letter needs. */
export interface LetterTemplates {
  letter: string;
}

/** Extra, trusted parts: images named in the front matter, already copied into assets. */
export interface LetterImages {
  logo?: string;
  signature?: string;
}

const para = (text: Localized, className: string): RootContent => ({
  type: 'paragraph',
  children: [{ type: 'text', value: text.text }],
  data: {
    hProperties: { className: [className], ...(text.pending ? { lang: text.lang, dir: directionOf(text.lang) } : {}) },
  },
});

const block = (className: string, children: RootContent[], hName = 'div'): RootContent =>
  ({
    type: 'letterBlock',
    data: { hName, hProperties: { className: [className] } },
    children,
  }) as unknown as RootContent;

/** The statement as every letter in one language shows it: rendered once per language, shared by its letters. */
export interface LetterStatement {
  /** The statement's heading, notices and body, in a `<section class="statement-text">`. */
  statementHtml: string;
  /** The signature block (place and date, signatory). */
  signatureHtml: string;
  /** The statement's footnotes, which close the letter after the signature ('' when it has none). */
  notesHtml: string;
  /** Segments shown in the source language. */
  pending: number;
}

/** Renders the statement part of the letters in one language (`official`: see `articleTree`). */
export function renderLetterStatement(
  parsed: ParsedStatement,
  segments: Segment[],
  t: Translator,
  hyphenate = false,
  official = false,
): LetterStatement {
  const article = articleTree(parsed, segments, t, official);
  // The article's notices (unofficial, pending) and body; its signature block closes the letter after the complimentary close.
  const statement = article.tree.children.slice(0, -1);
  const signature = article.tree.children[article.tree.children.length - 1]!; // the article ends with its signature block
  const render = (children: RootContent[]) => renderBody({ type: 'root', children }, { locale: t.locale, hyphenate });
  return {
    statementHtml: render([block('statement-text', statement, 'section')]),
    signatureHtml: render([signature]),
    notesHtml: article.notes.length ? render(article.notes) : '',
    pending: article.pending,
  };
}

/**
 * Every text of a letter outside the statement, looked up once: the
 * render uses exactly these, and the key set of a letter is read off them.
 */
export function letterParts(parsed: ParsedStatement, segments: Segment[], t: Translator, recipient: Recipient) {
  const { config } = parsed;
  const name = t.addressee(recipient.id, recipient.name);
  const address = recipient.address.length
    ? t.addressee(`${recipient.id}--address`, recipient.address.join('\n'))
    : undefined;
  const date = formatDate(config.date, dateLocaleOf(config, t.locale));
  const place = frontText(segments, t, 'place');
  const placeDate = place
    ? t.string('place-date', { place: place.text, date })
    : { text: date, lang: t.locale, pending: false };
  const referenceLabel = t.string('reference-label');
  const titleText = t.segment('title', config.title).text;
  const subject = t.string('subject', { title: titleText });
  const salutation = t.string(`salutation-${recipient.form}`);
  const close = t.string(`close-${recipient.form}`);
  const institution = frontText(segments, t, 'institution');
  const title = t.string('letter-title', { addressee: name.text }).text;
  return {
    name,
    address,
    placeDate,
    referenceLabel,
    subject,
    salutation,
    close,
    institution,
    title,
    pageCss: pageCss(t),
  };
}

/**
 * Renders one letter as a complete HTML document.
 * @param options.statement the statement part rendered once for the language (default: rendered here)
 * @param options.official every key the letter renders is approved: no "unofficial translation" notice
 */
export function renderLetter(
  parsed: ParsedStatement,
  segments: Segment[],
  t: Translator,
  recipient: Recipient,
  templates: LetterTemplates,
  options: {
    assets: string;
    images?: LetterImages;
    hyphenate?: boolean;
    statement?: LetterStatement;
    official?: boolean;
  },
): { html: string; title: string; name: Localized; pending: number } {
  const { config } = parsed;
  const statement =
    options.statement ?? renderLetterStatement(parsed, segments, t, options.hyphenate, options.official);
  const parts = letterParts(parsed, segments, t, recipient);
  const { name, address } = parts;
  const reference = `${parts.referenceLabel.text}: ${config.reference}/${recipient.id}`;
  const recipientLines: RootContent[] = [
    para(name, 'recipient-name'),
    ...(address ? address.text.split('\n').map((line) => para({ ...address, text: line }, 'recipient-line')) : []),
  ];
  const render = (children: RootContent[]) =>
    renderBody({ type: 'root', children } as Root, { locale: t.locale, hyphenate: options.hyphenate });
  const opening = render([
    para(parts.placeDate, 'place-date'),
    para({ text: reference, lang: t.locale, pending: false }, 'reference'),
    block('recipient', recipientLines),
    para(parts.subject, 'subject'),
    para(parts.salutation, 'salutation'),
  ]);
  const closing = render([para(parts.close, 'close')]);
  const { institution } = parts;
  const letterhead = `<header class="letterhead">${options.images?.logo ? `<img src="${escapeHtml(options.images.logo)}" alt="">` : ''}${institution ? `<p${institution.pending ? ` lang="${institution.lang}"` : ''}>${escapeHtml(institution.text)}</p>` : ''}</header>`;
  const html = fillTemplate(
    templates.letter,
    {
      lang: t.locale,
      dir: directionOf(t.locale),
      title: parts.title,
      assets: options.assets,
      pageCss: parts.pageCss,
      letterhead,
      body: [
        opening,
        statement.statementHtml,
        closing,
        statement.signatureHtml,
        ...(statement.notesHtml ? [statement.notesHtml] : []),
      ].join('\n'),
      signatureImage: options.images?.signature
        ? `<img class="signature-image" src="${escapeHtml(options.images.signature)}" alt="">`
        : '',
    },
    'templates/letter.html',
  );
  return { html, title: parts.title, name, pending: statement.pending + (name.pending ? 1 : 0) };
}
