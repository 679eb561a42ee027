/**
 * The public site (`dist/site/`) and what `dist/` holds after a build: on a
 * small project of its own (not the shipped statement), three locales, three
 * addressees. One build with real PDFs, then HTML-only builds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import puppeteer, { type Browser } from 'puppeteer';
import { repo, read, runCli, filesUnder } from './helpers.js';
import { build, type Manifest } from '../pipeline/build/build.js';
import { findBrowser, chromiumArgs } from '../pipeline/print/browser.js';

const require = createRequire(import.meta.url);
const tool = (cmd: string, args: string[], input?: string) => spawnSync(cmd, args, { encoding: 'utf8', input });

const frontMatter = (extra = '', locales = '[en, fr, ar]') => `---
title: Annual Notice
subtitle: On the reopening of the harbour library
institution: Harbour Town Council
place: Porto Lindo
reference: HTC-2026-LIB
date: 2026-03-14
sourceLocale: en
locales: ${locales}
${extra}---
`;
const body = `
The harbour library reopens on 2 April after 18 months of works.

It holds 42,000 books and a reading room with 60 seats.

- Opening hours: 9 to 18
- Entry is free
`;
const addressees = `addressees:
  - id: lisbon-archive
    name: Director of the Lisbon Maritime Archive
    languages: [fr]
    address: [Rua das Gaivotas 17, 1200-001 Lisboa, Portugal]
  - id: mayor-office
    name: Office of the Mayor of Tidewater
    languages: [ar, en]
    address: [Quay Street 4, Tidewater TW1 2AB]
  - id: reading-society
    name: Reading Society of Saltmarsh
    languages: [en]
    address: [Saltmarsh Lane 9, Saltmarsh SM3 7QQ]
`;
const french: Record<string, string> = {
  'Annual Notice': 'Avis annuel',
  'On the reopening of the harbour library': 'Sur la réouverture de la bibliothèque du port',
  'Harbour Town Council': 'Conseil municipal de Harbour Town',
  'Porto Lindo': 'Porto Lindo',
  'The harbour library reopens on 2 April after 18 months of works.':
    'La bibliothèque du port rouvre le 2 avril après 18 mois de travaux.',
  'It holds 42,000 books and a reading room with 60 seats.':
    'Elle compte 42 000 livres et une salle de lecture de 60 places.',
  'Opening hours: 9 to 18': 'Heures d’ouverture : de 9 à 18',
  'Entry is free': 'L’entrée est gratuite',
};
// Arabic: half done, so its edition is "partly translated".
const arabic: Record<string, string> = {
  'Annual Notice': 'إشعار سنوي',
  'The harbour library reopens on 2 April after 18 months of works.':
    'يعاد افتتاح مكتبة الميناء في 2 أبريل بعد 18 شهرا من الأعمال.',
};
const addresseeTexts = [
  'Director of the Lisbon Maritime Archive',
  'Office of the Mayor of Tidewater',
  'Reading Society of Saltmarsh',
  'Rua das Gaivotas',
  '1200-001 Lisboa',
  'Quay Street 4',
  'TW1 2AB',
  'Saltmarsh Lane 9',
  'SM3 7QQ',
];

/** A fresh project: the shipped templates, this statement, catalogs filled by `extract` and by hand. */
async function makeSiteProject(extra = ''): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statement-site-'));
  fs.cpSync(path.join(repo, 'templates'), path.join(dir, 'templates'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'source'));
  fs.writeFileSync(path.join(dir, 'source/statement.md'), frontMatter(extra) + body);
  fs.writeFileSync(path.join(dir, 'source/addressees.yaml'), addressees);
  fs.writeFileSync(path.join(dir, 'source/dictionary.txt'), 'Lindo\nSaltmarsh\nTidewater\n');
  expect((await runCli(['extract'], dir)).code).toBe(0);
  fill(dir, 'fr', french);
  fill(dir, 'ar', arabic);
  return dir;
}

