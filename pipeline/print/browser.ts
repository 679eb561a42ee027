/**
 * The browser edge: one Chromium for a whole build, a pool of pages (as
 * many as cores, each reused), local files only, JavaScript off, the
 * network taken away by launch flags and every non-local request logged.
 * A page that hangs or crashes is retried once on a fresh page; a browser
 * that dies by itself is restarted, one that the build is closing (done, or
 * stopped by a signal) is not. Chromium talks over a pipe, so it exits when
 * the build's process dies, even by `kill -9`; its profile folder
 * (`statement-chromium-<pid>-*` in the temporary folder) is removed on every
 * exit path, or by the next run when its owner is gone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser, type Page, type PDFOptions } from 'puppeteer';
import { chromiumArgs, offlineArgs, findBrowser, removeStaleProfiles, profilePrefix } from './chromium.js';
import { Interrupted, onStop, stopping } from '../core/shutdown.js';
import { PAPER } from './pageCss.js';
import type { PoolMember, PrintJob, Printed, PrintSlot } from './member.js';

export type { PrintJob, Printed } from './member.js';

export { chromiumArgs, offlineArgs, findBrowser, removeStaleProfiles } from './chromium.js';

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

/** The options every PDF is printed with, on any browser of the pool. */
export const pdfOptions: PDFOptions = {
  format: PAPER,
  printBackground: true,
  preferCSSPageSize: true,
  tagged: true,
  outline: true,
  displayHeaderFooter: false,
  waitForFonts: true,
};

/** A page of the pool and the document it is printing. */
interface PooledPage {
  page: Page;
  job: PrintJob | undefined;
  rootUrl?: string;
  blocked: string[];
}

/** The local browser, with a page pool; a member of a pool of browsers (pool.ts). Call `close()` when done. */
export class Printer implements PoolMember {
  readonly name = 'local';
  /** The local browser is relaunched when it dies: never lost. */
  readonly lost = false;
  private browser?: Browser;
  private readonly options: Required<Omit<PrinterOptions, 'executablePath'>> & { executablePath: string };
  private userDataDir?: string;
  /** Set once close() is called: the browser going away is then no crash, and nothing is relaunched. */
  private closing = false;
  private unregister?: () => void;
  private readonly removeProfileOnExit = () => this.kill();
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

  /** True when no more work may start: this printer is closing, or the command is being stopped. */
  private get stopped(): boolean {
    return this.closing || stopping();
  }

  private ensureBrowser(): Promise<Browser> {
    if (this.stopped) return Promise.reject(new Interrupted());
    if (this.browser?.connected) return Promise.resolve(this.browser);
    // Pages ask at the same time: launch once, and every page waits for that launch.
    this.launching ??= (async () => {
      await this.browser?.close().catch(() => {});
      if (this.userDataDir) fs.rmSync(this.userDataDir, { recursive: true, force: true });
      if (this.launches === 0) {
        removeStaleProfiles();
        // Stopped by a signal: Chromium is killed (a graceful close takes seconds and writes to its
        // profile as it goes), then its profile removed once it has exited.
        this.unregister = onStop(
          () => this.stop(),
          () => this.kill(),
        );
        process.on('exit', this.removeProfileOnExit);
      }
      this.userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${profilePrefix}${process.pid}-`));
      const browser = await puppeteer.launch({
        executablePath: this.options.executablePath,
        headless: true,
        // A pipe, not a socket: Chromium exits when the pipe closes, i.e. when this process dies.
        pipe: true,
        // The command handles signals itself (pipeline/shutdown.ts): puppeteer closing the browser
        // on SIGTERM looked like a crash, and the build relaunched it and went on printing.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        args: [...chromiumArgs, ...offlineArgs, `--user-data-dir=${this.userDataDir}`],
        protocolTimeout: this.options.timeout * 2,
      });
      this.launches++;
      this.browser = browser;
      if (this.stopped) {
        // Closed while launching: this browser is not used.
        await this.stop();
        throw new Interrupted();
      }
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
      if (message.type() === 'error' && pooled.job)
        this.options.log(`${pooled.job.label}: page console: ${message.text()}`);
    });
    page.on(
      'pageerror',
      (error) => pooled.job && this.options.log(`${pooled.job.label}: page error: ${String(error)}`),
    );
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
  private async printWith(
    pooled: PooledPage | undefined,
    job: PrintJob,
  ): Promise<{ printed: Printed; page?: PooledPage }> {
    try {
      const page = pooled && !pooled.page.isClosed() && this.browser?.connected ? pooled : await this.newPage();
      return { printed: await this.printOn(page, job), page };
    } catch (first) {
      // A browser the build is closing is no crash: no retry, no new browser.
      if (this.stopped) return { printed: { job, error: 'stopped', blocked: [] } };
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

  /** Pages printing at once. */
  get pages(): number {
    return this.options.parallel;
  }

  /** Launches Chromium (the pool asks its version before printing). */
  async start(): Promise<void> {
    await this.ensureBrowser();
  }

  async version(): Promise<string> {
    return (await this.ensureBrowser()).version();
  }

  /** A page of the pool, reused from one document to the next (a fresh one after a crash). */
  slot(): PrintSlot {
    let page: PooledPage | undefined;
    return {
      print: async (job) => {
        const result = await this.printWith(page, job);
        page = result.page;
        return result.printed;
      },
      close: async () => {
        await page?.page.close().catch(() => {});
      },
    };
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
      const slot = this.slot();
      while (next < jobs.length && !this.stopped) await done(await slot.print(jobs[next++]!)); // next < jobs.length, checked
      await slot.close();
    };
    await Promise.all(Array.from({ length: Math.min(this.options.parallel, jobs.length) }, worker));
  }

  /** Closes the browser (it is not relaunched) and removes its profile. */
  async close(): Promise<void> {
    this.closing = true;
    this.unregister?.();
    await this.launching?.catch(() => {});
    await this.browser?.close().catch(() => {});
    this.browser = undefined;
    this.removeProfile();
  }

  /** Kills Chromium, waits (up to a second) for it to exit, and removes its profile: a stopped build. */
  async stop(): Promise<void> {
    const child = this.browser?.process();
    const dir = this.userDataDir;
    this.kill();
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    // Again, now that no process of it is left to write there.
    if (dir) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }

  /** Kills Chromium and all its processes at once and removes its profile (synchronous: for exits). */
  kill(): void {
    this.closing = true;
    this.unregister?.();
    const pid = this.browser?.process()?.pid;
    if (pid) {
      // puppeteer starts Chromium as the leader of its own process group: kill the group.
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    this.browser = undefined;
    this.removeProfile();
  }

  private removeProfile(): void {
    process.off('exit', this.removeProfileOnExit);
    if (this.userDataDir) fs.rmSync(this.userDataDir, { recursive: true, force: true, maxRetries: 3 });
    this.userDataDir = undefined;
  }
}
