/**
 * The build: plan the outputs, render them, print the PDFs that are not
 * current, write everything into a staging folder, and swap it in for
 * `dist/` only at the end (a kill leaves the previous `dist/`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { layout } from '../core/project.js';
import { loadWorkspace, localeSourcesOf, type Workspace } from '../catalog/workspace.js';
import { prepareLocales, inputHashes, localeReport } from '../catalog/localeSet.js';
import { renderEdition, type EditionPdf } from '../render/edition.js';
import { renderSiteIndex, renderOfficeIndex, renderSitemap, standingOf, SITE_DIR } from './site.js';
import { Carry } from './carry.js';
import { renderLetter, renderLetterStatement, pageCss, type LetterStatement } from '../render/letter.js';
import { planAssets } from '../render/assets.js';
import { planLetters, planJson, planText, letterPath, type PlannedLetter, type PlannedEdition } from './plan.js';
import { coverage, publishable } from '../catalog/status.js';
import { renderStatusPage } from '../render/statusPage.js';
import { writeFile, rel, insideReal, readOptional, linkOrCopy, linkOrCopyFrom } from '../core/fsio.js';
import { createStaging, swapIn, discard, lockOutput } from '../core/staging.js';
import { InputError } from '../core/errors.js';
import { isUnwaivedError } from '../checks/types.js';
import { publishLocale, isPublishLocale, type Locale } from '../core/locales.js';
import { dropPositions } from '../source/parse.js';
import { renderProof } from '../render/review.js';
import { lintInWorker, lintKey, type LintReport } from '../lint/worker.js';
import { formatFinding, type LintFinding } from '../lint/findings.js';
import { printDocuments, assetsHashOf, type PrintRequest } from '../print/printing.js';
import { sendListCsv } from './sendList.js';
import { onStop, checkStop, yieldThenCheck } from '../core/shutdown.js';
import { hashFiles, hashFile, sha256sums } from './checksums.js';
import { sha256 } from '../core/hash.js';

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
  /** Write `send-list.csv` with a UTF-8 BOM (for Excel); default true. */
  csvBom?: boolean;
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
  /** sha256 of the bytes of every input file (source/, templates/, locales/), by path from the project root. */
  inputs?: Record<string, string>;
  /** sha256 of the bytes of every file of the build but manifest.json and SHA256SUMS, by path in dist/. */
  files?: Record<string, string>;
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
  const dictionary = readOptional(path.join(root, layout.dictionary)) ?? '';
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
  const editionLocales = options.locales?.map((l) => publishLocale(config, l, undefined, '--locale: ')) ?? config.locales;
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
  const letters: PlannedLetter[] = wantLetters ? planLetters(recipients, localeSet.letterReadiness, config.sourceLocale, wantPdf) : [];
  const editions: PlannedEdition[] = wantEditions ? editionLocales.map((l) => ({ locale: l, html: `${SITE_DIR}/${l}/index.html`, pdf: wantPdf ? `${SITE_DIR}/${l}/statement.pdf` : undefined, readiness: localeSet.editionReadiness(l) })) : [];
  const plan = planText(editions, letters, wantHtml);
  plan[plan.length - 1] = `${SITE_DIR}/index.html, ${config.baseUrl ? `${SITE_DIR}/sitemap.xml, ` : ''}${SITE_DIR}/assets/ (the public site); index.html, status/index.html, send-list.csv, manifest.json, assets/ (the office's)`;
  const checkErrors = editionLocales.reduce((n, l) => n + statuses.get(l)!.filter((k) => k.findings.some(isUnwaivedError)).length, 0);
  const findings = { lint: 0, checks: checkErrors };
  const json = planJson(editions, letters);
  if (options.dryRun) return { out, manifest: emptyManifest(ws), plan, planJson: json, printed: 0, reused: 0, failed: [], written: false, launches: 0, findings };

  const unlock = lockOutput(out, log);
  let staging: string | undefined;
  // Stopped by a signal: the staging folder goes, then the lock; dist/ is untouched until swapIn.
  const forget = onStop(() => {
    if (staging) discard(staging);
    unlock();
  });
  try {
    const previous = readPreviousManifest(out);
    staging = createStaging(out);
    const carry = new Carry(out, staging, previous);
    // The site and the office each get the stylesheets and fonts: the site folder is uploaded alone.
    const assets = planAssets(templates.css);
    for (const dir of ['assets', `${SITE_DIR}/assets`]) {
      for (const [name, text] of Object.entries(assets.texts)) writeFile(path.join(staging, dir, name), text);
    }
    for (const font of assets.fonts) {
      const office = path.join(staging, 'assets', 'fonts', font.name);
      linkOrCopyFrom(font.path, office, path.join(out, 'assets', 'fonts', font.name));
      // The site's copy is a second link to the office's: same bytes, no second copy.
      linkOrCopy(office, path.join(staging, SITE_DIR, 'assets', 'fonts', font.name));
    }
    const assetsHash = assetsHashOf(staging);
    const images = copyImages(ws, staging);

    const manifest = emptyManifest(ws);
    const requests: PrintRequest[] = [];
    const meta = (locale: string, title: string, subject: string) => ({ title, author: translator(locale).segment('institution', config.institution).text, subject, keywords: [config.reference, locale], language: locale, date: config.date });
    // Without PDFs in this build, a PDF of the previous one stays only while current; else it is withdrawn (and the page says so).
    const pdfOf = (doc: ManifestDocument, pdf: string, request: () => PrintRequest): EditionPdf => {
      if (wantPdf) {
        requests.push(request());
        return 'current';
      }
      return carry.keepPdf(doc, pdf, request, assetsHash);
    };
    const officialOf = (l: string) => editions.find((e) => e.locale === l)?.readiness.official ?? false;
    const editionPage = (l: string, pdf: EditionPdf) => renderEdition(parsed, segments, translator(l), templates, { baseUrl: config.baseUrl, pdf, official: officialOf(l) });

    if (wantEditions) {
      for (const { locale: l } of editions) {
        const t = translator(l);
        const doc: ManifestDocument = { locale: l, html: `${SITE_DIR}/${l}/index.html`, pdf: null, sha256: null, bytes: null, pages: null };
        const title = t.segment('title', config.title).text;
        const pdf = `${SITE_DIR}/${l}/statement.pdf`;
        const request = (): PrintRequest => ({ doc, pdf, printHtml: `${SITE_DIR}/${l}/.print.html`, html: renderEdition(parsed, segments, t, templates, { print: true, baseUrl: config.baseUrl, official: officialOf(l) }).html, meta: meta(l, title, t.segment('subtitle', config.subtitle ?? title).text), label: `${l}/statement.pdf` });
        const edition = editionPage(l, pdfOf(doc, pdf, request));
        writeFile(path.join(staging, doc.html), edition.html);
        manifest.editions.push(doc);
        log(`edition ${l}${edition.pending ? ` (${edition.pending} of ${edition.total} passages pending)` : ''}`);
      }
    }
    // The statement part of the letters, rendered once per language and shared by its letters.
    const letterStatements = new Map<string, LetterStatement>();
    for (const letter of letters) {
      const t = translator(letter.locale);
      // Per language and notice: a letter whose every text is approved has no "unofficial translation" notice.
      const shared = `${letter.locale}\u0000${letter.official}`;
      if (!letterStatements.has(shared)) letterStatements.set(shared, renderLetterStatement(parsed, segments, t, true, letter.official));
      const depth = letter.recipient.id.split('/').length;
      const assetsPrefix = `${'../'.repeat(depth)}assets`;
      const imgs = { logo: images.logo && `${assetsPrefix}/${images.logo}`, signature: images.signature && `${assetsPrefix}/${images.signature}` };
      const rendered = renderLetter(parsed, segments, t, letter.recipient, templates, { assets: assetsPrefix, images: imgs, hyphenate: true, statement: letterStatements.get(shared), official: letter.official });
      writeFile(path.join(staging, letter.html), rendered.html);
      const doc = { addressee: letter.recipient.id, name: rendered.name.text, locale: letter.locale, reason: letter.reason, html: letter.html, pdf: null, sha256: null, bytes: null, pages: null, ...(letter.recipient.contact ? { contact: letter.recipient.contact } : {}) } as Manifest['letters'][number];
      const pdf = letter.pdf ?? letterPath(letter.recipient, letter.locale, 'pdf');
      pdfOf(doc, pdf, () => ({ doc, pdf, html: rendered.html, meta: meta(letter.locale, rendered.title, t.segment('title', config.title).text), label: pdf }));
      manifest.letters.push(doc);
    }
    if (wantEditions) {
      for (const l of editionLocales.filter((x) => x !== config.sourceLocale)) {
        const html = renderProof(l, localeSourcesOf(ws, l), ws.locales.get(l)!, statuses.get(l)!, { title: config.title, reference: config.reference, date: config.date, sourceLocale: config.sourceLocale, pageCss: pageCss(translator(config.sourceLocale)) });
        writeFile(path.join(staging, 'review', `${l}.html`), html);
        const doc: ManifestDocument = { locale: l, html: `review/${l}.html`, pdf: null, sha256: null, bytes: null, pages: null };
        pdfOf(doc, `review/${l}.pdf`, () => ({ doc, pdf: `review/${l}.pdf`, html, meta: meta(config.sourceLocale, `Review proof (${l}): ${config.title}`, config.reference), label: `review/${l}.pdf`, readback: false }));
        manifest.proofs.push(doc);
      }
    }
    // A partial build keeps the documents it did not make, while the inputs still plan them at the same path.
    const planned = new Map(planLetters(ws.registry?.recipients ?? [], localeSet.letterReadiness, config.sourceLocale, false).map((p) => [p.recipient.id, p.html]));
    manifest.editions.push(...carry.unbuilt(previous?.editions, manifest.editions, (d) => d.locale, (d) => isPublishLocale(config, d.locale) ? `${SITE_DIR}/${d.locale}/index.html` : undefined));
    manifest.letters.push(...carry.unbuilt(previous?.letters, manifest.letters, (d) => d.addressee, (d) => planned.get(d.addressee)));
    manifest.proofs.push(...carry.unbuilt(previous?.proofs, manifest.proofs, (d) => d.locale, (d) => isPublishLocale(config, d.locale) && d.locale !== config.sourceLocale ? `review/${d.locale}.html` : undefined));
    if (carry.withdrawn.length) log(`${carry.withdrawn.length} PDF(s) no longer match their HTML and are withdrawn until the next build with PDFs: ${carry.withdrawn.slice(0, 5).join(', ')}${carry.withdrawn.length > 5 ? ', …' : ''}`);
    carry.offer(requests);

    const printing = await printDocuments(requests, { staging, previous, force: Boolean(options.force), log, progress: options.progress });
    manifest.failed = printing.failed;
    checkStop();

    const report = Object.fromEntries(Object.entries(localeReport(ws, localeSet)).map(([l, s]) => {
      const keys = statuses.get(l)!;
      return [l, { ...s, coverage: coverage(keys), publishable: publishable(keys, config.requireApproval) }];
    }));
    writeFile(path.join(staging, 'status', 'index.html'), renderStatusPage(config.title, config.sourceLocale, report));
    manifest.editions.sort((a, b) => config.locales.indexOf(a.locale as Locale) - config.locales.indexOf(b.locale as Locale));
    // An edition whose PDF failed to print must not link it.
    for (const e of manifest.editions) {
      if (wantPdf && !e.pdf && requests.some((r) => r.doc === e)) writeFile(path.join(staging, e.html), editionPage(e.locale, undefined).html);
    }
    const statementKeys = (l: string) => statuses.get(l)!.filter((k) => k.ns === 'statement');
    const siteEditions = manifest.editions.map((e) => {
      const keys = statementKeys(e.locale);
      const pending = keys.filter((k) => !k.usable).length;
      return {
        locale: e.locale,
        standing: standingOf(e.locale, config.sourceLocale, pending, keys.length, keys.every((k) => k.status === 'approved')),
        ...(e.pdf ? { pdf: { pages: e.pages, bytes: e.bytes } } : {}),
        ...(carry.withdrawn.includes(`${SITE_DIR}/${e.locale}/statement.pdf`) ? { pdfState: 'outdated' as const } : {}),
      };
    });
    writeFile(path.join(staging, SITE_DIR, 'index.html'), renderSiteIndex(parsed, siteEditions, templates, translator));
    if (config.baseUrl) writeFile(path.join(staging, SITE_DIR, 'sitemap.xml'), renderSitemap(config.baseUrl, manifest.editions.map((e) => e.locale), config.date));
    writeFile(path.join(staging, 'index.html'), renderOfficeIndex(parsed, { letters: manifest.letters, proofs: manifest.proofs, sitemap: Boolean(config.baseUrl) }, templates));
    writeFile(path.join(staging, 'send-list.csv'), sendListCsv(manifest.letters, { bom: options.csvBom }));
    const lintFindings = await linting;
    for (const f of lintFindings) log(`lint ${f.severity}: ${formatFinding(f)}`);
    findings.lint = lintFindings.length;
    writeFile(path.join(staging, 'lint.json'), `${JSON.stringify({ key: lintCacheKey, findings: lintFindings } satisfies LintReport, null, 2)}\n`);
    // Last, over the bytes as written: the manifest names every other file, SHA256SUMS every file (for sha256sum -c).
    manifest.inputs = inputFileHashes(root);
    manifest.files = hashFiles(staging, ['manifest.json', 'SHA256SUMS']);
    const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
    writeFile(path.join(staging, 'manifest.json'), manifestText);
    const sums = { ...manifest.files, 'manifest.json': sha256(manifestText) };
    writeFile(path.join(staging, 'SHA256SUMS'), sha256sums(Object.fromEntries(Object.entries(sums).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))));
    // The last chance to stop: from here to the end of the swap nothing yields to a signal.
    await yieldThenCheck();
    forget();
    swapIn(staging, out);
    log(`built into ${rel(out)}/: ${manifest.editions.length} edition(s), ${manifest.letters.length} letter(s); ${printing.printed} PDF(s) printed, ${printing.reused} reused${printing.failed.length ? `, ${printing.failed.length} FAILED` : ''}`);
    log(`public site: ${rel(path.join(out, SITE_DIR))}/ (upload this folder; the letters, proofs, status page and send list stay outside it)${config.baseUrl ? '' : '; no sitemap.xml: set baseUrl in the front matter for one'}`);
    return { out, manifest, plan, planJson: json, printed: printing.printed, reused: printing.reused, failed: printing.failed, written: true, launches: printing.launches, findings };
  } catch (error) {
    if (staging) discard(staging);
    throw error;
  } finally {
    forget();
    unlock();
  }
}