function fill(dir: string, locale: string, texts: Record<string, string>): void {
  const source = JSON.parse(read(dir, 'locales/en/statement.json')) as Record<string, string>;
  const statement = Object.fromEntries(Object.entries(source).map(([k, v]) => [k, texts[v] ?? '']));
  fs.writeFileSync(path.join(dir, `locales/${locale}/statement.json`), JSON.stringify(statement, null, 2));
  fs.copyFileSync(path.join(repo, `locales/${locale}/letter.json`), path.join(dir, `locales/${locale}/letter.json`));
  // Names and address blocks as written in the registry (an address is written for its post office).
  fs.copyFileSync(path.join(dir, 'locales/en/addressees.json'), path.join(dir, `locales/${locale}/addressees.json`));
}

const manifestOf = (dir: string) => JSON.parse(read(dir, 'dist/manifest.json')) as Manifest;

/** The files of `dist/` that its manifest does not list (besides the fixed ones every build writes), and the listed ones that are missing. */
function unlisted(dir: string): { extra: string[]; missing: string[] } {
  const dist = fs.realpathSync(path.join(dir, 'dist'));
  const m = manifestOf(dir);
  const listed = new Set(
    [...m.editions, ...m.letters, ...m.proofs].flatMap((d) => [d.html, d.pdf]).filter((f): f is string => Boolean(f)),
  );
  const fixed =
    /^(index\.html|status\/index\.html|send-list\.csv|manifest\.json|lint\.json|SHA256SUMS|site\/index\.html|site\/sitemap\.xml|(site\/)?assets\/.*)$/;
  const all = filesUnder(dist);
  return {
    extra: all.filter((f) => !fixed.test(f) && !listed.has(f)),
    missing: [...listed].filter((f) => !all.includes(f)),
  };
}

