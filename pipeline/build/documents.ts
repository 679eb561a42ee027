/**
 * The build's render step: every planned document (editions, letters,
 * review proofs) rendered into the staging folder with its manifest entry
 * and the PDF it asks the print step for, the assets they load, and the
 * documents of the previous build that this one did not make but still
 * plans (carried forward).
 */
import { isPublishLocale } from '../core/locales.js';
import fs from 'node:fs';
import path from 'node:path';
import { localeSourcesOf, type Workspace } from '../catalog/workspace.js';
import { inputHashes, type LocaleSet } from '../catalog/localeSet.js';
import { renderEdition, type Edition, type EditionPdf } from '../render/edition.js';
import { renderLetter, renderLetterStatement, type LetterImages, type LetterStatement } from '../render/letter.js';
import { renderProof } from '../render/review.js';
import { planAssets } from '../render/assets.js';
import { pageCss } from '../print/pageCss.js';
import { assetsHashOf, type PrintRequest } from '../print/printing.js';
import type { PdfMetadata } from '../print/pdfpost.js';
import { writeFile, rel, insideReal, linkOrCopy, linkOrCopyFrom } from '../core/fsio.js';
import { InputError } from '../core/errors.js';
import { layout } from '../core/project.js';
import { hashFile } from './checksums.js';
import { letterPath, planLetters, type PlannedEdition, type PlannedLetter } from './plan.js';
import { SITE_DIR } from './site.js';
import type { Carry } from './carry.js';
import type { Manifest, ManifestDocument, ManifestLetter } from './manifest.js';

/** What a build makes, resolved from its options. */
export interface BuildPlan {
  /** The locales whose editions (and review proofs) are built; empty for letters only. */
  editions: PlannedEdition[];
  letters: PlannedLetter[];
  /** This build prints PDFs; without, a PDF of the previous build stays only while current. */
  pdf: boolean;
}

/** What the render, print and write steps share. */
export interface BuildSession {
  ws: Workspace;
  localeSet: LocaleSet;
  plan: BuildPlan;
  /** The output folder, and the staging folder that replaces it at the end. */
  out: string;
  staging: string;
  previous: Manifest | undefined;
  carry: Carry;
  log: (line: string) => void;
}

/** A PDF the print step is to make: the request, and the manifest entry it goes into. */
export interface PrintJob {
  doc: ManifestDocument;
  request: PrintRequest;
  /** What the document is: letters (and, when asked, editions) are signed. */
  kind: DocumentKind;
}

/** The kinds of document a build prints. */
export type DocumentKind = 'letter' | 'edition' | 'proof';

/** What the render step made: the manifest so far, and the PDFs to print. */
export interface Rendered {
  manifest: Manifest;
  jobs: PrintJob[];
}

/** The manifest before any document: the source and the catalogs the build reads. */
export function emptyManifest(ws: Workspace): Manifest {
  const { config } = ws.project.parsed;
  const hashes = inputHashes(ws, hashFile);
  return {
    source: { file: layout.source, sha256: hashes.source, reference: config.reference, date: config.date },
    catalogs: hashes.catalogs,
    editions: [],
    letters: [],
    proofs: [],
    failed: [],
  };
}

/** Renders every planned document into the staging folder, and carries forward the previous build's others. */
export function renderDocuments(s: BuildSession): Rendered {
  const assetsHash = stageAssets(s);
  const images = copyImages(s.ws, s.staging);
  const rendered: Rendered = { manifest: emptyManifest(s.ws), jobs: [] };
  // Without PDFs in this build, a PDF of the previous one stays only while current; else it is withdrawn (and the page says so).
  const pdfOf = (kind: DocumentKind, doc: ManifestDocument, pdf: string, request: () => PrintRequest): EditionPdf => {
    if (!s.plan.pdf) return s.carry.keepPdf(doc, pdf, request, assetsHash);
    rendered.jobs.push({ doc, request: request(), kind });
    return 'current';
  };
  renderEditions(s, rendered.manifest, pdfOf);
  renderLetters(s, rendered.manifest, pdfOf, images);
  renderProofs(s, rendered.manifest, pdfOf);
  carryForward(s, rendered.manifest);
  s.carry.offer(rendered.jobs.map((j) => j.request));
  return rendered;
}

/** Asks for a document's PDF; says how the page shows it. */
type PdfOf = (kind: DocumentKind, doc: ManifestDocument, pdf: string, request: () => PrintRequest) => EditionPdf;

