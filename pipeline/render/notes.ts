/**
 * Footnotes as linked notes: each `[^label]` reference becomes a numbered
 * superscript link to its note, the definitions leave the text and come
 * back as one "Notes" section (a numbered list, each note linking back to
 * its first reference), placed at the end of the document by the edition
 * and the letter. Numbers follow the order of first reference, as GitHub
 * numbers them; a definition nothing refers to is not shown. Pure: a
 * localized mdast tree in, a tree without footnote nodes and the notes out.
 */
import type { Nodes, Parent, Root, RootContent, FootnoteDefinition, Paragraph } from 'mdast';
import type { Localized } from './localize.js';
import { directionOf } from '../core/locales.js';

/** The sanitizer prefixes every id with this (rehype-sanitize's clobber prefix): links point at the prefixed ids. */
const clobber = 'user-content-';

/** The labels the notes section needs, in the document's language. */
export interface NoteLabels {
  /** The section's heading ("Notes"). */
  heading: Localized;
  /** A back link's accessible name for note n ("Back to the text of note 1"). */
  back: (n: number) => Localized;
}

/** Footnote definitions of a tree, by identifier, in document order. */
function definitionsOf(tree: Root): Map<string, FootnoteDefinition> {
  const out = new Map<string, FootnoteDefinition>();
  const visit = (node: Nodes) => {
    if (node.type === 'footnoteDefinition') {
      if (!out.has(node.identifier)) out.set(node.identifier, node);
      return;
    }
    if ('children' in node) for (const c of node.children as Nodes[]) visit(c);
  };
  visit(tree);
  return out;
}

const element = (hName: string, hProperties: Record<string, unknown>, hChildren: unknown[]) =>
  ({ type: 'noteElement', data: { hName, hProperties, hChildren } }) as unknown as RootContent;

/**
 * Takes the footnotes out of a localized tree: references become numbered
 * links, definitions are removed. Returns the tree (the input is not
 * changed) and the notes section (none when nothing is referenced).
 */
export function extractNotes(tree: Root, labels: () => NoteLabels): { tree: Root; notes: RootContent[] } {
  const definitions = definitionsOf(tree);
  if (definitions.size === 0) return { tree, notes: [] };
  const numbers = new Map<string, number>();
  const calls = new Map<string, number>();
  const map = (node: Nodes): Nodes | undefined => {
    if (node.type === 'footnoteDefinition') return undefined;
    if (node.type === 'footnoteReference') {
      if (!definitions.has(node.identifier)) return { type: 'text', value: `[^${node.label ?? node.identifier}]` };
      const n = numbers.get(node.identifier) ?? numbers.size + 1;
      numbers.set(node.identifier, n);
      const k = (calls.get(node.identifier) ?? 0) + 1;
      calls.set(node.identifier, k);
      const link = {
        type: 'element',
        tagName: 'a',
        properties: {
          href: `#${clobber}fn-${n}`,
          id: k === 1 ? `fnref-${n}` : `fnref-${n}-${k}`,
          className: ['footnote-ref'],
          ariaDescribedBy: 'notes-heading',
        },
        children: [{ type: 'text', value: String(n) }],
      };
      return element('sup', {}, [link]) as Nodes;
    }
    if ('children' in node) {
      const children = (node.children as Nodes[]).map(map).filter((c): c is Nodes => c !== undefined);
      return { ...node, children } as Nodes;
    }
    return node;
  };
  const body = map(tree) as Root;
  if (numbers.size === 0) return { tree: body, notes: [] };
  const { heading, back } = labels();
  const items = [...numbers].map(([id, n]) => noteItem(definitions.get(id)!, n, back(n), map));
  const section = {
    type: 'notesSection',
    data: { hName: 'section', hProperties: { className: ['footnotes'], ariaLabelledBy: 'notes-heading' } },
    children: [
      {
        type: 'heading',
        depth: 2,
        children: [{ type: 'text', value: heading.text }],
        data: {
          hProperties: {
            id: 'notes-heading',
            ...(heading.pending ? { lang: heading.lang, dir: directionOf(heading.lang) } : {}),
          },
        },
      },
      { type: 'list', ordered: true, spread: true, children: items },
    ],
  } as unknown as RootContent;
  return { tree: body, notes: [section] };
}

/** One note: the definition's blocks in a list item, a back link at the end of its last paragraph. */
function noteItem(
  def: FootnoteDefinition,
  n: number,
  back: Localized,
  map: (node: Nodes) => Nodes | undefined,
): RootContent {
  const blocks = def.children.map((c) => map(c as Nodes)).filter(Boolean) as Parent[];
  const backLink = element('a', { href: `#${clobber}fnref-${n}`, className: ['footnote-back'], ariaLabel: back.text }, [
    { type: 'text', value: '↩' },
  ]);
  const last = blocks[blocks.length - 1];
  if (last?.type === 'paragraph') {
    blocks[blocks.length - 1] = {
      ...last,
      children: [...(last as Paragraph).children, { type: 'text', value: ' ' }, backLink],
    } as Parent;
  } else {
    blocks.push({ type: 'paragraph', children: [backLink] } as unknown as Parent);
  }
  return {
    type: 'listItem',
    spread: true,
    children: blocks,
    data: { hProperties: { id: `fn-${n}` } },
  } as unknown as RootContent;
}
