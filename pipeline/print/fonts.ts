/**
 * Fonts: the static-weight @fontsource faces the editions and letters use,
 * rewritten to load from `dist/assets/fonts/` (nothing from the network).
 * Pure: the CSS texts come in, rules and the files to copy go out.
 */

/**
 * The faces we ship: package, CSS files (static weights only). Arabic is
 * Amiri, chosen by measurement (README, "PDFs"): with Noto Naskh Arabic
 * Chromium's PDFs split most Arabic words in the text layer; with Amiri
 * they come back whole in pdftotext and pdf.js.
 */
export const fontSources = [
  { pkg: '@fontsource/noto-serif', css: ['400.css', '700.css', '400-italic.css', '700-italic.css'] },
  { pkg: '@fontsource/amiri', css: ['400.css', '700.css'] },
  { pkg: '@fontsource/noto-serif-sc', css: ['400.css', '700.css'] },
] as const;

/** The font families, in the order the CSS falls back through them. */
export const shippedFamilies = ['Noto Serif', 'Amiri', 'Noto Serif SC'];

/**
 * The font stack of a locale, as statement.css gives it to `:lang()`: the
 * page's margin boxes ("page X of Y") must use a face the page itself
 * loads, since a web font only text in a margin box needs is never loaded
 * and, with `font-display: block`, prints as nothing.
 */
export function fontStackFor(locale: string): string {
  const lang = locale.split('-')[0];
  const families = lang === 'ar' ? ['Amiri', 'Noto Serif'] : lang === 'zh' ? ['Noto Serif', 'Noto Serif SC'] : shippedFamilies;
  return families.map((f) => `'${f}'`).join(', ');
}

/** A font file to copy: package-relative source and its name under `assets/fonts/`. */
export interface FontFile {
  pkg: string;
  from: string;
  name: string;
}

/**
 * Rewrites a fontsource CSS file: keeps the woff2 source only (Chromium
 * needs nothing else), pointing at `fonts/<file>`; drops faces whose subset
 * no publish locale needs (Vietnamese, Greek, math, symbols).
 */
export function rewriteFontCss(pkg: string, css: string): { css: string; files: FontFile[] } {
  const files: FontFile[] = [];
  const rules: string[] = [];
  for (const block of css.split(/(?=\/\*[^*]*\*\/\s*@font-face)/)) {
    if (!block.includes('@font-face')) continue;
    if (/(vietnamese|greek|math|symbols)-/.test(block)) continue;
    const m = /url\(\.\/files\/([^)]+\.woff2)\)/.exec(block);
    if (!m) continue;
    const name = m[1]!; // group 1 is not optional
    files.push({ pkg, from: `files/${name}`, name });
    rules.push(
      block
        .replace(/src:[^;]+;/, `src: url(fonts/${m[1]}) format('woff2');`)
        .replace(/font-display:\s*swap;/, 'font-display: block;')
        .trim(),
    );
  }
  return { css: rules.join('\n\n'), files };
}
