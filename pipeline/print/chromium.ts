/**
 * Which Chromium, with which flags, and its profile folders: what the
 * printer (browser.ts) launches, and the clean-up of profiles left by runs
 * that were killed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer';
import { InputError } from '../core/errors.js';

/** The flags Chromium runs with: headless, offline, as root on a server. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--font-render-hinting=none',
];

/**
 * Flags that take the network away from the print browser: every http(s)
 * request, loopback included, goes to a proxy that is not there, and no
 * host name resolves. Local files are not affected.
 */
export const offlineArgs = [
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
  '--host-resolver-rules=MAP * ~NOTFOUND',
];

const systemBrowsers = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
];

/**
 * Finds a browser: PUPPETEER_EXECUTABLE_PATH, then puppeteer's own
 * download, then the system's Chromium or Chrome.
 * @throws InputError saying how to get one
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.PUPPETEER_EXECUTABLE_PATH;
  if (fromEnv) {
    if (fs.existsSync(fromEnv)) return fromEnv;
    throw new InputError(`PUPPETEER_EXECUTABLE_PATH points at ${fromEnv}, which does not exist`, {
      file: 'PUPPETEER_EXECUTABLE_PATH',
    });
  }
  try {
    const own = puppeteer.executablePath();
    if (own && fs.existsSync(own)) return own;
  } catch {
    /* puppeteer's download is absent: fall through */
  }
  for (const candidate of systemBrowsers) if (fs.existsSync(candidate)) return candidate;
  throw new InputError(
    'no Chromium or Chrome found to print PDFs. Install one ("apt-get install -y chromium" on Debian) or set PUPPETEER_EXECUTABLE_PATH to its executable; HTML-only builds need none (--format html)',
    { file: 'PUPPETEER_EXECUTABLE_PATH' },
  );
}

/** Profile folders are `statement-chromium-<pid of the run>-XXXXXX` in the temporary folder. */
export const profilePrefix = 'statement-chromium-';

/** True when a process with this pid exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the Chromium profile folders of runs that are gone (killed with
 * `kill -9`, or by a power cut): `statement-chromium-<pid>-*` whose pid is
 * not alive. Folders of live runs are left alone. Returns how many went.
 */
export function removeStaleProfiles(tmp = os.tmpdir()): number {
  let removed = 0;
  let names: string[];
  try {
    names = fs.readdirSync(tmp);
  } catch {
    return 0;
  }
  for (const name of names) {
    const m = new RegExp(`^${profilePrefix}(\\d+)-`).exec(name);
    if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue;
    fs.rmSync(path.join(tmp, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}
