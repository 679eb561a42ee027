/**
 * Nothing lost under faults (issue 24): a nearly full disk, kills at each
 * rename, stale and reused-pid locks, two writers at once, bad bytes,
 * links out of source/, litter. Runs the compiled CLI as real processes
 * (locks name processes); run `npm run prepare` first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeProject, runBin, runCli, snapshot, repo, read, letterCount } from './helpers.js';
import { processStart } from '../pipeline/core/lock.js';
import { linkOrCopy } from '../pipeline/core/fsio.js';
import { release } from '../pipeline/release/release.js';
import { recover } from '../pipeline/catalog/transaction.js';

const bin = path.join(repo, 'bin', 'statement.js');

/** Runs the CLI as a process, asynchronously (for two at once). */
function start(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, ...env },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

/** Copies a project's inputs into `dir` (a mount point). */
function copyProject(dir: string): void {
  for (const part of ['source', 'templates', 'locales'])
    fs.cpSync(path.join(repo, part), path.join(dir, part), { recursive: true });
}

/** A source change that makes extract rewrite catalogs and state of every locale (and, removing a paragraph, the obsolete stores). */
function changeSource(dir: string, options: { remove?: boolean } = {}): void {
  const md = path.join(dir, 'source/statement.md');
  const changed = read(dir, 'source/statement.md').replace(
    '25 children lost both parents.',
    '25 children lost both parents. A sentence added.',
  );
  fs.writeFileSync(
    md,
    options.remove === false ? changed : changed.replace(/\n\nThe world community and relevant[^\n]*\n/, '\n'),
  );
}

/** Bytes of every file below `dir`, but the locks and journals of commands. */
function files(dir: string): Map<string, string> {
  return new Map([...snapshot(dir)].filter(([f]) => !/(^|\/)\.(lock|journal)/.test(f)));
}

const hasStrace = spawnSync('strace', ['-V']).status === 0;
const isRoot = process.getuid?.() === 0;

describe.skipIf(!isRoot)('a nearly full disk (20 MB tmpfs, a few KB free)', () => {
  const mnt = fs.mkdtempSync(path.join(os.tmpdir(), 'statement-full-'));
  beforeAll(() => {
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=20m', 'tmpfs', mnt]).status).toBe(0);
    copyProject(mnt);
    // Inputs that make each command write: a source change (extract), a changed PO (import), an old export.
    const po = runBin(['export', '--format', 'po', '--locale', 'fr'], mnt);
    expect(po.code).toBe(0);
    fs.writeFileSync(
      path.join(mnt, 'fr.po'),
      po.stdout.replace(/msgstr "Déclaration"/, 'msgstr "Déclaration officielle"'),
    );
    fs.writeFileSync(path.join(mnt, 'old.xlf'), 'an older export\n');
    // Only an addition: every key of the PO still exists.
    changeSource(mnt, { remove: false });
    // Fill the disk, leaving 8 KB: enough to start, not enough to write a catalog.
    const { bavail, bsize } = fs.statfsSync(mnt);
    fs.writeFileSync(path.join(mnt, 'filler'), Buffer.alloc(bavail * bsize - 8192));
  }, 60_000);
  afterAll(() => {
    spawnSync('umount', [mnt]);
    fs.rmSync(mnt, { recursive: true, force: true });
  });

  const cases: Array<[string, string[]]> = [
    ['approve', ['approve', '--locale', 'fr', '--all']],
    ['extract', ['extract']],
    ['import', ['import', 'fr.po']],
    ['export', ['export', '--format', 'xliff', '--locale', 'fr', '--out', 'old.xlf']],
  ];
  for (const [name, args] of cases) {
    it(`${name} exits non-zero with one line, and every catalog, state and export file is as before`, () => {
      const before = files(mnt);
      const r = runBin(args, mnt);
      expect(r.code, r.stderr).not.toBe(0);
      expect(r.stderr).toMatch(/^[^\n]+: no space left on device; nothing was changed\n$/m);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr).not.toMatch(/approved by|^write /m);
      const after = files(mnt);
      expect([...after.keys()].filter((f) => f.includes('.tmp-'))).toEqual([]);
      expect(after).toEqual(before);
    }, 60_000);
  }
});

