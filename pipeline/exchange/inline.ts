/**
 * Inline Markdown as XLIFF inline codes: a segment's text split into plain
 * text, paired codes (emphasis, strong, links: the markup before and after
 * their content) and standalone codes (inline code, images, HTML, breaks,
 * autolinks, i18next placeholders: their whole markup). The markup is kept
 * byte for byte, so `joinInline(splitInline(t)) === t` for every text:
 * a round trip through a CAT tool that keeps the codes changes nothing.
 * Pure.
 */
import type { Nodes, PhrasingContent } from 'mdast';
import { parseInline } from '../source/parse.js';
import type { Namespace } from '../catalog/catalog.js';

/** XLIFF 2.0 code types (the `type` attribute). */
export type CodeType = 'fmt' | 'link' | 'image' | 'ui' | 'other';

/** A code around translatable content: `*` … `*`, `[` … `](url)`. */
export interface PairedCode {
  kind: 'pair';
  id: string;
  open: string;
  close: string;
  type: CodeType;
  subType?: string;
  children: InlinePart[];
}

/** A code that stands alone: `` `code` ``, `{{name}}`, `<https://…>`. */
export interface StandaloneCode {
  kind: 'single';
  id: string;
  markup: string;
  type: CodeType;
  subType?: string;
}

/** A code of either kind. */
export type InlineCode = PairedCode | StandaloneCode;
/** Plain text or a code. */
export type InlinePart = string | InlineCode;

const placeholder = /\{\{[^{}]*\}\}|\$t\([^()]*\)/g;

/** Splits plain text around i18next placeholders. */
function splitPlaceholders(text: string, next: () => string): InlinePart[] {
  const out: InlinePart[] = [];
  let last = 0;
  for (const m of text.matchAll(placeholder)) {
    if (m.index! > last) out.push(text.slice(last, m.index));
    out.push({ kind: 'single', id: next(), markup: m[0], type: 'ui', subType: 'xlf:var' });
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

const pairTypes: Partial<Record<Nodes['type'], { type: CodeType; subType?: string }>> = {
  emphasis: { type: 'fmt', subType: 'xlf:i' },
  strong: { type: 'fmt', subType: 'xlf:b' },
  delete: { type: 'fmt' },
  link: { type: 'link' },
  linkReference: { type: 'link' },
};

const singleTypes: Partial<Record<Nodes['type'], CodeType>> = {
  image: 'image',
  imageReference: 'image',
  link: 'link',
  break: 'fmt',
};

const startOf = (n: Nodes) => n.position?.start.offset;
const endOf = (n: Nodes) => n.position?.end.offset;

/**
 * Splits a segment's text into text and codes. Markdown is read in the
 * statement namespace only (letter strings and addressee names are plain
 * text); i18next placeholders are codes everywhere. Code ids are "1", "2",
 * … in document order.
 */
export function splitInline(text: string, ns: Namespace): InlinePart[] {
  let count = 0;
  const next = () => String(++count);
  if (ns !== 'statement') return splitPlaceholders(text, next);
  // Raw slices of the text, never node values: escapes (`\*`) and entities stay as written.
  const walk = (nodes: PhrasingContent[], from: number, to: number): InlinePart[] => {
    const out: InlinePart[] = [];
    let cursor = from;
    for (const node of nodes as Nodes[]) {
      const s = startOf(node);
      const e = endOf(node);
      // Nodes without a place (the text-only fast path, joins) are covered by the raw slices around them.
      if (s === undefined || e === undefined || s < cursor) continue;
      if (s > cursor) out.push(...splitPlaceholders(text.slice(cursor, s), next));
      const children = 'children' in node ? (node.children as PhrasingContent[]) : [];
      const cs = children.length ? startOf(children[0] as Nodes) : undefined;
      const ce = children.length ? endOf(children[children.length - 1] as Nodes) : undefined;
      const pair = pairTypes[node.type];
      const open = cs === undefined ? '' : text.slice(s, cs);
      // An autolink (`<https://…>` or a bare URL) is one code: its text is the target, not prose.
      const autolink = node.type === 'link' && (open === '' || open === '<');
      if (node.type === 'text') {
        out.push(...splitPlaceholders(text.slice(s, e), next));
      } else if (pair && cs !== undefined && ce !== undefined && !autolink) {
        const id = next();
        out.push({ kind: 'pair', id, open, close: text.slice(ce, e), ...pair, children: walk(children, cs, ce) });
      } else {
        out.push({ kind: 'single', id: next(), markup: text.slice(s, e), type: singleTypes[node.type] ?? 'other' });
      }
      cursor = e;
    }
    if (cursor < to) out.push(...splitPlaceholders(text.slice(cursor, to), next));
    return out;
  };
  return mergeText(walk(parseInline(text), 0, text.length));
}

/** Joins adjacent strings (placeholder splitting leaves them apart). */
function mergeText(parts: InlinePart[]): InlinePart[] {
  const out: InlinePart[] = [];
  for (const p of parts) {
    if (typeof p === 'string' && typeof out[out.length - 1] === 'string') out[out.length - 1] += p;
    else if (p !== '')
      out.push(typeof p === 'string' || p.kind === 'single' ? p : { ...p, children: mergeText(p.children) });
  }
  return out;
}

/** The text again: content and markup concatenated. */
export function joinInline(parts: InlinePart[]): string {
  return parts
    .map((p) =>
      typeof p === 'string' ? p : p.kind === 'single' ? p.markup : `${p.open}${joinInline(p.children)}${p.close}`,
    )
    .join('');
}

/** Every code of a split text, depth first, in document order. */
export function codesOf(parts: InlinePart[]): InlineCode[] {
  return parts.flatMap((p) => (typeof p === 'string' ? [] : p.kind === 'single' ? [p] : [p, ...codesOf(p.children)]));
}

/** What a code looks like to a translator: `*…*`, `[…](https://x)`, `{{name}}`. */
export function describeCode(code: InlineCode): string {
  return code.kind === 'single' ? code.markup : `${code.open}…${code.close}`;
}

const sameMarkup = (a: InlineCode, b: InlineCode) =>
  a.kind === b.kind &&
  (a.kind === 'single'
    ? a.markup === (b as StandaloneCode).markup
    : a.open === (b as PairedCode).open && a.close === (b as PairedCode).close);

/**
 * Gives a translation's codes the ids of the source's codes with the same
 * markup (in order), so a CAT tool sees them as the same codes; a code the
 * source does not have gets a fresh id after the source's.
 */
export function alignIds(source: InlinePart[], target: InlinePart[]): InlinePart[] {
  const pool = codesOf(source);
  let fresh = pool.reduce((n, c) => Math.max(n, Number(c.id) || 0), 0);
  const used = new Set<string>();
  const visit = (parts: InlinePart[]): InlinePart[] =>
    parts.map((p) => {
      if (typeof p === 'string') return p;
      const match = pool.find((c) => !used.has(c.id) && sameMarkup(c, p));
      const id = match ? match.id : String(++fresh);
      used.add(id);
      return p.kind === 'single' ? { ...p, id } : { ...p, id, children: visit(p.children) };
    });
  return visit(target);
}
