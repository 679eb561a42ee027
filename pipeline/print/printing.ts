/**
 * Print stage: turns planned documents into PDFs, reusing every PDF whose
 * inputs have not changed (so a no-change rebuild launches no browser),
 * printing the rest with one Chromium, post-processing and checking each.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sha256 } from '../core/hash.js';
import type { PoolMember } from './member.js';
import type { PoolReport } from './pool.js';
import { localSpec, type BrowserSpec } from './endpoints.js';
import type { PdfMetadata } from './pdfpost.js';
import { writeFile } from '../core/fsio.js';
import { stopping } from '../core/shutdown.js';
import { READBACK_MIN, percent, type Readback } from './readback.js';
import { shippedFontNames } from './fonts.js';

/** One PDF to produce. */
export interface PrintRequest {
  /** PDF path relative to the staging folder. */
  pdf: string;
  /** The document's HTML file, relative to the staging folder (the build has written it). */
  htmlFile: string;
  /** HTML printed; written to `printHtml` (default: printed from `htmlFile`) before printing. */
  html: string;
  printHtml?: string;
  meta: PdfMetadata;
  label: string;
  /**
   * Read the PDF's text back and fail it under READBACK_MIN; default true.
   * Review proofs are not: their key column breaks keys anywhere by design.
   */
  readback?: boolean;
}

/** Bump when post-processing changes, so PDFs made by the old one are reprinted. */
const PRINT_VERSION = '2';

/** The hash of the shared stylesheets a PDF is printed with (they sit in `assets/` of the staging folder). */
export function assetsHashOf(staging: string): string {
  return sha256(
    ['fonts.css', 'statement.css'].map((f) => fs.readFileSync(path.join(staging, 'assets', f), 'utf8')).join('\u0000'),
  );
}

/** Hash of everything a PDF is printed from: while it holds, the PDF already made is current. */
export function printInputs(request: PrintRequest, assetsHash: string): string {
  return sha256([PRINT_VERSION, assetsHash, JSON.stringify(request.meta), request.html].join('\u0000'));
}

/** A PDF as a previous build recorded it (a manifest document has these fields). */
export interface PreviousPdf {
  pdf: string | null;
  sha256: string | null;
  bytes: number | null;
  pages: number | null;
  inputs?: string;
  readback?: number;
  /** The browser of the pool that printed it. */
  printedBy?: string;
}

/** A PDF in the staging folder, reused or printed and checked. */
export interface MadePdf {
  sha256: string;
  bytes: number;
  pages: number;
  /** Share (0..1) of the HTML's words read back out of the PDF; absent when not checked. */
  readback?: number;
  /** The browser of the pool that printed it. */
  printedBy?: string;
}

/** What printing made of one request. */
export interface PrintedPdf {
  /** Hash of what the PDF is printed from (`printInputs`), also when printing failed. */
  inputs: string;
  /** The PDF, when it was reused or printed and passed its checks; undefined when it failed. */
  made?: MadePdf;
}

/** What `printDocuments` did. */
export interface PrintOutcome {
  /** By request PDF path: every request has an entry. */
  results: Map<string, PrintedPdf>;
  printed: number;
  reused: number;
  failed: Array<{ path: string; error: string }>;
  launches: number;
  readback?: { busyMs: number; waitMs: number };
  /** Which browsers printed how much. */
  pool?: PoolReport;
}

/** Options of `printDocuments`. */
export interface PrintOptions {
  staging: string;
  /** The previous build's documents: a PDF whose inputs still hold is reused. */
  previous?: PreviousPdf[];
  force: boolean;
  log: (line: string) => void;
  progress?: (done: number, total: number, label: string) => void;
  /** The browsers to print on (endpoints.ts); default: the local one. */
  browsers?: BrowserSpec[];
  /** Injected in tests; default: the pool of `browsers`. */
  printer?: () => PoolMember;
}

