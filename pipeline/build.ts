/**
 * The build: plan the outputs, render them, print the PDFs that are not
 * current, write everything into a staging folder, and swap it in for
 * `dist/` only at the end (a kill leaves the previous `dist/`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { layout } from './project.js';
import { loadWorkspace, type Workspace } from './workspace.js';
import { prepareLocales, inputHashes } from './localeSet.js';
import { renderEdition, renderIndex } from './edition.js';
import { renderLetter, renderLetterStatement, pageCss, type LetterStatement } from './letter.js';
import { planAssets } from './assets.js';
import { planLetters, type PlannedLetter } from './plan.js';
import { summarize, coverage, publishable } from './status.js';
import { renderStatusPage } from './statusPage.js';
import { createStaging, swapIn, discard, writeFile, rel, inside, readOptional, lockOutput } from './fsio.js';
import { InputError } from './errors.js';
import { dropPositions } from './parse.js';
import { renderProof } from './review.js';
import { lintInWorker, lintKey, type LintReport } from './lintWorker.js';
import { formatFinding, type LintFinding } from './lint/findings.js';
import { englishName } from './locales.js';
import { printDocuments, type PrintRequest } from './printing.js';
import { sendListCsv } from './sendList.js';

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
  /** Progress and logs, one line each; default: silent. */
  log?: (line: string) => void;
  /** Progress of printing (a bar on a terminal); default: log lines. */
  progress?: (done: number, total: number, label: string) => void;
}

/** A document in the manifest. */
export interface ManifestDocument {
  locale: string;
  html: string;
  pdf: string | null;
  sha256: string | null;
  bytes: number | null;
  pages: number | null;
  /** Hash of everything the PDF was printed from: a rebuild reuses the PDF while it holds. */
  inputs?: string;
  /** Share (0..1) of the HTML's words that came back out of the PDF's text (pdf.js). */
  readback?: number;
}

/** `dist/manifest.json`. */
export interface Manifest {
  source: { file: string; sha256: string; reference: string; date: string };
  catalogs: Record<string, string>;
  editions: ManifestDocument[];
  letters: Array<ManifestDocument & { addressee: string; name: string; reason: string; contact?: string }>;
  /** Review proofs: source and translation side by side, one per non-source locale. */
  proofs: ManifestDocument[];
  failed: Array<{ path: string; error: string }>;
}

/** What a build did. */
export interface BuildResult {
  out: string;
  manifest: Manifest;
  plan: string[];
  printed: number;
  reused: number;
  failed: Array<{ path: string; error: string }>;
  written: boolean;
  launches: number;
  /** Lint findings on the source, and unwaived check errors in the locales built. */
  findings: { lint: number; checks: number };
}


function readLintReport(out: string): LintReport | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(out, 'lint.json'), 'utf8')) as LintReport;
  } catch {
    return undefined;
  }
}

