/**
 * Render stage: a localized mdast body to sanitized HTML, and pages filled
 * from the templates in `templates/`. Pure: templates come in as strings.
 */
import { unified } from 'unified';
import remarkRehype from 'remark-rehype';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import type { Root as MdastRoot } from 'mdast';
import type { Root as HastRoot } from 'hast';
import { sanitizeSchema } from './sanitize.js';
import { typesetTree } from './typography.js';

const toHast = unified().use(remarkRehype).use(rehypeSanitize, sanitizeSchema);
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

/** mdast → sanitized, typeset HTML fragment. */
export function renderBody(tree: MdastRoot, options: RenderOptions = {}): string {
  const hast = bodyToHast(tree);
  if (options.locale) typesetTree(hast, options.locale, { hyphenate: options.hyphenate });
  return toHtml.stringify(hast);
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Fills a template: `{{name}}` with the escaped value, `{{{name}}}` with
 * HTML the pipeline made (already sanitized). An unknown name is an error,
 * so a typo in a template cannot ship an empty hole.
 */
export function fillTemplate(template: string, values: Record<string, string>, name = 'template'): string {
  return template.replace(/\{\{\{?\s*([\w-]+)\s*\}?\}\}/g, (match, key: string) => {
    if (!(key in values)) throw new Error(`${name}: no value for "${key}"`);
    return match.startsWith('{{{') ? values[key] : escapeHtml(values[key]);
  });
}
