/**
 * Exchange files through the tools translators and archivists run:
 * xmllint with the OASIS XLIFF 2.0 and 1.2 schemas (test/fixtures/schemas),
 * msgfmt -c, msgcat, Translate Toolkit's XLIFF 1.2 load/save. Address line
 * breaks and every state survive each round trip; an unchanged unit keeps
 * its approval (and a stale one stays stale) whatever the tool did to its
 * state; an empty export validates.
 */
import { describe, test, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { makeProject, snapshot, read, runCli, repo } from './helpers.js';

const schemas = path.join(repo, 'test/fixtures/schemas');
const xsd = {
  xliff: path.join(schemas, 'xliff20/xliff_core_2.0.xsd'),
  xliff12: path.join(schemas, 'xliff12/strict-local.xsd'),
};
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
// Translate Toolkit is a Debian package for the system Python.
const toolkit = spawnSync('/usr/bin/python3', ['-c', 'import translate.storage.xliff']).status === 0;

const readJson = (dir: string, file: string) => JSON.parse(read(dir, file));
const locales = (dir: string) => snapshot(path.join(dir, 'locales'));

async function exportFile(dir: string, format: string, file: string, extra: string[] = []): Promise<string> {
  const r = await runCli(['export', '--format', format, '--locale', 'fr', '--out', file, ...extra], dir);
  expect(r.code, r.stderr).toBe(0);
  return read(dir, file);
}

function tool(cmd: string, args: string[], cwd: string): { code: number; out: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

/** Approves the first paragraph and turns the second stale (source edited, translation kept). */
async function approvedAndStale(dir: string): Promise<{ approved: string; stale: string }> {
  const keys = Object.keys(readJson(dir, 'locales/fr/statement.json')).filter((k) => k.startsWith('p-'));
  const [approved, stale] = keys;
  expect((await runCli(['approve', '--locale', 'fr', '--key', approved, '--by', 'A. Reviewer'], dir)).code).toBe(0);
  expect((await runCli(['extract'], dir)).code).toBe(0);
  const source = readJson(dir, 'locales/en/statement.json')[stale] as string;
  fs.writeFileSync(
    path.join(dir, 'source/statement.md'),
    read(dir, 'source/statement.md').replace(source, `${source.slice(0, -1)} (edited).`),
  );
  expect((await runCli(['extract'], dir)).code).toBe(0);
  return { approved, stale };
}

async function statusOf(dir: string, key: string): Promise<string> {
  const r = await runCli(['status', '--json', '--locale', 'fr'], dir);
  const state = readJson(dir, 'locales/fr/state.json').entries.statement[key];
  const catalog = readJson(dir, 'locales/fr/statement.json')[key];
  const source = readJson(dir, 'locales/en/statement.json')[key];
  expect(r.code === 0 || r.code === 1).toBe(true);
  if (state?.source !== source) return 'stale';
  return catalog && state?.status === 'approved' ? 'approved' : 'draft';
}

describe.skipIf(!has('xmllint'))('XLIFF against the OASIS schemas (xmllint)', () => {
  test('full exports validate: 2.0 against xliff_core_2.0.xsd, 1.2 against the strict XSD', async () => {
    const dir = makeProject();
    await exportFile(dir, 'xliff', 'fr.xlf');
    await exportFile(dir, 'xliff12', 'fr12.xlf');
    for (const [file, schema] of [
      ['fr.xlf', xsd.xliff],
      ['fr12.xlf', xsd.xliff12],
    ]) {
      const r = tool('xmllint', ['--noout', '--schema', schema, file], dir);
      expect(r.code, r.out).toBe(0);
    }
  });

  test('an export with nothing to export (--only missing,stale when all is done) is a valid file in every format', async () => {
    const dir = makeProject();
    const two = await exportFile(dir, 'xliff', 'empty.xlf', ['--only', 'missing,stale']);
    const twelve = await exportFile(dir, 'xliff12', 'empty12.xlf', ['--only', 'missing,stale']);
    expect(two.match(/<file /g)).toHaveLength(3);
    expect(two).not.toContain('<unit');
    expect(twelve.match(/<file /g)).toHaveLength(3);
    for (const [file, schema] of [
      ['empty.xlf', xsd.xliff],
      ['empty12.xlf', xsd.xliff12],
    ]) {
      const r = tool('xmllint', ['--noout', '--schema', schema, file], dir);
      expect(r.code, r.out).toBe(0);
    }
    await exportFile(dir, 'po', 'empty.po', ['--only', 'missing,stale']);
    if (has('msgfmt')) expect(tool('msgfmt', ['-c', '-o', '/dev/null', 'empty.po'], dir).code).toBe(0);
    const before = locales(dir);
    for (const f of ['empty.xlf', 'empty12.xlf', 'empty.po']) {
      const r = await runCli(['import', f], dir);
      expect(r.code, r.stderr).toBe(0);
    }
    expect(locales(dir)).toEqual(before);
  });
});

describe('address line breaks survive', () => {
  test('multi-line units carry xml:space="preserve" in both XLIFF versions', async () => {
    const dir = makeProject();
    const two = await exportFile(dir, 'xliff', 'fr.xlf');
    const twelve = await exportFile(dir, 'xliff12', 'fr12.xlf');
    expect(two).toMatch(/<unit id="ohchr--address" xml:space="preserve">/);
    expect(twelve).toMatch(/<trans-unit [^>]*resname="ohchr--address"[^>]*xml:space="preserve"/);
    expect(two).not.toMatch(/<unit id="title"[^>]*xml:space/);
  });

  test.skipIf(!toolkit)(
    "through Translate Toolkit's XLIFF 1.2 load and save, the address keeps its lines and every state",
    async () => {
      const dir = makeProject();
      const { approved, stale } = await approvedAndStale(dir);
      await exportFile(dir, 'xliff12', 'fr12.xlf');
      const py =
        'import sys\nfrom translate.storage import xliff\ns = xliff.xlifffile.parsefile(sys.argv[1])\nopen(sys.argv[2], "wb").write(bytes(s))\n';
      const r = tool('/usr/bin/python3', ['-c', py, 'fr12.xlf', 'tt.xlf'], dir);
      expect(r.code, r.out).toBe(0);
      const before = locales(dir);
      const imported = await runCli(['import', 'tt.xlf'], dir);
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stderr).not.toMatch(/newlines/);
      expect(locales(dir)).toEqual(before);
      expect(readJson(dir, 'locales/fr/addressees.json')['ohchr--address'].split('\n')).toHaveLength(5);
      expect(await statusOf(dir, approved)).toBe('approved');
      expect(await statusOf(dir, stale)).toBe('stale');
    },
  );

  test('a translation whose line breaks a tool collapsed is a newlines error, not imported', async () => {
    const dir = makeProject();
    const xlf = await exportFile(dir, 'xliff', 'fr.xlf');
    const address = readJson(dir, 'locales/fr/addressees.json')['ohchr--address'] as string;
    const collapsed = xlf.replace(`<target>${address}</target>`, `<target>${address.replace(/\n/g, ' ')}</target>`);
    expect(collapsed).not.toBe(xlf);
    const before = locales(dir);
    fs.writeFileSync(path.join(dir, 'collapsed.xlf'), collapsed);
    const r = await runCli(['import', 'collapsed.xlf'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/fr addressees:ohchr--address: error newlines: the source has 5 lines, the translation 1/);
    expect(locales(dir)).toEqual(before);
  });
});

describe('a state a tool drops is not taken as a new state', () => {
  test.skipIf(!has('msgcat'))(
    'after msgcat (which drops the #, approved flag) approvals stay and stale stays stale',
    async () => {
      const dir = makeProject();
      const { approved, stale } = await approvedAndStale(dir);
      const po = await exportFile(dir, 'po', 'fr.po');
      expect(po).toMatch(/#, approved/);
      const r = tool('msgcat', ['--no-wrap', 'fr.po', '-o', 'cat.po'], dir);
      expect(r.code, r.out).toBe(0);
      // msgcat keeps fuzzy; a translator's tool that clears it without touching the text is the harder case.
      fs.writeFileSync(
        path.join(dir, 'cleared.po'),
        read(dir, 'cat.po')
          .replace(/^#, (approved|fuzzy)\n/gm, '')
          .replace(/^#, (approved|fuzzy), /gm, '#, '),
      );
      expect(read(dir, 'cleared.po')).not.toMatch(/^#,.*\b(approved|fuzzy)\b/m);
      if (has('msgfmt')) expect(tool('msgfmt', ['-c', '-o', '/dev/null', 'cleared.po'], dir).code).toBe(0);
      const before = locales(dir);
      for (const f of ['cat.po', 'cleared.po']) {
        const out = await runCli(['import', f], dir);
        expect(out.code, out.stderr).toBe(0);
        expect(locales(dir)).toEqual(before);
        expect(await statusOf(dir, approved)).toBe('approved');
        expect(await statusOf(dir, stale)).toBe('stale');
      }
      const last = await runCli(['import', 'cleared.po'], dir);
      expect(last.stderr).toMatch(new RegExp(`1 kept approved: the text is unchanged.*\\(${approved}\\)`));
      expect(last.stderr).toMatch(new RegExp(`1 kept stale: the text is unchanged.*\\(${stale}\\)`));
    },
  );

  test('an XLIFF 2.0 whose state attributes a tool dropped keeps every state; a changed text still becomes a draft', async () => {
    const dir = makeProject();
    const { approved, stale } = await approvedAndStale(dir);
    const xlf = await exportFile(dir, 'xliff', 'fr.xlf');
    fs.writeFileSync(path.join(dir, 'nostate.xlf'), xlf.replace(/ state="\w+"/g, ''));
    const before = locales(dir);
    const r = await runCli(['import', 'nostate.xlf'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(locales(dir)).toEqual(before);
    expect(await statusOf(dir, approved)).toBe('approved');
    expect(await statusOf(dir, stale)).toBe('stale');
    const text = readJson(dir, 'locales/fr/statement.json')[approved] as string;
    fs.writeFileSync(path.join(dir, 'edited.xlf'), xlf.replace(`<target>${text.slice(0, 30)}`, '<target>Texte revu, '));
    expect((await runCli(['import', 'edited.xlf'], dir)).code).toBe(0);
    expect(await statusOf(dir, approved)).toBe('draft');
  });
});

describe('what a translator sees and types', () => {
  test('waiver reasons are in the PO #. comments and the XLIFF notes', async () => {
    const dir = makeProject();
    const waiver = readJson(dir, 'locales/fr/state.json').waivers.find((w: { key: string }) => w.key === 'date-label');
    expect(waiver?.reason).toBeTruthy();
    const po = await exportFile(dir, 'po', 'fr.po');
    const entry = po.split('\n\n').find((e) => e.includes('msgctxt "letter:date-label"'))!;
    expect(entry).toContain(
      `#. check: warning identical: the translation is identical to the source (waived: ${waiver.reason})`,
    );
    for (const format of ['xliff', 'xliff12']) {
      const xlf = await exportFile(dir, format, `fr.${format}`);
      expect(xlf).toContain(
        `<note>check: warning identical: the translation is identical to the source (waived: ${waiver.reason})</note>`,
      );
    }
  });

  test('on XLIFF import a placeholder typed as plain text {{page}} instead of the inline code is accepted', async () => {
    const dir = makeProject();
    const xlf = await exportFile(dir, 'xliff', 'fr.xlf');
    const code = '<ph id="1" type="ui" subType="xlf:var" canDelete="no" disp="{{page}}"/>';
    const typed = xlf.replace(`<target>Page ${code} sur`, '<target>Page {{page}} sur');
    expect(typed).not.toBe(xlf);
    fs.writeFileSync(path.join(dir, 'typed.xlf'), typed);
    const before = locales(dir);
    const r = await runCli(['import', 'typed.xlf'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/missing from the target|markup/);
    expect(locales(dir)).toEqual(before);
    // Without the placeholder at all it is still reported.
    fs.writeFileSync(path.join(dir, 'lost.xlf'), xlf.replace(`<target>Page ${code} sur`, '<target>Page sur'));
    const lost = await runCli(['import', 'lost.xlf'], dir);
    expect(lost.stderr).toMatch(
      /letter:page: markup: inline code 1 \(\{\{page\}\}\) of the source is missing from the target/,
    );
  });
});
