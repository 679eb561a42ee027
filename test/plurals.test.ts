/**
 * Counted strings as i18next plurals (`_one`, `_few`, `_many`, `_other`
 * from Intl.PluralRules): each locale translates its own categories, and a
 * Russian pending notice with count 1, 3 and 9 uses the right forms.
 */
import { describe, test, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createTranslator } from '../pipeline/localize.js';
import { localeSources, pluralCategories } from '../pipeline/plurals.js';
import { makeProject, repo, runCli } from './helpers.js';

const json = (file: string) => JSON.parse(fs.readFileSync(path.join(repo, file), 'utf8'));

describe('plural forms', () => {
  test('a Russian pending notice with count 1, 3 and 9 uses the one, few and many forms', () => {
    const t = createTranslator('ru', 'en', { statement: {}, letter: json('locales/ru/letter.json'), addressees: {} }, json('templates/strings.json'));
    expect(t.string('pending-notice', { count: 1, total: 9 }).text).toMatch(/^1 из 9 фрагментов .* не переведён; он /);
    expect(t.string('pending-notice', { count: 3, total: 9 }).text).toMatch(/^3 из 9 фрагментов .* не переведены; они /);
    expect(t.string('pending-notice', { count: 9, total: 9 }).text).toMatch(/^9 из 9 фрагментов .* не переведены; они /);
    expect(t.string('pending-notice', { count: 21, total: 99 }).text).toMatch(/не переведён/);
    const en = createTranslator('en', 'en', { statement: {}, letter: json('locales/en/letter.json'), addressees: {} }, json('templates/strings.json'));
    expect(en.string('pending-notice', { count: 1, total: 9 }).text).toMatch(/^1 of 9 passages of this edition is not yet translated; it is/);
    expect(en.string('pending-notice', { count: 3, total: 9 }).text).toMatch(/^3 of 9 passages of this edition are not/);
  });

  test("every locale's letter.json has exactly its own plural categories of each counted string, every figure kept", () => {
    const strings = json('templates/strings.json');
    const { locales } = { locales: fs.readdirSync(path.join(repo, 'locales')) };
    for (const l of locales) {
      const letter = json(`locales/${l}/letter.json`);
      const keys = Object.keys(letter).filter((k) => k.startsWith('pending-notice'));
      expect(keys, l).toEqual(pluralCategories(l).map((c) => `pending-notice_${c}`));
      for (const k of keys) expect(letter[k], `${l} ${k}`).toMatch(/\{\{count\}\}.*\{\{total\}\}|\{\{total\}\}.*\{\{count\}\}/);
      expect(Object.keys(localeSources({ statement: {}, letter: strings, addressees: {} }, l).letter)).toEqual(Object.keys(letter));
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
