/**
 * Segment stage: the blocks of a parsed statement (front-matter strings,
 * headings, paragraphs, list items, quotes) with stable,
 * human-readable keys. Pure.
 */
import { hashText } from './hash.js';
import type { Nodes, Parents, Paragraph, Heading } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { ParsedStatement } from './parse.js';
import { frontSegmentFields } from './config.js';

/** The kind of block a segment is; the first part of its key. */
export type SegmentKind = 'title' | 'subtitle' | 'institution' | 'signatory' | 'place' | 'h' | 'p' | 'li' | 'quote';

/** One translatable unit of the statement. */
export interface Segment {
  /** Stable key, e.g. `p-30-years-have-passed-since`: no dots, so catalogs stay flat. */
  key: string;
  kind: SegmentKind;
  /** The segment's Markdown as written (inline markup kept). */
  text: string;
  /** 16 hex digits of the SHA-256 of `text`: what a translation was made from. */
  hash: string;
  /** Words in the plain text. */
  words: number;
  /** 1-based line and column in the source file. */
  line: number;
  column: number;
  /** The block node in the tree (not for front-matter segments). */
  node?: Paragraph | Heading;
}

export { hashText };

const cjk = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
const wordish = /[\p{L}\p{N}]/u;

/** Counts words as a translator's tool would: space-separated tokens holding a letter or digit; one per CJK character. */
export function countWords(plain: string): number {
  let n = 0;
  for (const token of plain.split(/\s+/)) {
    if (token === '') continue;
    const han = token.match(cjk)?.length ?? 0;
    if (han === 0) n += wordish.test(token) ? 1 : 0;
    else n += han + (wordish.test(token.replace(cjk, '')) ? 1 : 0);
  }
  return n;
}

const SLUG_WORDS = 6;
const SLUG_MAX = 48;

/** The readable part of a key: the first words of the text, ASCII, lower case. */
export function slugOf(plain: string): string {
  const words = plain
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, SLUG_WORDS);
  let slug = '';
  for (const w of words) {
    const next = slug ? `${slug}-${w}` : w;
    if (next.length > SLUG_MAX) break;
    slug = next;
  }
  return slug;
}

/**
 * Segments a parsed statement, front-matter strings first, then the body in
 * document order. A key depends only on its own block's kind and first
 * words (and, for identical openings, on how many came before): inserting,
 * removing or moving other blocks changes no key.
 */
export function extractSegments(parsed: ParsedStatement): Segment[] {
  const out: Segment[] = [];
  for (const field of frontSegmentFields) {
    const value = parsed.config[field];
    if (!value) continue;
    out.push({ key: field, kind: field, text: value, hash: hashText(value), words: countWords(value), line: parsed.frontLines[field] ?? 1, column: 1 });
  }
  const seen = new Map<string, number>();
  const visit = (node: Nodes, context: 'p' | 'li' | 'quote') => {
    if (node.type === 'paragraph' || node.type === 'heading') {
      const kind: SegmentKind = node.type === 'heading' ? 'h' : context;
      const text = inlineText(parsed.text, node);
      if (text === '') return;
      const plain = toString(node);
      const base = `${kind}-${slugOf(plain) || hashText(text).slice(0, 8)}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const start = node.position?.start;
      out.push({
        key: n === 1 ? base : `${base}-${n}`,
        kind,
        text,
        hash: hashText(text),
        words: countWords(plain),
        line: start?.line ?? 1,
        column: start?.column ?? 1,
        node,
      });
      return;
    }
    if ('children' in node) {
      const inner = node.type === 'listItem' ? 'li' : node.type === 'blockquote' ? 'quote' : context;
      for (const child of (node as Parents).children) visit(child as Nodes, inner);
    }
  };
  visit(parsed.tree, 'p');
  return out;
}

/** The Markdown source of a block's inline content, soft line breaks folded to spaces. */
function inlineText(source: string, node: Parents): string {
  const first = node.children[0]?.position?.start.offset;
  const last = node.children[node.children.length - 1]?.position?.end.offset;
  if (first === undefined || last === undefined) return toString(node).trim();
  return source.slice(first, last).replace(/[ \t]*\r?\n[ \t]*/g, ' ').trim();
}
