/**
 * The two GitHub extensions a statement uses: pipe tables and footnotes.
 * Only these two: GFM's autolink-literal scan is what made full remark-gfm
 * parse a long statement two to three times slower than CommonMark, and
 * strikethrough and task lists have no place in an official text. The
 * bench's parse floor (tools/bench.ts) uses this same plugin, so the floor
 * stays the parse a statement really needs.
 */
import type { Processor } from 'unified';
import type { Parent, PhrasingContent, Root, Nodes, Table } from 'mdast';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';

/** A table's caption: the italic paragraph just before it (see `markCaptions`). */
export interface TableCaption extends Parent {
  type: 'tableCaption';
  children: PhrasingContent[];
}

declare module 'mdast' {
  interface RootContentMap {
    tableCaption: TableCaption;
  }
  interface BlockContentMap {
    tableCaption: TableCaption;
  }
}

type Data = { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };

/** remark plugin: GFM tables and footnotes (block parser). */
export function remarkTablesAndFootnotes(this: Processor): void {
  const data = this.data() as Data;
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmFootnote());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmFootnoteFromMarkdown());
}

/** remark plugin: footnote references only (the inline parser of a segment's text). */
export function remarkFootnoteCalls(this: Processor): void {
  const data = this.data() as Data;
  (data.micromarkExtensions ??= []).push(gfmFootnote());
  (data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown());
}

/** `[^label]` in a text: the footnote references a segment may hold. */
export const footnoteCall = /\[\^([^\]\s]+)\]/g;

/**
 * Definitions to append to a segment's text so that its `[^label]` parse
 * as references: micromark makes a reference only of a label the document
 * defines, and a segment parsed alone defines none. Appended after the
 * text, so every offset into the text stays right.
 */
export function footnoteStubs(text: string): string {
  if (!text.includes('[^')) return '';
  const labels = new Set([...text.matchAll(footnoteCall)].map((m) => m[1]));
  return [...labels].map((l) => `\n\n[^${l}]: .`).join('');
}

/**
 * The statement's caption convention: a paragraph that is nothing but
 * emphasis (`*Table 1. Victims by category*`), standing just before a
 * table, is that table's caption. It becomes a `tableCaption` node (its
 * children the emphasis's, so the caption's segment is its words without
 * the asterisks), rendered as the table's `<caption>`.
 */
export function markCaptions(tree: Root): void {
  const visit = (parent: Parent) => {
    const kids = parent.children as Nodes[];
    for (let i = 0; i < kids.length; i++) {
      const node = kids[i]!; // i < kids.length
      const next = kids[i + 1];
      if (
        node.type === 'paragraph' &&
        next?.type === 'table' &&
        node.children.length === 1 &&
        node.children[0]?.type === 'emphasis'
      ) {
        kids[i] = {
          type: 'tableCaption',
          children: node.children[0].children,
          position: node.position,
        } as TableCaption as unknown as Nodes;
      } else if ('children' in node && node.type !== 'table') {
        visit(node as Parent);
      }
    }
  };
  visit(tree);
}

/**
 * Whether a cell's text is a figure or nothing (no letter in it): such a
 * cell is no segment, it shows as the source writes it in every language,
 * and the figures check still counts it in its row.
 */
export const figureOnly = (plain: string): boolean => !/\p{L}/u.test(plain);

/** The columns of a table whose body cells are all figures, dashes or empty (at least one figure): aligned at the end. */
export function numericColumns(table: Table, plainOf: (n: Nodes) => string): boolean[] {
  const width = table.align?.length ?? table.children[0]?.children.length ?? 0;
  const out: boolean[] = [];
  for (let c = 0; c < width; c++) {
    const cells = table.children.slice(1).map((row) => {
      const cell = row.children[c];
      return cell ? plainOf(cell).trim() : '';
    });
    // A dash or an empty cell ("none") does not make a column of figures text.
    out.push(cells.some((t) => /\d/.test(t)) && cells.every(figureOnly));
  }
  return out;
}
