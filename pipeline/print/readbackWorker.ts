/**
 * The read-back check, off the print pool's thread: a worker thread reads
 * each printed PDF's text with pdf.js and compares it word by word with the
 * HTML it was printed from (readback.ts), while the main thread goes on
 * printing and post-processing.
 */
import { Worker, isMainThread, parentPort } from 'node:worker_threads';
import { workerScript } from '../core/workerScript.js';
import { compareWords, htmlText, type Readback } from './readback.js';

/** A document to read back. */
interface Job {
  id: number;
  pdf: Uint8Array;
  html: string;
}

/** The worker's answer. */
interface Answer {
  id: number;
  readback?: Readback;
  error?: string;
  /** Milliseconds the worker spent on this document. */
  ms: number;
}

/** Reads documents back in one worker thread; `close()` when done. */
export class ReadbackPool {
  private worker?: Worker;
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (r: Readback) => void; reject: (e: Error) => void }>();
  /** Milliseconds the worker spent reading back, summed. */
  busyMs = 0;

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerScript(import.meta.url, 'readbackWorker'), { execArgv: [] });
    worker.on('message', (a: Answer) => {
      const w = this.waiting.get(a.id);
      if (!w) return;
      this.waiting.delete(a.id);
      this.busyMs += a.ms;
      if (a.readback) w.resolve(a.readback);
      else w.reject(new Error(a.error ?? 'read-back failed'));
    });
    const failAll = (error: Error) => {
      for (const w of this.waiting.values()) w.reject(error);
      this.waiting.clear();
      this.worker = undefined;
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`read-back worker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  /** Reads one PDF back against the HTML it was printed from. */
  check(pdf: Uint8Array, html: string): Promise<Readback> {
    const worker = this.start();
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, pdf, html } satisfies Job);
    });
  }

  /** Ends the worker. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) {
      worker.removeAllListeners('exit');
      await worker.terminate();
    }
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const texts = import('./pdfjsText.js');
  // One document at a time, in the order they came: pdf.js in one thread is not faster interleaved.
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (job: Job) => {
    queue = queue.then(async () => {
      const started = performance.now();
      try {
        const { pdfjsText } = await texts;
        const readback = compareWords(htmlText(job.html), await pdfjsText(job.pdf));
        port.postMessage({ id: job.id, readback, ms: performance.now() - started } satisfies Answer);
      } catch (error) {
        port.postMessage({
          id: job.id,
          error: String((error as Error)?.message ?? error),
          ms: performance.now() - started,
        } satisfies Answer);
      }
    });
  });
}
