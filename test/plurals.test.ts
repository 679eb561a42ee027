/**
 * Counted strings as i18next plurals (`_one`, `_few`, `_many`, `_other`
 * from Intl.PluralRules): each locale translates its own categories, and a
 * Russian pending notice with count 1, 3 and 9 uses the right forms.
 */
import { describe, test, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createTranslator } from '../pipeline/render/localize.js';
import { localeSources, pluralCategories } from '../pipeline/catalog/plurals.js';
import { makeProject, repo, runCli } from './helpers.js';

const json = (file: string) => JSON.parse(fs.readFileSync(path.join(repo, file), 'utf8'));

describe('plural forms', () => {
  test('a Russian pending notice with count 1, 3 and 9 uses the one, few and many forms', () => {
    const t = createTranslator(
      'ru',
      'en',
      { statement: {}, letter: json('locales/ru/letter.json'), addressees: {} },
      json('templates/strings.json'),
    );
    expect(t.string('pending-notice', { count: 1, total: 9 }).text).toMatch(/^1 из 9 фрагментов .* не переведён; он /);
    expect(t.string('pending-notice', { count: 3, total: 9 }).text).toMatch(
      /^3 из 9 фрагментов .* не переведены; они /,
    );
    expect(t.string('pending-notice', { count: 9, total: 9 }).text).toMatch(
      /^9 из 9 фрагментов .* не переведены; они /,
    );
    expect(t.string('pending-notice', { count: 21, total: 99 }).text).toMatch(/не переведён/);
    const en = createTranslator(
      'en',
      'en',
      { statement: {}, letter: json('locales/en/letter.json'), addressees: {} },
      json('templates/strings.json'),
    );
    expect(en.string('pending-notice', { count: 1, total: 9 }).text).toMatch(
      /^1 of 9 passages of this edition is not yet translated; it is/,
    );
    expect(en.string('pending-notice', { count: 3, total: 9 }).text).toMatch(
      /^3 of 9 passages of this edition are not/,
    );
  });

  test("every locale's letter.json has exactly its own plural categories of each counted string, every figure kept", () => {
    const strings = json('templates/strings.json');
    const { locales } = { locales: fs.readdirSync(path.join(repo, 'locales')) };
    for (const l of locales) {
      const letter = json(`locales/${l}/letter.json`);
      const keys = Object.keys(letter).filter((k) => k.startsWith('pending-notice'));
      expect(keys, l).toEqual(pluralCategories(l).map((c) => `pending-notice_${c}`));
      for (const k of keys)
        expect(letter[k], `${l} ${k}`).toMatch(/\{\{count\}\}.*\{\{total\}\}|\{\{total\}\}.*\{\{count\}\}/);
      expect(Object.keys(localeSources({ statement: {}, letter: strings, addressees: {} }, l).letter)).toEqual(
        Object.keys(letter),
      );
    }
  });

  test('status counts the Russian plural forms as keys of their own, none missing; a missing form is reported missing', async () => {
    const dir = makeProject();
    const ok = await runCli(['status', '--json', '--locale', 'ru'], dir);
    const ru = JSON.parse(ok.stdout).locales.ru;
    expect(ru.missing).toBe(0);
    const letter = JSON.parse(fs.readFileSync(path.join(dir, 'locales/ru/letter.json'), 'utf8'));
    letter['pending-notice_few'] = '';
    fs.writeFileSync(path.join(dir, 'locales/ru/letter.json'), `${JSON.stringify(letter, null, 2)}\n`);
    const r = await runCli(['status', '--json', '--locale', 'ru'], dir);
    expect(JSON.parse(r.stdout).locales.ru.missing).toBe(1);
  });
});

