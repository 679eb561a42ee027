/**
 * The text layer of a PDF as pdf.js (Firefox's reader) reads it: what a
 * reader's search, copy and screen reader get. The IO edge to pdfjs-dist.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let loading: Promise<PdfJs> | undefined;

/** pdf.js, loaded once; its "worker" runs in this thread (we are already off the main one). */
function pdfjs(): Promise<PdfJs> {
  loading ??= (async () => {
    // The legacy build is the one pdf.js supports on Node (the modern build expects browser APIs).
    const lib = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as PdfJs;
    lib.GlobalWorkerOptions.workerSrc = pathToFileURL(require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs')).href;
    return lib;
  })();
  return loading;
}

/**
 * Extracts the text of every page: text items joined as pdf.js joins them
 * for copy and search (an item's own end of line is a line break), pages
 * separated by a blank line. Artifacts (the running "page X of Y") are left
 * out, as assistive technology leaves them out: a word hyphenated across a
 * page break then reads whole.
 */
export async function pdfjsText(bytes: Uint8Array): Promise<string> {
  const lib = await pdfjs();
  // pdf.js takes ownership of the buffer it is given: pass a copy.
  const doc = await lib.getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent({ includeMarkedContent: true });
      let text = '';
      const open: boolean[] = [];
      for (const item of content.items) {
        if ('str' in item) {
          if (!open.includes(true)) text += item.str + (item.hasEOL ? '\n' : '');
        } else if (item.type === 'endMarkedContent') open.pop();
        else open.push((item as { tag?: string }).tag === 'Artifact');
      }
      pages.push(text);
      page.cleanup();
    }
    return pages.join('\n\n');
  } finally {
    await doc.destroy();
  }
}