describe('the public site, after a build with PDFs', () => {
  let dir: string;
  let manifest: Manifest;
  let browser: Browser;
  const site = () => path.join(dir, 'dist', 'site');

  beforeAll(async () => {
    dir = await makeSiteProject();
    const result = await build({ root: dir });
    expect(result.failed).toEqual([]);
    manifest = manifestOf(dir);
    browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: chromiumArgs });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('every edition page links its own PDF, which is there', () => {
    expect(manifest.editions.map((e) => e.locale)).toEqual(['en', 'fr', 'ar']);
    for (const e of manifest.editions) {
      expect(e.html).toBe(`site/${e.locale}/index.html`);
      expect(e.pdf).toBe(`site/${e.locale}/statement.pdf`);
      expect(read(dir, `dist/${e.html}`)).toContain('<a href="statement.pdf" type="application/pdf">');
      expect(tool('pdfinfo', [path.join(dir, 'dist', e.pdf!)]).status).toBe(0);
    }
  });

  it("the index links every edition's HTML and PDF and states each one's standing in its own words", () => {
    const index = read(dir, 'dist/site/index.html');
    for (const e of manifest.editions) {
      expect(index).toContain(`href="${e.locale}/index.html"`);
      expect(index).toContain(`href="${e.locale}/statement.pdf"`);
    }
    const item = (l: string) => index.match(new RegExp(`<li lang="${l}"[^>]*>.*</li>`))![0];
    expect(item('en')).toContain('Official text');
    expect(item('fr')).toContain('Traduction non officielle, non encore révisée');
    const fr = manifest.editions.find((e) => e.locale === 'fr')!;
    expect(item('fr')).toContain(`pages : ${fr.pages}`);
    expect(item('fr')).toContain('14 mars 2026');
    // 2 of the Arabic edition's passages are translated: the share, rounded down.
    const keys = Object.keys(JSON.parse(read(dir, 'locales/en/statement.json'))).length;
    expect(item('ar')).toContain(`مترجمة جزئيًا: ${Math.floor((2 * 100) / keys)} %`);
    // The source language first.
    expect(index.indexOf('<li lang="en"')).toBeLessThan(index.indexOf('<li lang="fr"'));
  });

  it("holds nothing addressed to anyone: no letter, proof, status page or send list, no addressee's name or address", () => {
    const all = filesUnder(site());
    for (const f of all)
      expect(f, f).toMatch(
        /^(index\.html|(en|fr|ar)\/(index\.html|statement\.pdf)|assets\/(fonts\.css|statement\.css|fonts\/[\w-]+\.woff2))$/,
      );
    for (const d of [...manifest.letters, ...manifest.proofs])
      for (const f of [d.html, d.pdf]) if (f) expect(f.startsWith('site/'), f).toBe(false);
    for (const f of all) {
      const text = f.endsWith('.pdf')
        ? tool('pdftotext', [path.join(site(), f), '-']).stdout
        : f.endsWith('.woff2')
          ? ''
          : read(site(), f);
      for (const t of addresseeTexts) expect(text.includes(t), `${t} in site/${f}`).toBe(false);
    }
    // ...while the office index, outside the site, lists every letter with its addressee, language and why.
    const office = read(dir, 'dist/index.html');
    for (const l of manifest.letters) {
      expect(office).toContain(`href="${l.pdf}"`);
      expect(office).toContain(l.name);
    }
    expect(office).toContain('href="site/index.html"');
    expect(office).toContain('href="send-list.csv"');
    expect(office).toContain('upload the folder <code>dist/site/</code>');
  });

  it('loads nothing from the network', () => {
    for (const f of filesUnder(site()).filter((x) => /\.(html|css)$/.test(x))) {
      const text = read(site(), f);
      expect(text, f).not.toMatch(/(href|src)="(https?:)?\/\//);
      expect(text, f).not.toMatch(/url\(\s*['"]?(https?:)?\/\//);
      expect(text, f).not.toMatch(/<script/);
    }
  });

  it('passes the Nu HTML Checker and axe on every page of the site and on the office index', async () => {
    const pages = [
      ...filesUnder(site())
        .filter((f) => f.endsWith('.html'))
        .map((f) => path.join(site(), f)),
      path.join(dir, 'dist/index.html'),
    ];
    const r = tool('java', ['-jar', require.resolve('vnu-jar/build/dist/vnu.jar'), '--errors-only', ...pages]);
    expect(r.stderr + r.stdout).toBe('');
    const axe = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    for (const file of pages) {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(file).href);
      await page.addScriptTag({ content: axe });
      const violations = await page.evaluate(async () =>
        (
          await (window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string }> }> } }).axe.run()
        ).violations.map((v) => v.id),
      );
      await page.close();
      expect(violations, file).toEqual([]);
    }
  }, 120_000);

  it('an Arabic edition screenshot is not blank, and the page is no wider than the window', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 800, height: 600 });
    await page.goto(pathToFileURL(path.join(site(), 'ar/index.html')).href, { waitUntil: 'load' });
    // A full-page screenshot, as a preview service takes one: it starts at the page's left edge.
    const shot = await page.screenshot({ encoding: 'base64', type: 'png', fullPage: true });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    // Count the pixels that are not white, by drawing the screenshot on a canvas.
    const inked = await page.evaluate(async (png) => {
      const img = new Image();
      img.src = `data:image/png;base64,${png}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, img.width, img.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) n++;
      return n / (img.width * img.height);
    }, shot);
    await page.close();
    expect(inked).toBeGreaterThan(0.01);
    expect(width).toBeLessThanOrEqual(800);
  });

  it('after an HTML-only rebuild (what serve does), a PDF that no longer matches is withdrawn and the pages say so', async () => {
    const file = path.join(dir, 'locales/fr/statement.json');
    const fr = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string>;
    const key = Object.keys(fr).find((k) => fr[k].startsWith('L’entrée'))!;
    fr[key] = 'L’entrée est libre';
    fs.writeFileSync(file, JSON.stringify(fr, null, 2));
    const enPdf = fs.statSync(path.join(site(), 'en/statement.pdf')).ino;
    await build({ root: dir, format: 'html' });
    const m = manifestOf(dir);
    const edition = m.editions.find((e) => e.locale === 'fr')!;
    expect(edition.pdf).toBeNull();
    expect(fs.existsSync(path.join(site(), 'fr/statement.pdf'))).toBe(false);
    expect(read(site(), 'fr/index.html')).not.toContain('href="statement.pdf"');
    expect(read(site(), 'fr/index.html')).toContain('ne sera disponible qu’après la prochaine construction complète');
    const index = read(site(), 'index.html');
    expect(index).not.toContain('href="fr/statement.pdf"');
    // The French letter and proof show that text too: withdrawn. What did not change stays, as it was.
    expect(m.letters.find((l) => l.addressee === 'lisbon-archive')!.pdf).toBeNull();
    expect(m.proofs.find((p) => p.locale === 'fr')!.pdf).toBeNull();
    expect(m.editions.find((e) => e.locale === 'en')!.pdf).toBe('site/en/statement.pdf');
    expect(fs.statSync(path.join(site(), 'en/statement.pdf')).ino).toBe(enPdf);
    expect(index).toContain('href="en/statement.pdf"');
    expect(unlisted(dir)).toEqual({ extra: [], missing: [] });
  }, 120_000);

  it('a letter that changed language leaves only the new one', async () => {
    fs.writeFileSync(
      path.join(dir, 'source/addressees.yaml'),
      addressees.replace('languages: [fr]', 'languages: [en]'),
    );
    const result = await build({ root: dir });
    expect(result.failed).toEqual([]);
    const letters = filesUnder(path.join(dir, 'dist/letters'));
    expect(letters.filter((f) => f.startsWith('lisbon-archive.'))).toEqual([
      'lisbon-archive.en.html',
      'lisbon-archive.en.pdf',
    ]);
    expect(manifestOf(dir).editions.every((e) => e.pdf)).toBe(true);
    expect(unlisted(dir)).toEqual({ extra: [], missing: [] });
  }, 300_000);
});

describe('dist/ holds what the build plans, and nothing older (HTML-only builds)', () => {
  it('removing a locale and an addressee leaves none of their outputs', async () => {
    const dir = await makeSiteProject();
    await build({ root: dir, format: 'html' });
    expect(fs.existsSync(path.join(dir, 'dist/site/ar/index.html'))).toBe(true);
    fs.writeFileSync(path.join(dir, 'source/statement.md'), frontMatter('', '[en, fr]') + body);
    fs.writeFileSync(path.join(dir, 'source/addressees.yaml'), addressees.split('  - id: mayor-office')[0]);
    await build({ root: dir, format: 'html' });
    const all = filesUnder(fs.realpathSync(path.join(dir, 'dist')));
    expect(all.filter((f) => /(^|\/)ar\b|\.ar\.|mayor-office/.test(f))).toEqual([]);
    expect(read(dir, 'dist/site/index.html')).not.toContain('ar/index.html');
    expect(read(dir, 'dist/index.html')).not.toMatch(/mayor-office|review\/ar/);
    expect(unlisted(dir)).toEqual({ extra: [], missing: [] });
  });

  it("switching to another statement leaves none of the old one's documents", async () => {
    const dir = await makeSiteProject();
    await build({ root: dir, format: 'html' });
    fs.writeFileSync(
      path.join(dir, 'source/statement.md'),
      `---
title: Other Notice
institution: Harbour Town Council
reference: HTC-2026-OTHER
date: 2026-05-01
locales: [en, es]
---

A wholly different text of 3 lines.
`,
    );
    fs.writeFileSync(
      path.join(dir, 'source/addressees.yaml'),
      'addressees:\n  - id: new-one\n    name: A New Addressee\n    languages: [es]\n',
    );
    expect((await runCli(['extract'], dir)).code).toBe(0);
    await build({ root: dir, format: 'html' });
    const all = filesUnder(fs.realpathSync(path.join(dir, 'dist')));
    expect(all.filter((f) => /(^|\/)(fr|ar)\b|\.(fr|ar)\.|lisbon|mayor|reading-society/.test(f))).toEqual([]);
    expect(unlisted(dir)).toEqual({ extra: [], missing: [] });
  });

  it('a partial build keeps the other outputs the inputs still plan, with their manifest entries', async () => {
    const dir = await makeSiteProject();
    await build({ root: dir, format: 'html' });
    const before = manifestOf(dir);
    await build({ root: dir, format: 'html', only: 'letters' });
    expect(manifestOf(dir).editions).toEqual(before.editions);
    expect(manifestOf(dir).proofs).toEqual(before.proofs);
    await build({ root: dir, format: 'html', locales: ['fr'] });
    expect(manifestOf(dir).editions.map((e) => e.locale)).toEqual(['en', 'fr', 'ar']);
    await build({ root: dir, format: 'html', addressee: 'reading-society' });
    expect(
      manifestOf(dir)
        .letters.map((l) => l.addressee)
        .sort(),
    ).toEqual(['lisbon-archive', 'mayor-office', 'reading-society']);
    expect(unlisted(dir)).toEqual({ extra: [], missing: [] });
    // A partial build after a locale is dropped still drops its edition and proof.
    fs.writeFileSync(path.join(dir, 'source/statement.md'), frontMatter('', '[en, fr]') + body);
    fs.writeFileSync(
      path.join(dir, 'source/addressees.yaml'),
      addressees.replace('languages: [ar, en]', 'languages: [en]'),
    );
    await build({ root: dir, format: 'html', only: 'letters' });
    expect(manifestOf(dir).editions.map((e) => e.locale)).toEqual(['en', 'fr']);
    expect(manifestOf(dir).proofs.map((e) => e.locale)).toEqual(['fr']);
    expect(unlisted(dir)).toEqual({ extra: [], missing: [] });
  });
});

describe('sitemap.xml and absolute links under baseUrl', () => {
  it('with baseUrl: a well-formed sitemap listing every edition with all its alternates', async () => {
    const dir = await makeSiteProject('baseUrl: https://example.org/notices/2026\n');
    await build({ root: dir, format: 'html' });
    const file = path.join(dir, 'dist/site/sitemap.xml');
    const lint = tool('xmllint', ['--noout', file]);
    expect(lint.stderr).toBe('');
    expect(lint.status).toBe(0);
    const locs = tool('xmllint', ['--xpath', '//*[local-name()="url"]/*[local-name()="loc"]/text()', file])
      .stdout.trim()
      .split('\n');
    expect(locs).toEqual(['en', 'fr', 'ar'].map((l) => `https://example.org/notices/2026/${l}/index.html`));
    for (const l of ['en', 'fr', 'ar']) {
      const alternates = tool('xmllint', [
        '--xpath',
        `//*[local-name()="url"][*[local-name()="loc"]="https://example.org/notices/2026/${l}/index.html"]/*[local-name()="link"][@rel="alternate"]/@hreflang`,
        file,
      ]).stdout;
      expect(alternates.match(/hreflang="[^"]+"/g)).toEqual([
        'hreflang="en"',
        'hreflang="fr"',
        'hreflang="ar"',
        'hreflang="x-default"',
      ]);
    }
    expect(read(dir, 'dist/site/fr/index.html')).toContain(
      '<link rel="canonical" href="https://example.org/notices/2026/fr/index.html">',
    );
  });

  it('without baseUrl: no sitemap, and the office index says how to get one', async () => {
    const dir = await makeSiteProject();
    await build({ root: dir, format: 'html' });
    expect(fs.existsSync(path.join(dir, 'dist/site/sitemap.xml'))).toBe(false);
    expect(read(dir, 'dist/index.html')).toContain('No sitemap.xml: set <code>baseUrl</code>');
  });

  it('a baseUrl that is not an absolute http(s) URL is bad input, with its line', async () => {
    const dir = await makeSiteProject();
    fs.writeFileSync(path.join(dir, 'source/statement.md'), frontMatter('baseUrl: example.org/notices\n') + body);
    const r = await runCli(['build', '--format', 'html'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/source\/statement\.md:10:\d+: front-matter field "baseUrl" must be an absolute URL/);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });
});
