/**
 * The text of every PDF comes back out whole (issue 15), read the way its
 * readers read it: poppler's pdftotext and pdf.js (Firefox), on a real
 * build of the shipped project through Chromium; the read-back check of
 * the build fails a broken document; PDF/UA-1 identification checked with
 * qpdf and pdfinfo; page X of Y in every language (issue 22).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, it, expect, beforeAll } from 'vitest';
import { PDFDocument, PDFName, PDFDict, PDFRawStream, decodePDFRawStream } from 'pdf-lib';
import { makeProject, read, runCli } from './helpers.js';
import { build, type Manifest } from '../pipeline/build/build.js';
import { compareWords, htmlText, percent, READBACK_MIN } from '../pipeline/print/readback.js';
import { pdfjsText } from '../pipeline/print/pdfjsText.js';
import { ReadbackPool } from '../pipeline/print/readbackWorker.js';
import { readbackProblem } from '../pipeline/print/printing.js';

const locales = ['en', 'az', 'fr', 'ru', 'ar', 'es', 'zh'];
const tool = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

let dir: string;
let manifest: Manifest;
/** Editions and letters: the documents read back. */
let docs: Array<{ locale: string; html: string; pdf: string; pages: number; readback?: number }>;

beforeAll(async () => {
  dir = makeProject();
  const result = await build({ root: dir, lint: false });
  expect(result.failed).toEqual([]);
  manifest = JSON.parse(read(dir, 'dist/manifest.json'));
  docs = [...manifest.editions, ...manifest.letters].map((d) => ({
    locale: d.locale,
    html: d.html,
    pdf: d.pdf!,
    pages: d.pages!,
    readback: d.readback,
  }));
}, 600_000);

const file = (rel: string) => path.join(dir, 'dist', rel);
/** The HTML a PDF was printed from: a letter's own page; an edition's print page (with its hyphenation points) rendered the same words as its screen page. */
const expected = (d: { html: string }) => htmlText(fs.readFileSync(file(d.html), 'utf8'));

describe('every locale reads back whole (pdftotext and pdf.js, editions and letters)', () => {
  it('is at least 99.5 % in every document, by both readers', async () => {
    const table = new Map<string, { docs: number; poppler: number; pdfjs: number; lost: string[] }>();
    for (const d of docs) {
      const text = expected(d);
      const poppler = compareWords(text, tool('pdftotext', ['-enc', 'UTF-8', file(d.pdf), '-']).stdout);
      const pdfjs = compareWords(text, await pdfjsText(fs.readFileSync(file(d.pdf))));
      const kind = `${d.locale} ${d.html.startsWith('letters/') ? 'letters' : 'edition'}`;
      const row = table.get(kind) ?? { docs: 0, poppler: 1, pdfjs: 1, lost: [] };
      row.docs++;
      row.poppler = Math.min(row.poppler, poppler.share);
      row.pdfjs = Math.min(row.pdfjs, pdfjs.share);
      row.lost.push(...poppler.lost.map((w) => `pdftotext:${w}`), ...pdfjs.lost.map((w) => `pdf.js:${w}`));
      table.set(kind, row);
      expect(poppler.share, `${d.pdf} (pdftotext) lost ${poppler.lost.join(' ')}`).toBeGreaterThanOrEqual(READBACK_MIN);
      expect(pdfjs.share, `${d.pdf} (pdf.js) lost ${pdfjs.lost.join(' ')}`).toBeGreaterThanOrEqual(READBACK_MIN);
    }
    console.log(
      [
        'worst document per locale and kind: pdftotext / pdf.js',
        ...[...table].map(
          ([k, r]) =>
            `  ${k.padEnd(12)} ${String(r.docs).padStart(2)} PDF(s)  ${percent(r.poppler).padStart(7)}  ${percent(r.pdfjs).padStart(7)}  ${r.lost.slice(0, 4).join(' ')}`,
        ),
      ].join('\n'),
    );
    expect(new Set(docs.map((d) => d.locale))).toEqual(new Set(locales));
  }, 300_000);

  it("records each document's read-back figure in the manifest", () => {
    for (const d of docs) expect(d.readback, d.pdf).toBeGreaterThanOrEqual(READBACK_MIN);
  });

  it('leaves no soft hyphen inside a word, in the text, the structure tree or the bookmarks', () => {
    for (const rel of [
      'site/en/statement.pdf',
      'site/fr/statement.pdf',
      'site/ru/statement.pdf',
      'site/es/statement.pdf',
      'letters/foreign-embassies/france.fr.pdf',
    ]) {
      const text = tool('pdftotext', ['-enc', 'UTF-8', file(rel), '-']).stdout;
      expect(text.match(/\p{L}\u00ad\p{L}/gu) ?? [], rel).toEqual([]);
      // Poppler's reading of the structure tree used to stop each paragraph at its first soft hyphen.
      const struct = tool('pdfinfo', ['-struct-text', file(rel)]).stdout;
      expect(struct, rel).not.toContain('\u00ad');
      expect(struct.length, rel).toBeGreaterThan(text.length * 0.9);
    }
    const qdf = qdfText('site/fr/statement.pdf');
    const titles = [...qdf.matchAll(/\/Title <feff([0-9a-f]+)>/g)].map((m) =>
      Buffer.from(m[1], 'hex').swap16().toString('utf16le'),
    );
    expect(titles).toContain('DÉCLARATION');
    for (const t of titles) expect(t).not.toContain('\u00ad');
  });
});

