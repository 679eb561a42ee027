import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, it, expect } from 'vitest';
import puppeteer from 'puppeteer';
import { makeProject, repo } from './helpers.js';
import { serve } from '../pipeline/build/serve.js';
import { findBrowser, chromiumArgs } from '../pipeline/print/browser.js';

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
      const blocked: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) blocked.push(m.text());
      });
      const response = await page.goto(`${preview.url}site/fr/`);
      expect(await page.$eval('html', (h) => h.lang)).toBe('fr');
      // The policy holds, and the page works under it (the reload below is its script running).
      expect(response!.headers()['content-security-policy']).toMatch(/script-src 'nonce-[^']+'/);
      expect(response!.headers()['x-content-type-options']).toBe('nosniff');
      const file = path.join(dir, 'locales/fr/statement.json');
      const catalog = JSON.parse(fs.readFileSync(file, 'utf8'));
      catalog[KEY] =
        'Le Centre des droits de l’homme Memorial et Human Rights Watch ont rendu compte du crime de Khodjaly (texte modifié pour le test).';
      fs.writeFileSync(file, `${JSON.stringify(catalog, null, 2)}\n`);
      // The page reloads by itself after the rebuild.
      await page.waitForFunction(() => document.body.textContent!.includes('texte modifié pour le test'), {
        timeout: 20_000,
      });

      // A broken catalog: the error shows in the page instead of a stale result.
      fs.writeFileSync(file, '{ "broken": ');
      await page.waitForFunction(() => document.title === 'Build failed', { timeout: 20_000 });
      expect(await page.$eval('pre', (p) => p.textContent)).toMatch(
        /locales\/fr\/statement\.json:1:\d+: not valid JSON/,
      );
      catalog[KEY] = 'Retour au texte du Centre des droits de l’homme Memorial, de Human Rights Watch et de Khodjaly.';
      fs.writeFileSync(file, `${JSON.stringify(catalog, null, 2)}\n`);
      await page.waitForFunction(() => document.body.textContent!.includes('Retour au texte du Centre'), {
        timeout: 20_000,
      });

      // The preview says which part is public; an edition's old address leads to it under site/.
      expect(await page.$eval('body', (b) => b.textContent)).toContain('Public site (dist/site/)');
      const moved = await fetch(`${preview.url}fr/`, { redirect: 'manual' });
      expect([moved.status, moved.headers.get('location')]).toEqual([301, '/site/fr/']);
      expect(await (await fetch(preview.url)).text()).toContain('Office only: not part of dist/site/');

      const outside = await fetch(`${preview.url}..%2f..%2fsource%2fstatement.md`);
      expect(outside.status).toBeGreaterThanOrEqual(400);
      expect(blocked).toEqual([]);
    } finally {
      await browser.close();
      await preview.close();
    }
  }, 120_000);
});

/** One raw request (fetch cannot send another Host, nor some malformed paths). */
function request(
  url: string,
  target: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: target, headers, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (d) => {
        body += String(d);
      });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('statement serve, hardened', () => {
  it('answers a malformed or NUL-bearing path with 400 and keeps answering; a foreign Host gets 403', async () => {
    const dir = makeProject();
    const preview = await serve({ root: dir, port: 0 });
    try {
      const { port } = new URL(preview.url);
      for (const target of ['/%00', '/fr/a%00b', '/%E0%A4%A', '/%zz', '/fr/%0a', '/fr%5c..%5cmanifest.json']) {
        const r = await request(preview.url, target);
        expect(r.status, target).toBe(400);
        expect(r.headers['x-content-type-options'], target).toBe('nosniff');
        // Still there after each.
        expect((await request(preview.url, '/site/fr/')).status).toBe(200);
      }
      for (const host of [
        'evil.example',
        `evil.example:${port}`,
        `127.0.0.1.nip.io:${port}`,
        `localhost:${Number(port) + 1}`,
        `127.0.0.2:${port}`,
      ]) {
        const r = await request(preview.url, '/manifest.json', { host });
        expect(r.status, host).toBe(403);
        expect(r.body).not.toContain('"editions"');
      }
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
        const r = await request(preview.url, '/site/fr/', { host });
        expect(r.status, host).toBe(200);
        expect(r.headers['x-content-type-options']).toBe('nosniff');
        const csp = String(r.headers['content-security-policy']);
        expect(csp).toContain("default-src 'none'");
        // The live-reload script is the one script allowed, by its nonce.
        const nonce = /script-src 'nonce-([^']+)'/.exec(csp)![1];
        expect(r.body).toContain(`<script nonce="${nonce}">`);
      }
    } finally {
      await preview.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
    ['SIGHUP', 129],
  ] as const) {
    it(`${signal} with a page connected: closes within 5 s, exit ${code}, one line`, async () => {
      const dir = makeProject();
      try {
        const child = spawn(process.execPath, [path.join(repo, 'bin', 'statement.js'), 'serve', '--port', '0'], {
          cwd: dir,
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let err = '';
        child.stderr!.on('data', (d) => {
          err += String(d);
        });
        const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
          child.on('exit', (c) => resolve({ code: c, at: performance.now() })),
        );
        while (!/serving dist\/ at (\S+?) /.test(err)) {
          if (child.exitCode !== null) throw new Error(err);
          await new Promise((r) => setTimeout(r, 50));
        }
        const url = /serving dist\/ at (\S+?) /.exec(err)![1];
        // A page listening for reloads keeps its connection open: the server must not wait on it.
        const events = http.get(`${url}__events`);
        events.on('error', () => {});
        await new Promise((r) => events.once('response', r));
        const sent = performance.now();
        child.kill(signal);
        const exit = await exited;
        expect(exit.at - sent).toBeLessThan(5000);
        expect(exit.code, err).toBe(code);
        expect(err.split('\n').filter((l) => /interrupted/.test(l))).toEqual([
          `statement serve: interrupted (${signal}); nothing was changed`,
        ]);
        expect(fs.existsSync(path.join(dir, 'dist.lock'))).toBe(false);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 120_000);
  }
});
