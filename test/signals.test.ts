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
  const child = spawn(process.execPath, [bin, ...args], {
    cwd,
    env: { ...process.env, TMPDIR: tmp },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
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
  expect(
    fs.readdirSync(tmp).filter((n) => n.startsWith('statement-chromium-')),
    'profile folder left',
  ).toEqual([]);
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
      const said = run
        .stderr()
        .split('\n')
        .filter((l) => /interrupted/.test(l));
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
    // Two signals pending at once are delivered lowest number first (SIGINT before SIGTERM), so either may be the second.
    const said = run
      .stderr()
      .split('\n')
      .filter((l) => /interrupted/.test(l));
    const second = /interrupted \((SIGINT|SIGTERM)\) again: stopped at once/.exec(said.join('\n'))?.[1];
    expect(said, run.stderr()).toEqual([`statement build: interrupted (${second}) again: stopped at once`]);
    expect(code, run.stderr()).toBe(second === 'SIGINT' ? 130 : 143);
    await new Promise((r) => setTimeout(r, 1000));
    expect(chromiumsUnder(tmp)).toEqual([]);
    expectNoLitter(dir, tmp);
    expect(distOf(dir)).toEqual(before);
  }, 120_000);

  it('a Chromium that dies by itself mid-build is restarted, and the build completes', async () => {
    const run = start(['build', '--force', ...letters], dir, tmp);
    await waitFor(run, /^\[\d+\/\d+\] /m);
    // The browser process itself: the Chromium whose parent is the build.
    const browser = chromiumsUnder(tmp).find(
      (pid) => fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(run.child.pid),
    );
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
    expect(fs.existsSync(path.join(dir, 'archive')) ? snapshot(path.join(dir, 'archive')) : new Map()).toEqual(
      new Map(),
    );
    expect(snapshot(path.join(dir, 'locales'))).toEqual(locales);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'dist.lock'))).toBe(false);
    expect(fs.readdirSync(path.join(dir, '.dist-builds'))).toEqual([]);
    expect(chromiumsUnder(tmp)).toEqual([]);
  }, 180_000);

  /**
   * Runs `args` under strace, which sends `signal` to the command right
   * after its first `syscall` on `file` (any file when none is given):
   * a moment inside the command's synchronous work, where a timer cannot aim.
   */
  function startTraced(
    args: string[],
    cwd: string,
    tmp: string,
    signal: string,
    syscall: string,
    file?: string,
  ): Running {
    const trace = [
      '-f',
      '-qq',
      '-o',
      '/dev/null',
      ...(file ? ['-P', file] : []),
      '-e',
      `trace=${syscall}`,
      '-e',
      `inject=${syscall}:signal=${signal}:when=1`,
    ];
    const child = spawn('strace', [...trace, process.execPath, bin, ...args], {
      cwd,
      env: { ...process.env, TMPDIR: tmp },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr!.on('data', (d) => {
      err += String(d);
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => {
      child.on('exit', (code, sig) => resolve({ code, signal: sig, at: performance.now() }));
    });
    return { child, stderr: () => err, exited };
  }

  /**
   * A signal while the command reads its inputs: nothing changes, and it
   * says so. A signal during its writes (at the first rename): the writes
   * are not cut, all of them are there, and it says its work was kept.
   */
  async function signalsOverRun(dir: string, args: string[], done: RegExp) {
    const tmp = fs.mkdtempSync(path.join(dir, 'tmp-'));
    const locales = path.join(dir, 'locales');
    const before = snapshot(locales);
    const whole = runBin(args, dir);
    expect(whole.code, whole.stderr).toBe(0);
    const after = snapshot(locales);
    expect(after).not.toEqual(before);
    const restore = () => {
      fs.rmSync(locales, { recursive: true, force: true });
      for (const [file, b64] of before) {
        fs.mkdirSync(path.dirname(path.join(locales, file)), { recursive: true });
        fs.writeFileSync(path.join(locales, file), Buffer.from(b64, 'base64'));
      }
    };

    restore();
    const reading = startTraced(args, dir, tmp, 'SIGTERM', 'openat', path.join(dir, 'source', 'statement.md'));
    expect((await reading.exited).code, reading.stderr()).toBe(143);
    expect(
      reading
        .stderr()
        .split('\n')
        .filter((l) => /interrupted/.test(l)),
    ).toEqual([`statement ${args[0]}: interrupted (SIGTERM); nothing was changed`]);
    expect(snapshot(locales)).toEqual(before);

    restore();
    const writing = startTraced(args, dir, tmp, 'SIGINT', 'rename');
    expect((await writing.exited).code, writing.stderr()).toBe(130);
    expect(writing.stderr()).toMatch(done);
    expect(snapshot(locales)).toEqual(after);
  }

  it('a signal during import: while reading, nothing changed (and it says so); during the writes, the import is whole', async () => {
    const dir = project();
    // A PO of French with every translation changed: an import that finishes writes the catalog and the state.
    const po = path.join(dir, 'fr.po');
    const exported = runBin(['export', '--format', 'po', '--locale', 'fr', '--out', po], dir);
    expect(exported.code, exported.stderr).toBe(0);
    fs.writeFileSync(po, fs.readFileSync(po, 'utf8').replace(/^msgstr "(.+)"$/gm, 'msgstr "$1 (révisé)"'));
    await signalsOverRun(dir, ['import', po], /the import of fr\.po had already been done and is kept/);
  }, 240_000);

  it('a signal during extract: while reading, nothing changed (and it says so); during the writes, the extract is whole', async () => {
    const dir = project();
    // An edited paragraph: an extract that finishes turns its translations stale in every locale.
    const file = path.join(dir, 'source', 'statement.md');
    fs.writeFileSync(
      file,
      fs.readFileSync(file, 'utf8').replace('30 years have passed since', 'Thirty years have passed since'),
    );
    await signalsOverRun(dir, ['extract'], /the extract had already been done and is kept/);
  }, 240_000);
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
