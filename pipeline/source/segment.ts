/**
 * Segment stage: the blocks of a parsed statement (front-matter strings,
 * headings, paragraphs, list items, quotes, table cells and captions,
 * footnote definitions) with stable, human-readable keys. Pure.
 */
import { hashText } from '../core/hash.js';
import type { Nodes, Parents, Paragraph, Heading, TableCell, Table } from 'mdast';
import { figureOnly, type TableCaption } from './gfm.js';
import { toString } from 'mdast-util-to-string';
import type { ParsedStatement } from './parse.js';
import { frontSegmentFields } from './config.js';
import { memo } from '../core/memo.js';

/** The kind of block a segment is; the first part of its key. */
export type SegmentKind =
  | 'title'
  | 'subtitle'
  | 'institution'
  | 'signatory'
  | 'place'
  | 'h'
  | 'p'
  | 'li'
  | 'quote'
  | 'th'
  | 'td'
  | 'caption'
  | 'fn';

/** Where a table cell stands: for translators' notes and the figures check of its row. */
export interface CellPlace {
  /** 1-based: the statement's first table is 1. */
  table: number;
  /** 1-based, the header row being 1. */
  row: number;
  /** 1-based, in the source's order (left to right as written). */
  column: number;
  /** The plain text of the column's header cell. */
  header: string;
  /** The source text of every cell of the row, in column order (figure-only and empty cells included). */
  rowTexts: string[];
  /** The keys of the row's cells, in column order (null for a cell that is no segment). */
  rowKeys: Array<string | null>;
}

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
  node?: Paragraph | Heading | TableCell | TableCaption;
  /** For a table cell: its table, row and column. */
  cell?: CellPlace;
}

export { hashText };

/** Han, kana: each character counts as a word. */
const cjk = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const wordish = /[\p{L}\p{N}]/u;
const space = /\s/;
/** Per UTF-16 code unit: 1 space, 2 letter or digit, 3 CJK, 4 anything else; 0 not yet known. */
const classes = new Uint8Array(0x10000);

function classOf(code: number): number {
  let c = classes[code]!; // code < 0x10000: a UTF-16 code unit
  if (c === 0) {
    const ch = String.fromCharCode(code);
    c = space.test(ch) ? 1 : cjk.test(ch) ? 3 : wordish.test(ch) ? 2 : 4;
    classes[code] = c;
  }
  return c;
}

/**
 * Counts words as a translator's tool would: space-separated tokens holding
 * a letter or digit; one per CJK character. One pass over the text, each
 * character classified once per process.
 */
export function countWords(plain: string): number {
  let n = 0;
  let wordInToken = false;
  for (let i = 0; i < plain.length; i++) {
    const code = plain.charCodeAt(i);
    let c: number;
    const next = code >= 0xd800 && code <= 0xdbff ? plain.charCodeAt(i + 1) : NaN;
    if (next >= 0xdc00 && next <= 0xdfff) {
      // An astral character (e.g. a mathematical letter): classify the whole code point.
      c = wordish.test(plain.slice(i, i + 2)) ? 2 : 4;
      i++;
    } else {
      c = classOf(code);
    }
    if (c === 1) {
      if (wordInToken) n++;
      wordInToken = false;
    } else if (c === 3) {
      n++;
    } else if (c === 2) {
      wordInToken = true;
    }
  }
  return wordInToken ? n + 1 : n;
}

/** `countWords`, remembered per text: reports count the source once per locale. */
export const wordsOf = memo(countWords);

const SLUG_WORDS = 6;
const SLUG_MAX = 48;

/** The readable part of a key: the first words of the text, ASCII, lower case. */
export function slugOf(plain: string): string {
  // The first words are all a key needs: a long block is cut to its opening, unless that cut might fall inside a key word.
  if (plain.length > SLUG_PREFIX) {
    const head = slugWords(plain.slice(0, SLUG_PREFIX));
    return joinSlug(head.length > SLUG_WORDS ? head : slugWords(plain));
  }
  return joinSlug(slugWords(plain));
}

/** Characters of a block looked at for its key's words, when enough words are found in them. */
const SLUG_PREFIX = 160;
const ascii = /^[\x00-\x7f]*$/;

function slugWords(plain: string): string[] {
  // Accents are dropped (é → e) by decomposing; ASCII text has none to drop.
  return (ascii.test(plain) ? plain : plain.normalize('NFKD').replace(/\p{M}/gu, ''))
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function joinSlug(all: string[]): string {
  const words = all.slice(0, SLUG_WORDS);
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
    out.push({
      key: field,
      kind: field,
      text: value,
      hash: hashText(value),
      words: countWords(value),
      line: parsed.frontLines[field] ?? 1,
      column: 1,
    });
  }
  const seen = new Map<string, number>();
  let tables = 0;
  const add = (node: Paragraph | Heading | TableCell | TableCaption, kind: SegmentKind): Segment | undefined => {
    const text = inlineText(parsed.text, node);
    if (text === '') return undefined;
    const plain = toString(node);
    const base = `${kind}-${slugOf(plain) || hashText(text).slice(0, 8)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const start = node.position?.start;
    const seg: Segment = {
      key: n === 1 ? base : `${base}-${n}`,
      kind,
      text,
      hash: hashText(text),
      words: countWords(plain),
      line: start?.line ?? 1,
      column: start?.column ?? 1,
      node,
    };
    out.push(seg);
    return seg;
  };
  const visit = (node: Nodes, context: 'p' | 'li' | 'quote' | 'fn') => {
    if (node.type === 'paragraph' || node.type === 'heading') {
      add(node, node.type === 'heading' ? 'h' : context);
      return;
    }
    if (node.type === 'tableCaption') {
      add(node, 'caption');
      return;
    }
    if (node.type === 'table') {
      tableSegments(node, ++tables, add);
      return;
    }
    if ('children' in node) {
      const inner =
        node.type === 'listItem'
          ? 'li'
          : node.type === 'blockquote'
            ? 'quote'
            : node.type === 'footnoteDefinition'
              ? 'fn'
              : context;
      for (const child of (node as Parents).children) visit(child as Nodes, inner);
    }
  };
  visit(parsed.tree, 'p');
  return out;
}

/**
 * The cells of one table, row by row: a header cell is `th-…`, a body cell
 * `td-…`; a cell that is only a figure or empty is no segment (it shows as
 * written in every language). Each cell segment knows its row's cells.
 */
function tableSegments(
  table: Table,
  n: number,
  add: (node: TableCell, kind: SegmentKind) => Segment | undefined,
): void {
  const headers = table.children[0]?.children.map((c) => toString(c).trim()) ?? [];
  table.children.forEach((row, r) => {
    const rowTexts = row.children.map((c) => toString(c));
    const cells = row.children.map((cell) =>
      figureOnly(toString(cell)) ? undefined : add(cell, r === 0 ? 'th' : 'td'),
    );
    const rowKeys = cells.map((s) => s?.key ?? null);
    cells.forEach((seg, c) => {
      if (seg) seg.cell = { table: n, row: r + 1, column: c + 1, header: headers[c] ?? '', rowTexts, rowKeys };
    });
  });
}

/** The Markdown source of a block's inline content, soft line breaks folded to spaces. */
function inlineText(source: string, node: Parents): string {
  const first = node.children[0]?.position?.start.offset;
  const last = node.children[node.children.length - 1]?.position?.end.offset;
  if (first === undefined || last === undefined) return toString(node).trim();
  return source
    .slice(first, last)
    .replace(/[ \t]*\r?\n[ \t]*/g, ' ')
    .trim();
}