describe.skipIf(!isRoot)('a read-only file system', () => {
  it('approve and extract end with one line, exit 1, nothing changed', () => {
    const mnt = fs.mkdtempSync(path.join(os.tmpdir(), 'statement-ro-'));
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=20m', 'tmpfs', mnt]).status).toBe(0);
    try {
      copyProject(mnt);
      changeSource(mnt);
      expect(spawnSync('mount', ['-o', 'remount,ro', mnt]).status).toBe(0);
      const before = files(mnt);
      for (const args of [['approve', '--locale', 'fr', '--all'], ['extract']]) {
        const r = runBin(args, mnt);
        expect(r.code, r.stderr).toBe(1);
        expect(r.stderr).toMatch(/^[^\n]+: read-only file system; nothing was changed\n$/m);
        expect(r.stderr).not.toMatch(/\n\s+at /);
      }
      expect(files(mnt)).toEqual(before);
    } finally {
      spawnSync('umount', [mnt]);
      fs.rmSync(mnt, { recursive: true, force: true });
    }
  }, 60_000);
});

describe.skipIf(!hasStrace)('a kill at each rename of extract', () => {
  it('then a rerun gives exactly the catalogs of an uninterrupted run (N = 1..20)', () => {
    const dir = makeProject();
    changeSource(dir);
    const locales = path.join(dir, 'locales');
    const before = snapshot(locales);
    const traced = spawnSync(
      'strace',
      [
        '-f',
        '-qq',
        '-o',
        path.join(dir, 'trace'),
        '-e',
        'trace=rename,renameat,renameat2',
        process.execPath,
        bin,
        'extract',
      ],
      { cwd: dir },
    );
    expect(traced.status).toBe(0);
    const renames = read(dir, 'trace')
      .split('\n')
      .filter((l) => /rename(at2?)?\(/.test(l)).length;
    // Catalogs, states and obsolete stores of 7 locales, and the journal.
    expect(renames).toBeGreaterThan(10);
    const uninterrupted = files(locales);
    let killed = 0;
    for (let n = 1; n <= 20; n++) {
      fs.rmSync(locales, { recursive: true, force: true });
      for (const [f, b64] of before) {
        fs.mkdirSync(path.dirname(path.join(locales, f)), { recursive: true });
        fs.writeFileSync(path.join(locales, f), Buffer.from(b64, 'base64'));
      }
      const r = spawnSync(
        'strace',
        [
          '-f',
          '-qq',
          '-o',
          '/dev/null',
          '-e',
          `inject=rename,renameat,renameat2:signal=SIGKILL:when=${n}`,
          process.execPath,
          bin,
          'extract',
        ],
        { cwd: dir },
      );
      if (r.status !== 0) killed++;
      const rerun = runBin(['extract'], dir);
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(files(locales), `kill at rename ${n}`).toEqual(uninterrupted);
      expect(
        [...snapshot(locales).keys()].filter((f) => /\.tmp-|\.journal/.test(f)),
        `litter after kill at rename ${n}`,
      ).toEqual([]);
    }
    expect(killed).toBe(Math.min(20, renames));
  }, 300_000);
});

/** The manifest's documents all exist and are whole; one complete build in the builds folder. */
function expectCompleteDist(dir: string): void {
  const dist = path.join(dir, 'dist');
  const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'manifest.json'), 'utf8')) as {
    editions: Array<{ html: string }>;
    letters: Array<{ html: string }>;
  };
  expect(manifest.editions.length).toBe(7);
  expect(manifest.letters).toHaveLength(letterCount(dir));
  for (const d of [...manifest.editions, ...manifest.letters])
    expect(fs.readFileSync(path.join(dist, d.html), 'utf8').trimEnd().endsWith('</html>'), d.html).toBe(true);
  expect(fs.readdirSync(path.join(dir, '.dist-builds'))).toHaveLength(1);
}

