/**
 * A Chromium started as a remote print browser on 127.0.0.1, as an office
 * would on a print host (`--remote-debugging-port`), for the pool's tests
 * and bench: its DevTools endpoint read from its stderr, its own temporary
 * profile, and a stop that kills its whole process group and removes the
 * profile.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromiumArgs, findBrowser } from '../../pipeline/print/chromium.js';

/** A running remote Chromium. */
export interface ChromiumServer {
  /** `ws://127.0.0.1:PORT/devtools/browser/ID`. */
  endpoint: string;
  /** `ws://127.0.0.1:PORT`: the form an office types (/json/version names the browser). */
  address: string;
  child: ChildProcess;
  /** Kills it (SIGKILL to its process group) and removes its profile. */
  stop(): Promise<void>;
}

/** Starts Chromium with `--remote-debugging-port=0` and waits for "DevTools listening on ws://…". */
export async function startChromium(extraArgs: string[] = []): Promise<ChromiumServer> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'statement-remote-chromium-'));
  const child = spawn(
    findBrowser(),
    [
      ...chromiumArgs,
      '--headless',
      '--remote-debugging-address=127.0.0.1',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      ...extraArgs,
      'about:blank',
    ],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
    }
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  };
  const endpoint = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => reject(new Error(`Chromium did not say where it listens within 30 s: ${text.slice(-500)}`)),
      30_000,
    );
    child.stderr!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!); // the pattern's group
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}) before listening: ${text.slice(-500)}`));
    });
  }).catch(async (error) => {
    await stop();
    throw error;
  });
  // Keep reading its stderr so that it never blocks on a full pipe.
  child.stderr!.resume();
  const address = endpoint.replace(/^(ws:\/\/[^/]+).*$/, '$1');
  return { endpoint, address, child, stop };
}
