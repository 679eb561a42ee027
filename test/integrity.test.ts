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
    if (file.endsWith('.json')) expect(() => JSON.parse(Buffer.from(content, 'base64').toString('utf8')), file).not.toThrow();
  }
  for (const file of before.keys()) if (after.has(file)) expect(now.has(file), `${file} lost`).toBe(true);
}

describe('kill -9 during extract', () => {
  it(`leaves every catalog as before or after (${KILLS} kills)`, async () => {
    const dir = makeProject();
    // A source change that makes extract rewrite the catalogs of every locale.
    const md = path.join(dir, 'source/statement.md');
    fs.writeFileSync(md, read(dir, 'source/statement.md').replace('25 children lost both parents.', '25 children lost both parents. A sentence added.').replace(/\n\nThe world community and relevant[^\n]*\n/, '\n'));
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
  const manifest = JSON.parse(manifestText) as { editions: Array<{ html: string; pdf: string | null; sha256: string | null }>; letters: Array<{ html: string }> };
  for (const d of [...manifest.editions, ...manifest.letters]) {
    const html = fs.readFileSync(path.join(dist, d.html), 'utf8');
    expect(html.trimEnd().endsWith('</html>'), d.html).toBe(true);
  }
  for (const e of manifest.editions) if (e.pdf) expect(createHash('sha256').update(fs.readFileSync(path.join(dist, e.pdf))).digest('hex')).toBe(e.sha256);
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
    const seen = new Set<string>();
    const duration = await durationOf(['build', '--format', 'html', '--force', '--out', 'timing'], dir);
    let killedMidway = 0;
    for (let i = 0; i < KILLS; i++) {
      if ((await runAndKill(['build', '--format', 'html', '--force'], dir, killTime(duration))).killed) killedMidway++;
      const now = completeBuild(dir);
      seen.add(now === old ? 'old' : 'new');
      if (now !== old) {
        expect(read(dir, 'dist/site/fr/index.html')).toContain('Déclaration officielle');
      }
    }
    // Killed runs leave no half-made build lying around after the next good one.
    expect((await runCli(['build', '--format', 'html'], dir)).code).toBe(0);
    const builds = fs.readdirSync(path.join(dir, '.dist-builds'));
    expect(builds).toHaveLength(1);
    expect(seen.size).toBeGreaterThan(0);
    expect(killedMidway).toBeGreaterThan(KILLS / 3);
  }, 300_000);

  it('two builds at once: one waits its turn or is refused, neither corrupts dist/', async () => {
    const dir = makeProject();
    const runs = await Promise.all([0, 1].map(() => new Promise<number>((resolve) => {
      const child = spawn(process.execPath, [bin, 'build', '--format', 'html'], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d) => (err += d));
      child.on('exit', (code) => {
        if (code === 2) expect(err).toMatch(/another build \(pid \d+, since [^)]+\) is writing dist\//);
        resolve(code ?? -1);
      });
    })));
    expect(runs).toContain(0);
    for (const code of runs) expect([0, 2]).toContain(code);
    completeBuild(dir);
  }, 120_000);
});
