/**
 * The browser edge: one Chromium for a whole build, a pool of pages (as
 * many as cores, each reused), local files only, JavaScript off, the
 * network taken away by launch flags and every non-local request logged.
 * A page that hangs or crashes is retried once on a fresh page; a browser
 * that dies is restarted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page, type PDFOptions } from 'puppeteer';
import { InputError } from './errors.js';

/** The flags Chromium runs with: headless, offline, as root on a server. */
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--font-render-hinting=none'];

/**
 * Flags that take the network away from the print browser: every http(s)
 * request, loopback included, goes to a proxy that is not there, and no
 * host name resolves. Local files are not affected.
 */
export const offlineArgs = ['--proxy-server=http://127.0.0.1:9', '--proxy-bypass-list=<-loopback>', '--host-resolver-rules=MAP * ~NOTFOUND'];

const systemBrowsers = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];

/**
 * Finds a browser: PUPPETEER_EXECUTABLE_PATH, then puppeteer's own
 * download, then the system's Chromium or Chrome.
 * @throws InputError saying how to get one
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (fs.existsSync(fromEnv)) return fromEnv;
    throw new InputError(`PUPPETEER_EXECUTABLE_PATH points at ${fromEnv}, which does not exist`, { file: 'PUPPETEER_EXECUTABLE_PATH' });
  }
  try {
    const own = puppeteer.executablePath();
    if (own && fs.existsSync(own)) return own;
  } catch {
    /* puppeteer's download is absent: fall through */
  }
  for (const candidate of systemBrowsers) if (fs.existsSync(candidate)) return candidate;
  throw new InputError(
    'no Chromium or Chrome found to print PDFs. Install one ("apt-get install -y chromium" on Debian) or set PUPPETEER_EXECUTABLE_PATH to its executable; HTML-only builds need none (--format html)',
    { file: 'PUPPETEER_EXECUTABLE_PATH' },
  );
}

/** One document to print. */
export interface PrintJob {
  /** The HTML file to open (local). */
  html: string;
  /** Where the served folder starts: requests outside it are blocked. */
  root: string;
  /** A label for logs. */
  label: string;
}

/** What printing one document gave. */
export interface Printed {
  job: PrintJob;
  pdf?: Uint8Array;
  error?: string;
  /** Requests the page tried that were blocked (non-local, or outside the root). */
  blocked: string[];
}

/** Options of a printer; every field says its default. */
export interface PrinterOptions {
  /** Pages printing at once; default: the number of cores. */
  parallel?: number;
  /** Milliseconds before a page counts as hung; default 60000. */
  timeout?: number;
  /** Logs (page console errors, retries); default: none. */
  log?: (line: string) => void;
  /** Browser executable; default: findBrowser(). */
  executablePath?: string;
}

const pdfOptions: PDFOptions = { format: 'A4', printBackground: true, preferCSSPageSize: true, tagged: true, outline: true, displayHeaderFooter: false, waitForFonts: true };

/** A page of the pool and the document it is printing. */
interface PooledPage {
  page: Page;
  job: PrintJob | undefined;
  rootUrl?: string;
  blocked: string[];
}

/** A browser with a page pool. Call `close()` when done. */
export class Printer {
  private browser?: Browser;
  private readonly options: Required<Omit<PrinterOptions, 'executablePath'>> & { executablePath: string };
  private userDataDir?: string;
  launches = 0;

  constructor(options: PrinterOptions = {}) {
    this.options = {
      parallel: options.parallel ?? Math.max(1, os.availableParallelism?.() ?? os.cpus().length),
      timeout: options.timeout ?? 60000,
      log: options.log ?? (() => {}),
      executablePath: options.executablePath ?? findBrowser(),
    };
  }

  private launching?: Promise<Browser>;