/** The page of one edition, linking its PDF as `pdf` says. */
export function renderEditionPage(s: BuildSession, locale: string, pdf: EditionPdf): Edition {
  const { parsed, segments, templates } = s.ws.project;
  return renderEdition(parsed, segments, s.localeSet.translator(locale), templates, {
    baseUrl: parsed.config.baseUrl,
    pdf,
    official: officialOf(s, locale),
  });
}

function officialOf(s: BuildSession, locale: string): boolean {
  return s.plan.editions.find((e) => e.locale === locale)?.readiness.official ?? false;
}

/** The metadata of a PDF: its author is the institution, as the document's locale names it. */
function pdfMeta(s: BuildSession, locale: string, title: string, subject: string): PdfMetadata {
  const { config } = s.ws.project.parsed;
  return {
    title,
    author: s.localeSet.translator(locale).segment('institution', config.institution).text,
    subject,
    keywords: [config.reference, locale],
    language: locale,
    date: config.date,
  };
}

function renderEditions(s: BuildSession, manifest: Manifest, pdfOf: PdfOf): void {
  const { parsed, segments, templates } = s.ws.project;
  const { config } = parsed;
  for (const { locale: l } of s.plan.editions) {
    const t = s.localeSet.translator(l);
    const doc: ManifestDocument = {
      locale: l,
      html: `${SITE_DIR}/${l}/index.html`,
      pdf: null,
      sha256: null,
      bytes: null,
      pages: null,
    };
    const title = t.segment('title', config.title).text;
    const pdf = `${SITE_DIR}/${l}/statement.pdf`;
    const request = (): PrintRequest => ({
      pdf,
      htmlFile: doc.html,
      printHtml: `${SITE_DIR}/${l}/.print.html`,
      html: renderEdition(parsed, segments, t, templates, {
        print: true,
        baseUrl: config.baseUrl,
        official: officialOf(s, l),
      }).html,
      meta: pdfMeta(s, l, title, t.segment('subtitle', config.subtitle ?? title).text),
      label: `${l}/statement.pdf`,
    });
    const edition = renderEditionPage(s, l, pdfOf('edition', doc, pdf, request));
    writeFile(path.join(s.staging, doc.html), edition.html);
    manifest.editions.push(doc);
    s.log(`edition ${l}${edition.pending ? ` (${edition.pending} of ${edition.total} passages pending)` : ''}`);
  }
}

function renderLetters(s: BuildSession, manifest: Manifest, pdfOf: PdfOf, images: LetterImages): void {
  const { parsed, segments, templates } = s.ws.project;
  const { config } = parsed;
  // The statement part of the letters, rendered once per language and shared by its letters.
  const letterStatements = new Map<string, LetterStatement>();
  for (const letter of s.plan.letters) {
    const t = s.localeSet.translator(letter.locale);
    // Per language and notice: a letter whose every text is approved has no "unofficial translation" notice.
    const shared = `${letter.locale}\u0000${letter.official}`;
    if (!letterStatements.has(shared))
      letterStatements.set(shared, renderLetterStatement(parsed, segments, t, true, letter.official));
    const depth = letter.recipient.id.split('/').length;
    const assetsPrefix = `${'../'.repeat(depth)}assets`;
    const imgs = {
      logo: images.logo && `${assetsPrefix}/${images.logo}`,
      signature: images.signature && `${assetsPrefix}/${images.signature}`,
    };
    const rendered = renderLetter(parsed, segments, t, letter.recipient, templates, {
      assets: assetsPrefix,
      images: imgs,
      hyphenate: true,
      statement: letterStatements.get(shared),
      official: letter.official,
    });
    writeFile(path.join(s.staging, letter.html), rendered.html);
    const doc = {
      addressee: letter.recipient.id,
      name: rendered.name.text,
      locale: letter.locale,
      reason: letter.reason,
      html: letter.html,
      pdf: null,
      sha256: null,
      bytes: null,
      pages: null,
      ...(letter.recipient.contact ? { contact: letter.recipient.contact } : {}),
    } as ManifestLetter;
    const pdf = letter.pdf ?? letterPath(letter.recipient, letter.locale, 'pdf');
    pdfOf('letter', doc, pdf, () => ({
      pdf,
      htmlFile: doc.html,
      html: rendered.html,
      meta: pdfMeta(s, letter.locale, rendered.title, t.segment('title', config.title).text),
      label: pdf,
    }));
    manifest.letters.push(doc);
  }
}

