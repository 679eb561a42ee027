/**
 * Review proofs as the Nu HTML Checker reads them, warnings included: no
 * "Section lacks heading" (one per row before), no error.
 */
import { describe, test, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { makeProject, runCli } from './helpers.js';

const require = createRequire(import.meta.url);
const java = spawnSync('sh', ['-c', 'command -v java']).status === 0;

describe.skipIf(!java)('review proofs in the Nu HTML Checker', () => {
  test('no "Section lacks heading" warning and no error, in any locale', async () => {
    const dir = makeProject();
    const r = await runCli(['build', '--format', 'html', '--only', 'editions'], dir);
    expect(r.code, r.stderr).toBe(0);
    const review = path.join(dir, 'dist', 'review');
    const files = fs
      .readdirSync(review)
      .filter((f) => f.endsWith('.html'))
      .map((f) => path.join(review, f));
    expect(files.length).toBe(6);
    const nu = spawnSync(
      'java',
      ['-jar', require.resolve('vnu-jar/build/dist/vnu.jar'), '--format', 'json', ...files],
      { encoding: 'utf8' },
    );
    const messages = JSON.parse(nu.stderr || nu.stdout).messages as Array<{
      type: string;
      subType?: string;
      message: string;
    }>;
    expect(messages.filter((m) => /Section lacks heading/.test(m.message))).toEqual([]);
    expect(messages.filter((m) => m.type === 'error')).toEqual([]);
  }, 180_000);
});