  private ensureBrowser(): Promise<Browser> {
    if (this.browser?.connected) return Promise.resolve(this.browser);
    // Pages ask at the same time: launch once, and every page waits for that launch.
    this.launching ??= (async () => {
      await this.browser?.close().catch(() => {});
      if (this.userDataDir) fs.rmSync(this.userDataDir, { recursive: true, force: true });
      this.userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'statement-chromium-'));
      const browser = await puppeteer.launch({
        executablePath: this.options.executablePath,
        headless: true,
        args: [...chromiumArgs, ...offlineArgs, `--user-data-dir=${this.userDataDir}`],
        protocolTimeout: this.options.timeout * 2,
      });
      this.browser = browser;
      this.launches++;
      return browser;
    })().finally(() => {
      this.launching = undefined;
    });
    return this.launching;
  }

  /** A page set up for printing: JavaScript off, every request observed. */
  private async newPage(): Promise<PooledPage> {
    const browser = await this.ensureBrowser();
    const page = await browser.newPage();
    const pooled: PooledPage = { page, job: undefined, blocked: [] };
    await page.setJavaScriptEnabled(false);
    // Observed, not intercepted (interception costs a round trip per font file): the browser's flags
    // already make every network request fail; here each one is recorded against the document.
    page.on('request', (request) => {
      const url = request.url();
      if (!pooled.job) return;
      if (!url.startsWith(pooled.rootUrl!) && !url.startsWith('data:')) pooled.blocked.push(url);
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && pooled.job) this.options.log(`${pooled.job.label}: page console: ${message.text()}`);
    });
    page.on('pageerror', (error) => pooled.job && this.options.log(`${pooled.job.label}: page error: ${String(error)}`));
    return pooled;
  }

  private async printOn(pooled: PooledPage, job: PrintJob): Promise<Printed> {
    pooled.job = job;
    pooled.blocked = [];
    pooled.rootUrl = pathToFileURL(path.resolve(job.root) + path.sep).href;
    try {
      await pooled.page.goto(pathToFileURL(job.html).href, { waitUntil: 'load', timeout: this.options.timeout });
      const pdf = await pooled.page.pdf({ ...pdfOptions, timeout: this.options.timeout });
      return { job, pdf, blocked: [...pooled.blocked] };
    } finally {
      pooled.job = undefined;
    }
  }

  /**
   * Prints one document on a page of the pool (a fresh page when none is
   * given), retrying once on a fresh page (and a fresh browser if it died).
   * Returns the page to use next.
   */
  private async printWith(pooled: PooledPage | undefined, job: PrintJob): Promise<{ printed: Printed; page?: PooledPage }> {
    try {
      const page = pooled && !pooled.page.isClosed() && this.browser?.connected ? pooled : await this.newPage();
      return { printed: await this.printOn(page, job), page };
    } catch (first) {
      this.options.log(`${job.label}: ${(first as Error).message.split('\n')[0]}; retrying on a fresh page`);
      await pooled?.page.close().catch(() => {});
      try {
        const fresh = await this.newPage();
        return { printed: await this.printOn(fresh, job), page: fresh };
      } catch (second) {
        return { printed: { job, error: (second as Error).message.split('\n')[0], blocked: [] } };
      }
    }
  }

  /** Prints one document on a fresh page. */
  async print(job: PrintJob): Promise<Printed> {
    const { printed, page } = await this.printWith(undefined, job);
    await page?.page.close().catch(() => {});
    return printed;
  }

  /** Prints many documents, `parallel` pages at a time, each page reused; `done` is called as each finishes. */
  async printAll(jobs: PrintJob[], done: (printed: Printed) => Promise<void> | void): Promise<void> {
    let next = 0;
    const worker = async () => {
      let page: PooledPage | undefined;
      while (next < jobs.length) {
        const job = jobs[next++];
        const result = await this.printWith(page, job);
        page = result.page;
        await done(result.printed);
      }
      await page?.page.close().catch(() => {});
    };
    await Promise.all(Array.from({ length: Math.min(this.options.parallel, jobs.length) }, worker));
  }

  /** Closes the browser and removes its profile. */
  async close(): Promise<void> {
    await this.browser?.close().catch(() => {});
    this.browser = undefined;
    if (this.userDataDir) fs.rmSync(this.userDataDir, { recursive: true, force: true });
  }
}

