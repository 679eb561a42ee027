/**
 * Render stage: a localized mdast body to sanitized HTML, and pages filled
 * from the templates in `templates/`. Pure: templates come in as strings.
 */
import { unified } from 'unified';
import remarkRehype, { defaultHandlers, type Options as ToHastOptions } from 'remark-rehype';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import type { Root as MdastRoot } from 'mdast';
import type { Root as HastRoot } from 'hast';
import { sanitizeSchema } from './sanitize.js';
import { typesetTree } from './typeset.js';
import { tableHandler, captionHandler } from './tables.js';

type Handler = NonNullable<ToHastOptions['unknownHandler']>;
type Data = { hName?: string; hProperties?: Record<string, unknown>; hChildren?: unknown[] };

/**
 * The pipeline puts `data.hProperties` (language, pending mark, class) on
 * thousands of blocks, and mdast-util-to-hast deep-copies each through a
 * structured-clone polyfill: a tenth of a long build. These handlers set
 * them directly; the pipeline makes those objects afresh for each render.
 */
function direct(base: Handler): Handler {
  return (state, node, parent) => {
    const { hProperties, ...rest } = (node.data ?? {}) as Data;
    if (!hProperties) return base(state, node, parent);
    const out = base(state, { ...node, data: rest } as typeof node, parent);
    if (!Array.isArray(out) && out?.type === 'element') Object.assign(out.properties, hProperties);
    return out;
  };
}

/**
 * The pipeline's own nodes (pending label, signature and letter blocks): an
 * element named by `data.hName`. As mdast-util-to-hast's default does, a
 * node with a `value` and no properties or children of its own is its text.
 */
const ownNode: Handler = (state, node) => {
  const data = (node.data ?? {}) as Data;
  if ('value' in node && !data.hProperties && !data.hChildren) {
    const text = { type: 'text' as const, value: String(node.value) };
    return data.hName ? { type: 'element', tagName: data.hName, properties: {}, children: [text] } : text;
  }
  return {
    type: 'element',
    tagName: data.hName ?? 'div',
    properties: { ...data.hProperties } as never,
    children: (data.hChildren ?? state.all(node)) as never,
  };
};

const toHast = unified()
  .use(remarkRehype, {
    handlers: {
      paragraph: direct(defaultHandlers.paragraph),
      heading: direct(defaultHandlers.heading),
      listItem: direct(defaultHandlers.listItem),
      table: tableHandler,
      tableCaption: captionHandler,
    } as ToHastOptions['handlers'],
    unknownHandler: ownNode,
  })
  .use(rehypeSanitize, sanitizeSchema);
const toHtml = unified().use(rehypeStringify);

/** mdast → hast → sanitized hast. */
export function bodyToHast(tree: MdastRoot): HastRoot {
  return toHast.runSync(tree) as HastRoot;
}

/** Options of `renderBody`; every field says its default. */
export interface RenderOptions {
  /** Language of the document, for typography; default: none applied. */
  locale?: string;
  /** Insert soft hyphens where the language has patterns (print); default false. */
  hyphenate?: boolean;
}

/** Top-level blocks rendered at a time: a long statement never has its whole hast in memory at once. */
const CHUNK = 400;

/**
 * mdast → sanitized, typeset HTML fragment. A long body is rendered a
 * chunk of top-level blocks at a time (each chunk with every link
 * definition, so reference links resolve), which keeps memory flat.
 */
export function renderBody(tree: MdastRoot, options: RenderOptions = {}): string {
  const render = (root: MdastRoot) => {
    const hast = bodyToHast(root);
    if (options.locale) typesetTree(hast, options.locale, { hyphenate: options.hyphenate });
    return toHtml.stringify(hast);
  };
  if (tree.children.length <= CHUNK) return render(tree);
  const definitions = tree.children.filter((n) => n.type === 'definition');
  const parts: string[] = [];
  for (let i = 0; i < tree.children.length; ) {
    let end = Math.min(i + CHUNK, tree.children.length);
    // A caption is rendered by the table after it: never cut between them.
    if (tree.children[end - 1]?.type === 'tableCaption') end++;
    const chunk = tree.children.slice(i, end).filter((n) => n.type !== 'definition');
    parts.push(render({ type: 'root', children: [...chunk, ...definitions] }));
    i = end;
  }
  return parts.filter(Boolean).join('\n');
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const special = /[&<>"']/;
const specials = /[&<>"']/g;
const entity = (c: string) => entities[c] ?? c; // c is one of specials, all in entities

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return special.test(text) ? text.replace(specials, entity) : text;
}

/**
 * Fills a template: `{{name}}` with the escaped value, `{{{name}}}` with
 * HTML the pipeline made (already sanitized). An unknown name is an error,
 * so a typo in a template cannot ship an empty hole.
 */
export function fillTemplate(template: string, values: Record<string, string>, name = 'template'): string {
  return template.replace(/\{\{\{?\s*([\w-]+)\s*\}?\}\}/g, (match, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`${name}: no value for "${key}"`);
    return match.startsWith('{{{') ? value : escapeHtml(value);
  });
}
