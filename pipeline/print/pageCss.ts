/**
 * The printed page: paper size, orientation, margins and the localized
 * "page X of Y" in the bottom margin, as `@page` rules. The one place that
 * says A4: the browser's PDF options take their format from here too.
 * Pure.
 */
import type { Translator } from '../render/localize.js';
import { fontStackFor } from './fonts.js';

/** The paper every document is printed on (a CSS `size` and a puppeteer `format`). */
export const PAPER = 'A4';

/** Options of `pageCss`; every field says its default. */
export interface PageOptions {
  /** Paper on its side (the review proofs' three columns); default: portrait. */
  landscape?: boolean;
}

/** The `@page` rules of printed documents: paper, margins, a localized "page X of Y". */
export function pageCss(t: Translator, options: PageOptions = {}): string {
  const text = t.string('page', { page: '\u0000page\u0000', pages: '\u0000pages\u0000' }).text;
  const parts = text
    .split('\u0000')
    .map((part) => (part === 'page' ? 'counter(page)' : part === 'pages' ? 'counter(pages)' : cssString(part)));
  const content = parts.filter((p) => p !== '""').join(' ') || 'counter(page)';
  const size = options.landscape ? `${PAPER} landscape` : PAPER;
  return `@page { size: ${size}; margin: 20mm 20mm 22mm; @bottom-center { content: ${content}; font-family: ${fontStackFor(t.locale)}; font-size: 9pt; color: #555; } }`;
}

/** A CSS string literal; everything that could end the string or the `<style>` element is hex-escaped. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"'<>&\u0000-\u001f\u007f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}