function readPreviousManifest(out: string): Manifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/** Runs a build. Throws InputError on bad input before anything is written. */
export async function build(options: BuildOptions = {}): Promise<BuildResult> {
  const root = path.resolve(options.root ?? '.');
  const log = options.log ?? (() => {});
  const ws = loadWorkspace(root);
  const { parsed, segments, templates } = ws.project;
  const { config } = parsed;
  const out = path.resolve(root, options.out ?? layout.dist);
  // Lint runs on the second core while this thread renders; an unchanged source reuses dist/lint.json.
  const dictionary = readOptional(path.join(root, 'source', 'dictionary.txt')) ?? '';
  const lintCacheKey = lintKey(parsed.text, dictionary);
  const cachedLint = readLintReport(out);
  const lintable = Buffer.byteLength(parsed.text) <= LINT_MAX_BYTES;
  if (options.lint !== false && !lintable) log(`lint skipped: ${rel(ws.project.sourceFile)} is over ${LINT_MAX_BYTES / 1024 / 1024} MB; run "statement lint" on it separately`);
  const linting: Promise<LintFinding[]> =
    options.lint === false || options.dryRun || !lintable ? Promise.resolve([])
      : cachedLint?.key === lintCacheKey ? Promise.resolve(cachedLint.findings)
        : lintInWorker(parsed, dictionary);
  linting.catch(() => {});
  dropPositions(parsed.tree);
  for (const l of options.locales ?? []) {
    if (!config.locales.includes(l)) throw new InputError(`--locale: "${l}" is not a publish locale (${config.locales.join(', ')})`);
  }
  const editionLocales = options.locales ?? config.locales;
  const wantEditions = options.only !== 'letters';
  const wantLetters = options.only !== 'editions' && ws.registry !== undefined;
  const wantHtml = options.format !== 'pdf';
  const wantPdf = options.format !== 'html';

  const localeSet = prepareLocales(ws);
  const { statuses } = localeSet;
  const translator = (l: string) => localeSet.translator(l);

  let recipients = ws.registry?.recipients ?? [];
  if (options.addressee) {
    recipients = recipients.filter((r) => r.id === options.addressee || r.group === options.addressee);
    if (recipients.length === 0) throw new InputError(`--addressee: no addressee or group "${options.addressee}" in ${layout.addressees}`);
  }
  const letters: PlannedLetter[] = wantLetters ? planLetters(recipients, localeSet.readiness, config.sourceLocale, wantPdf) : [];
  const plan: string[] = [];
  if (wantEditions) for (const l of editionLocales) plan.push(`edition ${l}: ${[wantHtml && `${l}/index.html`, wantPdf && `${l}/statement.pdf`].filter(Boolean).join(', ')}`);
  for (const letter of letters) plan.push(`letter ${letter.recipient.id}: ${letter.locale} (${letter.reason}) → ${letter.pdf ?? letter.html}`);
  plan.push('index.html, status/index.html, send-list.csv, manifest.json, assets/');
  const checkErrors = editionLocales.reduce((n, l) => n + statuses.get(l)!.filter((k) => k.findings.some((f) => f.severity === 'error' && !f.waived)).length, 0);
  const findings = { lint: 0, checks: checkErrors };
  if (options.dryRun) return { out, manifest: emptyManifest(ws), plan, printed: 0, reused: 0, failed: [], written: false, launches: 0, findings };

  const unlock = lockOutput(out);
  const previous = readPreviousManifest(out);
  const staging = createStaging(out);
  try {
    cloneTree(out, staging);
    const assets = planAssets(templates.css);
    for (const [name, text] of Object.entries(assets.texts)) writeFile(path.join(staging, 'assets', name), text);
    for (const font of assets.fonts) linkOrCopy(font.path, path.join(staging, 'assets', 'fonts', font.name));
    const images = copyImages(ws, staging);

    const manifest = emptyManifest(ws);
    const requests: PrintRequest[] = [];
    const meta = (locale: string, title: string, subject: string) => ({ title, author: translator(locale).segment('institution', config.institution).text, subject, keywords: [config.reference, locale], language: locale, date: config.date });

    if (wantEditions) {
      for (const l of editionLocales) {
        const t = translator(l);
        const edition = renderEdition(parsed, segments, t, templates);
        writeFile(path.join(staging, l, 'index.html'), edition.html);
        const doc: ManifestDocument = { locale: l, html: `${l}/index.html`, pdf: null, sha256: null, bytes: null, pages: null };
        if (wantPdf) {
          const print = renderEdition(parsed, segments, t, templates, { print: true });
          const title = t.segment('title', config.title).text;
          requests.push({ doc, pdf: `${l}/statement.pdf`, printHtml: `${l}/.print.html`, html: print.html, meta: meta(l, title, t.segment('subtitle', config.subtitle ?? title).text), label: `${l}/statement.pdf` });
        } else keepPrevious(doc, previous?.editions.find((e) => e.locale === l), staging);
        manifest.editions.push(doc);
        log(`edition ${l}${edition.pending ? ` (${edition.pending} of ${edition.total} passages pending)` : ''}`);
      }
    }
    // The statement part of the letters, rendered once per language and shared by its letters.
    const letterStatements = new Map<string, LetterStatement>();
    for (const letter of letters) {
      const t = translator(letter.locale);
      if (!letterStatements.has(letter.locale)) letterStatements.set(letter.locale, renderLetterStatement(parsed, segments, t, true));
      const depth = letter.recipient.id.split('/').length;
      const assetsPrefix = `${'../'.repeat(depth)}assets`;
      const imgs = { logo: images.logo && `${assetsPrefix}/${images.logo}`, signature: images.signature && `${assetsPrefix}/${images.signature}` };
      const rendered = renderLetter(parsed, segments, t, letter.recipient, templates, { assets: assetsPrefix, images: imgs, hyphenate: true, statement: letterStatements.get(letter.locale) });
      writeFile(path.join(staging, letter.html), rendered.html);
      const doc = { addressee: letter.recipient.id, name: rendered.name.text, locale: letter.locale, reason: letter.reason, html: letter.html, pdf: null, sha256: null, bytes: null, pages: null, ...(letter.recipient.contact ? { contact: letter.recipient.contact } : {}) } as Manifest['letters'][number];
      if (letter.pdf) requests.push({ doc, pdf: letter.pdf, html: rendered.html, meta: meta(letter.locale, rendered.title, t.segment('title', config.title).text), label: letter.pdf });
      manifest.letters.push(doc);
    }
    if (wantEditions) {
      for (const l of editionLocales.filter((x) => x !== config.sourceLocale)) {
        const html = renderProof(l, ws.sources, ws.locales.get(l)!, statuses.get(l)!, { title: config.title, reference: config.reference, date: config.date, sourceLocale: config.sourceLocale, pageCss: pageCss(translator(config.sourceLocale)) });
        writeFile(path.join(staging, 'review', `${l}.html`), html);
        const doc: ManifestDocument = { locale: l, html: `review/${l}.html`, pdf: null, sha256: null, bytes: null, pages: null };
        if (wantPdf) requests.push({ doc, pdf: `review/${l}.pdf`, html, meta: meta(config.sourceLocale, `Review proof (${l}): ${config.title}`, config.reference), label: `review/${l}.pdf`, readback: false });
        manifest.proofs.push(doc);
      }
    }
    // Outputs this build did not make stay as they were, and stay in the manifest.
    if (previous) {
      // Only what still exists in the inputs: a removed locale or addressee leaves the manifest (and the send list).
      const recipientIds = new Set((ws.registry?.recipients ?? []).map((r) => r.id));
      for (const e of previous.editions) if (config.locales.includes(e.locale) && !manifest.editions.some((x) => x.locale === e.locale) && fs.existsSync(path.join(staging, e.html))) manifest.editions.push(e);
      for (const e of previous.letters ?? []) if (recipientIds.has(e.addressee) && !manifest.letters.some((x) => x.addressee === e.addressee) && fs.existsSync(path.join(staging, e.html))) manifest.letters.push(e);
      for (const e of previous.proofs ?? []) if (!manifest.proofs.some((x) => x.locale === e.locale) && fs.existsSync(path.join(staging, e.html))) manifest.proofs.push(e);
    }

    const printing = await printDocuments(requests, { staging, previous, force: Boolean(options.force), log, progress: options.progress });
    manifest.failed = printing.failed;

    const report = Object.fromEntries(config.locales.map((l) => {
      const keys = statuses.get(l)!;
      return [l, { ...summarize(ws.sources, keys, ws.locales.get(l)!.catalogs, config.sourceLocale, l), coverage: coverage(keys), publishable: publishable(keys, config.requireApproval) }];
    }));
    writeFile(path.join(staging, 'status', 'index.html'), renderStatusPage(config.title, config.sourceLocale, report));
    const pendingOf = (l: string) => statuses.get(l)!.filter((k) => k.ns === 'statement' && !k.usable).length;
    const editionSummary = config.locales.map((l) => ({ locale: l, pending: pendingOf(l), total: segments.length }));
    const proofLinks = manifest.proofs.map((p) => ({ href: p.html, text: `Review proof: ${englishName(p.locale)}` }));
    writeFile(path.join(staging, 'index.html'), renderIndex(parsed, editionSummary, templates, [{ href: 'status/index.html', text: 'Translation status' }, ...proofLinks]));
    writeFile(path.join(staging, 'send-list.csv'), sendListCsv(manifest.letters));
    manifest.editions.sort((a, b) => config.locales.indexOf(a.locale) - config.locales.indexOf(b.locale));
    writeFile(path.join(staging, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const lintFindings = await linting;
    for (const f of lintFindings) log(`lint ${f.severity}: ${formatFinding(f)}`);
    findings.lint = lintFindings.length;
    writeFile(path.join(staging, 'lint.json'), `${JSON.stringify({ key: lintCacheKey, findings: lintFindings } satisfies LintReport, null, 2)}\n`);
    swapIn(staging, out);
    log(`built into ${rel(out)}/: ${manifest.editions.length} edition(s), ${manifest.letters.length} letter(s); ${printing.printed} PDF(s) printed, ${printing.reused} reused${printing.failed.length ? `, ${printing.failed.length} FAILED` : ''}`);
    return { out, manifest, plan, printed: printing.printed, reused: printing.reused, failed: printing.failed, written: true, launches: printing.launches, findings };
  } catch (error) {
    discard(staging);
    throw error;
  } finally {
    unlock();
  }
}

function emptyManifest(ws: Workspace): Manifest {
  const { config } = ws.project.parsed;
  const hashes = inputHashes(ws);
  return { source: { file: layout.source, sha256: hashes.source, reference: config.reference, date: config.date }, catalogs: hashes.catalogs, editions: [], letters: [], proofs: [], failed: [] };
}

function keepPrevious(doc: ManifestDocument, old: ManifestDocument | undefined, staging: string): void {
  if (old?.pdf && fs.existsSync(path.join(staging, old.pdf))) Object.assign(doc, { pdf: old.pdf, sha256: old.sha256, bytes: old.bytes, pages: old.pages, inputs: old.inputs });
}

function copyImages(ws: Workspace, staging: string): { logo?: string; signature?: string } {
  const { config } = ws.project.parsed;
  const out: { logo?: string; signature?: string } = {};
  for (const field of ['logo', 'signature'] as const) {
    const value = config[field];
    if (!value) continue;
    const place = { file: rel(ws.project.sourceFile), line: ws.project.parsed.frontLines[field] ?? 1, column: 1 };
    if (!/\.(png|svg)$/i.test(value)) throw new InputError(`${field} must be a PNG or SVG file`, place);
    const full = inside(path.join(ws.project.root, 'source'), value, place.file);
    if (!fs.existsSync(full)) throw new InputError(`${field} file ${value} not found under source/`, place);
    const name = `${field}${path.extname(value).toLowerCase()}`;
    linkOrCopy(full, path.join(staging, 'assets', name));
    out[field] = name;
  }
  return out;
}

/** Hard-links the previous output into the staging folder (files are replaced, never written through). */
function cloneTree(from: string, to: string): void {
  if (!fs.existsSync(from)) return;
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const a = path.join(from, entry.name);
    const b = path.join(to, entry.name);
    if (entry.isDirectory()) {
      fs.mkdirSync(b, { recursive: true });
      cloneTree(a, b);
    } else if (entry.isFile()) {
      linkOrCopy(a, b);
    }
  }
}

/** Hard-links a file (copies across devices). */
export function linkOrCopy(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.rmSync(to, { force: true });
  try {
    fs.linkSync(from, to);
  } catch {
    fs.copyFileSync(from, to);
  }
}
