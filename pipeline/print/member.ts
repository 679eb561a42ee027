/**
 * What the pool (pool.ts) needs of a browser, local (browser.ts) or remote
 * (remote.ts): pages to print on, its version, and whether it is gone.
 */
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

/** One page of a browser, printing one document at a time. */
export interface PrintSlot {
  /** Prints a document; rejects with BrowserLost when the browser is gone for good. */
  print(job: PrintJob): Promise<Printed>;
  close(): Promise<void>;
}

/** A browser of the pool. */
export interface PoolMember {
  /** `local`, or the endpoint (no query, no fragment): what logs and `printedBy` say. */
  readonly name: string;
  /** Pages printing at once on it. */
  readonly pages: number;
  /** True once it can print no more (its connection dropped and it is not coming back). */
  readonly lost: boolean;
  /** Chromium launches (local only; a remote browser is connected to, never launched). */
  readonly launches: number;
  /** Launches or connects; rejects when it cannot. */
  start(): Promise<void>;
  /** Its version as the browser says it ("HeadlessChrome/156.0.8078.114"). */
  version(): Promise<string>;
  /** A new page slot (its page is opened on first use). */
  slot(): PrintSlot;
  close(): Promise<void>;
}

/** The browser a document was being printed on went away: the pool prints it elsewhere. */
export class BrowserLost extends Error {
  constructor(
    readonly browser: string,
    reason: string,
  ) {
    super(`${browser}: connection lost (${reason})`);
    this.name = 'BrowserLost';
  }
}