/** "1:05 left", from the time the documents done so far took: the pool's rate as a whole. */
export function etaText(elapsedMs: number, done: number, total: number): string {
  if (done === 0 || done >= total) return '';
  const s = Math.round(((elapsedMs / done) * (total - done)) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')} left`;
}

/**
 * `STATEMENT_READBACK=off` skips the read-back check: for the bench's
 * comparison build only (it measures what the check costs); a build that
 * skips it says so in its log.
 */
const skipReadback = process.env.STATEMENT_READBACK === 'off';

/**
 * `STATEMENT_KEEP_PRINT_HTML=1` leaves the editions' `.print.html` in the
 * build: for the bench only, whose floor (raw Chromium) prints the same files.
 */
const keepPrintHtml = process.env.STATEMENT_KEEP_PRINT_HTML === '1';

/** What a read-back says of a document that fails it; undefined when it passes. */
export function readbackProblem(r: Readback): string | undefined {
  if (r.share >= READBACK_MIN) return undefined;
  return `text read back from the PDF (pdf.js): ${percent(r.share)} of ${r.words} words, under ${percent(READBACK_MIN)}; first words that did not come back: ${r.lost.map((w) => `"${w}"`).join(' ')}`;
}

/** Prints what is not current; says for each request what became of its PDF. */
export async function printDocuments(requests: PrintRequest[], options: PrintOptions): Promise<PrintOutcome> {
  const { staging } = options;
  const assetsHash = assetsHashOf(staging);
  const previousDocs = new Map<string, PreviousPdf>();
  for (const d of options.previous ?? []) if (d.pdf) previousDocs.set(d.pdf, d);
  const results = new Map<string, PrintedPdf>();

  const todo: PrintRequest[] = [];
  let reused = 0;
  for (const r of requests) {
    const inputs = printInputs(r, assetsHash);
    results.set(r.pdf, { inputs });
    const old = previousDocs.get(r.pdf);
    const file = path.join(staging, r.pdf);
    if (
      !options.force &&
      old?.inputs === inputs &&
      old.sha256 &&
      fs.existsSync(file) &&
      sha256(fs.readFileSync(file)) === old.sha256
    ) {
      results.set(r.pdf, {
        inputs,
        made: {
          sha256: old.sha256,
          bytes: old.bytes!,
          pages: old.pages!,
          ...(old.readback !== undefined ? { readback: old.readback } : {}),
          ...(old.printedBy ? { printedBy: old.printedBy } : {}),
        },
      });
      reused++;
    } else todo.push(r);
  }
  const failed: Array<{ path: string; error: string }> = [];
  if (todo.length === 0) return { results, printed: 0, reused, failed, launches: 0 };

  for (const r of todo) {
    if (r.printHtml) writeFile(path.join(staging, r.printHtml), r.html);
    // A PDF that is not current must not survive if printing it fails.
    fs.rmSync(path.join(staging, r.pdf), { force: true });
  }
  // Chromium (puppeteer) and pdf-lib load only when something is to be printed.
  const { Pool, membersOf } = await import('./pool.js');
  const { postProcessPdf } = await import('./pdfpost.js');
  const { ReadbackPool } = await import('./readbackWorker.js');
  const printer = new Pool(
    options.printer ? [options.printer()] : membersOf(options.browsers ?? [localSpec()], { log: options.log }),
    options.log,
  );
  const startedAt = performance.now();
  // Each PDF is read back in a worker thread while the pool prints the next ones.
  const readback = new ReadbackPool();
  const checks: Array<Promise<void>> = [];
  let waitMs = 0;
  let done = 0;
  const progress = options.progress ?? ((n, total, label) => options.log(`[${n}/${total}] ${label}`));
  try {
    const byHtml = new Map(todo.map((r) => [path.join(staging, r.printHtml ?? r.htmlFile), r]));
    await printer.printAll(
      todo.map((r) => ({ html: path.join(staging, r.printHtml ?? r.htmlFile), root: staging, label: r.label })),
      async (printed) => {
        // Stopped by a signal: the staging folder is going away; no more writes, no more progress lines.
        if (stopping()) return;
        const r = byHtml.get(printed.job.html)!;
        if (printed.blocked.length)
          options.log(
            `${r.label}: blocked ${printed.blocked.length} non-local request(s): ${printed.blocked.slice(0, 3).join(' ')}`,
          );
        if (!printed.pdf) {
          failed.push({ path: r.pdf, error: printed.error ?? 'printing failed' });
        } else {
          const { inputs } = results.get(r.pdf)!;
          const report = await postProcessPdf(printed.pdf, r.meta, shippedFontNames, inputs);
          if (stopping()) return;
          if (report.problems.length) failed.push({ path: r.pdf, error: report.problems.join('; ') });
          else {
            const bytes = report.bytes;
            const accept = (readbackShare?: number) => {
              writeFile(path.join(staging, r.pdf), bytes);
              results.set(r.pdf, {
                inputs,
                made: {
                  sha256: sha256(bytes),
                  bytes: bytes.length,
                  pages: report.pages,
                  printedBy: printed.by,
                  ...(readbackShare !== undefined ? { readback: readbackShare } : {}),
                },
              });
            };
            if (r.readback === false || skipReadback) accept();
            else
              checks.push(
                readback.check(bytes, r.html).then(
                  (result) => {
                    const problem = readbackProblem(result);
                    if (problem) failed.push({ path: r.pdf, error: problem });
                    else accept(Math.floor(result.share * 10000) / 10000);
                  },
                  (error: Error) =>
                    void failed.push({
                      path: r.pdf,
                      error: `text could not be read back from the PDF: ${error.message}`,
                    }),
                ),
              );
          }
        }
        done++;
        const eta = etaText(performance.now() - startedAt, done, todo.length);
        progress(
          done,
          todo.length,
          `${r.label}${printer.members.length > 1 ? ` (${printed.by})` : ''}${eta ? `, ${eta}` : ''}`,
        );
      },
    );
    await printer.close();
    const waiting = performance.now();
    await Promise.all(checks);
    waitMs = performance.now() - waiting;
  } finally {
    await printer.close();
    await readback.close();
    if (!keepPrintHtml)
      for (const r of todo) if (r.printHtml) fs.rmSync(path.join(staging, r.printHtml), { force: true });
  }
  // Read-backs finish in any order: the manifest lists failures in a stable one.
  failed.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (skipReadback) options.log('read-back check skipped (STATEMENT_READBACK=off)');
  if (checks.length)
    options.log(
      `read back ${checks.length} PDF(s) with pdf.js: ${(readback.busyMs / 1000).toFixed(2)} s in the worker, ${(waitMs / 1000).toFixed(2)} s waited for after printing`,
    );
  for (const f of failed) options.log(`FAILED ${f.path}: ${f.error}`);
  const pool = printer.report();
  if (pool.browsers.length > 1)
    options.log(
      `printed on ${pool.browsers.map((b) => `${b.name} ${b.printed}${b.lost ? ' (lost)' : ''}`).join(', ')}`,
    );
  return {
    results,
    printed: todo.length - failed.length,
    reused,
    failed,
    launches: printer.launches,
    readback: { busyMs: readback.busyMs, waitMs },
    pool,
  };
}
