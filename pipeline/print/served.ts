/**
 * The loading path of a remote browser: it shares no file system with the
 * build, so the page opens at a made-up origin and every request it makes
 * is answered here, through request interception, from the build's folder
 * (the HTML, its stylesheets, fonts and images), or refused. Nothing it
 * asks for reaches a network: an address outside the origin is aborted, and
 * so is a path that is not a file of the build's folder.
 *
 * The PDFs are the same bytes as a local print from `file:` URLs
 * (test/pool.test.ts compares them): the URL a page was loaded from is not
 * written into Chromium's PDF, and post-processing sets everything else.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { HTTPRequest, Page } from 'puppeteer';
import type { PrintJob } from './browser.js';

/** The origin pages of a remote browser open at (`.invalid` never resolves: RFC 2606). */
export const PRINT_ORIGIN = 'http://print.statement.invalid/';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
};

/** The URL a job's HTML opens at. */
export function servedUrl(job: PrintJob): string {
  const relative = path
    .relative(path.resolve(job.root), path.resolve(job.html))
    .split(path.sep)
    .map(encodeURIComponent)
    .join('/');
  return PRINT_ORIGIN + relative;
}

/**
 * The files a page may load, read once each (fonts and stylesheets are the
 * same for every document; HTML is read fresh: each document has its own).
 */
export class ServedFiles {
  private readonly cache = new Map<string, Buffer | null>();

  /** The bytes for a URL of the origin, under `root`; undefined when it is not a file there. */
  read(root: string, url: string): Buffer | undefined {
    let relative: string;
    try {
      relative = decodeURIComponent(new URL(url).pathname);
    } catch {
      return undefined;
    }
    if (relative.includes('\0')) return undefined;
    const base = path.resolve(root);
    const full = path.resolve(base, `.${relative}`);
    const inside = path.relative(base, full);
    if (!inside || inside.startsWith('..') || path.isAbsolute(inside)) return undefined;
    const html = full.endsWith('.html');
    if (!html && this.cache.has(full)) return this.cache.get(full) ?? undefined;
    let bytes: Buffer | null = null;
    try {
      if (fs.statSync(full).isFile()) bytes = fs.readFileSync(full);
    } catch {
      /* not there: refused */
    }
    if (!html) this.cache.set(full, bytes);
    return bytes ?? undefined;
  }
}

/** What a served page is printing: the job, and the requests it refused. */
export interface ServedState {
  job: PrintJob | undefined;
  blocked: string[];
}

/**
 * Turns on request interception for a page: answers the origin's URLs from
 * the job's folder, lets `data:` URLs through (they never leave the page),
 * refuses the rest and records each refusal against the document.
 */
export async function servePage(page: Page, state: ServedState, files: ServedFiles): Promise<void> {
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    const url = request.url();
    if (url.startsWith('data:')) return void request.continue().catch(() => {});
    const job = state.job;
    const body = job && url.startsWith(PRINT_ORIGIN) ? files.read(job.root, url) : undefined;
    if (body === undefined) {
      // Chromium asks every http origin for its icon by itself: no document's request, not worth a line.
      if (job && url !== `${PRINT_ORIGIN}favicon.ico`) state.blocked.push(url);
      return void request.abort('blockedbyclient').catch(() => {});
    }
    const type = types[path.extname(new URL(url).pathname).toLowerCase()] ?? 'application/octet-stream';
    void request.respond({ status: 200, contentType: type, body }).catch(() => {});
  });
}
