/**
 * Exchange with translators' tools: `statement export` (XLIFF 2.0, XLIFF
 * 1.2, PO) and `statement import`, on throw-away copies of the project.
 */
import { describe, test, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import xliff2js from 'xliff/xliff2js';
import gettextParser from 'gettext-parser';
import { makeProject, snapshot, read, runCommand } from './helpers.js';
import { InputError } from '../pipeline/core/errors.js';
import { exportCommand } from '../pipeline/cli/commands/export.js';
import { importCommand } from '../pipeline/cli/commands/importCmd.js';
import { extractCommand } from '../pipeline/cli/commands/extract.js';
import { approveCommand } from '../pipeline/cli/commands/approve.js';
import type { Command } from '../pipeline/cli/commands/types.js';
import { loadWorkspace, statusesOf } from '../pipeline/catalog/workspace.js';
import { reportKey, type KeyStatus } from '../pipeline/catalog/status.js';
import { hashText } from '../pipeline/source/segment.js';
import { localeSources } from '../pipeline/catalog/plurals.js';
import {
  splitInline,
  joinInline,
  codesOf,
  alignIds,
  buildXliff2,
  buildXliff12,
  buildPo,
  parseExchange,
  type ExportDocument,
} from '../pipeline/exchange/index.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command in `cwd` through the CLI (an InputError is exit 2 with `file:line:col: message`). */
function run(
  command: Command,
  args: Record<string, string | boolean>,
  positionals: string[],
  cwd: string,
): Promise<Run> {
  return runCommand(command.name, cwd, positionals, args);
}

const exportTo = async (dir: string, format: string, locale: string, extra: Record<string, string> = {}) => {
  const r = await run(exportCommand, { format, locale, ...extra }, [], dir);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
};

const importFile = (dir: string, file: string, content?: string) => {
  if (content !== undefined) fs.writeFileSync(path.join(dir, file), content);
  return run(importCommand, {}, [file], dir);
};

/** The project's catalogs and state, file by file. */
const locales = (dir: string) => snapshot(path.join(dir, 'locales'));

function statusOfKey(dir: string, locale: string, key: string): KeyStatus {
  const before = process.cwd();
  process.chdir(dir);
  try {
    const ws = loadWorkspace(dir, { locales: [locale] });
    const k = statusesOf(ws, locale).find((s) => reportKey(s.ns, s.key) === key);
    if (!k) throw new Error(`no key ${key}`);
    return k;
  } finally {
    process.chdir(before);
  }
}

const readJson = (dir: string, file: string) => JSON.parse(read(dir, file));
const firstKey = (dir: string) =>
  Object.keys(readJson(dir, 'locales/fr/statement.json')).find((k) => k.startsWith('p-'))!;

/** Adds a paragraph with inline Markdown to the source, extracts, and gives it a French draft. */
async function withInlineSegment(dir: string, source: string, translation: string): Promise<string> {
  fs.appendFileSync(path.join(dir, 'source/statement.md'), `\n${source}\n`);
  expect((await run(extractCommand, {}, [], dir)).code).toBe(0);
  const catalog = readJson(dir, 'locales/fr/statement.json');
  const key = Object.keys(catalog).find((k) => catalog[k] === '')!;
  expect(key).toBeDefined();
  catalog[key] = translation;
  fs.writeFileSync(path.join(dir, 'locales/fr/statement.json'), `${JSON.stringify(catalog, null, 2)}\n`);
  return key;
}

describe('inline Markdown as codes', () => {
  test('a segment splits into text, paired and standalone codes, and joins back to itself', () => {
    const text = 'The *emphasis* and a [link](https://example.org), `code` and {{name}}.';
    const parts = splitInline(text, 'statement');
    expect(parts).toEqual([
      'The ',
      { kind: 'pair', id: '1', open: '*', close: '*', type: 'fmt', subType: 'xlf:i', children: ['emphasis'] },
      ' and a ',
      { kind: 'pair', id: '2', open: '[', close: '](https://example.org)', type: 'link', children: ['link'] },
      ', ',
      { kind: 'single', id: '3', markup: '`code`', type: 'other' },
      ' and ',
      { kind: 'single', id: '4', markup: '{{name}}', type: 'ui', subType: 'xlf:var' },
      '.',
    ]);
    expect(joinInline(parts)).toBe(text);
  });

  test('letter strings are plain text but for their placeholders', () => {
    expect(splitInline('Page *{{page}}*', 'letter')).toEqual([
      'Page *',
      { kind: 'single', id: '1', markup: '{{page}}', type: 'ui', subType: 'xlf:var' },
      '*',
    ]);
  });

  test('any text joins back to itself', () => {
    const alphabet = fc.constantFrom(
      'a',
      ' ',
      '*',
      '_',
      '`',
      '[',
      ']',
      '(',
      ')',
      '<',
      '>',
      '!',
      '\\',
      '&',
      'amp;',
      '{{x}}',
      'https://e.org',
      '\n',
      '~',
      '#',
      '1.',
      '"',
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 30 }).map((a) => a.join('')),
        (text) => {
          expect(joinInline(splitInline(text, 'statement'))).toBe(text);
        },
      ),
      { numRuns: 400 },
    );
  });

  test("a translation's codes take the ids of the source's codes with the same markup", () => {
    const source = splitInline('*a* [b](https://x.org)', 'statement');
    const target = alignIds(source, splitInline('[B](https://x.org) *A* `new`', 'statement'));
    expect(codesOf(target).map((c) => c.id)).toEqual(['2', '1', '3']);
  });
});

