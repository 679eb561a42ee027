/**
 * A crash must never cost work: kill -9 at random points of extract,
 * import and build, then check that every catalog is parseable and equal
 * to its state before or after, and that dist/ is the old or the new
 * complete build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { describe, it, expect } from 'vitest';
import { makeProject, runCli, snapshot, repo, read } from './helpers.js';

const KILLS = Number(process.env.KILLS ?? 20);
const bin = path.join(repo, 'bin', 'statement.js');

/** Runs the CLI as a process and kills it with SIGKILL after `ms` (if still running). */
function runAndKill(args: string[], cwd: string, ms: number): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: 'ignore' });
    let killed = false;
    const timer = setTimeout(() => {
      killed = child.kill('SIGKILL');
    }, ms);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ killed, code });
    });
  });
}

/** How long one whole run takes here (ms): kills are spread over that, however fast the command is. */
async function durationOf(args: string[], cwd: string): Promise<number> {
  const start = performance.now();
  const r = await runAndKill(args, cwd, 600_000);
  expect(r.code).toBe(0);
  return performance.now() - start;
}

/** A kill time spread over 5 to 95 % of a run. */
const killTime = (duration: number) => duration * (0.05 + 0.9 * Math.random());

function restore(dir: string, files: Map<string, string>) {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [rel, b64] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), Buffer.from(b64, 'base64'));
  }
}

/** Every catalog file either as it was before or as the finished command leaves it; none torn, none lost. */
function expectBeforeOrAfter(dir: string, before: Map<string, string>, after: Map<string, string>) {
  const now = snapshot(dir);
  for (const [file, content] of now) {
    if (/\.tmp-\d+/.test(file)) continue; // a temporary file left by the kill: never read as a catalog
    if (/^\.(lock|journal)/.test(file)) continue; // the lock and the journal of the killed command: played forward or removed by the next
    expect([before.get(file), after.get(file)], file).toContain(content);
    if (file.endsWith('.json'))
      expect(() => JSON.parse(Buffer.from(content, 'base64').toString('utf8')), file).not.toThrow();
  }
  for (const file of before.keys()) if (after.has(file)) expect(now.has(file), `${file} lost`).toBe(true);
}

/** A CLI process, with its exit as a promise and whether it has ended yet. */
function runProcess(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
  });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const run = { exited: false, done: undefined as unknown as Promise<{ code: number | null; err: string }> };
  run.done = new Promise((resolve) =>
    child.on('exit', (code) => {
      run.exited = true;
      resolve({ code, err });
    }),
  );
  return run;
}

