/**
 * The build: plan the outputs, render them, print the PDFs that are not
 * current, write everything into a staging folder, and swap it in for
 * `dist/` only at the end (a kill leaves the previous `dist/`). The steps
 * are in their own modules: plan.ts, documents.ts (render), the print
 * stage (print/printing.ts), outputs.ts (write).
 */
import fs from 'node:fs';
import path from 'node:path';
import { layout } from '../core/project.js';
import { loadWorkspace, type Workspace } from '../catalog/workspace.js';
import { prepareLocales, type LocaleSet } from '../catalog/localeSet.js';
import type { Recipient } from '../source/addressees.js';
import { Carry } from './carry.js';
import { planEditions, planLetters, planJson, planText } from './plan.js';
import { rel, readOptional, writeFile } from '../core/fsio.js';
import { createStaging, swapIn, discard, lockOutput } from '../core/staging.js';
import { InputError } from '../core/errors.js';
import { isUnwaivedError } from '../checks/types.js';
import { publishLocale } from '../core/locales.js';
import { dropPositions } from '../source/parse.js';
import { lintInWorker, lintKey, type LintReport } from '../lint/worker.js';
import { formatFinding, type LintFinding } from '../lint/findings.js';
import { preparePool } from '../print/poolPlan.js';
import type { BrowserSpec } from '../print/endpoints.js';
import { printDocuments, type PrintedPdf, type PrintOutcome } from '../print/printing.js';
import { onStop, checkStop, yieldThenCheck } from '../core/shutdown.js';
import { SITE_DIR } from './site.js';
import { documentsOf, readPreviousManifest, type Manifest, type ManifestDocument } from './manifest.js';
import { emptyManifest, renderDocuments, type BuildPlan, type BuildSession, type Rendered } from './documents.js';
import { writeManifest, writePages } from './outputs.js';
import { prepareSigning, signDocuments, type Signing, type SigningOptions } from './sign.js';

/**
 * Above this size the build does not lint the source: retext's sentence
 * model of a statement that long takes minutes and gigabytes, and a real
 * statement is a few kilobytes. `statement lint` still lints any size.
 */
export const LINT_MAX_BYTES = 2 * 1024 * 1024;

/** Options of a build; every field says its default. */
export interface BuildOptions {
  /** Project root; default: the working directory. */
  root?: string;
  /** The project, already loaded from `root` (a release loads it once for both); default: loaded here. */
  workspace?: Workspace;
  /** Locales whose editions to build; default: every publish locale. */
  locales?: string[];
  /** What to build; default: both editions and letters. */
  only?: 'editions' | 'letters';
  /** Formats; default: both HTML and PDF. */
  format?: 'html' | 'pdf';
  /** One addressee (a group: all its members); default: all. */
  addressee?: string;
  /** Output folder; default `dist` under the root. */
  out?: string;
  /** Reprint even PDFs that are current; default false. */
  force?: boolean;
  /** Print the plan and write nothing; default false. */
  dryRun?: boolean;
  /** Lint the source first and report its findings as warnings; default true. */
  lint?: boolean;
  /** Write `send-list.csv` with a UTF-8 BOM (for Excel); default true. */
  csvBom?: boolean;
  /** Progress and logs, one line each; default: silent. */
  log?: (line: string) => void;
  /** Progress of printing (a bar on a terminal); default: log lines. */
  progress?: (done: number, total: number, label: string) => void;
  /** Sign the letters (and editions) with a PKCS#12 certificate; default: the front matter's `signing`, else none. */
  signing?: SigningOptions;
  /** `--browser` values (print/endpoints.ts); default: `browsers:` of statement.config.yaml, else the local Chromium. */
  browsers?: string[];
}

/** The manifest's types, where the build's callers (a release, tests) have always found them. */
export type { Manifest, ManifestDocument } from './manifest.js';

/** What a build did. */
export interface BuildResult {
  out: string;
  manifest: Manifest;
  plan: string[];
  /** The plan as `build --dry-run --json` prints it. */
  planJson: ReturnType<typeof planJson>;
  printed: number;
  reused: number;
  failed: Array<{ path: string; error: string }>;
  written: boolean;
  launches: number;
  /** Lint findings on the source, and unwaived check errors in the locales built. */
  findings: { lint: number; checks: number };
}

/** The lint of the source, running beside the build (on the second core). */
interface ScheduledLint {
  /** Cache key of the findings: an unchanged source and dictionary reuse dist/lint.json. */
  key: string;
  findings: Promise<LintFinding[]>;
}

/**
 * Starts linting the source in a worker thread, unless switched off, a dry
 * run, too large, or unchanged since the lint.json in `out`. Starts before
 * the build drops the tree's positions: the worker gets them.
 */