describe('locks', () => {
  it('two builds over a stale lock whose pid now belongs to another process: one builds, the other waits or refuses; dist/ complete', async () => {
    const dir = makeProject();
    const other = spawn('sleep', ['60']);
    try {
      const pid = other.pid!;
      const startTime = processStart(pid)!;
      fs.writeFileSync(
        path.join(dir, 'dist.lock'),
        `${JSON.stringify({ pid, start: startTime + 1, host: os.hostname(), command: 'build', since: '2026-01-01T00:00:00.000Z' })}\n`,
      );
      const runs = await Promise.all([0, 1].map(() => start(['build', '--format', 'html'], dir)));
      const codes = runs.map((r) => r.code).sort();
      expect(codes[0]).toBe(0);
      expect([0, 2]).toContain(codes[1]);
      for (const r of runs)
        if (r.code === 2) expect(r.stderr).toMatch(/another build \(pid \d+, since [^)]+\) is writing dist\//);
      const takeovers = runs.map((r) => r.stderr.match(/took over the stale lock/g)?.length ?? 0);
      expect(takeovers.reduce((a, b) => a + b)).toBe(1);
      expectCompleteDist(dir);
      expect(fs.existsSync(path.join(dir, 'dist.lock'))).toBe(false);
    } finally {
      other.kill();
    }
  }, 120_000);

  it('a lock of a live owner (same pid, same start time) is not taken over: the build waits, then refuses naming it', async () => {
    const dir = makeProject();
    const other = spawn('sleep', ['60']);
    try {
      const pid = other.pid!;
      fs.writeFileSync(
        path.join(dir, 'dist.lock'),
        `${JSON.stringify({ pid, start: processStart(pid), host: os.hostname(), command: 'build', since: '2026-01-01T00:00:00.000Z' })}\n`,
      );
      const r = await start(['build', '--format', 'html'], dir, { STATEMENT_LOCK_WAIT_MS: '500' });
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe(
        `dist.lock:1:1: another build (pid ${pid}, since 2026-01-01T00:00:00.000Z) is writing dist/; wait for it to finish, or remove dist.lock if no such command is running`,
      );
      expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    } finally {
      other.kill();
    }
  }, 60_000);

  it('approve waits while a live command holds the catalogs lock, then reads and writes after it', async () => {
    const dir = makeProject();
    const other = spawn('sleep', ['60']);
    try {
      const lock = path.join(dir, 'locales/.lock');
      fs.writeFileSync(
        lock,
        `${JSON.stringify({ pid: other.pid, start: processStart(other.pid!), host: os.hostname(), command: 'import', since: '2026-01-01T00:00:00.000Z' })}\n`,
      );
      const state = read(dir, 'locales/fr/state.json');
      const approving = start(['approve', '--locale', 'fr', '--all'], dir, { STATEMENT_LOCK_WAIT_MS: '15000' });
      let finished = false;
      void approving.then(() => (finished = true));
      // Long enough for an approve that ignored the lock to be done, even on a loaded machine.
      await new Promise((r) => setTimeout(r, 6000));
      expect(finished).toBe(false);
      expect(read(dir, 'locales/fr/state.json')).toBe(state);
      fs.rmSync(lock);
      const r = await approving;
      expect(r.code, r.stderr).toBe(0);
      expect(read(dir, 'locales/fr/state.json')).not.toBe(state);
    } finally {
      other.kill();
    }
  }, 60_000);

  it('import and approve --all at once: the approvals are all there, or the second command refused', async () => {
    const dir = makeProject();
    // A PO carrying the current approvals (made from an approved copy), one text changed.
    const approved = makeProject();
    expect(runBin(['approve', '--locale', 'fr', '--all'], approved).code).toBe(0);
    const po = runBin(['export', '--format', 'po', '--locale', 'fr'], approved);
    fs.writeFileSync(
      path.join(dir, 'fr.po'),
      po.stdout.replace(/msgstr "Déclaration"/, 'msgstr "Déclaration officielle"'),
    );
    const state = path.join(dir, 'locales/fr/state.json');
    const original = fs.readFileSync(state);
    const catalog = path.join(dir, 'locales/fr/statement.json');
    const originalCatalog = fs.readFileSync(catalog);
    for (let round = 0; round < 4; round++) {
      fs.writeFileSync(state, original);
      fs.writeFileSync(catalog, originalCatalog);
      const [imp, app] = await Promise.all([
        start(['import', 'fr.po'], dir),
        start(['approve', '--locale', 'fr', '--all'], dir),
      ]);
      expect([imp.code, app.code]).toContain(0);
      for (const r of [imp, app]) if (r.code !== 0) expect(r.stderr).toMatch(/another (import|approve) \(pid \d+/);
      const entries = Object.values(
        JSON.parse(fs.readFileSync(state, 'utf8')).entries as Record<string, Record<string, { status: string }>>,
      ).flatMap((byKey) => Object.values(byKey));
      const nowApproved = entries.filter((e) => e.status === 'approved').length;
      if (app.code === 0) {
        const n = Number(/fr: (\d+) approved/.exec(app.stderr)![1]);
        expect(n).toBeGreaterThan(50);
        // An import after the approvals drops only the approval of the text it changed.
        expect(nowApproved).toBeGreaterThanOrEqual(n - 1);
      }
      if (imp.code === 0) expect(read(dir, 'locales/fr/statement.json')).toContain('Déclaration officielle');
    }
  }, 180_000);
});

describe('bytes checked at the edge', () => {
  it('\\xff inside a figure of statement.md: exit 2 at its line and column', async () => {
    const dir = makeProject();
    const md = path.join(dir, 'source/statement.md');
    const text = fs.readFileSync(md);
    const at = text.indexOf('613 people');
    fs.writeFileSync(md, Buffer.concat([text.subarray(0, at + 1), Buffer.from([0xff]), text.subarray(at + 1)]));
    const before = text
      .subarray(0, at + 1)
      .toString('utf8')
      .split('\n');
    const r = await runCli(['build', '--format', 'html'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `source/statement.md:${before.length}:${[...before[before.length - 1]].length + 1}: invalid UTF-8 (byte 0xff): save the file as UTF-8\n`,
    );
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it('\\xff or NUL in a catalog: exit 2 at its line and column, for build and extract alike', async () => {
    const dir = makeProject();
    const file = path.join(dir, 'locales/fr/statement.json');
    const good = read(dir, 'locales/fr/statement.json');
    const lines = good.split('\n');
    const line = lines.findIndex((l) => l.includes('613'));
    const column = lines[line].indexOf('613') + 2;
    fs.writeFileSync(file, Buffer.from(good.replace('613', '6\u00003'), 'utf8'));
    for (const cmd of [['build', '--format', 'html'], ['extract']]) {
      const r = await runCli(cmd, dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `locales/fr/statement.json:${line + 1}:${column}: control character U+0000 (NUL) is not allowed in text: remove it\n`,
      );
    }
    const bytes = Buffer.from(good, 'utf8');
    const at = bytes.indexOf('613');
    fs.writeFileSync(file, Buffer.concat([bytes.subarray(0, at + 1), Buffer.from([0xff]), bytes.subarray(at + 2)]));
    const r = await runCli(['build', '--format', 'html'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `locales/fr/statement.json:${line + 1}:${column}: invalid UTF-8 (byte 0xff): save the file as UTF-8\n`,
    );
    expect(read(dir, 'locales/fr/state.json')).toBe(fs.readFileSync(path.join(repo, 'locales/fr/state.json'), 'utf8'));
  });

  it('a UTF-8 BOM at the start of statement.md and of a catalog is dropped silently', async () => {
    const dir = makeProject();
    for (const f of ['source/statement.md', 'locales/fr/statement.json'])
      fs.writeFileSync(path.join(dir, f), `\uFEFF${read(dir, f)}`);
    const r = await runCli(['build', '--format', 'html'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(read(dir, 'dist/site/fr/index.html')).not.toContain('\uFEFF');
  }, 60_000);
});

describe('files stay inside source/', () => {
  it('a member CSV linked to a file outside source/: exit 2, the message does not quote the target', async () => {
    const dir = makeProject();
    const secret = path.join(dir, 'secret.csv');
    fs.writeFileSync(secret, 'id,name\nleak,TOP-SECRET-NAME\n');
    const csv = path.join(dir, 'source/members/foreign-embassies.csv');
    fs.rmSync(csv);
    fs.symlinkSync(secret, csv);
    const r = await runCli(['build', '--format', 'html'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^source\/addressees\.yaml:\d+:1: "members\/foreign-embassies\.csv" is a link to a file outside source\/: /,
    );
    expect(r.stderr).not.toContain('TOP-SECRET');
    fs.rmSync(csv);
    fs.symlinkSync('/etc/passwd', csv);
    const passwd = await runCli(['extract'], dir);
    expect(passwd.code).toBe(2);
    expect(passwd.stderr).not.toMatch(/root|bin\/|nologin/);
  });

  it('a logo linked to /etc/passwd: exit 2, nothing in dist/assets; a logo inside source/ is copied, not linked', async () => {
    const dir = makeProject();
    const md = path.join(dir, 'source/statement.md');
    fs.writeFileSync(md, read(dir, 'source/statement.md').replace('place: Baku\n', 'place: Baku\nlogo: logo.svg\n'));
    fs.symlinkSync('/etc/passwd', path.join(dir, 'source/logo.svg'));
    const r = await runCli(['build', '--format', 'html'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^source\/statement\.md:\d+:1: "logo\.svg" is a link to a file outside source\//);
    expect(r.stderr).not.toContain('root:');
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'dist.lock'))).toBe(false);
    fs.rmSync(path.join(dir, 'source/logo.svg'));
    fs.writeFileSync(
      path.join(dir, 'source/logo.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>',
    );
    expect((await runCli(['build', '--format', 'html'], dir)).code).toBe(0);
    expect(fs.lstatSync(path.join(dir, 'dist/assets/logo.svg')).isSymbolicLink()).toBe(false);
  }, 60_000);
});

describe('litter', () => {
  it('temporary files, a journal and lock drafts of killed runs are removed (or played forward) by the next command', () => {
    const dir = makeProject();
    const dead = 2 ** 22 - 3; // above pid_max on most systems: no such process
    const fr = path.join(dir, 'locales/fr');
    fs.writeFileSync(path.join(fr, `state.json.tmp-${dead}-5-0`), '{"torn');
    fs.writeFileSync(path.join(dir, `locales/.lock.new-${dead}-5-abc`), '{}');
    fs.symlinkSync('.dist-builds/none', path.join(dir, `dist.link-${dead}`));
    const r = runBin(['approve', '--locale', 'fr', '--all'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readdirSync(fr).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'locales')).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(runBin(['build', '--format', 'html'], dir).code).toBe(0);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.link-') || f.endsWith('.lock'))).toEqual([]);
  }, 60_000);

  it('a release removes the staging folder a killed release left in archive/, and leaves no lock', async () => {
    const dir = makeProject();
    const parent = path.join(dir, 'archive', 'OMB-2022-KHJ30');
    fs.mkdirSync(path.join(parent, '.release-staging-Ab12Cd'), { recursive: true });
    fs.writeFileSync(path.join(parent, '.release-staging-Ab12Cd', 'manifest.json'), '{"torn');
    const result = await release({ root: dir, allowDraft: true, pdf: false });
    expect(result.status).toBe('released');
    expect(fs.readdirSync(parent).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'archive'))).toEqual(['OMB-2022-KHJ30']);
  }, 120_000);

  it('a journal left by a kill is played forward; one naming other files moves nothing', () => {
    const dir = makeProject();
    const locales = path.join(dir, 'locales');
    fs.writeFileSync(path.join(locales, 'fr/state.json.tmp-1-1-0'), '{"new": true}\n');
    fs.writeFileSync(
      path.join(locales, '.journal'),
      JSON.stringify({
        renames: [
          ['fr/state.json.tmp-1-1-0', 'fr/state.json'],
          ['../source/statement.md', '../x.md'],
        ],
      }),
    );
    recover(locales);
    expect(read(dir, 'locales/fr/state.json')).toBe('{"new": true}\n');
    expect(fs.existsSync(path.join(dir, 'source/statement.md'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'x.md'))).toBe(false);
    expect(fs.existsSync(path.join(locales, '.journal'))).toBe(false);
  });

  it('the lock is released when the staging folder cannot be made', async () => {
    const dir = makeProject();
    fs.writeFileSync(path.join(dir, '.dist-builds'), 'not a folder');
    const r = await runCli(['build', '--format', 'html'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^\.dist-builds: [^\n]+; nothing was changed\n$/);
    expect(fs.existsSync(path.join(dir, 'dist.lock'))).toBe(false);
  });

  it.skipIf(!isRoot)(
    'a no-change build with node_modules on another file system needs no room for the 7 MB of fonts',
    () => {
      const mnt = fs.mkdtempSync(path.join(os.tmpdir(), 'statement-fonts-'));
      expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=60m', 'tmpfs', mnt]).status).toBe(0);
      try {
        copyProject(mnt);
        expect(runBin(['build', '--format', 'html'], mnt).code).toBe(0);
        const { bavail, bsize } = fs.statfsSync(mnt);
        fs.writeFileSync(path.join(mnt, 'filler'), Buffer.alloc(bavail * bsize - 3 * 1024 * 1024));
        const r = runBin(['build', '--format', 'html'], mnt);
        expect(r.code, r.stderr).toBe(0);
      } finally {
        spawnSync('umount', [mnt]);
        fs.rmSync(mnt, { recursive: true, force: true });
      }
    },
    120_000,
  );

  it('a font already there with the same bytes is not copied again (across file systems)', () => {
    const shm = fs.mkdtempSync('/dev/shm/statement-font-');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statement-font-'));
    try {
      const from = path.join(shm, 'a.woff2');
      fs.writeFileSync(from, Buffer.alloc(4096, 7));
      const to = path.join(dir, 'fonts', 'a.woff2');
      linkOrCopy(from, to);
      // Marked with an old date: a copy made again would carry the current one.
      fs.utimesSync(to, new Date('2001-01-01'), new Date('2001-01-01'));
      linkOrCopy(from, to);
      expect(fs.statSync(to).mtime.toISOString()).toBe('2001-01-01T00:00:00.000Z');
      fs.writeFileSync(from, Buffer.alloc(4096, 8));
      linkOrCopy(from, to);
      expect(fs.readFileSync(to)[0]).toBe(8);
    } finally {
      fs.rmSync(shm, { recursive: true, force: true });
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
