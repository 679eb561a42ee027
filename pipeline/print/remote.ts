/**
 * A remote browser of the pool: a Chromium that speaks the DevTools
 * protocol on another host (Chrome started with `--remote-debugging-port`,
 * browserless, a Kubernetes deployment of either), reached through
 * `puppeteer.connect`. The build prints in a browser context of its own
 * (its cache and storage go when the build disconnects), JavaScript off,
 * every request answered from the build's folder or refused (served.ts).
 * A browser that drops its connection is lost for the rest of the build:
 * the pool prints its documents elsewhere.
 */
import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer';
import type { PrintJob, Printed } from './browser.js';
import { pdfOptions } from './browser.js';
import type { BrowserSpec } from './endpoints.js';
import { BrowserLost, type PoolMember, type PrintSlot } from './member.js';
import { servePage, servedUrl, ServedFiles, type ServedState } from './served.js';

/** How long a remote browser has to answer a connection, in milliseconds. */
export const CONNECT_TIMEOUT_MS = 10_000;

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

/**
 * Connects to a remote browser. `ws://HOST:PORT` with no path is Chrome's
 * `--remote-debugging-port`: its `/json/version` names the browser's
 * endpoint (browserless answers there too); any other address is used as it is.
 * @throws Error saying why, within `timeout` milliseconds
 */
export async function connectRemote(
  spec: BrowserSpec,
  timeout = CONNECT_TIMEOUT_MS,
  protocolTimeout = 120_000,
): Promise<Browser> {
  const url = new URL(spec.url!);
  const http = url.protocol === 'http:' || url.protocol === 'https:';
  const bare = (url.pathname === '/' || url.pathname === '') && !url.search;
  const attempt = (options: { browserURL?: string; browserWSEndpoint?: string }) =>
    puppeteer.connect({ ...options, protocolTimeout, defaultViewport: null });
  const connecting = (async () => {
    if (http) return attempt({ browserURL: spec.url!.split('#')[0] });
    if (!bare) return attempt({ browserWSEndpoint: spec.url!.split('#')[0] });
    const httpUrl = `${url.protocol === 'wss:' ? 'https:' : 'http:'}//${url.host}`;
    try {
      return await attempt({ browserURL: httpUrl });
    } catch (error) {
      // A service that takes the browser's socket at its root (browserless) but has no /json/version.
      try {
        return await attempt({ browserWSEndpoint: spec.url!.split('#')[0] });
      } catch {
        throw error;
      }
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  let late = false;
  const timeoutError = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      late = true;
      reject(new Error(`no answer within ${timeout / 1000} s`));
    }, timeout);
  });
  // A connection that comes after the timeout is closed, not leaked.
  connecting.then(
    (b) => late && void b.disconnect().catch(() => {}),
    () => {},
  );
  try {
    return await Promise.race([connecting, timeoutError]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Checks that a remote browser answers: connects, asks its version,
 * disconnects. Resolves to the version, rejects with the reason.
 */
export async function probeRemote(spec: BrowserSpec, timeout = CONNECT_TIMEOUT_MS): Promise<string> {
  const browser = await connectRemote(spec, timeout);
  try {
    return await browser.version();
  } finally {
    await browser.disconnect().catch(() => {});
  }
}

/** A remote browser with its own browser context. */
export class RemoteBrowser implements PoolMember {
  readonly name: string;
  readonly pages: number;
  readonly launches = 0;
  lost = false;
  private browser?: Browser;
  private context?: BrowserContext;
  private closing = false;
  private readonly files = new ServedFiles();

  constructor(
    private readonly spec: BrowserSpec,
    private readonly options: { timeout: number; log: (line: string) => void },
  ) {
    this.name = spec.name;
    this.pages = spec.pages;
  }

  async start(): Promise<void> {
    const browser = await connectRemote(this.spec, CONNECT_TIMEOUT_MS, this.options.timeout * 2);
    this.browser = browser;
    browser.once('disconnected', () => {
      if (this.closing) return;
      this.lost = true;
      this.options.log(`${this.name}: the browser dropped its connection; its documents are printed on the others`);
    });
    this.context = await browser.createBrowserContext();
  }

  async version(): Promise<string> {
    return this.browser!.version();
  }

  private gone(error: unknown): boolean {
    return (
      this.lost ||
      !this.browser?.connected ||
      /Connection closed|Target closed|Session closed|WebSocket/i.test(firstLine(error))
    );
  }

  private async openPage(): Promise<{ page: Page; state: ServedState }> {
    if (this.lost || !this.context) throw new BrowserLost(this.name, 'not connected');
    const page = await this.context.newPage();
    const state: ServedState = { job: undefined, blocked: [] };
    await page.setJavaScriptEnabled(false);
    await servePage(page, state, this.files);
    page.on('console', (message) => {
      if (message.type() === 'error' && state.job)
        this.options.log(`${state.job.label}: page console: ${message.text()}`);
    });
    return { page, state };
  }

  private async printOn(open: { page: Page; state: ServedState }, job: PrintJob): Promise<Printed> {
    open.state.job = job;
    open.state.blocked = [];
    try {
      await open.page.goto(servedUrl(job), { waitUntil: 'load', timeout: this.options.timeout });
      const pdf = await open.page.pdf({ ...pdfOptions, timeout: this.options.timeout });
      return { job, pdf, blocked: [...open.state.blocked] };
    } finally {
      open.state.job = undefined;
    }
  }

  slot(): PrintSlot {
    let open: { page: Page; state: ServedState } | undefined;
    return {
      print: async (job) => {
        try {
          open ??= await this.openPage();
          return await this.printOn(open, job);
        } catch (first) {
          if (this.gone(first)) throw new BrowserLost(this.name, firstLine(first));
          // A page that hung or crashed: once more on a fresh page of the same browser, as locally.
          this.options.log(`${job.label}: ${firstLine(first)}; retrying on a fresh page of ${this.name}`);
          await open?.page.close().catch(() => {});
          open = undefined;
          try {
            open = await this.openPage();
            return await this.printOn(open, job);
          } catch (second) {
            if (this.gone(second)) throw new BrowserLost(this.name, firstLine(second));
            return { job, error: firstLine(second), blocked: [] };
          }
        }
      },
      close: async () => {
        await open?.page.close().catch(() => {});
      },
    };
  }

  /** Closes this build's context (its pages, cache and storage) and disconnects; the browser itself runs on. */
  async close(): Promise<void> {
    this.closing = true;
    await this.context?.close().catch(() => {});
    await this.browser?.disconnect().catch(() => {});
    this.browser = undefined;
  }
}
