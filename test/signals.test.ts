/**
 * A command that is told to stop, stops: SIGTERM, SIGINT and SIGHUP sent to
 * the real process (bin/statement.js) while it prints, releases or imports;
 * kill -9 of a printing build; a stdout closed by its reader. Each run gets
 * its own TMPDIR, so its Chromium (found in /proc by its --user-data-dir)
 * and its profile folder can be told apart from everyone else's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeProject, runBin, snapshot, repo } from './helpers.js';

const bin = path.join(repo, 'bin', 'statement.js');
/** A small print run: six letters, one per member of one group. */
const letters = ['--only', 'letters', '--addressee', 'foreign-embassies'];
const codes = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

/** A running command and what it has written to stderr so far. */
interface Running {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

function start(args: string[], cwd: string, tmp: string): Running {
  const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => {
    err += String(d);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, at: performance.now() }));
  });
  return { child, stderr: () => err, exited };
}

/** Resolves once stderr matches (rejects if the process ends first). */
async function waitFor(run: Running, pattern: RegExp, timeout = 60_000): Promise<void> {
  const until = performance.now() + timeout;
  let ended = false;
  void run.exited.then(() => {
    ended = true;
  });
  while (!pattern.test(run.stderr())) {
    if (ended) throw new Error(`ended before ${pattern}: ${run.stderr()}`);
    if (performance.now() > until) throw new Error(`no ${pattern} within ${timeout} ms: ${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Pids of live processes whose command line names a profile folder under `tmp`. */
function chromiumsUnder(tmp: string): number[] {
  const out: number[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let cmdline: string;
    try {
      cmdline = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (cmdline.includes(`--user-data-dir=${tmp}${path.sep}statement-chromium-`)) out.push(Number(name));
  }
  return out;
}

/** The files of dist/ (followed through its link) with their bytes. */
const distOf = (dir: string) => snapshot(fs.realpathSync(path.join(dir, 'dist')));

/** What a build leaves beside dist/: its builds folder may hold only the build dist/ points at. */
function expectNoLitter(dir: string, tmp: string) {
  expect(fs.existsSync(path.join(dir, 'dist.lock')), 'dist.lock left').toBe(false);
  const current = path.basename(fs.realpathSync(path.join(dir, 'dist')));
  expect(fs.readdirSync(path.join(dir, '.dist-builds')), 'staging folder left').toEqual([current]);
  expect(fs.readdirSync(tmp).filter((n) => n.startsWith('statement-chromium-')), 'profile folder left').toEqual([]);
}

describe('signals: a build that is told to stop, stops', () => {
  let dir: string;
  let tmp: string;
  beforeAll(() => {
    dir = makeProject();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'statement-signals-tmp-'));
    const first = runBin(['build', ...letters], dir, { TMPDIR: tmp });
    expect(first.code, first.stderr).toBe(0);
  }, 180_000);
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    it(`${signal} during printing: exits ${codes[signal]} within 5 s, no Chromium, lock, staging or profile left, dist/ as before`, async () => {
      const before = distOf(dir);
      const run = start(['build', '--force', ...letters], dir, tmp);
      await waitFor(run, /^\[\d+\/\d+\] /m);
      expect(chromiumsUnder(tmp).length, 'Chromium is printing').toBeGreaterThan(0);
      const sent = performance.now();
      run.child.kill(signal);
      const { code, at } = await run.exited;
      expect(at - sent, 'ms to exit').toBeLessThan(5000);
      expect(code, run.stderr()).toBe(codes[signal]);
      const said = run.stderr().split('\n').filter((l) => /interrupted/.test(l));
      expect(said).toEqual([`statement build: interrupted (${signal}); nothing was changed`]);
      expect(run.stderr()).not.toMatch(/retrying|\n\s+at /);
      expect(chromiumsUnder(tmp), 'Chromium left running').toEqual([]);
      expectNoLitter(dir, tmp);
      expect(distOf(dir)).toEqual(before);
    }, 120_000);
  }

  it('a second signal during clean-up ends it at once, and still leaves no Chromium, lock or staging folder', async () => {
    const before = distOf(dir);
    const run = start(['build', '--force', ...letters], dir, tmp);
    await waitFor(run, /^\[\d+\/\d+\] /m);
    run.child.kill('SIGTERM');
    run.child.kill('SIGINT');
    const { code } = await run.exited;
    expect(code, run.stderr()).toBe(130);
    expect(run.stderr().split('\n').filter((l) => /interrupted/.test(l))).toEqual(['statement build: interrupted (SIGINT) again: stopped at once']);
    await new Promise((r) => setTimeout(r, 1000));
    expect(chromiumsUnder(tmp)).toEqual([]);
    expectNoLitter(dir, tmp);
    expect(distOf(dir)).toEqual(before);
  }, 120_000);

  it('a Chromium that dies by itself mid-build is restarted, and the build completes', async () => {
    const run = start(['build', '--force', ...letters], dir, tmp);
    await waitFor(run, /^\[\d+\/\d+\] /m);
    // The browser process itself: the Chromium whose parent is the build.
    const browser = chromiumsUnder(tmp).find((pid) => fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(run.child.pid));
    expect(browser).toBeDefined();
    process.kill(browser!, 'SIGKILL');
    const { code } = await run.exited;
    expect(code, run.stderr()).toBe(0);
    expect(run.stderr()).toMatch(/6 PDF\(s\) printed/);
    expect(run.stderr()).not.toMatch(/interrupted|FAILED/);
    expectNoLitter(dir, tmp);
  }, 180_000);

  it('after kill -9 of a printing build no Chromium is alive 5 s later, and the next build cleans up and succeeds', async () => {
    const run = start(['build', '--force', ...letters], dir, tmp);
    await waitFor(run, /^\[\d+\/\d+\] /m);
    expect(chromiumsUnder(tmp).length).toBeGreaterThan(0);
    run.child.kill('SIGKILL');
    await run.exited;
    await new Promise((r) => setTimeout(r, 5000));
    expect(chromiumsUnder(tmp), 'Chromium outlived its build').toEqual([]);
    // What kill -9 cannot clean: the lock, the staging folder, the profile. The next build takes them over.
    expect(fs.existsSync(path.join(dir, 'dist.lock'))).toBe(true);
    expect(fs.readdirSync(tmp).some((n) => n.startsWith(`statement-chromium-${run.child.pid}-`))).toBe(true);
    const next = runBin(['build', '--force', ...letters], dir, { TMPDIR: tmp });
    expect(next.code, next.stderr).toBe(0);
    expectNoLitter(dir, tmp);
  }, 180_000);
});

describe('signals: release and import leave archive, catalogs and state unchanged', () => {
  const made: string[] = [];
  afterAll(() => {
    for (const d of made) fs.rmSync(d, { recursive: true, force: true });
  });
  const project = () => {
    const d = makeProject();
    made.push(d);
    return d;
  };

  it('SIGTERM during release: exit 143, no archive/, catalogs and state as before, no dist/ made', async () => {
    const dir = project();
    const tmp = fs.mkdtempSync(path.join(dir, 'tmp-'));
    const locales = snapshot(path.join(dir, 'locales'));
    const run = start(['release', '--allow-draft'], dir, tmp);
    await waitFor(run, /^\[\d+\/\d+\] /m, 120_000);
    run.child.kill('SIGTERM');
    const { code } = await run.exited;
    expect(code, run.stderr()).toBe(143);
    expect(run.stderr()).toMatch(/^statement release: interrupted \(SIGTERM\); nothing was changed$/m);
    expect(fs.existsSync(path.join(dir, 'archive')) ? snapshot(path.join(dir, 'archive')) : new Map()).toEqual(new Map());
    expect(snapshot(path.join(dir, 'locales'))).toEqual(locales);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'dist.lock'))).toBe(false);
    expect(fs.readdirSync(path.join(dir, '.dist-builds'))).toEqual([]);
    expect(chromiumsUnder(tmp)).toEqual([]);
  }, 180_000);

  it('a signal at any point of import: either nothing changed (and it says so) or the import is whole', async () => {
    const dir = project();
    const tmp = fs.mkdtempSync(path.join(dir, 'tmp-'));
    // A PO of French with every translation changed: an import that finishes writes the catalog and the state.
    const po = path.join(dir, 'fr.po');
    const exported = runBin(['export', '--format', 'po', '--locale', 'fr', '--out', po], dir);
    expect(exported.code, exported.stderr).toBe(0);
    fs.writeFileSync(po, fs.readFileSync(po, 'utf8').replace(/^msgstr "(.+)"$/gm, 'msgstr "$1 (révisé)"'));
    const before = snapshot(path.join(dir, 'locales'));
    const restore = () => {
      for (const [file, b64] of before) fs.writeFileSync(path.join(dir, 'locales', file), Buffer.from(b64, 'base64'));
    };
    const t0 = performance.now();
    const whole = start(['import', po], dir, tmp);
    const duration = (await whole.exited).at - t0;
    const after = snapshot(path.join(dir, 'locales'));
    expect(after).not.toEqual(before);

    // Signals spread over the run (the machine's load moves the moments): each outcome must be whole.
    let unchanged = 0;
    for (let i = 0; i < 16 && unchanged < 2; i++) {
      restore();
      const signal = i % 2 ? 'SIGINT' : 'SIGTERM';
      const run = start(['import', po], dir, tmp);
      await new Promise((r) => setTimeout(r, duration * (0.3 + 0.1 * (i % 7))));
      run.child.kill(signal);
      const exit = await run.exited;
      const now = snapshot(path.join(dir, 'locales'));
      if (exit.signal) {
        // Killed before Node ran a line of bin/statement.js: nothing of the command ran.
        expect(now).toEqual(before);
        continue;
      }
      if (exit.code === 0) {
        expect(now).toEqual(after);
        continue;
      }
      expect(exit.code, run.stderr()).toBe(codes[signal]);
      if (/nothing was changed/.test(run.stderr())) {
        expect(now, run.stderr()).toEqual(before);
        unchanged++;
      } else {
        expect(run.stderr()).toMatch(/the import of fr\.po had already been done and is kept/);
        expect(now).toEqual(after);
      }
    }
    expect(unchanged, 'runs stopped before they changed anything').toBeGreaterThan(0);
  }, 180_000);
});

describe('a closed stdout', () => {
  it('ends `statement status` quietly: no EPIPE, no stack trace', async () => {
    const dir = makeProject();
    try {
      for (let i = 0; i < 3; i++) {
        const child = spawn(process.execPath, [bin, 'status'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
        // The reader goes away at once, as `| head -0` would.
        child.stdout!.destroy();
        let err = '';
        child.stderr!.on('data', (d) => {
          err += String(d);
        });
        const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
        expect(err).toBe('');
        expect(code).toBe(141);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