describe('formats read back what they write', () => {
  const doc = (source: string, target: string): ExportDocument => ({
    sourceLocale: 'en',
    locale: 'fr',
    entries: [{ ns: 'statement', key: 'p-x', source, target, status: 'draft', findings: ['error figures: 3 & <4>'] }],
  });
  const texts = fc
    .array(
      fc.constantFrom(
        'a',
        ' ',
        '  ',
        '*',
        '**',
        '`',
        '[',
        '](https://e.org?a=1&b=2)',
        '<',
        '>',
        '&',
        '&amp;',
        '&lt;',
        '"',
        "'",
        '{{x}}',
        '\n',
        'é',
        '…',
        '\\*',
        ']]>',
      ),
      { minLength: 1, maxLength: 25 },
    )
    .map((a) => a.join(''))
    .filter((t) => t.trim() !== '');

  for (const [name, build] of [
    ['XLIFF 2.0', buildXliff2],
    ['XLIFF 1.2', buildXliff12],
    ['PO', async (d: ExportDocument) => buildPo(d)],
  ] as const) {
    test(`${name}: source and target come back byte for byte`, async () => {
      await fc.assert(
        fc.asyncProperty(texts, texts, async (source, target) => {
          const back = parseExchange(await build(doc(source, target)), 'x');
          expect(back.entries).toHaveLength(1);
          expect(back.entries[0].source).toBe(source);
          expect(back.entries[0].target).toBe(target);
        }),
        { numRuns: 150 },
      );
    });
  }
});

