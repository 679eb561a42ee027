/**
 * `npm run prepare`, after `tsc`: bundles the compiled CLI into `lib/bundle/`,
 * which `bin/statement.js` runs. One file to load instead of some four
 * hundred modules takes about a tenth off a command's time; commands and
 * stages loaded on demand stay separate chunks, loaded when used.
 *
 * Left out of the bundle, and loaded from node_modules as they are:
 * puppeteer, pdf-lib and pdfjs-dist (only when printing; pdf.js also
 * resolves its worker file beside itself), and dictionary-en (it reads its
 * files next to itself), and dictionary-en-gb likewise.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const lib = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(lib, 'bundle');
// Chunk names carry content hashes: start empty so that no stale chunk is left beside the new ones.
fs.rmSync(outdir, { recursive: true, force: true });

await build({
  entryPoints: {
    main: path.join(lib, 'pipeline/cli/main.js'),
    lintWorker: path.join(lib, 'pipeline/lint/worker.js'),
    readbackWorker: path.join(lib, 'pipeline/print/readbackWorker.js'),
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['puppeteer', 'pdf-lib', 'dictionary-en', 'dictionary-en-gb', 'pdfjs-dist'],
  // CommonJS packages inside an ES module bundle still call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
