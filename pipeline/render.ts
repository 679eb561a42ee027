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

const toHast = unified().use(remarkRehype).use(rehypeSanitize, sanitizeSchema);
const toHtml = unified().use(rehypeStringify);

/** mdast → hast → sanitized hast. */
export function bodyToHast(tree: MdastRoot): HastRoot {
  return toHast.runSync(tree) as HastRoot;
}

/** mdast → sanitized HTML fragment. */
export function renderBody(tree: MdastRoot): string {
  return toHtml.stringify(bodyToHast(tree));
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