describe('page X of Y in every language (issue 22: Arabic had none)', () => {
  it("shows every page's number and the page count in the document's language, read with pdftotext", () => {
    for (const d of docs) {
      const pattern = JSON.parse(read(dir, `locales/${d.locale}/letter.json`)).page as string;
      const strip = (s: string) => s.replace(/[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
      const text = strip(tool('pdftotext', ['-enc', 'UTF-8', file(d.pdf), '-']).stdout);
      for (let n = 1; n <= d.pages; n++) {
        const want = strip(pattern.replace('{{page}}', String(n)).replace('{{pages}}', String(d.pages)));
        expect(text, `${d.pdf}: ${want}`).toContain(want);
      }
    }
  });
});

/** A PDF in qpdf's QDF form (streams decompressed), as text. */
function qdfText(rel: string): string {
  const out = path.join(dir, `${rel.replace(/\//g, '_')}.qdf`);
  expect(tool('qpdf', ['--qdf', '--object-streams=disable', file(rel), out]).status).toBe(0);
  return fs.readFileSync(out, 'latin1');
}

/** The catalog (document root) of a PDF, as qpdf shows it. */
function catalog(rel: string): string {
  const root = /\/Root (\d+) 0 R/.exec(tool('qpdf', ['--show-object=trailer', file(rel)]).stdout)![1];
  return tool('qpdf', [`--show-object=${root}`, file(rel)]).stdout;
}

describe('PDF/UA-1 identification (checked with qpdf and pdfinfo; no veraPDF here)', () => {
  it('declares its language, title and PDF/UA part in the catalog and the XMP metadata', () => {
    for (const d of docs) {
      const cat = catalog(d.pdf);
      expect(cat, d.pdf).toContain(`/Lang (${d.locale})`);
      expect(cat, d.pdf).toMatch(/\/DisplayDocTitle true/);
      expect(cat, d.pdf).toMatch(/\/Metadata \d+ 0 R/);
      expect(cat, d.pdf).toMatch(/\/MarkInfo << \/Marked true\b/);
      const xmp = tool('pdfinfo', ['-meta', file(d.pdf)]).stdout;
      expect(xmp, d.pdf).toContain('<pdfuaid:part>1</pdfuaid:part>');
      expect(xmp, d.pdf).toContain(`<dc:language><rdf:Bag><rdf:li>${d.locale}</rdf:li></rdf:Bag></dc:language>`);
      const title = /^Title:\s+(.*)$/m.exec(tool('pdfinfo', [file(d.pdf)]).stdout)![1];
      expect(xmp, d.pdf).toContain(
        `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${title.replace(/&/g, '&amp;')}</rdf:li></rdf:Alt></dc:title>`,
      );
      const xmpFile = path.join(dir, 'xmp.xml');
      fs.writeFileSync(xmpFile, xmp);
      expect(tool('xmllint', ['--noout', xmpFile]).status, `${d.pdf}: XMP well-formed`).toBe(0);
    }
  });

  it('marks the running footer as an artifact: no text is drawn outside marked content', () => {
    for (const rel of [
      'site/en/statement.pdf',
      'site/ar/statement.pdf',
      'letters/oic.ar.pdf',
      'site/zh/statement.pdf',
    ]) {
      const qdf = qdfText(rel);
      const pages = [
        ...qdf.matchAll(
          /%% Contents for page \d+\n%% Original object ID: [^\n]*\n\d+ 0 obj\n<<[\s\S]*?>>\nstream\n([\s\S]*?)\nendstream/g,
        ),
      ].map((m) => m[1]);
      expect(pages.length, rel).toBeGreaterThan(0);
      for (const content of pages) {
        let depth = 0;
        const loose: string[] = [];
        for (const line of content.split('\n')) {
          if (/\bB[DM]C$/.test(line)) depth++;
          else if (line.trim() === 'EMC') depth--;
          else if (line.trim() === 'BT' && depth === 0) loose.push(line);
        }
        expect(loose, rel).toEqual([]);
        expect(content, rel).toContain('/Artifact <</Type /Pagination >>BDC');
      }
    }
  });

  it('are byte-reproducible after the post-processing: a second build prints the same bytes', async () => {
    const other = makeProject();
    const result = await build({ root: other, lint: false, locales: ['ar', 'fr'], only: 'editions' });
    expect(result.failed).toEqual([]);
    for (const l of ['ar', 'fr'])
      expect(
        fs
          .readFileSync(path.join(other, 'dist', 'site', l, 'statement.pdf'))
          .equals(fs.readFileSync(file(`site/${l}/statement.pdf`))),
        l,
      ).toBe(true);
  }, 300_000);
});

describe('a passage shown in the source language', () => {
  it('is /Lang (en) in the structure of a French PDF', async () => {
    const project = makeProject();
    const catalogFile = path.join(project, 'locales/fr/statement.json');
    const fr = JSON.parse(fs.readFileSync(catalogFile, 'utf8')) as Record<string, string>;
    const key = Object.keys(fr).find((k) => k.startsWith('p-'))!;
    fr[key] = '';
    fs.writeFileSync(catalogFile, `${JSON.stringify(fr, null, 2)}\n`);
    const result = await build({ root: project, lint: false, locales: ['fr'], only: 'editions' });
    expect(result.failed).toEqual([]);
    const pdf = path.join(project, 'dist/site/fr/statement.pdf');
    const out = path.join(project, 'fr.qdf');
    tool('qpdf', ['--qdf', '--object-streams=disable', pdf, out]);
    const qdf = fs.readFileSync(out, 'latin1');
    const elements = [...qdf.matchAll(/<<\n((?: {2}[^\n]*\n)*?)>>/g)]
      .map((m) => m[1])
      .filter((b) => b.includes('/Type /StructElem'));
    expect(
      elements.some((b) => /\/Lang \(en\)/.test(b) && /\/S \/P\b/.test(b)),
      'a P structure element with /Lang (en)',
    ).toBe(true);
    expect(catalogOf(pdf)).toContain('/Lang (fr)');
  }, 300_000);
});

function catalogOf(pdf: string): string {
  const root = /\/Root (\d+) 0 R/.exec(tool('qpdf', ['--show-object=trailer', pdf]).stdout)![1];
  return tool('qpdf', [`--show-object=${root}`, pdf]).stdout;
}

describe('the read-back check fails a broken document', () => {
  it('fails the build (exit 1, manifest failed) when the print drops a paragraph, naming the lost words', async () => {
    const project = makeProject();
    // A print stylesheet that loses the fourth paragraph of the statement: the PDF no longer holds the HTML's text.
    fs.appendFileSync(
      path.join(project, 'templates/statement.css'),
      '\n@media print { article p:nth-of-type(4) { display: none; } }\n',
    );
    const run = await runCli(['build', '--only', 'editions', '--locale', 'en', '--format', 'pdf'], project);
    expect(run.code).toBe(1);
    const m: Manifest = JSON.parse(read(project, 'dist/manifest.json'));
    const failed = m.failed.find((f) => f.path === 'site/en/statement.pdf');
    expect(failed?.error).toMatch(
      /text read back from the PDF \(pdf\.js\): \d+\.\d % of \d+ words, under 99\.5 %; first words that did not come back: "/,
    );
    expect(run.stderr).toContain('FAILED site/en/statement.pdf');
    expect(fs.existsSync(path.join(project, 'dist/site/en/statement.pdf'))).toBe(false);
  }, 300_000);

  it('fails a PDF whose font maps its glyphs to the wrong letters', async () => {
    const good = fs.readFileSync(file('site/en/statement.pdf'));
    const doc = await PDFDocument.load(good);
    // The lower-case letters' range maps one letter further ("a" → "b"): the page looks the same, its text does not.
    for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
      if (!(obj instanceof PDFDict) || obj.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
      const cmapRef = obj.get(PDFName.of('ToUnicode'));
      const cmap = cmapRef && doc.context.lookup(cmapRef as never);
      if (!(cmap instanceof PDFRawStream)) continue;
      const text = Buffer.from(decodePDFRawStream(cmap).decode())
        .toString('latin1')
        .replace(/(<[0-9A-F]{4}> <[0-9A-F]{4}> )<0061>/g, '$1<0062>');
      doc.context.assign(cmapRef as never, doc.context.flateStream(Buffer.from(text, 'latin1')));
      void ref;
    }
    const broken = await doc.save();
    const pool = new ReadbackPool();
    try {
      const html = fs.readFileSync(file('site/en/index.html'), 'utf8');
      const before = await pool.check(good, html);
      expect(readbackProblem(before)).toBeUndefined();
      const after = await pool.check(broken, html);
      expect(after.share).toBeLessThan(READBACK_MIN);
      expect(readbackProblem(after)).toMatch(/first words that did not come back: "/);
    } finally {
      await pool.close();
    }
  }, 120_000);
});
