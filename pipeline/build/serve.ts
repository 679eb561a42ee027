/**
 * Live preview: serves `dist/` on 127.0.0.1, rebuilds the HTML when the
 * source, a catalog or a template changes, reloads the open pages, and
 * shows a build error in the page instead of a stale result. Hardened for
 * a browser that also has hostile pages open: only a `Host` of this machine
 * is answered (DNS rebinding), a malformed path is a 400 (never a crash),
 * every response says `nosniff`, and pages carry a Content-Security-Policy
 * that lets only the reload script (by its nonce) run.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { build } from './build.js';
import { InputError } from '../core/errors.js';
import { fillTemplate } from '../render/html.js';
import { readText } from '../core/fsio.js';
import { layout } from '../core/layout.js';
import { Interrupted, stopping } from '../core/shutdown.js';

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
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
};

const reloadScript = (nonce: string) =>
  `<script nonce="${nonce}">new EventSource('/__events').addEventListener('reload', () => location.reload());</script>`;

/** A bar the preview adds to each page: whether it is part of the public site (`dist/site/`) or for the office only. */
function partBanner(rel: string): string {
  const isPublic = rel.startsWith('/site/');
  const text = isPublic
    ? 'Public site (dist/site/): this page is published when the office uploads the site.'
    : 'Office only: not part of dist/site/, never published.';
  return `<p role="note" lang="en" dir="ltr" style="position:sticky;bottom:0;margin:0;padding:.25rem .5rem;font:12px sans-serif;background:${isPublic ? '#e6f4ea' : '#fdecea'}">${text}</p>`;
}

/** The page shown instead of every page while the build fails, from its shell (`templates/preview-error.html`). */
function errorPage(shell: string, message: string, nonce: string): string {
  return fillTemplate(shell, { message, reloadScript: reloadScript(nonce) }, 'templates/preview-error.html');
}

/**
 * The policy of every served page: nothing from elsewhere; only the reload
 * script runs (its nonce is new on every response); the pages' own inline
 * styles stay allowed (the templates use them); no plugins, forms, framing.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** True when a Host header names this machine (localhost, 127.0.0.1, [::1]) with the port served. */
export function localHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return ['localhost', '127.0.0.1', '[::1]'].some(
    (name) => host.toLowerCase() === `${name}:${port}` || (port === 80 && host.toLowerCase() === name),
  );
}

/**
 * The file path a request asks for, decoded, or undefined when it is
 * malformed: not starting with "/", bad percent-encoding, a NUL or another
 * control character, a backslash.
 */
