/**
 * The floor for printing: raw Chromium (puppeteer, one browser, N pages)
 * printing the given HTML files to PDF with the options the pipeline uses,
 * and nothing else. Usage: node lib/tools/bench/rawPrint.js PARALLEL FILE...
 */
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer';
import { findBrowser, chromiumArgs } from '../../pipeline/print/browser.js';

const [parallel, ...files] = process.argv.slice(2);
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'raw-print-'));
const browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: chromiumArgs });
let next = 0;
await Promise.all(
  Array.from({ length: Number(parallel) }, async () => {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    while (next < files.length) {
      const file = files[next++]!; // next < files.length, checked above
      await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
      fs.writeFileSync(
        path.join(out, `${next}.pdf`),
        await page.pdf({
          format: 'A4',
          printBackground: true,
          preferCSSPageSize: true,
          tagged: true,
          outline: true,
          waitForFonts: true,
        }),
      );
    }
    await page.close();
  }),
);
await browser.close();
fs.rmSync(out, { recursive: true, force: true });