/** Waits until `test()` holds, polling; fails after `ms`. */
async function until(test: () => boolean, ms: number): Promise<void> {
  const deadline = performance.now() + ms;
  while (!test()) {
    if (performance.now() > deadline) throw new Error(`not true within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Another process holding the output lock of `out` through the pipeline's
 * own lock (compiled, lib/), as a running build would; `release()` lets go
 * and waits for that process to end.
 */
async function holdLock(out: string): Promise<{ release: () => Promise<void> }> {
  const lock = pathToFileURL(path.join(repo, 'lib/pipeline/core/lock.js')).href;
  const script = `import { acquireLock, outputLock } from ${JSON.stringify(lock)};
const release = acquireLock(outputLock(process.argv[1]), { what: 'dist/', command: 'build' });
process.stdout.write('held\\n');
process.stdin.once('data', () => { release(); process.exit(0); });`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script, out], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const ended = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`lock holder exited ${code}`)));
  });
  return {
    release: async () => {
      child.stdin.write('go\n');
      expect(await ended).toBe(0);
    },
  };
}

describe('kill -9 during extract', () => {
  it(`leaves every catalog as before or after (${KILLS} kills)`, async () => {
    const dir = makeProject();
    // A source change that makes extract rewrite the catalogs of every locale.
    const md = path.join(dir, 'source/statement.md');
    fs.writeFileSync(
      md,
      read(dir, 'source/statement.md')
        .replace('25 children lost both parents.', '25 children lost both parents. A sentence added.')
        .replace(/\n\nThe world community and relevant[^\n]*\n/, '\n'),
    );
    const locales = path.join(dir, 'locales');
    const before = snapshot(locales);
    expect((await runCli(['extract'], dir)).code).toBe(0);
    const after = snapshot(locales);
    expect(after).not.toEqual(before);
    restore(locales, before);
    const duration = await durationOf(['extract'], dir);
    let killedMidway = 0;
    for (let i = 0; i < KILLS; i++) {
      restore(locales, before);
      const r = await runAndKill(['extract'], dir, killTime(duration));
      if (r.killed) killedMidway++;
      expectBeforeOrAfter(locales, before, after);
    }
    expect(killedMidway).toBeGreaterThan(KILLS / 3);
  }, 300_000);
});

describe('kill -9 during import', () => {
  it(`leaves every catalog as before or after (${KILLS} kills)`, async () => {
    const dir = makeProject();
    const po = path.join(dir, 'fr.po');
    const exported = await runCli(['export', '--format', 'po', '--locale', 'fr'], dir);
    expect(exported.code).toBe(0);
    fs.writeFileSync(po, exported.stdout.replace(/msgstr "Déclaration"/, 'msgstr "Déclaration officielle"'));
    const locales = path.join(dir, 'locales');
    const before = snapshot(locales);
    expect((await runCli(['import', po], dir)).code).toBe(0);
    const after = snapshot(locales);
    expect(after).not.toEqual(before);
    restore(locales, before);
    const duration = await durationOf(['import', po], dir);
    let killedMidway = 0;
    for (let i = 0; i < KILLS; i++) {
      restore(locales, before);
      if ((await runAndKill(['import', po], dir, killTime(duration))).killed) killedMidway++;
      expectBeforeOrAfter(locales, before, after);
    }
    expect(killedMidway).toBeGreaterThan(KILLS / 3);
  }, 300_000);
});

/** dist/ is complete: its manifest lists files that all exist, and its HTML is whole. */
function completeBuild(dir: string): string {
  const dist = path.join(dir, 'dist');
  const manifestText = fs.readFileSync(path.join(dist, 'manifest.json'), 'utf8');
  const manifest = JSON.parse(manifestText) as {
    editions: Array<{ html: string; pdf: string | null; sha256: string | null }>;
    letters: Array<{ html: string }>;
  };
  for (const d of [...manifest.editions, ...manifest.letters]) {
    const html = fs.readFileSync(path.join(dist, d.html), 'utf8');
    expect(html.trimEnd().endsWith('</html>'), d.html).toBe(true);
  }
  for (const e of manifest.editions)
    if (e.pdf)
      expect(
        createHash('sha256')
          .update(fs.readFileSync(path.join(dist, e.pdf)))
          .digest('hex'),
      ).toBe(e.sha256);
  return createHash('sha256').update(manifestText).digest('hex');
}

describe('kill -9 during build', () => {
  it(`leaves dist/ the old or the new complete build (${KILLS} kills)`, async () => {
    const dir = makeProject();
    expect((await runCli(['build', '--format', 'html'], dir)).code).toBe(0);
    const old = completeBuild(dir);
    // Change a translation so that the new build differs.
    const file = path.join(dir, 'locales/fr/statement.json');
    const cat = JSON.parse(read(dir, 'locales/fr/statement.json'));
    cat.title = 'Déclaration officielle';
    fs.writeFileSync(file, JSON.stringify(cat, null, 2));
    // The build in dist/ after each kill, in order: once the new one is in place a killed rebuild never brings back the old.
    const seen: Array<'old' | 'new'> = [];
    const duration = await durationOf(['build', '--format', 'html', '--force', '--out', 'timing'], dir);
    let killedMidway = 0;
    for (let i = 0; i < KILLS; i++) {
      if ((await runAndKill(['build', '--format', 'html', '--force'], dir, killTime(duration))).killed) killedMidway++;
      const now = completeBuild(dir);
      seen.push(now === old ? 'old' : 'new');
      if (now !== old) {
        expect(read(dir, 'dist/site/fr/index.html')).toContain('Déclaration officielle');
      }
    }
    // Killed runs leave no half-made build lying around after the next good one.
    expect((await runCli(['build', '--format', 'html'], dir)).code).toBe(0);
    const builds = fs.readdirSync(path.join(dir, '.dist-builds'));
    expect(builds).toHaveLength(1);
    expect(seen.join(' '), 'old, then new, never old again').toMatch(/^(old ?)*(new ?)*$/);
    expect(completeBuild(dir)).not.toBe(old);
    expect(killedMidway).toBeGreaterThan(KILLS / 3);
  }, 300_000);

  it('a build waits while another process holds dist.lock, writes nothing meanwhile, then builds', async () => {
    const dir = makeProject();
    const holder = await holdLock(path.join(dir, 'dist'));
    // A long wait allowed, so that a loaded machine does not turn the wait into a refusal.
    const building = runProcess(['build', '--format', 'html'], dir, { STATEMENT_LOCK_WAIT_MS: '60000' });
    // The build is inside acquireLock once its draft lock file (dist.lock.new-…) exists: it is waiting.
    await until(() => building.exited || fs.readdirSync(dir).some((f) => f.startsWith('dist.lock.new-')), 60_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(building.exited, 'the build ended while the lock was held').toBe(false);
    expect(fs.existsSync(path.join(dir, '.dist-builds')), 'no staging folder while waiting').toBe(false);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    await holder.release();
    const r = await building.done;
    expect(r.code, r.err).toBe(0);
    completeBuild(dir);
    expect(fs.existsSync(path.join(dir, 'dist.lock'))).toBe(false);
  }, 120_000);

  it('two builds at once: each builds or is refused (exit 2, naming the other), neither corrupts dist/', async () => {
    const dir = makeProject();
    const runs = await Promise.all(
      [0, 1].map(
        () =>
          new Promise<number>((resolve) => {
            const child = spawn(process.execPath, [bin, 'build', '--format', 'html'], {
              cwd: dir,
              stdio: ['ignore', 'ignore', 'pipe'],
            });
            let err = '';
            child.stderr.on('data', (d) => (err += d));
            child.on('exit', (code) => {
              if (code === 2) expect(err).toMatch(/another build \(pid \d+, since [^)]+\) is writing dist\//);
              resolve(code ?? -1);
            });
          }),
      ),
    );
    expect(runs).toContain(0);
    for (const code of runs) expect([0, 2]).toContain(code);
    completeBuild(dir);
  }, 120_000);
});
