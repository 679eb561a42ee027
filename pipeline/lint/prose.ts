/**
 * The prose of a statement as one plain text for retext: the front-matter
 * strings that are segments, then every paragraph, heading and table cell of
 * the body, one block a paragraph (blank line between). Each character keeps
 * the offset it has in the real file, so findings point at the file, front
 * matter included, and quote it as it stands there (Markdown and all).
 */
import { parseDocument, isMap, isScalar } from 'yaml';
import type { Nodes, PhrasingContent } from 'mdast';
import type { ParsedStatement } from '../source/parse.js';
import { frontSegmentFields } from '../source/config.js';

/** Plain text with, for each character, its offset in the file (-1 between blocks). */
export interface Prose {
  text: string;
  offsets: number[];
}

/**
 * Stands for what is not prose (inline code, HTML, images, bare URLs): keeps
 * words apart without being a letter, a space or punctuation to any rule.
 */
export const placeholder = '\uFFFC';

/** Collects the prose of a parsed statement. */
export function collectProse(parsed: Pick<ParsedStatement, 'text' | 'tree'>): Prose {
  const out: Prose = { text: '', offsets: [] };
  const blocks: Prose[] = [...frontMatterProse(parsed.text), ...bodyProse(parsed)];
  for (const block of blocks) {
    if (block.text.trim() === '') continue;
    if (out.text) {
      out.text += '\n\n';
      out.offsets.push(-1, -1);
    }
    out.text += block.text;
    out.offsets.push(...block.offsets);
  }
  return out;
}

/**
 * Maps each character of `value` (a node's text, escapes and entities
 * decoded) onto the source slice it came from. Where they differ (`\*`,
 * `&amp;`, continuation-line indent), source characters are skipped until
 * the next match; a character with no match nearby takes the current place.
 */
function align(value: string, source: string, base: number): Prose {
  if (value === source) return { text: value, offsets: Array.from({ length: value.length }, (_, i) => base + i) };
  const offsets: number[] = [];
  let j = 0;
  for (let i = 0; i < value.length; i++) {
    const k = source.indexOf(value.charAt(i), j);
    if (k !== -1 && k - j <= 12) {
      offsets.push(base + k);
      j = k + 1;
    } else {
      offsets.push(base + Math.max(Math.min(j, source.length - 1), 0));
    }
  }
  return { text: value, offsets };
}

function frontMatterProse(text: string): Prose[] {
  const open = /^---\r?\n/.exec(text);
  if (!open) return [];
  const start = open[0].length;
  const close = /^(?:---|\.\.\.)[ \t]*\r?$/m.exec(text.slice(start));
  const yamlText = text.slice(start, close ? start + close.index : text.length);
  const doc = parseDocument(yamlText);
  if (!isMap(doc.contents)) return [];
  const out: Prose[] = [];
  for (const field of frontSegmentFields) {
    const pair = doc.contents.items.find((item) => isScalar(item.key) && item.key.value === field);
    const node = pair?.value;
    if (!isScalar(node) || typeof node.value !== 'string' || !node.range) continue;
    out.push(align(node.value, yamlText.slice(node.range[0], node.range[1]), start + node.range[0]));
  }
  return out;
}

function bodyProse(parsed: Pick<ParsedStatement, 'text' | 'tree'>): Prose[] {
  const out: Prose[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      const block: Prose = { text: '', offsets: [] };
      for (const child of node.children) phrasing(child, parsed.text, block);
      out.push(block);
    } else if ('children' in node) {
      for (const child of node.children) walk(child as Nodes);
    }
  };
  walk(parsed.tree);
  return out;
}

function append(block: Prose, piece: Prose): void {
  block.text += piece.text;
  block.offsets.push(...piece.offsets);
}

function phrasing(node: PhrasingContent, source: string, block: Prose): void {
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  switch (node.type) {
    case 'text':
      append(block, align(node.value, source.slice(start, end), start));
      return;
    case 'break':
      append(block, { text: '\n', offsets: [start] });
      return;
    case 'link': {
      // A bare URL (GFM autolink literal) or `<url>` is not prose.
      const label = node.children.map((c) => ('value' in c ? c.value : '')).join('');
      if (label === node.url || `mailto:${label}` === node.url || `http://${label}` === node.url) {
        append(block, { text: placeholder, offsets: [start] });
        return;
      }
      for (const child of node.children) phrasing(child, source, block);
      return;
    }
    case 'emphasis':
    case 'strong':
    case 'delete':
    case 'linkReference':
      for (const child of node.children) phrasing(child, source, block);
      return;
    default:
      append(block, { text: placeholder, offsets: [start] });
  }
}
