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

/**
 * The font stacks: the families in the order the CSS falls back through
 * them, and the two scripts that put their own face first (Arabic) or
 * need only theirs beside the Latin one (Chinese). The one place they are
 * written: statement.css names them by placeholder, filled by `planAssets`.
 */
const fontStacks = {
  default: ['Noto Serif', 'Amiri', 'Noto Serif SC'],
  ar: ['Amiri', 'Noto Serif'],
  zh: ['Noto Serif', 'Noto Serif SC'],
} as const;

/** The font families, in the order the CSS falls back through them. */
export const shippedFamilies: string[] = [...fontStacks.default];

/**
 * Fonts a PDF may contain: the families we ship, as PDF base-font names
 * (the @fontsource Noto Serif SC files name themselves "NotoSerifSCExtraLight-…"
 * whatever their weight, hence a prefix).
 */
export const shippedFontNames = new RegExp(
  `^(${shippedFamilies.map((f) => f.replace(/ /g, '')).join('|')})[A-Za-z]*(-|$)`,
);

const cssStack = (families: readonly string[]) => families.map((f) => `'${f}'`).join(', ');

/**
 * The font stack of a locale, as statement.css gives it to `:lang()`: the
 * page's margin boxes ("page X of Y") must use a face the page itself
 * loads, since a web font only text in a margin box needs is never loaded
 * and, with `font-display: block`, prints as nothing.
 */
export function fontStackFor(locale: string): string {
  const lang = locale.split('-')[0];
  return cssStack(lang === 'ar' ? fontStacks.ar : lang === 'zh' ? fontStacks.zh : fontStacks.default);
}

/** The values of statement.css's font placeholders: `{{{font-stack}}}`, `{{{font-stack-ar}}}`, `{{{font-stack-zh}}}`. */
export function fontStackValues(): Record<string, string> {
  return {
    'font-stack': cssStack(fontStacks.default),
    'font-stack-ar': cssStack(fontStacks.ar),
    'font-stack-zh': cssStack(fontStacks.zh),
  };
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
