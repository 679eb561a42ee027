/**
 * Live preview: serves `dist/` on 127.0.0.1, rebuilds the HTML when the
 * source, a catalog or a template changes, reloads the open pages, and
 * shows a build error in the page instead of a stale result.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from './build.js';
import { InputError } from './errors.js';
import { escapeHtml } from './render.js';

/** Options of `serve`; every field says its default. */
export interface ServeOptions {
  /** Project root; default: the working directory. */
  root?: string;
  /** Port on 127.0.0.1; default 4321 (0: any free port). */
  port?: number;
  /** Logs; default: none. */
  log?: (line: string) => void;
}

/** A running preview server. */
export interface Preview {
  url: string;
  /** Resolves after the rebuild that follows the latest change (for tests). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8',
  '.pdf': 'application/pdf', '.woff2': 'font/woff2', '.png': 'image/png', '.svg': 'image/svg+xml', '.csv': 'text/csv; charset=utf-8',
};

const reloadScript = `<script>new EventSource('/__events').addEventListener('reload', () => location.reload());</script>`;

/** A bar the preview adds to each page: whether it is part of the public site (`dist/site/`) or for the office only. */
function partBanner(rel: string): string {
  const isPublic = rel.startsWith('/site/');
  const text = isPublic ? 'Public site (dist/site/): this page is published when the office uploads the site.' : 'Office only: not part of dist/site/, never published.';
  return `<p role="note" lang="en" dir="ltr" style="position:sticky;bottom:0;margin:0;padding:.25rem .5rem;font:12px sans-serif;background:${isPublic ? '#e6f4ea' : '#fdecea'}">${text}</p>`;
}

function errorPage(message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Build failed</title></head><body style="font-family:sans-serif;margin:2rem"><h1>Build failed</h1><pre style="white-space:pre-wrap;background:#fee;padding:1rem">${escapeHtml(message)}</pre><p>Fix the input; the page reloads by itself.</p>${reloadScript}</body></html>`;
}

/** Starts the preview server. */
export async function serve(options: ServeOptions = {}): Promise<Preview> {
  const root = path.resolve(options.root ?? '.');
  const dist = path.join(root, 'dist');
  const log = options.log ?? (() => {});
  let error: string | undefined;
  const clients = new Set<http.ServerResponse>();
  let queue: Promise<void> = Promise.resolve();
  let pending = false;

  const rebuild = (reason: string) => {
    if (pending) return queue;
    pending = true;
    queue = queue.then(async () => {
      pending = false;
      const started = Date.now();
      try {
        await build({ root, format: 'html', log: () => {} });
        error = undefined;
        log(`rebuilt (${reason}) in ${Date.now() - started} ms`);
      } catch (e) {
        error = e instanceof InputError ? e.format() : String((e as Error).stack ?? e);
        log(`build failed: ${error}`);
      }
      for (const c of clients) c.write('event: reload\ndata: now\n\n');
    });
    return queue;
  };

  if (!fs.existsSync(path.join(dist, 'manifest.json'))) await rebuild('dist/ missing');

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/__events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(': connected\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end('bad path');
      return;
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(dist, path.normalize(rel));
    if (!file.startsWith(dist + path.sep)) {
      res.writeHead(403).end('outside dist/');
      return;
    }
    const type = types[path.extname(file)] ?? 'application/octet-stream';
    if (error && type.startsWith('text/html')) {
      res.writeHead(500, { 'content-type': type, 'cache-control': 'no-store' }).end(errorPage(error));
      return;
    }
    fs.readFile(file, (err, data) => {
      if (err) {
        if (fs.existsSync(path.join(file, 'index.html'))) {
          res.writeHead(301, { location: `${url.pathname}/` }).end();
          return;
        }
        // The editions moved under site/: an old address (/fr/) still finds its page.
        if (!rel.startsWith('/site/') && fs.existsSync(path.join(dist, 'site', path.normalize(rel)))) {
          res.writeHead(301, { location: `/site${url.pathname}` }).end();
          return;
        }
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${rel}`);
        return;
      }
      const body = type.startsWith('text/html') ? Buffer.from(data.toString('utf8').replace('</body>', `${partBanner(rel)}${reloadScript}</body>`)) : data;
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
    });
  });

  const watchers = ['source', 'locales', 'templates']
    .map((d) => path.join(root, d))
    .filter((d) => fs.existsSync(d))
    .map((d) => {
      let timer: NodeJS.Timeout | undefined;
      return fs.watch(d, { recursive: true }, (_event, name) => {
        if (name && /\.tmp-\d+/.test(String(name))) return;
        clearTimeout(timer);
        timer = setTimeout(() => void rebuild(`${path.basename(d)}/${name ?? ''}`), 120);
      });
    });

  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => reject(e.code === 'EADDRINUSE' ? new InputError(`port ${options.port ?? 4321} is in use: choose another with --port N`) : e));
    server.listen(options.port ?? 4321, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    settled: async () => {
      await new Promise((r) => setTimeout(r, 300));
      await queue;
    },
    close: async () => {
      for (const w of watchers) w.close();
      for (const c of clients) c.end();
      await new Promise<void>((r) => server.close(() => r()));
      await queue;
    },
  };
}
