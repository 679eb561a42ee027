/**
 * Lint, off the main thread: the build lints the source on the second core
 * while it renders on the first. Also the cache of lint reports, keyed by
 * everything a report depends on (source text, word list, lint version).
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { sha256 } from '../core/hash.js';
import { workerScript } from '../core/workerScript.js';
import type { LintFinding } from './lint.js';
import type { ParsedStatement } from '../source/parse.js';

/** Bump when a lint rule changes, so cached reports are made anew. */
export const LINT_VERSION = '1';

/** `dist/lint.json`: the findings on one source text. */
export interface LintReport {
  key: string;
  findings: LintFinding[];
}

/** The cache key of a lint report. */
export function lintKey(text: string, dictionary: string): string {
  return sha256(`${LINT_VERSION}\u0000${dictionary}\u0000${text}`);
}

/**
 * Lints in a worker thread; resolves to the findings (rejects with the
 * worker's error). The worker gets the statement as the build parsed it
 * (copied now, positions included), so it is not parsed a second time.
 */
export function lintInWorker(parsed: ParsedStatement, dictionary: string): Promise<LintFinding[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript(import.meta.url, 'lintWorker'), {
      workerData: { parsed, dictionary },
      execArgv: [],
    });
    worker.once('message', (m: { findings?: LintFinding[]; error?: string }) =>
      m.error ? reject(new Error(m.error)) : resolve(m.findings!),
    );
    worker.once('error', reject);
  });
}

if (!isMainThread && parentPort) {
  const { parsed, dictionary } = workerData as { parsed: ParsedStatement; dictionary: string };
  const port = parentPort;
  import('./lint.js')
    .then(({ lintParsedStatement, parseDictionary }) =>
      port.postMessage({ findings: lintParsedStatement(parsed, parseDictionary(dictionary)) }),
    )
    .catch((error: unknown) => port.postMessage({ error: String((error as Error)?.stack ?? error) }));
}