export function requestPath(url: string | undefined): string | undefined {
  const raw = (url ?? '/').split(/[?#]/)[0] ?? ''; // split always yields one part
  if (!raw.startsWith('/')) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  if (/[\u0000-\u001f\u007f\\]/.test(decoded)) return undefined;
  return decoded;
}

/** The preview's state: the clients waiting for a reload, the last build's error, the rebuild queue. */
class Rebuilder {
  readonly clients = new Set<http.ServerResponse>();
  /** The last build's error, shown instead of every page until a build succeeds. */
  error: string | undefined;
  queue: Promise<void> = Promise.resolve();
  private pending = false;

  constructor(
    private readonly root: string,
    private readonly log: (line: string) => void,
  ) {}

  /** Queues one HTML rebuild (changes while one is queued join it), then reloads every open page. */
  rebuild(reason: string): Promise<void> {
    if (this.pending || stopping()) return this.queue;
    this.pending = true;
    this.queue = this.queue.then(async () => {
      this.pending = false;
      const started = Date.now();
      try {
        await build({ root: this.root, format: 'html', log: () => {} });
        this.error = undefined;
        this.log(`rebuilt (${reason}) in ${Date.now() - started} ms`);
      } catch (e) {
        if (e instanceof Interrupted) return;
        this.error = e instanceof InputError ? e.format() : String((e as Error).stack ?? e);
        this.log(`build failed: ${this.error}`);
      }
      for (const c of this.clients) c.write('event: reload\ndata: now\n\n');
    });
    return this.queue;
  }
}

/** What answering a request needs. */
interface Site {
  dist: string;
  port: () => number;
  state: Rebuilder;
  /** The error page's shell (`templates/preview-error.html`). */
  errorShell: string;
}

/** Answers one request: the reload events, or a file of `dist/` (pages with the banner and the reload script). */
function answer(site: Site, req: http.IncomingMessage, res: http.ServerResponse): void {
  res.setHeader('x-content-type-options', 'nosniff');
  // DNS rebinding: a page of another site, its name pointed at 127.0.0.1, sends its own Host.
  if (!localHost(req.headers.host, site.port())) {
    res
      .writeHead(403, { 'content-type': 'text/plain; charset=utf-8' })
      .end('forbidden: this preview answers only to localhost, 127.0.0.1 or [::1]');
    return;
  }
  const pathname = requestPath(req.url);
  if (pathname === undefined) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad path');
    return;
  }
  if (pathname === '/__events') {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    site.state.clients.add(res);
    req.on('close', () => site.state.clients.delete(res));
    return;
  }
  serveFile(site, pathname, res);
}

function serveFile(site: Site, pathname: string, res: http.ServerResponse): void {
  const { dist } = site;
  let rel = pathname;
  if (rel.endsWith('/')) rel += 'index.html';
  const file = path.join(dist, path.normalize(rel));
  if (!file.startsWith(dist + path.sep)) {
    res.writeHead(403).end('outside dist/');
    return;
  }
  const type = types[path.extname(file)] ?? 'application/octet-stream';
  const nonce = randomBytes(16).toString('base64');
  const page = type.startsWith('text/html') ? { 'content-security-policy': contentSecurityPolicy(nonce) } : {};
  const { error } = site.state;
  if (error && type.startsWith('text/html')) {
    res
      .writeHead(500, { 'content-type': type, 'cache-control': 'no-store', ...page })
      .end(errorPage(site.errorShell, error, nonce));
    return;
  }
  fs.readFile(file, (err, data) => {
    if (err) {
      if (fs.existsSync(path.join(file, 'index.html'))) {
        res.writeHead(301, { location: `${encodeURI(pathname)}/` }).end();
        return;
      }
      // The editions moved under site/: an old address (/fr/) still finds its page.
      if (!rel.startsWith('/site/') && fs.existsSync(path.join(dist, 'site', path.normalize(rel)))) {
        res.writeHead(301, { location: `/site${encodeURI(pathname)}` }).end();
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`not found: ${rel}`);
      return;
    }
    const body = type.startsWith('text/html')
      ? Buffer.from(data.toString('utf8').replace('</body>', `${partBanner(rel)}${reloadScript(nonce)}</body>`))
      : data;
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store', ...page }).end(body);
  });
}

/** Watches the inputs; a change (but the pipeline's own temporary, lock and journal files) rebuilds after a short pause. */
function watchInputs(root: string, state: Rebuilder): fs.FSWatcher[] {
  return ['source', 'locales', 'templates']
    .map((d) => path.join(root, d))
    .filter((d) => fs.existsSync(d))
    .map((d) => {
      let timer: NodeJS.Timeout | undefined;
      return fs.watch(d, { recursive: true }, (_event, name) => {
        if (name && /\.tmp-\d+|\.(?:lock|journal)(?:\.|$)/.test(String(name))) return;
        clearTimeout(timer);
        timer = setTimeout(() => void state.rebuild(`${path.basename(d)}/${name ?? ''}`), 120);
      });
    });
}

/** Starts the preview server. */
export async function serve(options: ServeOptions = {}): Promise<Preview> {
  const root = path.resolve(options.root ?? '.');
  const log = options.log ?? (() => {});
  let port = 0;
  const site: Site = {
    dist: path.join(root, layout.dist),
    port: () => port,
    state: new Rebuilder(root, log),
    // Read once: the error page must show even when a later edit breaks the templates.
    errorShell: readText(path.join(root, layout.templates, 'preview-error.html'), 'template'),
  };
  const { state } = site;
  if (!fs.existsSync(path.join(site.dist, 'manifest.json'))) await state.rebuild('dist/ missing');

  const server = http.createServer((req, res) => {
    try {
      answer(site, req, res);
    } catch (e) {
      // One bad request never takes the server down.
      log(`request ${JSON.stringify(req.url)}: ${(e as Error).message}`);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('server error');
    }
  });
  const watchers = watchInputs(root, state);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new InputError(`port ${options.port ?? 4321} is in use: choose another with --port N`)
          : e,
      ),
    );
    server.listen(options.port ?? 4321, '127.0.0.1', () => resolve());
  });
  ({ port } = server.address() as AddressInfo);
  return {
    url: `http://127.0.0.1:${port}/`,
    settled: async () => {
      await new Promise((r) => setTimeout(r, 300));
      await state.queue;
    },
    close: async () => {
      for (const w of watchers) w.close();
      for (const c of state.clients) c.end();
      const closed = new Promise<void>((r) => server.close(() => r()));
      // Open pages keep connections alive: close them, or the server would wait on them.
      server.closeAllConnections();
      await closed;
      await state.queue;
    },
  };
}