function scheduleLint(ws: Workspace, out: string, options: BuildOptions, log: (line: string) => void): ScheduledLint {
  const { parsed, root, sourceFile } = ws.project;
  const dictionary = readOptional(path.join(root, layout.dictionary)) ?? '';
  const key = lintKey(parsed.text, dictionary);
  const cached = readLintReport(out);
  const lintable = Buffer.byteLength(parsed.text) <= LINT_MAX_BYTES;
  if (options.lint !== false && !lintable)
    log(
      `lint skipped: ${rel(sourceFile)} is over ${LINT_MAX_BYTES / 1024 / 1024} MB; run "statement lint" on it separately`,
    );
  const findings =
    options.lint === false || options.dryRun || !lintable
      ? Promise.resolve([])
      : cached?.key === key
        ? Promise.resolve(cached.findings)
        : lintInWorker(parsed, dictionary);
  findings.catch(() => {});
  return { key, findings };
}

function readLintReport(out: string): LintReport | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(out, 'lint.json'), 'utf8')) as LintReport;
  } catch {
    return undefined;
  }
}

/** Logs the lint's findings and writes them to lint.json; how many there are. */
async function finishLint(lint: ScheduledLint, staging: string, log: (line: string) => void): Promise<number> {
  const findings = await lint.findings;
  for (const f of findings) log(`lint ${f.severity}: ${formatFinding(f)}`);
  writeFile(
    path.join(staging, 'lint.json'),
    `${JSON.stringify({ key: lint.key, findings } satisfies LintReport, null, 2)}\n`,
  );
  return findings.length;
}

/** What the options select: the edition locales and the letters' recipients. */
interface Scope {
  editionLocales: string[];
  recipients: Recipient[];
}

/** Checks `--locale` and `--addressee` against the project. @throws InputError naming the option */
function checkOptions(ws: Workspace, options: BuildOptions): Scope {
  const { config } = ws.project.parsed;
  const editionLocales =
    options.locales?.map((l) => publishLocale(config, l, undefined, '--locale: ')) ?? config.locales;
  let recipients = ws.registry?.recipients ?? [];
  if (options.addressee) {
    recipients = recipients.filter((r) => r.id === options.addressee || r.group === options.addressee);
    if (recipients.length === 0)
      throw new InputError(`--addressee: no addressee or group "${options.addressee}" in ${layout.addressees}`);
  }
  return { editionLocales, recipients };
}

/** The plan step: each edition and letter, each letter's language and why. */
function planBuild(ws: Workspace, localeSet: LocaleSet, scope: Scope, options: BuildOptions): BuildPlan {
  const { config } = ws.project.parsed;
  const pdf = options.format !== 'html';
  const editions =
    options.only !== 'letters'
      ? planEditions(scope.editionLocales, (l) => localeSet.editionReadiness(l), SITE_DIR, pdf)
      : [];
  const letters =
    options.only !== 'editions' && ws.registry !== undefined
      ? planLetters(scope.recipients, localeSet.letterReadiness, config.sourceLocale, pdf)
      : [];
  return { editions, letters, pdf };
}

/** The plan as `--dry-run` prints it, the last line naming the site's and the office's files. */
function planLines(ws: Workspace, plan: BuildPlan, options: BuildOptions): string[] {
  const lines = planText(plan.editions, plan.letters, options.format !== 'pdf');
  const { baseUrl } = ws.project.parsed.config;
  lines[lines.length - 1] =
    `${SITE_DIR}/index.html, ${baseUrl ? `${SITE_DIR}/sitemap.xml, ` : ''}${SITE_DIR}/assets/ (the public site); index.html, status/index.html, send-list.csv, manifest.json, assets/ (the office's)`;
  return lines;
}

/** Segments with an unwaived check error, over the edition locales. */
function countCheckErrors(localeSet: LocaleSet, locales: string[]): number {
  return locales.reduce(
    (n, l) => n + localeSet.statuses.get(l)!.filter((k) => k.findings.some(isUnwaivedError)).length,
    0,
  );
}

