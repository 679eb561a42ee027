/** `markup` and `placeholders`: inline Markdown, link targets and i18next placeholders as the source has them. */
import type { Nodes, PhrasingContent } from 'mdast';
import { parseInline } from '../source/parse.js';
import { memo } from '../core/memo.js';
import type { Check, Finding } from './types.js';

function inlineShape(text: string): { marks: string[]; links: string[] } {
  const marks: string[] = [];
  const links: string[] = [];
  const walk = (nodes: PhrasingContent[] | Nodes[]) => {
    for (const n of nodes as Nodes[]) {
      if (n.type !== 'text') marks.push(n.type);
      if (n.type === 'link' || n.type === 'definition') links.push(n.url);
      if (n.type === 'image') links.push(n.url);
      // A footnote reference's label is a target too: `[^1]` turned into `[^2]` points at another note.
      if (n.type === 'footnoteReference') links.push(`[^${n.identifier}]`);
      if ('children' in n) walk(n.children as Nodes[]);
    }
  };
  walk(parseInline(text));
  return { marks: marks.sort(), links: links.sort() };
}

// The same source segment is checked against every locale: its markup is worked out once per text.
const sourceShape = memo(inlineShape);

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** `markup` (error, statement only): link targets, then inline markup, as in the source. */
export const markupCheck: Check = (source, translation, ctx) => {
  if (ctx.ns !== 'statement') return [];
  const a = sourceShape(source);
  const b = inlineShape(translation);
  if (!same(a.links, b.links))
    return [
      {
        check: 'markup',
        severity: 'error',
        message: `link targets differ from the source (${a.links.join(' ') || 'none'} → ${b.links.join(' ') || 'none'})`,
      },
    ];
  if (!same(a.marks, b.marks))
    return [
      {
        check: 'markup',
        severity: 'error',
        message: `inline markup differs from the source (${a.marks.join(', ') || 'none'} → ${b.marks.join(', ') || 'none'})`,
      },
    ];
  return [];
};

const placeholderList = (text: string) =>
  [...text.matchAll(/\{\{\s*([^}]+?)\s*\}\}|\$t\(([^)]*)\)/g)].map((m) => m[0].replace(/\s+/g, '')).sort();
/** The i18next placeholders and nestings of a text, normalized and sorted (most texts have none). */
const placeholders = (text: string) => (text.includes('{{') || text.includes('$t(') ? placeholderList(text) : []);

/** `placeholders` (error): the same `{{…}}` and `$t(…)` as the source. */
export const placeholdersCheck: Check = (source, translation) => {
  const a = placeholders(source);
  const b = placeholders(translation);
  const out: Finding[] = [];
  if (!same(a, b))
    out.push({
      check: 'placeholders',
      severity: 'error',
      message: `placeholders differ: source has ${a.join(' ') || 'none'}, translation has ${b.join(' ') || 'none'}`,
    });
  return out;
};