describe('statement export / import', () => {
  test('export then import with no change writes nothing, in every format', async () => {
    const dir = makeProject();
    for (const format of ['xliff', 'xliff12', 'po']) {
      const file = `fr.${format}`;
      const content = await exportTo(dir, format, 'fr');
      const before = locales(dir);
      const r = await importFile(dir, file, content);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/nothing written/);
      expect(locales(dir)).toEqual(before);
    }
  });

  test('an edited XLIFF target reaches the catalog as a draft', async () => {
    const dir = makeProject();
    const key = firstKey(dir);
    const xlf = await exportTo(dir, 'xliff', 'fr');
    const edited = xlf.replace(
      new RegExp(`(<unit id="${key}">[\\s\\S]*?<target>)[^<]*(</target>)`),
      '$1Texte révisé : 30 ans &amp; plus.$2',
    );
    expect(edited).not.toBe(xlf);
    fs.writeFileSync(path.join(dir, 'fr.xlf'), edited);
    const unchanged = locales(dir);
    const dry = await run(importCommand, { 'dry-run': true }, ['fr.xlf'], dir);
    expect(dry.stderr).toMatch(/would write locales\/fr\/statement\.json/);
    expect(locales(dir)).toEqual(unchanged);
    const r = await importFile(dir, 'fr.xlf');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/1 updated as drafts/);
    expect(readJson(dir, 'locales/fr/statement.json')[key]).toBe('Texte révisé : 30 ans & plus.');
    expect(statusOfKey(dir, 'fr', key).status).toBe('draft');
    const entry = readJson(dir, 'locales/fr/state.json').entries.statement[key];
    expect(entry).toMatchObject({ status: 'draft', text: hashText('Texte révisé : 30 ans & plus.') });
    // Only the French statement catalog and state changed.
    const again = locales(dir);
    const second = await importFile(dir, 'fr.xlf');
    expect(second.stderr).toMatch(/nothing written/);
    expect(locales(dir)).toEqual(again);
  });

  test('the XLIFF is 2.0, one unit and one segment per key, and the xliff package reads the same strings', async () => {
    const dir = makeProject();
    const xlf = await exportTo(dir, 'xliff', 'fr');
    expect(xlf).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">/,
    );
    const units = xlf.match(/<unit /g) ?? [];
    const segments = xlf.match(/<segment /g) ?? [];
    // The locale's own keys: a plural group has French's categories (one, many, other), not English's.
    const keys = ['statement', 'letter', 'addressees'].flatMap((ns) =>
      Object.keys(readJson(dir, `locales/fr/${ns}.json`)).map((k) => `${ns}:${k}`),
    );
    expect(units).toHaveLength(keys.length);
    expect(segments).toHaveLength(keys.length);
    const js = await xliff2js(xlf);
    expect(js.targetLanguage).toBe('fr');
    for (const ns of ['statement', 'letter', 'addressees']) {
      const sources = {
        statement: readJson(dir, 'locales/en/statement.json'),
        letter: readJson(dir, 'locales/en/letter.json'),
        addressees: readJson(dir, 'locales/en/addressees.json'),
      };
      const source = localeSources(sources, 'fr')[ns as 'letter'];
      const target = readJson(dir, `locales/fr/${ns}.json`);
      // A plural group comes back as one resource holding its forms (groupUnits).
      type Unit = (typeof js.resources)[string][string] & { groupUnits?: (typeof js.resources)[string] };
      const units = Object.fromEntries(
        Object.entries(js.resources[ns] as Record<string, Unit>).flatMap(([id, u]) =>
          u.groupUnits ? Object.entries(u.groupUnits) : [[id, u]],
        ),
      );
      expect(Object.keys(units)).toHaveLength(Object.keys(source).length);
      for (const [id, unit] of Object.entries(units) as Array<[string, Unit]>) {
        const key = unit.additionalAttributes?.name ?? id;
        // Strings without inline codes read back as plain strings.
        if (typeof unit.source === 'string') expect(unit.source).toBe(source[key]);
        if (typeof unit.target === 'string') expect(unit.target).toBe(target[key]);
      }
    }
  });

  test('msgfmt --check and pocount accept the PO, with approved, stale and missing entries', async (ctx) => {
    const dir = makeProject();
    expect((await run(extractCommand, {}, [], dir)).code).toBe(0);
    const [stale, approved, missing] = Object.keys(readJson(dir, 'locales/fr/statement.json')).filter((k) =>
      k.startsWith('p-'),
    );
    const oldSource = readJson(dir, 'locales/en/statement.json')[stale];
    fs.writeFileSync(
      path.join(dir, 'source/statement.md'),
      read(dir, 'source/statement.md').replace(oldSource, `${oldSource.slice(0, -1)} (edited).`),
    );
    expect((await run(extractCommand, {}, [], dir)).code).toBe(0);
    expect((await run(approveCommand, { locale: 'fr', key: approved, by: 'Reviewer' }, [], dir)).code).toBe(0);
    const catalog = readJson(dir, 'locales/fr/statement.json');
    catalog[missing] = '';
    fs.writeFileSync(path.join(dir, 'locales/fr/statement.json'), `${JSON.stringify(catalog, null, 2)}\n`);
    const po = path.join(dir, 'fr.po');
    const content = await exportTo(dir, 'po', 'fr');
    expect(content).toMatch(/#, approved\n/);
    expect(content).toMatch(/#, fuzzy\n#\| msgctxt "[^"\n]+"\n#\| msgid /);
    fs.writeFileSync(po, content);
    const msgfmt = spawnSync('msgfmt', ['--check', '-o', '/dev/null', po], { encoding: 'utf8' });
    if (msgfmt.error) ctx.skip(`msgfmt not installed (${msgfmt.error.message})`);
    expect(msgfmt.status, msgfmt.stderr).toBe(0);
    expect(msgfmt.stderr).toBe('');
    if (!fs.existsSync('/usr/bin/pocount')) ctx.skip('Translate Toolkit pocount not installed at /usr/bin/pocount');
    const count = spawnSync('/usr/bin/pocount', ['--no-color', '--csv', po], { encoding: 'utf8' });
    expect(count.status, count.stderr).toBe(0);
    const row = count.stdout
      .trim()
      .split('\n')[1]
      .split(',')
      .map((c) => c.trim());
    const keys = ['statement', 'letter', 'addressees'].reduce(
      (n, ns) => n + Object.keys(readJson(dir, `locales/en/${ns}.json`)).length,
      0,
    );
    // Translated, fuzzy, untranslated and total messages: the plural group pending-notice (2 keys in English) is one message.
    expect([row[1], row[4], row[6], row[8]]).toEqual([String(keys - 3), '1', '1', String(keys - 1)]);
  });

  test('the PO names keys as status does, the statement place and the status', async () => {
    const dir = makeProject();
    const po = gettextParser.po.parse(await exportTo(dir, 'po', 'fr'));
    expect(po.headers.Language).toBe('fr');
    expect(po.translations.page).toBeUndefined();
    expect(Object.values(po.translations['letter:page'])[0].msgid).toBe(readJson(dir, 'templates/strings.json').page);
    const key = firstKey(dir);
    const entry = Object.values(po.translations[key])[0];
    expect(entry.comments?.reference).toMatch(/^source\/statement\.md:\d+$/);
    expect(entry.comments?.extracted).toMatch(/^status: draft/);
  });

  test('--only missing,stale limits the export; --out writes the file atomically', async () => {
    const dir = makeProject();
    const key = firstKey(dir);
    const catalog = readJson(dir, 'locales/fr/statement.json');
    catalog[key] = '';
    fs.writeFileSync(path.join(dir, 'locales/fr/statement.json'), JSON.stringify(catalog));
    const r = await run(
      exportCommand,
      { format: 'po', locale: 'fr', only: 'missing,stale', out: 'out/fr.po' },
      [],
      dir,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const po = gettextParser.po.parse(read(dir, 'out/fr.po'));
    expect(Object.keys(po.translations).filter((c) => c !== '')).toEqual([key]);
    expect((await run(exportCommand, { format: 'po', locale: 'fr', only: 'done' }, [], dir)).code).toBe(2);
    expect((await run(exportCommand, { format: 'docx', locale: 'fr' }, [], dir)).code).toBe(2);
    expect((await run(exportCommand, { format: 'po', locale: 'en' }, [], dir)).code).toBe(2);
    expect((await run(exportCommand, { format: 'po', locale: 'de' }, [], dir)).code).toBe(2);
  });
});

describe('approval and staleness survive a round trip', () => {
  for (const format of ['xliff', 'xliff12', 'po']) {
    test(`${format}: an approved entry stays approved unless its text changes`, async () => {
      const dir = makeProject();
      const key = firstKey(dir);
      expect((await run(approveCommand, { locale: 'fr', key, by: 'Reviewer' }, [], dir)).code).toBe(0);
      expect(statusOfKey(dir, 'fr', key).status).toBe('approved');
      const content = await exportTo(dir, format, 'fr');
      expect(content).toMatch(
        format === 'po' ? /#, approved/ : format === 'xliff' ? /state="final"/ : /approved="yes"/,
      );
      const before = locales(dir);
      const r = await importFile(dir, `fr.${format}`, content);
      expect(r.stderr).toMatch(/nothing written/);
      expect(locales(dir)).toEqual(before);
      expect(statusOfKey(dir, 'fr', key).status).toBe('approved');
      // The text changed in the tool: a new draft, the approval not carried over.
      const old = readJson(dir, 'locales/fr/statement.json')[key];
      await importFile(
        dir,
        `fr.${format}`,
        content.replace(format === 'po' ? JSON.stringify(old).slice(1, 40) : old.slice(0, 39), 'Texte changé, '),
      );
      expect(readJson(dir, 'locales/fr/statement.json')[key]).toMatch(/^Texte changé, /);
      expect(statusOfKey(dir, 'fr', key).status).toBe('draft');
    });
  }

  for (const format of ['xliff', 'po']) {
    test(`${format}: a stale entry keeps its text and stays stale`, async () => {
      const dir = makeProject();
      expect((await run(extractCommand, {}, [], dir)).code).toBe(0);
      const key = firstKey(dir);
      const oldSource = readJson(dir, 'locales/en/statement.json')[key];
      const src = read(dir, 'source/statement.md').replace(oldSource, `${oldSource.slice(0, -1)} (edited).`);
      fs.writeFileSync(path.join(dir, 'source/statement.md'), src);
      expect((await run(extractCommand, {}, [], dir)).code).toBe(0);
      expect(statusOfKey(dir, 'fr', key).status).toBe('stale');
      const content = await exportTo(dir, format, 'fr', { only: 'stale' });
      if (format === 'po') {
        expect(content).toMatch(/#, fuzzy/);
        expect(content).toContain('#| msgid "30 years');
      } else expect(content).toMatch(/state="initial"/);
      const before = locales(dir);
      const r = await importFile(dir, `fr.${format}`, content);
      expect(r.code, r.stderr).toBe(0);
      expect(locales(dir)).toEqual(before);
      expect(statusOfKey(dir, 'fr', key).status).toBe('stale');
    });
  }

  test('work left as needing work (XLIFF initial, PO fuzzy) on a missing entry is not imported until confirmed', async () => {
    const dir = makeProject();
    const key = firstKey(dir);
    const catalog = readJson(dir, 'locales/fr/statement.json');
    catalog[key] = '';
    fs.writeFileSync(path.join(dir, 'locales/fr/statement.json'), `${JSON.stringify(catalog, null, 2)}\n`);
    const xlf = await exportTo(dir, 'xliff', 'fr', { only: 'missing' });
    const filled = xlf.replace(
      '</source>\n      </segment>',
      '</source>\n        <target>Il y a 30 ans.</target>\n      </segment>',
    );
    expect(filled).toContain('<segment state="initial">');
    const before = locales(dir);
    const r = await importFile(dir, 'fr.xlf', filled);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`1 not imported: marked as needing work .*\\(${key}\\)`));
    expect(locales(dir)).toEqual(before);
    await importFile(dir, 'fr.xlf', filled.replace('state="initial"', 'state="translated"'));
    expect(readJson(dir, 'locales/fr/statement.json')[key]).toBe('Il y a 30 ans.');
    expect(statusOfKey(dir, 'fr', key).status).toBe('draft');
    // The same in PO: fuzzy with no previous msgid.
    const po = gettextParser.po.parse(await exportTo(dir, 'po', 'fr'));
    const other = Object.keys(po.translations).find((c) => c.startsWith('p-') && c !== key)!;
    const entry = Object.values(po.translations[other])[0];
    entry.msgstr = ['Texte incertain.'];
    entry.comments = { ...entry.comments, flag: 'fuzzy' };
    const r2 = await importFile(dir, 'fr.po', gettextParser.po.compile(po).toString());
    expect(r2.stderr).toMatch(/1 not imported: marked as needing work/);
    expect(readJson(dir, 'locales/fr/statement.json')[other]).not.toBe('Texte incertain.');
  });

  test('a file exported before a source edit imports only matching entries; the others stay stale, text kept', async () => {
    const dir = makeProject();
    expect((await run(extractCommand, {}, [], dir)).code).toBe(0);
    const key = firstKey(dir);
    const other = Object.keys(readJson(dir, 'locales/fr/statement.json')).filter((k) => k.startsWith('p-'))[1];
    const old = await exportTo(dir, 'po', 'fr');
    const oldSource = readJson(dir, 'locales/en/statement.json')[key];
    fs.writeFileSync(
      path.join(dir, 'source/statement.md'),
      read(dir, 'source/statement.md').replace(oldSource, `${oldSource.slice(0, -1)} (edited).`),
    );
    expect((await run(extractCommand, {}, [], dir)).code).toBe(0);
    // The translator worked on both entries in the old file.
    const po = gettextParser.po.parse(old);
    const edit = (ctx: string, text: string) => {
      Object.values(po.translations[ctx])[0].msgstr = [text];
    };
    edit(key, 'Traduction faite sur l’ancienne source : 30 ans.');
    edit(other, 'Traduction actuelle révisée.');
    const r = await importFile(dir, 'old.po', gettextParser.po.compile(po).toString());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`1 stale: made from an older source, kept as stale \\(${key}\\)`));
    const catalog = readJson(dir, 'locales/fr/statement.json');
    expect(catalog[key]).toBe('Traduction faite sur l’ancienne source : 30 ans.');
    expect(catalog[other]).toBe('Traduction actuelle révisée.');
    expect(statusOfKey(dir, 'fr', key).status).toBe('stale');
    expect(statusOfKey(dir, 'fr', other).status).toBe('draft');
    expect(readJson(dir, 'locales/fr/state.json').entries.statement[key].source).toBe(oldSource);
    // Once translated for the current source, the old file no longer overrides it.
    const fresh = gettextParser.po.parse(await exportTo(dir, 'po', 'fr'));
    const current = Object.values(fresh.translations[key])[0];
    current.msgstr = ['Traduction de la source actuelle.'];
    current.comments = { ...current.comments, flag: '', previous: '' };
    await importFile(dir, 'fresh.po', gettextParser.po.compile(fresh).toString());
    expect(statusOfKey(dir, 'fr', key).status).toBe('draft');
    const before = locales(dir);
    const again = await importFile(dir, 'old.po');
    expect(again.stderr).toMatch(
      new RegExp(`1 not imported: made from an older source, and the catalog has a current translation \\(${key}\\)`),
    );
    expect(locales(dir)).toEqual(before);
  });
});