/** A review proof per edition locale but the source's. */
function renderProofs(s: BuildSession, manifest: Manifest, pdfOf: PdfOf): void {
  const { ws, localeSet } = s;
  const { config } = ws.project.parsed;
  for (const { locale: l } of s.plan.editions.filter((e) => e.locale !== config.sourceLocale)) {
    const html = renderProof(
      l,
      localeSourcesOf(ws, l),
      ws.locales.get(l)!,
      localeSet.statuses.get(l)!,
      {
        title: config.title,
        reference: config.reference,
        date: config.date,
        sourceLocale: config.sourceLocale,
        pageCss: pageCss(localeSet.translator(config.sourceLocale), { landscape: true }),
      },
      ws.project.templates.review,
    );
    writeFile(path.join(s.staging, 'review', `${l}.html`), html);
    const doc: ManifestDocument = {
      locale: l,
      html: `review/${l}.html`,
      pdf: null,
      sha256: null,
      bytes: null,
      pages: null,
    };
    pdfOf('proof', doc, `review/${l}.pdf`, () => ({
      pdf: `review/${l}.pdf`,
      htmlFile: doc.html,
      html,
      meta: pdfMeta(s, config.sourceLocale, `Review proof (${l}): ${config.title}`, config.reference),
      label: `review/${l}.pdf`,
      readback: false,
    }));
    manifest.proofs.push(doc);
  }
}

/** A partial build keeps the documents it did not make, while the inputs still plan them at the same path. */
function carryForward(s: BuildSession, manifest: Manifest): void {
  const { ws, carry, previous } = s;
  const { config } = ws.project.parsed;
  const planned = new Map(
    planLetters(ws.registry?.recipients ?? [], s.localeSet.letterReadiness, config.sourceLocale, false).map((p) => [
      p.recipient.id,
      p.html,
    ]),
  );
  manifest.editions.push(
    ...carry.unbuilt(
      previous?.editions,
      manifest.editions,
      (d) => d.locale,
      (d) => (isPublishLocale(config, d.locale) ? `${SITE_DIR}/${d.locale}/index.html` : undefined),
    ),
  );
  manifest.letters.push(
    ...carry.unbuilt(
      previous?.letters,
      manifest.letters,
      (d) => d.addressee,
      (d) => planned.get(d.addressee),
    ),
  );
  manifest.proofs.push(
    ...carry.unbuilt(
      previous?.proofs,
      manifest.proofs,
      (d) => d.locale,
      (d) =>
        isPublishLocale(config, d.locale) && d.locale !== config.sourceLocale ? `review/${d.locale}.html` : undefined,
    ),
  );
  if (carry.withdrawn.length)
    s.log(
      `${carry.withdrawn.length} PDF(s) no longer match their HTML and are withdrawn until the next build with PDFs: ${carry.withdrawn.slice(0, 5).join(', ')}${carry.withdrawn.length > 5 ? ', …' : ''}`,
    );
}

/**
 * Writes the stylesheets and fonts into the office's and the site's
 * `assets/` (the site folder is uploaded alone); returns the hash of the
 * stylesheets PDFs are printed with.
 */
function stageAssets(s: BuildSession): string {
  const assets = planAssets(s.ws.project.templates.css);
  for (const dir of ['assets', `${SITE_DIR}/assets`]) {
    for (const [name, text] of Object.entries(assets.texts)) writeFile(path.join(s.staging, dir, name), text);
  }
  for (const font of assets.fonts) {
    const office = path.join(s.staging, 'assets', 'fonts', font.name);
    linkOrCopyFrom(font.path, office, path.join(s.out, 'assets', 'fonts', font.name));
    // The site's copy is a second link to the office's: same bytes, no second copy.
    linkOrCopy(office, path.join(s.staging, SITE_DIR, 'assets', 'fonts', font.name));
  }
  return assetsHashOf(s.staging);
}

/** Copies the logo and signature the front matter names into `assets/`; their names there. */
function copyImages(ws: Workspace, staging: string): LetterImages {
  const { config } = ws.project.parsed;
  const out: LetterImages = {};
  for (const field of ['logo', 'signature'] as const) {
    const value = config[field];
    if (!value) continue;
    const place = { file: rel(ws.project.sourceFile), line: ws.project.parsed.frontLines[field] ?? 1, column: 1 };
    if (!/\.(png|svg)$/i.test(value)) throw new InputError(`${field} must be a PNG or SVG file`, place);
    const full = insideReal(path.join(ws.project.root, 'source'), value, place.file, place.line);
    if (!fs.existsSync(full)) throw new InputError(`${field} file ${value} not found under source/`, place);
    const name = `${field}${path.extname(value).toLowerCase()}`;
    linkOrCopy(full, path.join(staging, 'assets', name));
    out[field] = name;
  }
  return out;
}
