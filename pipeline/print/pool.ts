/**
 * A pool of browsers: the local Chromium and remote ones (endpoints.ts,
 * remote.ts), each with its pages. Documents wait in one queue and go to
 * whichever page is free; a browser that drops its connection puts the
 * documents it was printing back at the head of the queue, for the others.
 * No queue service of our own: the browsers are the engines.
 */
import { stopping } from '../core/shutdown.js';
import { Printer, type PrintJob, type Printed } from './browser.js';
import { majorOf, type BrowserSpec } from './endpoints.js';
import { BrowserLost, type PoolMember } from './member.js';
import { RemoteBrowser } from './remote.js';

/** A printed document and the browser that printed it (`printedBy` in the manifest). */
export interface PoolPrinted extends Printed {
  by: string;
}

/** What the pool did, per browser: the manifest's `printing`. */
export interface PoolReport {
  browsers: Array<{ name: string; version?: string; pages: number; printed: number; lost?: true }>;
  /** Set when browsers of different Chromium majors printed in one build: their PDFs may differ in bytes. */
  mixedVersions?: true;
}

/** The members for a list of specs: the local Chromium (a Printer) and remote browsers. */
export function membersOf(
  specs: BrowserSpec[],
  options: { log: (line: string) => void; timeout?: number },
): PoolMember[] {
  const timeout = options.timeout ?? 60_000;
  return specs.map((s) =>
    s.url
      ? new RemoteBrowser(s, { timeout, log: options.log })
      : new Printer({ parallel: s.pages, timeout, log: options.log }),
  );
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

/** Browsers and their pages, fed from one queue. */
export class Pool {
  private readonly versions = new Map<PoolMember, string>();
  private readonly counts = new Map<PoolMember, number>();
  private readonly started = new Set<PoolMember>();

  constructor(
    readonly members: PoolMember[],
    private readonly log: (line: string) => void,
  ) {}

  /** Chromium launches of the local browser. */
  get launches(): number {
    return this.members.reduce((n, m) => n + m.launches, 0);
  }

  /** Starts every browser; one that cannot start is left out, with a line. */
  private async start(): Promise<void> {
    await Promise.all(
      this.members.map(async (m) => {
        try {
          await m.start();
          this.versions.set(m, await m.version());
          this.started.add(m);
        } catch (error) {
          if (stopping()) return;
          this.log(
            `${m.name}: could not start printing there (${firstLine(error)}); the other browsers print its share`,
          );
        }
      }),
    );
    const majors = new Map<number, string[]>();
    for (const [m, v] of this.versions) {
      const major = majorOf(v) ?? -1;
      majors.set(major, [...(majors.get(major) ?? []), `${m.name} ${v}`]);
    }
    if (majors.size > 1)
      this.log(
        `warning: the pool mixes Chromium versions (${[...majors.values()].flat().join(', ')}): PDFs printed on different major versions may differ in bytes; the manifest says which browser printed each`,
      );
  }

  /** Prints every job on the pool; `done` is called as each finishes (also for one that failed). */
  async printAll(jobs: PrintJob[], done: (printed: PoolPrinted) => Promise<void> | void): Promise<void> {
    await this.start();
    const queue = [...jobs];
    let active = 0;
    let waiting: Array<() => void> = [];
    const notify = () => {
      const w = waiting;
      waiting = [];
      for (const wake of w) wake();
    };
    const worker = async (m: PoolMember) => {
      const slot = m.slot();
      try {
        while (!stopping() && !m.lost) {
          const job = queue.shift();
          if (!job) {
            // Nothing queued, but a document in flight elsewhere may come back if its browser goes.
            if (active === 0) break;
            await new Promise<void>((resolve) => waiting.push(resolve));
            continue;
          }
          active++;
          let printed: Printed;
          try {
            printed = await slot.print(job);
          } catch (error) {
            if (!(error instanceof BrowserLost || m.lost)) printed = { job, error: firstLine(error), blocked: [] };
            else {
              // Back at the head of the queue, for a page of another browser (this one's workers stop).
              active--;
              queue.unshift(job);
              this.log(`${job.label}: ${firstLine(error)}; printing it on another browser`);
              break;
            }
          }
          active--;
          this.counts.set(m, (this.counts.get(m) ?? 0) + 1);
          await done({ ...printed, by: m.name });
          notify();
        }
      } finally {
        await slot.close();
        notify();
      }
    };
    const live = this.members.filter((m) => this.started.has(m));
    await Promise.all(live.flatMap((m) => Array.from({ length: Math.max(1, m.pages) }, () => worker(m))));
    if (stopping()) return;
    // Every browser is gone: what is left fails, naming them.
    const gone = this.members.map((m) => m.name).join(', ');
    for (const job of queue.splice(0))
      await done({ job, error: `no browser left to print on (${gone}: not connected)`, blocked: [], by: '' });
  }

  /** Per browser: its version, pages, documents printed, and whether it was lost. */
  report(): PoolReport {
    const browsers = this.members.map((m) => ({
      name: m.name,
      ...(this.versions.has(m) ? { version: this.versions.get(m) } : {}),
      pages: m.pages,
      printed: this.counts.get(m) ?? 0,
      ...(m.lost || (!this.started.has(m) && !stopping()) ? { lost: true as const } : {}),
    }));
    const majors = new Set([...this.versions.values()].map((v) => majorOf(v)));
    return { browsers, ...(majors.size > 1 ? { mixedVersions: true as const } : {}) };
  }

  /** Closes the local browser and disconnects from the remote ones. */
  async close(): Promise<void> {
    await Promise.all(this.members.map((m) => m.close().catch(() => {})));
  }
}