describe('inline Markdown through XLIFF', () => {
  const source = 'The *emphasis* *stays* and a [link](https://example.org) too.';
  const translation = 'La *mise en relief* *reste* et un [lien](https://example.org) aussi.';

  test('round-trips unchanged, as <pc> codes carrying the markup', async () => {
    const dir = makeProject();
    const key = await withInlineSegment(dir, source, translation);
    for (const format of ['xliff', 'xliff12', 'po']) {
      const content = await exportTo(dir, format, 'fr');
      if (format === 'xliff') {
        expect(content).toContain(
          '<source>The <pc id="1" type="fmt" subType="xlf:i" canDelete="no" dispStart="*" dispEnd="*">emphasis</pc> <pc id="2"',
        );
        expect(content).toContain('dispStart="[" dispEnd="](https://example.org)">lien</pc>');
      }
      const before = locales(dir);
      const r = await importFile(dir, `fr.${format}`, content);
      expect(r.stderr).toMatch(/nothing written/);
      expect(locales(dir)).toEqual(before);
    }
    // A translator's edit between the codes keeps the markup.
    const xlf = await exportTo(dir, 'xliff', 'fr');
    await importFile(dir, 'fr.xlf', xlf.replace('>mise en relief</pc>', '>mise en valeur</pc>'));
    expect(readJson(dir, 'locales/fr/statement.json')[key]).toBe(
      translation.replace('mise en relief', 'mise en valeur'),
    );
    expect(statusOfKey(dir, 'fr', key).findings).toEqual([]);
  });

  test('an inline code removed by a CAT tool is reported: a finding at import, a markup error in status', async () => {
    const dir = makeProject();
    const key = await withInlineSegment(dir, source, translation);
    const xlf = await exportTo(dir, 'xliff', 'fr');
    const broken = xlf.replace(/<target>La <pc id="1"[^>]*>mise en relief<\/pc>/, '<target>La mise en relief');
    expect(broken).not.toBe(xlf);
    const r = await importFile(dir, 'fr.xlf', broken);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${key}: markup: inline code 1 (*…*) of the source is missing from the target`);
    expect(r.stderr).toMatch(new RegExp(`fr ${key}: markup: inline markup differs`));
    const k = statusOfKey(dir, 'fr', key);
    expect(k.status).toBe('draft');
    expect(k.usable).toBe(false);
  });
});

describe('bad input: exit 2, one message naming the file, catalogs unchanged', () => {
  const cases: Array<[string, (dir: string) => Promise<string>, RegExp]> = [
    [
      'a truncated XLIFF',
      async (dir) => (await exportTo(dir, 'xliff', 'fr')).slice(0, 2000),
      /^fr\.bad:\d+:\d+: the file ends inside <\w+> \(line \d+\): it is truncated/,
    ],
    [
      'a PO for another locale',
      async (dir) => (await exportTo(dir, 'po', 'fr')).replace('Language: fr', 'Language: de'),
      /^fr\.bad:7:2: the file is for "de", which is not a publish locale/,
    ],
    [
      'a PO for the source locale',
      async (dir) => (await exportTo(dir, 'po', 'fr')).replace('Language: fr', 'Language: en'),
      /^fr\.bad:7:2: the file is for "en", the source locale/,
    ],
    [
      'an XLIFF for another locale',
      async (dir) => (await exportTo(dir, 'xliff', 'fr')).replace('trgLang="fr"', 'trgLang="de"'),
      /^fr\.bad:2:1: the file is for "de"/,
    ],
    [
      'an unknown key in a PO',
      async (dir) => (await exportTo(dir, 'po', 'fr')).replace('msgctxt "letter:page"', 'msgctxt "letter:no-such-key"'),
      /^fr\.bad:\d+:1: unknown key "letter:no-such-key"/,
    ],
    [
      'an unknown key in an XLIFF',
      async (dir) => (await exportTo(dir, 'xliff', 'fr')).replace('<unit id="title">', '<unit id="no-such-key">'),
      /^fr\.bad:4:5: unknown key "no-such-key"/,
    ],
    [
      'a PO with a syntax error',
      async (dir) => (await exportTo(dir, 'po', 'fr')).replace('msgstr "Bakou"', 'msgstr "Bakou'),
      /^fr\.bad:\d+:1: not a valid PO file: End-of-line within string/,
    ],
    [
      'a PO without Language',
      async (dir) => (await exportTo(dir, 'po', 'fr')).replace('"Language: fr\\n"\n', ''),
      /^fr\.bad:1:1: the PO header has no Language/,
    ],
    [
      'an XLIFF from another source language',
      async (dir) => (await exportTo(dir, 'xliff', 'fr')).replace('srcLang="en"', 'srcLang="de"'),
      /^fr\.bad:2:1: the file translates from "de", but the source locale is "en"/,
    ],
    ['an empty file', async () => '', /^fr\.bad:1:1: the file is empty/],
    ['not XLIFF', async () => '<html><body/></html>', /^fr\.bad:1:1: not an XLIFF file/],
    [
      'an unescaped < in an attribute',
      async (dir) => (await exportTo(dir, 'xliff', 'fr')).replace('<unit id="title">', '<unit id="title" name="a<b">'),
      /^fr\.bad:4:29: not well-formed XML: an unescaped "<" in an attribute value/,
    ],
    [
      'a repeated attribute',
      async (dir) => (await exportTo(dir, 'xliff', 'fr')).replace('<unit id="title">', '<unit id="title" id="x">'),
      /^fr\.bad:4:\d+: not well-formed XML: duplicate attribute: id/,
    ],
    [
      'two <file> elements for one namespace',
      async (dir) => (await exportTo(dir, 'xliff', 'fr')).replace('<file id="letter">', '<file id="statement">'),
      /^fr\.bad:\d+:3: a second <file id="statement"> \(the first is on line 3\): one <file> per namespace/,
    ],
    [
      'a unit id twice in a file',
      async (dir) => (await exportTo(dir, 'xliff', 'fr')).replace('<unit id="subtitle">', '<unit id="title">'),
      /^fr\.bad:\d+:5: unit id "title" appears twice in <file id="statement"> \(first on line 4\)/,
    ],
    [
      'a trans-unit id twice in an XLIFF 1.2 file',
      async (dir) =>
        (await exportTo(dir, 'xliff12', 'fr')).replace('<trans-unit id="subtitle"', '<trans-unit id="title"'),
      /^fr\.bad:\d+:7: unit id "title" appears twice in <file original="statement">/,
    ],
  ];
  for (const [name, make, message] of cases) {
    test(name, async () => {
      const dir = makeProject();
      // Something to lose: a pending edit in the file, so a partial import would show.
      const content = (await make(dir)).replace('Bakou', 'Bakou (modifié)');
      const before = locales(dir);
      const r = await importFile(dir, 'fr.bad', content);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(locales(dir)).toEqual(before);
    });
  }

  test('an XLIFF cut anywhere is refused, never half read', async () => {
    const doc: ExportDocument = {
      sourceLocale: 'en',
      locale: 'fr',
      entries: [
        {
          ns: 'statement',
          key: 'p-x',
          source: 'A *b* [c](https://e.org) & d.',
          target: 'A *b* [c](https://e.org) & d.',
          status: 'draft',
          findings: [],
        },
      ],
    };
    for (const xlf of [await buildXliff2(doc), await buildXliff12(doc)]) {
      const end = xlf.trimEnd().length;
      for (let cut = 0; cut < end; cut++) {
        expect(() => parseExchange(xlf.slice(0, cut), 'cut.xlf'), `cut at ${cut}`).toThrow(InputError);
      }
      expect(parseExchange(xlf.slice(0, end), 'whole.xlf').entries).toHaveLength(1);
    }
  });

  test('a missing file', async () => {
    const dir = makeProject();
    const r = await run(importCommand, {}, ['nowhere.po'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^nowhere\.po:1:1: exchange file not found/);
  });
});
