/**
 * The statement's article, shared by editions and letters: its heading
 * block, notices, localized body and signature block, and the front-matter
 * texts and date they show. Pure.
 */
import type { Root, RootContent } from 'mdast';
import type { ParsedStatement } from '../source/parse.js';
import type { Segment } from '../source/segment.js';
import { localizeTree, frontBlock, type Translator, type Localized } from './localize.js';
import { extractNotes } from './notes.js';
import { directionOf } from '../core/locales.js';
import { memo } from '../core/memo.js';
import { dateLocaleOf } from '../source/config.js';

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

/**
 * The statement's article as mdast: heading block, notices, body, signature.
 * @param official every key the document renders is approved in `t.locale`: no "unofficial translation" notice
 */
export function articleTree(
  parsed: ParsedStatement,
  segments: Segment[],
  t: Translator,
  official = false,
): { tree: Root; pending: number; total: number; title: Localized; notes: RootContent[] } {
  const label = t.string('pending-label');
  const title = frontText(segments, t, 'title')!;
  const head: RootContent[] = [];
  const institution = frontText(segments, t, 'institution');
  if (institution) head.push(frontBlock('p', institution, label, 'institution'));
  head.push(frontBlock('h1', title, label, 'title'));
  const subtitle = frontText(segments, t, 'subtitle');
  if (subtitle) head.push(frontBlock('p', subtitle, label, 'subtitle'));
  const localized = localizeTree(parsed.tree, segments, t);
  // Footnotes leave the text and close the document, after the signature (render/notes.ts).
  const { tree: bodyTree, notes } = extractNotes(localized.tree, () => ({
    heading: t.string('notes-heading'),
    back: (n) => t.string('note-back', { n }),
  }));
  const body = { ...localized, tree: bodyTree };
  const fronts = [institution, title, subtitle].filter(Boolean) as Localized[];
  let pending = body.pending + fronts.filter((f) => f.pending).length;
  let total = body.total + fronts.length;
  const notices: RootContent[] = [];
  if (t.locale !== t.sourceLocale && !official) {
    notices.push(noticeBlock(t.string('unofficial-notice')));
  }
  const tail: RootContent[] = [];
  const place = frontText(segments, t, 'place');
  const signatory = frontText(segments, t, 'signatory');
  for (const f of [place, signatory])
    if (f) {
      total++;
      if (f.pending) pending++;
    }
  const date = formatDate(parsed.config.date, dateLocaleOf(parsed.config, t.locale));
  const placeDate = place
    ? t.string('place-date', { place: place.text, date })
    : { text: date, lang: t.locale, pending: false };
  tail.push({
    type: 'paragraph',
    children: [{ type: 'text', value: placeDate.text }],
    data: {
      hProperties: {
        className: ['place-date'],
        ...(place?.pending ? { lang: place.lang, dir: directionOf(place.lang) } : {}),
      },
    },
  });
  if (signatory) tail.push(frontBlock('p', signatory, label, 'signatory'));
  if (parsed.config.signatoryName) {
    tail.push({
      type: 'paragraph',
      children: [{ type: 'text', value: parsed.config.signatoryName }],
      data: { hProperties: { className: ['signatory-name'] } },
    });
  }
  if (pending > 0) {
    notices.push(noticeBlock(t.string('pending-notice', { count: pending, total })));
  }
  const signature = {
    type: 'signatureBlock',
    data: { hName: 'div', hProperties: { className: ['signature'] } },
    children: tail,
  } as unknown as RootContent;
  const tree: Root = { type: 'root', children: [...head, ...notices, ...body.tree.children, signature] };
  return { tree, pending, total, title, notes };
}

function noticeBlock(text: Localized): RootContent {
  return {
    type: 'paragraph',
    children: [{ type: 'text', value: text.text }],
    data: {
      hProperties: {
        className: ['notice'],
        role: 'note',
        ...(text.pending ? { lang: text.lang, dir: directionOf(text.lang) } : {}),
      },
    },
  };
}