describe('plural forms in PO', () => {
  test("PO export writes msgid_plural / msgstr[n] with the locale's Plural-Forms; msgfmt -c accepts it; an edited form imports into its key", async () => {
    const dir = makeProject();
    const r = await runCli(['export', '--format', 'po', '--locale', 'ru', '--out', 'ru.po'], dir);
    expect(r.code, r.stderr).toBe(0);
    const po = fs.readFileSync(path.join(dir, 'ru.po'), 'utf8');
    expect(po).toMatch(/"Plural-Forms: nplurals=3; plural=\(n%10==1/);
    const entry = po.split('\n\n').find((e) => e.includes('msgctxt "letter:pending-notice"'))!;
    expect(entry).toMatch(
      /msgid_plural ""\n"\{\{count\}\} of \{\{total\}\} passages of this edition are not yet translated/,
    );
    expect(entry.match(/^msgstr\[\d\]/gm)).toEqual(['msgstr[0]', 'msgstr[1]', 'msgstr[2]']);
    const { spawnSync } = await import('node:child_process');
    expect(spawnSync('msgfmt', ['-c', '-o', '/dev/null', 'ru.po'], { cwd: dir }).status).toBe(0);
    const few = json('locales/ru/letter.json')['pending-notice_few'] as string;
    const edited = po.replace(
      entry,
      entry.replace(
        /msgstr\[1\] ""\n(?:"[^\n]*"\n?)+/,
        'msgstr[1] "{{count}} из {{total}} фрагментов пока не переведены; они даны на языке оригинала."\n',
      ),
    );
    expect(edited).not.toBe(po);
    fs.writeFileSync(path.join(dir, 'edited.po'), edited);
    const imported = await runCli(['import', 'edited.po'], dir);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/1 updated as drafts \(letter:pending-notice_few\)/);
    const letter = JSON.parse(fs.readFileSync(path.join(dir, 'locales/ru/letter.json'), 'utf8'));
    expect(letter['pending-notice_few']).toBe(
      '{{count}} из {{total}} фрагментов пока не переведены; они даны на языке оригинала.',
    );
    expect(letter['pending-notice_few']).not.toBe(few);
    expect(letter['pending-notice_one']).toBe(json('locales/ru/letter.json')['pending-notice_one']);
  });

  test('a stale PO entry gives its old source as #| msgctxt with #| msgid', async () => {
    const dir = makeProject();
    const key = Object.keys(json('locales/fr/statement.json')).find((k) => k.startsWith('p-'))!;
    const source = json('locales/en/statement.json')[key] as string;
    fs.writeFileSync(
      path.join(dir, 'source/statement.md'),
      fs
        .readFileSync(path.join(dir, 'source/statement.md'), 'utf8')
        .replace(source, `${source.slice(0, -1)} (edited).`),
    );
    expect((await runCli(['extract'], dir)).code).toBe(0);
    const r = await runCli(['export', '--format', 'po', '--locale', 'fr', '--only', 'stale'], dir);
    expect(r.stdout).toContain(`#| msgctxt "${key}"\n#| msgid "${source.slice(0, 20)}`);
  });
});

describe('plural forms in XLIFF', () => {
  test('XLIFF 2.0 and 1.2 keep a plural group as a <group> of its forms, valid against the schemas, and read back unchanged', async () => {
    const dir = makeProject();
    const { spawnSync } = await import('node:child_process');
    for (const [format, schema, open] of [
      [
        'xliff',
        'xliff20/xliff_core_2.0.xsd',
        '<group id="pending-notice" name="pending-notice" type="x-i18next:plural">',
      ],
      [
        'xliff12',
        'xliff12/strict-local.xsd',
        '<group id="pending-notice" resname="pending-notice" restype="x-gettext-plurals">',
      ],
    ]) {
      const r = await runCli(['export', '--format', format, '--locale', 'ru', '--out', `ru.${format}`], dir);
      expect(r.code, r.stderr).toBe(0);
      const xlf = fs.readFileSync(path.join(dir, `ru.${format}`), 'utf8');
      const group = xlf.slice(xlf.indexOf(open), xlf.indexOf('</group>', xlf.indexOf(open)));
      expect(group.length).toBeGreaterThan(open.length);
      expect([...group.matchAll(/id="(pending-notice_\w+)"/g)].map((m) => m[1])).toEqual([
        'pending-notice_one',
        'pending-notice_few',
        'pending-notice_many',
        'pending-notice_other',
      ]);
      const lint = spawnSync(
        'xmllint',
        ['--noout', '--schema', path.join(repo, 'test/fixtures/schemas', schema), `ru.${format}`],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(lint.status, lint.stderr).toBe(0);
      const back = await runCli(['import', `ru.${format}`], dir);
      expect(back.stderr).toMatch(/nothing written/);
    }
  });
});
