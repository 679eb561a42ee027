/**
 * Which browsers print: `--browser` values and the `browsers:` list of the
 * optional project config file `statement.config.yaml`, parsed into specs.
 * Pure but for reading the config file.
 *
 *   local                                   the local Chromium (pages: the number of cores)
 *   local#pages=2
 *   ws://HOST:PORT                          Chrome with --remote-debugging-port (its /json/version names the browser)
 *   ws://HOST:PORT/devtools/browser/ID      a DevTools browser endpoint as it is
 *   wss://HOST/chromium?token=T#pages=6     browserless, with its token (never logged nor written)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDocument, isMap, isSeq, isScalar, LineCounter, type Node } from 'yaml';
import { InputError, type Place } from '../core/errors.js';
import { yamlErrorOffset } from '../source/yamlPlace.js';

/** The project config file (optional), at the project root. */
export const CONFIG_FILE = 'statement.config.yaml';

/** Pages a remote browser prints at once unless its spec says `#pages=N`. */
export const REMOTE_PAGES = 2;

/** One browser of the pool. */
export interface BrowserSpec {
  /** `local`, or the endpoint as logs and the manifest (`printedBy`) name it: no query (it may hold a token), no fragment. */
  name: string;
  /** The URL to connect to, query kept; absent for the local browser. */
  url?: string;
  /** Pages printing at once on this browser. */
  pages: number;
  /** Where it was given: the config file's line, or the command line. */
  place?: Place;
}

/** The local browser with its default number of pages. */
export function localSpec(pages = Math.max(1, os.availableParallelism?.() ?? os.cpus().length)): BrowserSpec {
  return { name: 'local', pages };
}

/**
 * Parses one browser: `local[#pages=N]` or `ws[s]://HOST:PORT[/path][?query][#pages=N]`
 * (`http[s]://HOST:PORT`, a DevTools HTTP endpoint, too).
 * @throws InputError naming the value
 */
export function parseBrowserSpec(text: string, place?: Place): BrowserSpec {
  const where = place ? '' : '--browser: ';
  const value = text.trim();
  const hash = value.indexOf('#');
  const body = hash < 0 ? value : value.slice(0, hash);
  const fragment = hash < 0 ? '' : value.slice(hash + 1);
  let pages: number | undefined;
  if (fragment) {
    const m = /^pages=(\d{1,3})$/.exec(fragment);
    if (!m || Number(m[1]) < 1)
      throw new InputError(`${where}"${value}": the part after # must be pages=N (N from 1 to 999)`, place);
    pages = Number(m[1]);
  }
  if (body === 'local') return { ...localSpec(pages), ...(place ? { place } : {}) };
  let url: URL;
  try {
    url = new URL(body);
  } catch {
    throw new InputError(
      `${where}"${value}" is neither "local" nor a ws://HOST:PORT address of a DevTools browser`,
      place,
    );
  }
  if (!['ws:', 'wss:', 'http:', 'https:'].includes(url.protocol) || !url.hostname) {
    throw new InputError(
      `${where}"${value}": a browser is "local" or ws://HOST:PORT[/path] (wss://, or http:// for a DevTools HTTP endpoint)`,
      place,
    );
  }
  const name = `${url.protocol}//${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  return { name, url: body, pages: pages ?? REMOTE_PAGES, ...(place ? { place } : {}) };
}

/** Parses `--browser` values (repeatable); two that name the same browser are one mistake. */
export function parseBrowserList(values: string[], place?: Place): BrowserSpec[] {
  const specs = values.map((v) => parseBrowserSpec(v, place));
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.name))
      throw new InputError(
        `${place ? '' : '--browser: '}${s.name} is given twice (one entry a browser; #pages=N sets its pages)`,
        s.place ?? place,
      );
    seen.add(s.name);
  }
  return specs;
}

/**
 * The `browsers:` list of `statement.config.yaml` (strings as for `--browser`,
 * or `{url, pages}` mappings); undefined when the file or the list is absent.
 * @throws InputError at the file's line and column
 */
export function browsersFromConfig(root: string): BrowserSpec[] | undefined {
  const file = path.join(root, CONFIG_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const at = (node: Node | undefined | null): Place => {
    const p = counter.linePos(node?.range?.[0] ?? 0);
    return { file: CONFIG_FILE, line: p.line, column: p.col };
  };
  const error = doc.errors[0];
  if (error) {
    const p = counter.linePos(yamlErrorOffset(text, error));
    throw new InputError(`not valid YAML: ${error.message.split('\n')[0]}`, {
      file: CONFIG_FILE,
      line: p.line,
      column: p.col,
    });
  }
  const top = doc.contents;
  if (top === null) return undefined;
  if (!isMap(top)) throw new InputError('expected a mapping (e.g. "browsers:")', at(top as Node));
  for (const pair of top.items) {
    const key = String((pair.key as { value?: unknown }).value);
    if (key !== 'browsers') throw new InputError(`unknown field "${key}" (known: browsers)`, at(pair.key as Node));
  }
  const list = top.get('browsers', true);
  if (list === undefined) return undefined;
  if (!isSeq(list))
    throw new InputError('"browsers:" must be a list ("- local", "- ws://HOST:PORT#pages=6")', at(list as Node));
  const specs = list.items.map((item) => {
    if (isScalar(item) && typeof item.value === 'string') return parseBrowserSpec(item.value, at(item));
    if (isMap(item)) {
      const data = item.toJSON() as { url?: unknown; pages?: unknown };
      const extra = Object.keys(data).find((k) => k !== 'url' && k !== 'pages');
      if (extra) throw new InputError(`unknown field "${extra}" (known: url, pages)`, at(item));
      if (typeof data.url !== 'string')
        throw new InputError('a browser needs "url:" ("local" or ws://HOST:PORT)', at(item));
      if (
        data.pages !== undefined &&
        (!Number.isInteger(data.pages) || (data.pages as number) < 1 || (data.pages as number) > 999)
      )
        throw new InputError('"pages:" must be a whole number from 1 to 999', at(item.get('pages', true) as Node));
      return parseBrowserSpec(
        data.pages === undefined ? data.url : `${data.url.split('#')[0]}#pages=${data.pages as number}`,
        at(item),
      );
    }
    throw new InputError('each browser is "local", a ws://HOST:PORT address, or {url, pages}', at(item as Node));
  });
  if (specs.length === 0) throw new InputError('"browsers:" is empty: name at least one browser ("- local")', at(list));
  const seen = new Set<string>();
  for (const s of specs) {
    if (seen.has(s.name)) throw new InputError(`${s.name} is listed twice`, s.place);
    seen.add(s.name);
  }
  return specs;
}

/** The pool a build prints on: `--browser` values if any, else the config file's list, else the local browser. */
export function resolveBrowsers(root: string, flags: string[] | undefined): BrowserSpec[] {
  if (flags && flags.length) return parseBrowserList(flags);
  return browsersFromConfig(root) ?? [localSpec()];
}

/** A Chromium version string's major number: "HeadlessChrome/156.0.8078.114" → 156. */
export function majorOf(version: string): number | undefined {
  const m = /\/(\d+)\./.exec(version) ?? /^(\d+)\./.exec(version);
  return m ? Number(m[1]) : undefined;
}
