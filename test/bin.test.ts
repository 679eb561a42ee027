/**
 * The command as users run it: `bin/statement.js`, which loads the bundle
 * that `prepare` writes into lib/bundle/. The other tests run the
 * TypeScript sources in process; these make sure the shipped bundle does
 * the same work (its lint worker, its lazily loaded chunks, the packages
 * it leaves out and loads from node_modules: puppeteer, pdf-lib,
 * dictionary-en).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeProject, runBin, runCli, read, repo } from './helpers.js';
import { bigStatement } from '../tools/bench.js';

describe('bin/statement.js (the bundled CLI)', () => {
  let dir: string;
  const made: string[] = [];
  const project = () => {
    const d = makeProject();
    made.push(d);
    return d;
  };
  beforeAll(() => {
    dir = project();
  });
  afterAll(() => {
    for (const d of made) fs.rmSync(d, { recursive: true, force: true });
  });

  it('runs from lib/bundle/ and answers --help and --version', () => {
    expect(fs.readFileSync(path.join(repo, 'bin', 'statement.js'), 'utf8')).toContain('../lib/bundle/main.js');
    const help = runBin(['--help'], dir);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: statement <command>');
    expect(runBin(['--version'], dir).stdout.trim()).toBe(
      `statement ${JSON.parse(read(repo, 'package.json')).version}`,
    );
  });

  it('gives the same status --json as the sources', async () => {
    const shipped = runBin(['status', '--json'], dir);
    expect(shipped.code).toBe(0);
    expect(JSON.parse(shipped.stdout)).toEqual(JSON.parse((await runCli(['status', '--json'], dir)).stdout));
  });

  it('extract --check finds the catalogs current; lint runs its spelling dictionary', () => {
    expect(runBin(['extract', '--check'], dir).code).toBe(0);
    expect(runBin(['lint'], dir).code).toBe(0);
    // dictionary-en is loaded from node_modules: a misspelling is found (in a project of its own).
    const other = project();
    fs.writeFileSync(
      path.join(other, 'source', 'statement.md'),
      read(other, 'source/statement.md').replace('30 years have passed', '30 yeers have passed'),
    );
    expect(runBin(['lint'], other).stdout).toContain('yeers');
  });

  it('builds HTML editions with lint in its worker thread, and the same files as the sources', async () => {
    const shipped = runBin(['build', '--only', 'editions', '--format', 'html', '--out', 'shipped'], dir);
    expect(shipped.code, shipped.stderr).toBe(0);
    expect(shipped.stderr).not.toContain('lint failed');
    expect(JSON.parse(read(dir, 'shipped/lint.json')).findings.length).toBeGreaterThan(0);
    expect((await runCli(['build', '--only', 'editions', '--format', 'html', '--out', 'sources'], dir)).code).toBe(0);
    for (const l of ['en', 'ar', 'zh'])
      expect(read(dir, `shipped/site/${l}/index.html`)).toBe(read(dir, `sources/site/${l}/index.html`));
  });

  it('exports and imports a PO file', () => {
    const po = path.join(dir, 'fr.po');
    expect(runBin(['export', '--format', 'po', '--locale', 'fr', '--out', po], dir).code).toBe(0);
    expect(read(dir, 'fr.po')).toContain('msgctxt');
    const back = runBin(['import', po], dir);
    expect(back.code, back.stderr).toBe(0);
  });

  it('writes all of a long output to a pipe that is read only later', async () => {
    // A statement twelve times as long: its XLIFF is far beyond what a pipe holds (64 KiB).
    const long = project();
    fs.writeFileSync(path.join(long, 'source', 'statement.md'), bigStatement(read(long, 'source/statement.md'), 12));
    expect(runBin(['extract'], long).code).toBe(0);
    const expected = (await runCli(['export', '--format', 'xliff', '--locale', 'fr'], long)).stdout;
    expect(Buffer.byteLength(expected)).toBeGreaterThan(2 * 65536);
    // The reader of the pipe starts a second late: the command must not exit before its output is through.
    const bin = path.join(repo, 'bin', 'statement.js');
    const piped = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" "${bin}" export --format xliff --locale fr | (sleep 1; cat > late.xlf)`],
      { cwd: long, encoding: 'utf8' },
    );
    expect(piped.status).toBe(0);
    expect(read(long, 'late.xlf')).toBe(expected);
  });

  it('prints a PDF edition through puppeteer and pdf-lib', () => {
    const r = runBin(['build', '--only', 'editions', '--format', 'pdf', '--locale', 'fr', '--out', 'pdf'], dir);
    expect(r.code, r.stderr).toBe(0);
    const info = spawnSync('pdfinfo', [path.join(dir, 'pdf', 'site', 'fr', 'statement.pdf')], { encoding: 'utf8' });
    expect(info.stdout).toMatch(/Pages:\s+[1-9]/);
  }, 120_000);
});
