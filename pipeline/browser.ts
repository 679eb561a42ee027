/**
 * The browser edge: one Chromium for a whole build, a pool of pages (as
 * many as cores), local files only, JavaScript off, every non-local
 * request blocked and logged. A page that hangs or crashes is retried once
 * on a fresh page; a browser that dies is restarted.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page, type PDFOptions } from 'puppeteer';
import { InputError, DocumentError } from './errors.js';

/** The flags Chromium runs with: headless, offline, as root on a server. */
export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--font-render-hinting=none'];

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
        args: [...chromiumArgs, `--user-data-dir=${this.userDataDir}`],
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

  private async printOnce(job: PrintJob): Promise<Printed> {
    const browser = await this.ensureBrowser();
    const page: Page = await browser.newPage();
    const blocked: string[] = [];
    const rootUrl = pathToFileURL(path.resolve(job.root) + path.sep).href;
    try {
      await page.setJavaScriptEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        const url = request.url();
        if (url.startsWith(rootUrl) || url.startsWith('data:font/')) void request.continue();
        else {
          blocked.push(url);
          void request.abort('blockedbyclient');
        }
      });
      page.on('console', (message) => {
        if (message.type() === 'error') this.options.log(`${job.label}: page console: ${message.text()}`);
      });
      page.on('pageerror', (error) => this.options.log(`${job.label}: page error: ${String(error)}`));
      await page.goto(pathToFileURL(job.html).href, { waitUntil: 'load', timeout: this.options.timeout });
      const pdf = await page.pdf({ ...pdfOptions, timeout: this.options.timeout });
      return { job, pdf, blocked };
    } finally {
      await page.close().catch(() => {});
    }
  }

  /** Prints one document, retrying once on a fresh page (and a fresh browser if it died). */
  async print(job: PrintJob): Promise<Printed> {
    try {
      return await this.printOnce(job);
    } catch (first) {
      this.options.log(`${job.label}: ${(first as Error).message.split('\n')[0]}; retrying on a fresh page`);
      try {
        return await this.printOnce(job);
      } catch (second) {
        return { job, error: (second as Error).message.split('\n')[0], blocked: [] };
      }
    }
  }

  /** Prints many documents, `parallel` at a time; `done` is called as each finishes. */
  async printAll(jobs: PrintJob[], done: (printed: Printed) => Promise<void> | void): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) {
        const job = jobs[next++];
        await done(await this.print(job));
      }
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

export { DocumentError };