/** Runs a build. Throws InputError on bad input before anything is written. */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const root = path.resolve(options.root ?? '.');
  const log = options.log ?? (() => {});
  const ws = options.workspace ?? loadWorkspace(root);
  const out = path.resolve(root, options.out ?? layout.dist);
  const scope = checkOptions(ws, options);
  const lint = scheduleLint(ws, out, options, log);
  dropPositions(ws.project.parsed.tree);
  const localeSet = prepareLocales(ws);
  const plan = planBuild(ws, localeSet, scope, options);
  const findings = { lint: 0, checks: countCheckErrors(localeSet, scope.editionLocales) };
  const planned = {
    out,
    plan: planLines(ws, plan, options),
    planJson: planJson(plan.editions, plan.letters),
    findings,
  };
  // A build without PDFs signs nothing: it opens a certificate only when told to on the command line.
  const signing =
    plan.pdf || options.signing?.certificate
      ? await prepareSigning(options.signing, ws.project.parsed.config, root, log)
      : undefined;
  // Every remote browser must answer before anything is built (exit 2 naming the one that does not).
  const pool = plan.pdf ? await preparePool(root, options.browsers, planned.plan, planned.planJson) : undefined;
  if (options.dryRun)
    return { ...planned, manifest: emptyManifest(ws), printed: 0, reused: 0, failed: [], written: false, launches: 0 };

  const { manifest, printing } = await inStaging(out, log, async (staging) => {
    const previous = readPreviousManifest(out);
    const s: BuildSession = {
      ws,
      localeSet,
      plan,
      out,
      staging,
      previous,
      carry: new Carry(out, staging, previous),
      log,
    };
    const rendered = renderDocuments(s);
    const printing = await print(s, rendered, options, { signing, pool });
    rendered.manifest.failed = printing.failed;
    writePages(s, rendered, { csvBom: options.csvBom });
    findings.lint = await finishLint(lint, staging, log);
    writeManifest(s, rendered.manifest);
    return { manifest: rendered.manifest, printing };
  });
  const { config } = ws.project.parsed;
  log(
    `built into ${rel(out)}/: ${manifest.editions.length} edition(s), ${manifest.letters.length} letter(s); ${printing.printed} PDF(s) printed, ${printing.reused} reused${printing.failed.length ? `, ${printing.failed.length} FAILED` : ''}`,
  );
  log(
    `public site: ${rel(path.join(out, SITE_DIR))}/ (upload this folder; the letters, proofs, status page and send list stay outside it)${config.baseUrl ? '' : '; no sitemap.xml: set baseUrl in the front matter for one'}`,
  );
  return {
    ...planned,
    manifest,
    printed: printing.printed,
    reused: printing.reused,
    failed: printing.failed,
    written: true,
    launches: printing.launches,
  };
}

/**
 * The print step: every PDF the render step asked for, reused while
 * current or printed and checked; each manifest entry gets its PDF.
 */
async function print(
  s: BuildSession,
  rendered: Rendered,
  options: BuildOptions,
  { signing, pool }: { signing?: Signing; pool?: BrowserSpec[] },
): Promise<PrintOutcome> {
  const { jobs, manifest } = rendered;
  const requests = jobs.map((j) => j.request);
  const printing = await printDocuments(requests, {
    staging: s.staging,
    previous: documentsOf(s.previous),
    force: Boolean(options.force),
    log: s.log,
    progress: options.progress,
    browsers: pool,
  });
  if (printing.printed + printing.failed.length > 0 && printing.pool) manifest.printing = printing.pool;
  for (const { doc, request } of jobs) recordPdf(doc, request.pdf, printing.results.get(request.pdf)!);
  await signDocuments(jobs, { staging: s.staging, previous: s.previous, signing, log: s.log });
  checkStop();
  return printing;
}

/** Fills a manifest entry with what printing made of its PDF (the inputs hash even when it failed). */
function recordPdf(doc: ManifestDocument, pdf: string, printed: PrintedPdf): void {
  doc.inputs = printed.inputs;
  const made = printed.made;
  if (made)
    Object.assign(doc, {
      pdf,
      sha256: made.sha256,
      bytes: made.bytes,
      pages: made.pages,
      ...(made.readback !== undefined ? { readback: made.readback } : {}),
      ...(made.printedBy ? { printedBy: made.printedBy } : {}),
    });
}

/**
 * Runs `work` in a new staging folder under the output's lock, then swaps
 * it in for `out`. An error or a signal discards the staging folder, then
 * the lock goes; `out` is untouched until the swap.
 */
async function inStaging<T>(
  out: string,
  log: (line: string) => void,
  work: (staging: string) => Promise<T>,
): Promise<T> {
  const unlock = lockOutput(out, log);
  let staging: string | undefined;
  const forget = onStop(() => {
    if (staging) discard(staging);
    unlock();
  });
  try {
    staging = createStaging(out);
    const result = await work(staging);
    // The last chance to stop: from here to the end of the swap nothing yields to a signal.
    await yieldThenCheck();
    forget();
    swapIn(staging, out);
    return result;
  } catch (error) {
    if (staging) discard(staging);
    throw error;
  } finally {
    forget();
    unlock();
  }
}