/** sha256 of every input file, by posix path from the project root. */
function inputFileHashes(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of [path.posix.dirname(layout.source), layout.templates, layout.locales]) {
    for (const [p, h] of Object.entries(hashFiles(path.join(root, part)))) out[`${part}/${p}`] = h;
  }
  return out;
}

function emptyManifest(ws: Workspace): Manifest {
  const { config } = ws.project.parsed;
  const hashes = inputHashes(ws, hashFile);
  return { source: { file: layout.source, sha256: hashes.source, reference: config.reference, date: config.date }, catalogs: hashes.catalogs, editions: [], letters: [], proofs: [], failed: [] };
}

function copyImages(ws: Workspace, staging: string): { logo?: string; signature?: string } {
  const { config } = ws.project.parsed;
  const out: { logo?: string; signature?: string } = {};
  for (const field of ['logo', 'signature'] as const) {
    const value = config[field];
    if (!value) continue;
    const place = { file: rel(ws.project.sourceFile), line: ws.project.parsed.frontLines[field] ?? 1, column: 1 };
    if (!/\.(png|svg)$/i.test(value)) throw new InputError(`${field} must be a PNG or SVG file`, place);
    const full = insideReal(path.join(ws.project.root, layout.sourceDir), value, place.file, place.line);
    if (!fs.existsSync(full)) throw new InputError(`${field} file ${value} not found under source/`, place);
    const name = `${field}${path.extname(value).toLowerCase()}`;
    linkOrCopy(full, path.join(staging, 'assets', name));
    out[field] = name;
  }
  return out;
}
