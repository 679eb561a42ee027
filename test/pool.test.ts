/**
 * Printing on a pool of browsers: remote Chromium processes started here on
 * 127.0.0.1 with --remote-debugging-port=0 (their endpoint read from
 * stderr), each with its own temporary profile, stopped at the end.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeProject, runCli } from './helpers.js';
import { startChromium, type ChromiumServer } from '../tools/bench/chromiumServer.js';
import { RemoteBrowser } from '../pipeline/print/remote.js';
import { parseBrowserSpec } from '../pipeline/print/endpoints.js';
import { Pool } from '../pipeline/print/pool.js';
import { BrowserLost, type PoolMember } from '../pipeline/print/member.js';
import type { PrintJob } from '../pipeline/print/browser.js';

interface Doc {
  pdf: string | null;
  sha256: string | null;
  printedBy?: string;
}
interface Manifest {
  letters: Doc[];
  failed: unknown[];
  printing?: { browsers: Array<{ name: string; printed: number; lost?: boolean; version?: string }> };
}

const manifestOf = (dir: string): Manifest =>
  JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
const fileSha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A port on 127.0.0.1 that nothing listens on (taken, then let go). */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let root: string;
const servers: ChromiumServer[] = [];

beforeAll(async () => {
  root = makeProject();
  servers.push(...(await Promise.all([startChromium(), startChromium()])));
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe('a pool of browsers', () => {
  it('prints on two remote browsers, both print some letters, and every PDF is byte-identical to a local build', async () => {
    const [a, b] = servers;
    const local = await runCli(
      ['build', '--only', 'letters', '--addressee', 'foreign-embassies', '--out', 'local'],
      root,
    );
    expect(local.code, local.stderr).toBe(0);
    // One given as Chrome's address (its /json/version names the browser), one as the browser endpoint itself.
    const remote = await runCli(
      [
        'build',
        '--only',
        'letters',
        '--addressee',
        'foreign-embassies',
        '--out',
        'remote',
        '--browser',
        a.address,
        '--browser',
        `${b.endpoint}#pages=2`,
      ],
      root,
    );
    expect(remote.code, remote.stderr).toBe(0);
    expect(remote.stderr).not.toMatch(/blocked \d+ non-local/);
    const ours = manifestOf(path.join(root, 'local'));
    const theirs = manifestOf(path.join(root, 'remote'));
    expect(theirs.failed).toEqual([]);
    expect(theirs.letters.length).toBeGreaterThan(3);
    const byB = b.endpoint;
    const names = new Set(theirs.letters.map((l) => l.printedBy));
    expect(names).toEqual(new Set([a.address, byB]));
    expect(ours.letters.every((l) => l.printedBy === 'local')).toBe(true);
    for (const letter of theirs.letters) {
      const twin = ours.letters.find((l) => l.pdf === letter.pdf)!;
      // The bytes on disk, hashed here, not only the manifest's word for them.
      expect(fileSha(path.join(root, 'remote', letter.pdf!)), letter.pdf!).toBe(
        fileSha(path.join(root, 'local', twin.pdf!)),
      );
    }
    expect(theirs.printing?.browsers.map((x) => x.printed).every((n) => n > 0)).toBe(true);
    expect(theirs.printing?.browsers.every((x) => /\/\d+\./.test(x.version ?? ''))).toBe(true);
  }, 600_000);

  it('prints every letter when a remote browser is killed mid-build, and says so', async () => {
    const doomed = await startChromium();
    servers.push(doomed);
    let killed = false;
    let stderr = '';
    const { main } = await import('../pipeline/cli/main.js');
    const before = process.cwd();
    process.chdir(root);
    let code: number;
    try {
      code = await main(
        [
          'build',
          '--only',
          'letters',
          '--addressee',
          'ombudsmen-and-nhris',
          '--out',
          'killed',
          '--browser',
          `${servers[0].address}#pages=1`,
          '--browser',
          `${doomed.address}#pages=2`,
        ],
        {
          out: () => {},
          err: (text) => {
            stderr += text;
            // The first PDF done: the doomed browser has documents in flight.
            if (!killed && /\[1\/\d+\]/.test(stderr)) {
              killed = true;
              void doomed.stop();
            }
          },
          tty: false,
        },
      );
    } finally {
      process.chdir(before);
    }
    expect(killed).toBe(true);
    expect(code, stderr).toBe(0);
    const manifest = manifestOf(path.join(root, 'killed'));
    expect(manifest.failed).toEqual([]);
    expect(manifest.letters.length).toBeGreaterThan(3);
    for (const l of manifest.letters) expect(fs.existsSync(path.join(root, 'killed', l.pdf!)), l.pdf!).toBe(true);
    expect(stderr).toContain(`${doomed.address}: the browser dropped its connection`);
    // A document it was printing went back to the queue and was printed by the other browser.
    expect(stderr).toMatch(
      new RegExp(`${doomed.address.replace(/[.]/g, '\\.')}: connection lost \\(.*\\); printing it on another browser`),
    );
    expect(manifest.printing?.browsers.find((x) => x.name === doomed.address)?.lost).toBe(true);
  }, 600_000);

  it('refuses an endpoint that does not answer with one line naming it, exit 2, before anything is built', async () => {
    const port = await deadPort();
    const r = await runCli(
      ['build', '--only', 'letters', '--out', 'never', '--browser', 'local', '--browser', `ws://127.0.0.1:${port}`],
      root,
    );
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`ws://127.0.0.1:${port}: no browser answers there`);
    expect(fs.existsSync(path.join(root, 'never'))).toBe(false);
  });

  it('reads browsers: from statement.config.yaml, shows the pool in --dry-run, and places a bad entry at its line', async () => {
    const config = path.join(root, 'statement.config.yaml');
    try {
      fs.writeFileSync(config, `browsers:\n  - local#pages=1\n  - url: ${servers[0].address}\n    pages: 3\n`);
      const plan = await runCli(['build', '--dry-run', '--json', '--only', 'letters'], root);
      expect(plan.code, plan.stderr).toBe(0);
      const pool = (JSON.parse(plan.stdout) as { pool: Array<{ name: string; pages: number; version?: string }> }).pool;
      expect(pool.map((p) => [p.name, p.pages])).toEqual([
        ['local', 1],
        [servers[0].address, 3],
      ]);
      expect(pool[1].version).toMatch(/Chrome\/\d+\./);
      // --browser replaces the file's list.
      const text = await runCli(['build', '--dry-run', '--only', 'letters', '--browser', 'local#pages=2'], root);
      expect(text.stdout).toContain('print on local: 2 page(s) at once');
      expect(text.stdout).not.toContain(servers[0].address);
      fs.writeFileSync(config, 'browsers:\n  - local\n  - ftp://example.org\n');
      const bad = await runCli(['build', '--dry-run', '--only', 'letters'], root);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(
        /^statement\.config\.yaml:3:5: "ftp:\/\/example\.org": a browser is "local" or ws:\/\/HOST:PORT/,
      );
    } finally {
      fs.rmSync(config, { force: true });
    }
  });

  it('a remote browser loads nothing from the network: every request outside the build is refused', async () => {
    let connections = 0;
    const server = http.createServer((_, res) => res.end('p{color:red}'));
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const near = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'statement-remote-'));
    const folder = path.join(base, 'site');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(base, 'outside.css'), 'p { color: green }');
    fs.writeFileSync(
      path.join(folder, 'local.css'),
      '@import url("https://example.org/from-local.css");\np { font-size: 12pt }\n',
    );
    fs.writeFileSync(
      path.join(folder, 'page.html'),
      `<!doctype html><html><head><meta charset="utf-8"><title>t</title>
<link rel="stylesheet" href="https://example.org/remote.css"><link rel="stylesheet" href="${near}/near.css">
<link rel="stylesheet" href="local.css"><link rel="stylesheet" href="../outside.css">
<style>body { background: url(http://example.org/bg.png) }</style><script src="https://example.org/x.js"></script>
</head><body><p>Hello</p><img src="${near}/y.png" alt=""><iframe src="https://example.org/frame"></iframe></body></html>`,
    );
    const browser = new RemoteBrowser(parseBrowserSpec(servers[0].address), { timeout: 30_000, log: () => {} });
    try {
      await browser.start();
      const slot = browser.slot();
      const printed = await slot.print({ html: path.join(folder, 'page.html'), root: folder, label: 'hostile page' });
      await slot.close();
      expect(printed.error).toBeUndefined();
      expect(Buffer.from(printed.pdf!).subarray(0, 5).toString()).toBe('%PDF-');
      for (const url of [
        'https://example.org/remote.css',
        `${near}/near.css`,
        'https://example.org/from-local.css',
        'http://example.org/bg.png',
        `${near}/y.png`,
      ])
        expect(printed.blocked, url).toContain(url);
      // `../outside.css` stays inside the made-up origin, where no such file of the build exists.
      expect(printed.blocked.some((u) => u.endsWith('/outside.css'))).toBe(true);
      expect(printed.blocked.some((u) => u.endsWith('/local.css'))).toBe(false);
      expect(connections).toBe(0);
    } finally {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(base, { recursive: true, force: true });
    }
  }, 120_000);
});

