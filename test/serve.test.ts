import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import puppeteer from 'puppeteer';
import { makeProject } from './helpers.js';
import { serve } from '../pipeline/serve.js';
import { findBrowser, chromiumArgs } from '../pipeline/browser.js';

const KEY = 'p-the-memorial-human-rights-center-and';

describe('statement serve', () => {
  it('builds where dist/ is missing, serves on 127.0.0.1, and shows a changed catalog in the open page', async () => {
    const dir = makeProject();
    const preview = await serve({ root: dir, port: 0 });
    const browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: chromiumArgs });
    try {
      expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(fs.existsSync(path.join(dir, 'dist/site/fr/index.html'))).toBe(true);
      const page = await browser.newPage();
      await page.goto(`${preview.url}site/fr/`);
      expect(await page.$eval('html', (h) => h.lang)).toBe('fr');
      const file = path.join(dir, 'locales/fr/statement.json');
      const catalog = JSON.parse(fs.readFileSync(file, 'utf8'));
      catalog[KEY] = 'Le Centre des droits de l’homme Memorial et Human Rights Watch ont rendu compte du crime de Khodjaly (texte modifié pour le test).';
      fs.writeFileSync(file, `${JSON.stringify(catalog, null, 2)}\n`);
      // The page reloads by itself after the rebuild.
      await page.waitForFunction(() => document.body.textContent!.includes('texte modifié pour le test'), { timeout: 20_000 });

      // A broken catalog: the error shows in the page instead of a stale result.
      fs.writeFileSync(file, '{ "broken": ');
      await page.waitForFunction(() => document.title === 'Build failed', { timeout: 20_000 });
      expect(await page.$eval('pre', (p) => p.textContent)).toMatch(/locales\/fr\/statement\.json:1:\d+: not valid JSON/);
      catalog[KEY] = 'Retour au texte du Centre des droits de l’homme Memorial, de Human Rights Watch et de Khodjaly.';
      fs.writeFileSync(file, `${JSON.stringify(catalog, null, 2)}\n`);
      await page.waitForFunction(() => document.body.textContent!.includes('Retour au texte du Centre'), { timeout: 20_000 });

      // The preview says which part is public; an edition's old address leads to it under site/.
      expect(await page.$eval('body', (b) => b.textContent)).toContain('Public site (dist/site/)');
      const moved = await fetch(`${preview.url}fr/`, { redirect: 'manual' });
      expect([moved.status, moved.headers.get('location')]).toEqual([301, '/site/fr/']);
      expect(await (await fetch(preview.url)).text()).toContain('Office only: not part of dist/site/');

      const outside = await fetch(`${preview.url}..%2f..%2fsource%2fstatement.md`);
      expect(outside.status).toBeGreaterThanOrEqual(400);
    } finally {
      await browser.close();
      await preview.close();
    }
  }, 120_000);
});
