/**
 * Assets of `dist/assets/`: the stylesheet and the fonts. Reads the
 * @fontsource CSS from node_modules (the IO edge for fonts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fontSources, fontStackValues, rewriteFontCss, type FontFile } from '../print/fonts.js';
import { fillTemplate } from './html.js';
import { InputError } from '../core/errors.js';

const require = createRequire(import.meta.url);

/** The files of `dist/assets/`: generated texts and font files to copy. */
export interface AssetPlan {
  texts: Record<string, string>;
  fonts: Array<FontFile & { path: string }>;
}

function packageDir(pkg: string): string {
  try {
    return path.dirname(require.resolve(`${pkg}/package.json`));
  } catch (error) {
    throw new InputError(
      `font package ${pkg} is missing: run "npm ci" (it is a dependency in package.json)`,
      { file: 'package.json', line: 1, column: 1 },
      { cause: error },
    );
  }
}

/** Plans `dist/assets/`: fonts.css, statement.css (its font stacks filled in) and the font files. */
export function planAssets(css: string): AssetPlan {
  const fontCss: string[] = [
    '/* Generated from @fontsource packages: static weights, woff2 only, loaded from this folder. */',
  ];
  const fonts: AssetPlan['fonts'] = [];
  for (const source of fontSources) {
    const dir = packageDir(source.pkg);
    for (const file of source.css) {
      const full = path.join(dir, file);
      if (!fs.existsSync(full))
        throw new InputError(`font stylesheet missing: ${source.pkg}/${file}; reinstall with "npm ci"`, {
          file: full,
          line: 1,
          column: 1,
        });
      const out = rewriteFontCss(source.pkg, fs.readFileSync(full, 'utf8'));
      fontCss.push(out.css);
      for (const f of out.files) fonts.push({ ...f, path: path.join(dir, f.from) });
    }
  }
  return {
    texts: {
      'fonts.css': `${fontCss.join('\n\n')}\n`,
      'statement.css': fillTemplate(css, fontStackValues(), 'templates/statement.css'),
    },
    fonts,
  };
}