/** A browser of the pool that prints instantly, or loses its connection after `dieAfter` documents. */
function fakeMember(name: string, version: string, dieAfter = Infinity): PoolMember & { printed: string[] } {
  const member = {
    name,
    pages: 2,
    lost: false,
    launches: 0,
    printed: [] as string[],
    start: async () => {},
    version: async () => version,
    slot: () => ({
      print: async (job: PrintJob) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (member.printed.length >= dieAfter) {
          member.lost = true;
          throw new BrowserLost(name, 'Connection closed');
        }
        member.printed.push(job.label);
        return { job, pdf: new Uint8Array([1]), blocked: [] };
      },
      close: async () => {},
    }),
    close: async () => {},
  };
  return member;
}

describe("the pool's queue", () => {
  const jobs = Array.from({ length: 20 }, (_, i) => ({ html: `/x/${i}.html`, root: '/x', label: `doc ${i}` }));

  it("gives each document to one browser once, and a lost browser's documents to the others", async () => {
    const steady = fakeMember('local', 'Chrome/156.0.1.2');
    const dying = fakeMember('ws://10.0.0.9:9222', 'Chrome/156.0.1.2', 3);
    const lines: string[] = [];
    const done: Array<{ label: string; by: string; error?: string }> = [];
    const pool = new Pool([steady, dying], (l) => lines.push(l));
    await pool.printAll(jobs, (p) => void done.push({ label: p.job.label, by: p.by, error: p.error }));
    expect(done.map((d) => d.label).sort()).toEqual(jobs.map((j) => j.label).sort());
    expect(done.every((d) => !d.error)).toBe(true);
    expect(dying.printed).toHaveLength(3);
    expect(steady.printed).toHaveLength(17);
    expect(lines.some((l) => /ws:\/\/10\.0\.0\.9:9222: connection lost .*printing it on another browser/.test(l))).toBe(
      true,
    );
    expect(pool.report().browsers).toEqual([
      { name: 'local', version: 'Chrome/156.0.1.2', pages: 2, printed: 17 },
      { name: 'ws://10.0.0.9:9222', version: 'Chrome/156.0.1.2', pages: 2, printed: 3, lost: true },
    ]);
    expect(pool.report().mixedVersions).toBeUndefined();
  });

  it('fails what is left, naming the browsers, when every browser is lost', async () => {
    const done: Array<{ error?: string }> = [];
    const pool = new Pool(
      [fakeMember('ws://a:1', 'Chrome/156.0', 2), fakeMember('ws://b:1', 'Chrome/156.0', 1)],
      () => {},
    );
    await pool.printAll(jobs, (p) => void done.push({ error: p.error }));
    expect(done).toHaveLength(20);
    expect(done.filter((d) => !d.error)).toHaveLength(3);
    expect(done.find((d) => d.error)?.error).toBe('no browser left to print on (ws://a:1, ws://b:1: not connected)');
  });

  it('warns when the browsers are of different Chromium majors, and the report says so', async () => {
    const lines: string[] = [];
    const pool = new Pool(
      [fakeMember('local', 'HeadlessChrome/156.0.8078.114'), fakeMember('ws://old:9222', 'Chrome/120.0.6099.0')],
      (l) => lines.push(l),
    );
    await pool.printAll(jobs.slice(0, 4), () => {});
    expect(lines.filter((l) => l.startsWith('warning: the pool mixes Chromium versions'))).toHaveLength(1);
    expect(lines[0]).toContain('ws://old:9222 Chrome/120.0.6099.0');
    expect(pool.report().mixedVersions).toBe(true);
  });
});
