/**
 * The manifest and SHA256SUMS as an archivist checks them: `sha256sum -c`
 * inside dist/ (and inside a release) passes for every file, the manifest's
 * hashes are of the files' bytes (what sha256sum prints), it names no file
 * that does not exist, and `verify` agrees.
 */
import { describe, test, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { makeProject, runCli, filesUnder } from './helpers.js';
import { release } from '../pipeline/release/release.js';

const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('checksums of dist/ and the inputs', () => {
  test('sha256sum -c SHA256SUMS passes in dist/ for every file; the manifest hashes the bytes of every file and input', async () => {
    const dir = makeProject();
    const r = await runCli(['build', '--format', 'html'], dir);
    expect(r.code, r.stderr).toBe(0);
    const dist = fs.realpathSync(path.join(dir, 'dist'));
    const check = spawnSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: dist, encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const listed = fs
      .readFileSync(path.join(dist, 'SHA256SUMS'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.slice(66));
    expect(listed).toEqual(filesUnder(dist).filter((f) => f !== 'SHA256SUMS'));
    for (const must of ['manifest.json', 'lint.json', 'send-list.csv', 'index.html', 'site/fr/index.html'])
      expect(listed).toContain(must);
    expect(listed.some((f) => f.startsWith('assets/') && f.endsWith('.css'))).toBe(true);
    expect(listed.some((f) => f.startsWith('assets/') && f.endsWith('.woff2'))).toBe(true);

    const manifest = JSON.parse(fs.readFileSync(path.join(dist, 'manifest.json'), 'utf8'));
    expect(manifest.source.sha256).toBe(sha(path.join(dir, 'source/statement.md')));
    expect(Object.keys(manifest.catalogs)).not.toContain('en/state.json');
    expect(Object.keys(manifest.catalogs).length).toBeGreaterThan(20);
    for (const [p, h] of Object.entries(manifest.catalogs)) expect(h, p).toBe(sha(path.join(dir, 'locales', p)));
    const inputs = ['source', 'templates', 'locales'].flatMap((part) =>
      filesUnder(path.join(dir, part)).map((f) => `${part}/${f}`),
    );
    expect(Object.keys(manifest.inputs)).toEqual(inputs);
    for (const [p, h] of Object.entries(manifest.inputs)) expect(h, p).toBe(sha(path.join(dir, p)));
    expect(Object.keys(manifest.files)).toEqual(listed.filter((f) => f !== 'manifest.json'));
    for (const [p, h] of Object.entries(manifest.files)) expect(h, p).toBe(sha(path.join(dist, p)));
  }, 120_000);

  test('a release holds a SHA256SUMS that sha256sum -c and verify agree on', async () => {
    const dir = makeProject();
    const result = await release({ root: dir, allowDraft: true, pdf: false });
    expect(result.status).toBe('released');
    const folder = (result as { dir: string }).dir;
    const check = spawnSync('sha256sum', ['-c', '--strict', 'SHA256SUMS'], { cwd: folder, encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const verified = await runCli(['verify', folder], dir);
    expect(verified.code, verified.stderr).toBe(0);
    const letter = fs
      .readFileSync(path.join(folder, 'SHA256SUMS'), 'utf8')
      .split('\n')
      .find((l) => l.includes('letters/'))!
      .slice(66);
    fs.appendFileSync(path.join(folder, letter), ' ');
    expect(spawnSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: folder }).status).not.toBe(0);
    const after = await runCli(['verify', folder], dir);
    expect(after.code).toBe(1);
    expect(after.stderr + after.stdout).toContain(letter);
  }, 120_000);
});
