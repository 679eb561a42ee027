/**
 * `send-list.csv` as a spreadsheet reads it: a UTF-8 BOM so Excel opened by
 * a double-click does not show Arabic and Chinese names as mojibake, none
 * when a script asks, formulas neutralised, phone numbers left as numbers.
 */
import { describe, test, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { sendListCsv } from '../pipeline/build/sendList.js';
import { makeProject, runCli } from './helpers.js';

const letter = (over: Partial<Parameters<typeof sendListCsv>[0][number]>) => ({
  addressee: 'x',
  name: 'X',
  locale: 'en',
  reason: 'first working language',
  pdf: 'letters/x.en.pdf',
  html: 'letters/x.en.html',
  sha256: 'ab',
  pages: 1,
  ...over,
});

describe('send-list.csv in a spreadsheet', () => {
  test('starts with a UTF-8 BOM by default, and with none when asked', () => {
    const rows = [letter({ name: 'المفوض السامي' }), letter({ name: '联合国' })];
    const withBom = Buffer.from(sendListCsv(rows));
    expect([...withBom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(withBom.subarray(3).toString('utf8')).toContain('المفوض السامي');
    const plain = sendListCsv(rows, { bom: false });
    expect(plain.startsWith('addressee,name,')).toBe(true);
  });

  test('a phone number +994 12 … stays a number; formulas are neutralised', () => {
    const csv = sendListCsv(
      [
        letter({ addressee: 'a', contact: '+994 12 498 23 64' }),
        letter({ addressee: 'b', contact: '+HYPERLINK("http://x")' }),
        letter({ addressee: 'c', name: '=1+1' }),
        letter({ addressee: 'd', contact: '-2+3' }),
        letter({ addressee: 'e', contact: '@SUM(A1)' }),
      ],
      { bom: false },
    );
    const lines = csv.trim().split('\n');
    expect(lines[1].endsWith(',+994 12 498 23 64')).toBe(true);
    expect(lines[2]).toContain(`"'+HYPERLINK(""http://x"")"`);
    expect(lines[3]).toContain(",'=1+1,");
    expect(lines[4].endsWith(",'-2+3")).toBe(true);
    expect(lines[5].endsWith(",'@SUM(A1)")).toBe(true);
  });

  test('build writes the BOM; build --no-csv-bom writes none', async () => {
    const dir = makeProject();
    const first = await runCli(['build', '--only', 'letters', '--format', 'html'], dir);
    expect(first.code, first.stderr).toBe(0);
    const bytes = fs.readFileSync(path.join(dir, 'dist', 'send-list.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const second = await runCli(['build', '--only', 'letters', '--format', 'html', '--no-csv-bom'], dir);
    expect(second.code, second.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'dist', 'send-list.csv'), 'utf8').startsWith('addressee,')).toBe(true);
  }, 120_000);
});
