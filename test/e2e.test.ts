/**
 * End to end, through real Chromium: a full build (HTML and PDF editions,
 * every letter), then the editions opened in the browser and the PDFs
 * read back with poppler and qpdf.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import puppeteer, { type Browser } from 'puppeteer';
import { createRequire } from 'node:module';
import { makeProject, read, letterCount } from './helpers.js';

const require = createRequire(import.meta.url);
import { build, type Manifest } from '../pipeline/build/build.js';
import { findBrowser, chromiumArgs } from '../pipeline/print/browser.js';
import { shippedFamilies } from '../pipeline/print/fonts.js';
import { hreflangOf } from '../pipeline/render/edition.js';

const locales = ['en', 'az', 'fr', 'ru', 'ar', 'es', 'zh'];
const tool = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' });
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

let dir: string;
let manifest: Manifest;
let browser: Browser;

beforeAll(async () => {
  dir = makeProject();
  const result = await build({ root: dir });
  expect(result.failed).toEqual([]);
  manifest = JSON.parse(read(dir, 'dist/manifest.json'));
  browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: chromiumArgs });
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

describe('HTML editions in Chromium', () => {
  it('render all their text in fonts we ship (no system fallback)', async () => {
    for (const l of locales) {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(path.join(dir, 'dist', 'site', l, 'index.html')).href, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      const cdp = await page.createCDPSession();
      await cdp.send('DOM.enable');
      await cdp.send('CSS.enable');
      const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
      const used = new Set<string>();
      const system = new Set<string>();
      const visit = async (node: { nodeId: number; nodeType: number; nodeName: string; children?: unknown[] }) => {
        if (node.nodeType === 1 && !['HEAD', 'SCRIPT', 'STYLE', 'TITLE'].includes(node.nodeName)) {
          const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId: node.nodeId });
          for (const f of fonts) (f.isCustomFont ? used : system).add(f.familyName);
        }
        for (const c of (node.children ?? []) as Array<typeof node>) await visit(c);
      };
      await visit(root as never);
      await page.close();
      expect(used.size, l).toBeGreaterThan(0);
      // isCustomFont: the glyphs came from an @font-face file (ours: the pages load nothing else), not the system.
      expect([...system], `${l}: system fonts used`).toEqual([]);
      // The @fontsource Noto Serif SC files call themselves "Noto Serif SC ExtraLight" whatever their weight.
      for (const family of used)
        expect(
          shippedFamilies.some((f) => family === f || family === `${f} ExtraLight`),
          `${l}: ${family}`,
        ).toBe(true);
    }
  });

  it('link every edition to every other through the language switcher', async () => {
    for (const l of locales) {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(path.join(dir, 'dist', 'site', l, 'index.html')).href);
      const links = await page.$$eval('nav a', (as) =>
        as.map((a) => ({
          href: (a as HTMLAnchorElement).href,
          lang: a.getAttribute('lang'),
          hreflang: a.getAttribute('hreflang'),
        })),
      );
      expect(links.map((x) => x.lang)).toEqual(locales);
      // Chinese declares its script for search engines (zh-Hans); the page itself stays lang="zh".
      expect(links.map((x) => x.hreflang)).toEqual(locales.map(hreflangOf));
      for (const link of links) {
        await page.goto(link.href);
        expect(await page.$eval('html', (h) => h.getAttribute('lang'))).toBe(link.lang);
      }
      await page.close();
    }
  });

  it('pass axe-core with no violations', async () => {
    const axe = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    for (const file of [
      ...locales.map((l) => `site/${l}/index.html`),
      'site/index.html',
      'index.html',
      'status/index.html',
      'letters/oic.ar.html',
    ]) {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(path.join(dir, 'dist', file)).href);
      await page.addScriptTag({ content: axe });
      const violations = await page.evaluate(async () =>
        (
          await (window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string }> }> } }).axe.run()
        ).violations.map((v) => v.id),
      );
      await page.close();
      expect(violations, file).toEqual([]);
    }
  });

  it('pass the Nu HTML Checker with no errors', () => {
    const jar = require.resolve('vnu-jar/build/dist/vnu.jar');
    const files = [
      ...locales.map((l) => path.join(dir, 'dist', 'site', l, 'index.html')),
      path.join(dir, 'dist/site/index.html'),
      path.join(dir, 'dist/index.html'),
      path.join(dir, 'dist/status/index.html'),
      path.join(dir, 'dist/letters/council-of-europe.fr.html'),
    ];
    const r = tool('java', ['-jar', jar, '--errors-only', ...files]);
    expect(r.stderr + r.stdout).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('PDFs', () => {
  const pdfs = () => [...manifest.editions, ...manifest.letters, ...manifest.proofs].map((d) => d.pdf!).filter(Boolean);

  it('are made for every edition and every letter, listed in the manifest', () => {
    expect(manifest.editions.map((e) => e.locale)).toEqual(locales);
    expect(manifest.letters).toHaveLength(letterCount(dir));
    for (const d of [...manifest.editions, ...manifest.letters]) {
      expect(d.pdf).toBeTruthy();
      expect(sha(path.join(dir, 'dist', d.pdf!))).toBe(d.sha256);
      expect(d.pages).toBeGreaterThan(0);
    }
    const member = manifest.letters.find((x) => x.addressee === 'foreign-embassies/france')!;
    expect(member).toMatchObject({ locale: 'fr', pdf: 'letters/foreign-embassies/france.fr.pdf' });
  });

  it('pass qpdf --check, embed every font (no Type 3), are A4 and tagged', () => {
    for (const pdf of pdfs()) {
      const file = path.join(dir, 'dist', pdf);
      expect(tool('qpdf', ['--check', file]).status, pdf).toBe(0);
      const fonts = tool('pdffonts', [file]).stdout.split('\n').slice(2).filter(Boolean);
      expect(fonts.length, pdf).toBeGreaterThan(0);
      for (const line of fonts) {
        expect(line, pdf).not.toMatch(/Type 3/);
        expect(line, pdf).toMatch(/^[A-Z]{6}\+(NotoSerif|Amiri)/);
        expect(line.split(/\s+/).slice(-5, -4)[0], `${pdf}: ${line}`).toBe('yes');
      }
      const info = tool('pdfinfo', [file]).stdout;
      // Editions and letters are A4 portrait; review proofs, two columns wide, A4 landscape.
      expect(info, pdf).toMatch(
        pdf.startsWith('review/')
          ? /Page size:\s+841\.\d+ x 59\d\.\d+ pts/
          : /Page size:\s+59\d\.\d+ x 841\.\d+ pts \(A4\)/,
      );
      expect(info, pdf).toMatch(/Tagged:\s+yes/);
      expect(info).toMatch(/CreationDate:\s+Fri Feb 25 00:00:00 2022 UTC/);
    }
  });

  it('hold the letter text in the letter language, with page X of Y', () => {
    const text = (pdf: string) =>
      tool('pdftotext', ['-layout', path.join(dir, 'dist', pdf), '-']).stdout.replace(/\u00ad/g, '');
    const fr = text('letters/foreign-embassies/france.fr.pdf');
    expect(fr).toContain('Je vous prie d’agréer, Excellence');
    expect(fr).toMatch(/Page 1 (sur|de) \d/);
    expect(fr).toContain('613');
    const ar = text('letters/oic.ar.pdf');
    expect(ar).toMatch(/[\u0600-\u06ff]{3}/);
    const zh = text('letters/foreign-embassies/china.zh.pdf');
    expect(zh).toMatch(/[\u4e00-\u9fff]{3}/);
    expect(zh).toContain('613');
  });

  it('carry no local path and no file: link', () => {
    for (const pdf of pdfs()) {
      const bytes = fs.readFileSync(path.join(dir, 'dist', pdf)).toString('latin1');
      expect(bytes, pdf).not.toContain('file://');
      expect(bytes, pdf).not.toContain(dir);
    }
  });

  it('are byte-identical when built from the same inputs in another folder', async () => {
    const other = makeProject();
    const result = await build({ root: other });
    expect(result.failed).toEqual([]);
    const again: Manifest = JSON.parse(read(other, 'dist/manifest.json'));
    const a = Object.fromEntries(
      [...manifest.editions, ...manifest.letters, ...manifest.proofs].map((d) => [d.pdf, d.sha256]),
    );
    const b = Object.fromEntries([...again.editions, ...again.letters, ...again.proofs].map((d) => [d.pdf, d.sha256]));
    expect(b).toEqual(a);
  }, 300_000);

  it('are reused by a rebuild with nothing changed: no browser launched', async () => {
    const before = fs.statSync(path.join(dir, 'dist/site/fr/statement.pdf')).ino;
    const result = await build({ root: dir });
    expect(result.launches).toBe(0);
    expect(result.printed).toBe(0);
    expect(result.reused).toBe(pdfs().length);
    expect(fs.statSync(path.join(dir, 'dist/site/fr/statement.pdf')).ino).toBe(before);
  });
});
