/**
 * Tables and footnotes (issue 17), as their users see them: cells and
 * notes are segments of their own, a French translation of the cells
 * gives a real table in the HTML and the PDF, the figures check works
 * cell by cell, and the exchange files say where a cell stands.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer';
import { findBrowser, chromiumArgs } from '../pipeline/print/browser.js';
import { describe, it, expect, beforeAll } from 'vitest';
import { repo, read, runCli } from './helpers.js';
import { build } from '../pipeline/build/build.js';
import { parseStatement } from '../pipeline/source/parse.js';
import { extractSegments } from '../pipeline/source/segment.js';

const require = createRequire(import.meta.url);
const tool = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' });

const statement = `---
title: Statement
subtitle: On a table and its notes
institution: Commissioner for Human Rights (Ombudsman) of the Republic of Azerbaijan
place: Baku
reference: OMB-TABLE-1
date: 2022-02-25
sourceLocale: en
locales: [en, fr, ar]
---

This genocidal act resulted in brutal killing of 613 people.[^figures]

*Table 1. People killed, by group*

| Group | Killed | Hostages whose fate is unknown |
| --- | --- | --- |
| Women | 106 women | 68 |
| Children | 63 children | 26 |
| Elderly | 70 elderly people | — |

The mass extermination of civilians must be interpreted as genocide.[^resolution]

[^figures]: Figures as given in the statement of the Ombudsman.

[^resolution]: UNGA Resolution 96 (I) of 11 December 1946.
`;

const french: Record<string, string> = {
  Statement: 'Déclaration',
  'On a table and its notes': 'Sur un tableau et ses notes',
  'Commissioner for Human Rights (Ombudsman) of the Republic of Azerbaijan':
    'Commissaire aux droits de l’homme (Ombudsman) de la République d’Azerbaïdjan',
  Baku: 'Bakou',
  'This genocidal act resulted in brutal killing of 613 people.[^figures]':
    'Cet acte de génocide a causé le meurtre brutal de 613 personnes.[^figures]',
  'Table 1. People killed, by group': 'Tableau 1. Personnes tuées, par groupe',
  Group: 'Groupe',
  Killed: 'Tués',
  'Hostages whose fate is unknown': 'Otages dont le sort est inconnu',
  Women: 'Femmes',
  '106 women': '106 femmes',
  Children: 'Enfants',
  '63 children': '63 enfants',
  Elderly: 'Personnes âgées',
  '70 elderly people': '70 personnes âgées',
  'The mass extermination of civilians must be interpreted as genocide.[^resolution]':
    'L’extermination massive de civils doit être qualifiée de génocide.[^resolution]',
  'Figures as given in the statement of the Ombudsman.': 'Chiffres tels que les donne la déclaration de l’Ombudsman.',
  'UNGA Resolution 96 (I) of 11 December 1946.':
    'Résolution 96 (I) de l’Assemblée générale des Nations Unies du 11 décembre 1946.',
};

// Drafts without vowel marks (README: Arabic vowel marks do not come back out of Chromium's PDFs).
const arabic: Record<string, string> = {
  Statement: 'بيان',
  'On a table and its notes': 'عن جدول وحواشيه',
  'Commissioner for Human Rights (Ombudsman) of the Republic of Azerbaijan':
    'مفوض حقوق الإنسان (أمين المظالم) في جمهورية أذربيجان',
  Baku: 'باكو',
  'This genocidal act resulted in brutal killing of 613 people.[^figures]':
    'أسفر هذا العمل عن القتل الوحشي لـ 613 شخصا.[^figures]',
  'Table 1. People killed, by group': 'الجدول 1. القتلى حسب الفئة',
  Group: 'الفئة',
  Killed: 'القتلى',
  'Hostages whose fate is unknown': 'رهائن مجهولو المصير',
  Women: 'النساء',
  '106 women': '106 من النساء',
  Children: 'الأطفال',
  '63 children': '63 من الأطفال',
  Elderly: 'المسنون',
  '70 elderly people': '70 من المسنين',
  'The mass extermination of civilians must be interpreted as genocide.[^resolution]':
    'يجب اعتبار الإبادة الجماعية للمدنيين إبادة جماعية.[^resolution]',
  'Figures as given in the statement of the Ombudsman.': 'الأرقام كما وردت في بيان أمين المظالم.',
  'UNGA Resolution 96 (I) of 11 December 1946.': 'قرار الجمعية العامة للأمم المتحدة 96 (I) المؤرخ 11 ديسمبر 1946.',
};

const addressees = `addressees:
  - id: geneva-office
    name: Office in Geneva
    languages: [fr]
    address: [Avenue de la Paix 8, 1211 Geneva]
`;

function fill(dir: string, locale: string, texts: Record<string, string>, edit: Record<string, string> = {}): void {
  const source = JSON.parse(read(dir, 'locales/en/statement.json')) as Record<string, string>;
  const catalog = Object.fromEntries(Object.entries(source).map(([k, v]) => [k, edit[k] ?? texts[v] ?? '']));
  fs.writeFileSync(path.join(dir, `locales/${locale}/statement.json`), JSON.stringify(catalog, null, 2));
  fs.copyFileSync(path.join(repo, `locales/${locale}/letter.json`), path.join(dir, `locales/${locale}/letter.json`));
  fs.copyFileSync(path.join(dir, 'locales/en/addressees.json'), path.join(dir, `locales/${locale}/addressees.json`));
}

async function makeTableProject(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statement-tables-'));
  fs.cpSync(path.join(repo, 'templates'), path.join(dir, 'templates'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'source'));
  fs.writeFileSync(path.join(dir, 'source/statement.md'), statement);
  fs.writeFileSync(path.join(dir, 'source/addressees.yaml'), addressees);
  fs.writeFileSync(path.join(dir, 'source/dictionary.txt'), 'UNGA\n');
  expect((await runCli(['extract'], dir)).code).toBe(0);
  fill(dir, 'fr', french);
  fill(dir, 'ar', arabic);
  return dir;
}

type Issue = { key: string; check: string; severity: string; message: string };
async function issuesOf(dir: string, locale: string): Promise<Issue[]> {
  const r = await runCli(['status', '--json'], dir);
  return (JSON.parse(r.stdout) as { locales: Record<string, { issues: Issue[] }> }).locales[locale].issues;
}

describe('segments of a table and its footnotes', () => {
  const segments = extractSegments(parseStatement(statement, 'statement.md'));
  const byKey = new Map(segments.map((s) => [s.key, s]));

  it('makes each cell with words, the caption and each footnote a segment of its own, keyed by its words', () => {
    expect(segments.filter((s) => s.kind === 'th').map((s) => [s.key, s.text])).toEqual([
      ['th-group', 'Group'],
      ['th-killed', 'Killed'],
      ['th-hostages-whose-fate-is-unknown', 'Hostages whose fate is unknown'],
    ]);
    expect(segments.filter((s) => s.kind === 'td').map((s) => [s.key, s.text])).toEqual([
      ['td-women', 'Women'],
      ['td-106-women', '106 women'],
      ['td-children', 'Children'],
      ['td-63-children', '63 children'],
      ['td-elderly', 'Elderly'],
      ['td-70-elderly-people', '70 elderly people'],
    ]);
    expect(byKey.get('caption-table-1-people-killed-by-group')?.text).toBe('Table 1. People killed, by group');
    expect(segments.filter((s) => s.kind === 'fn').map((s) => [s.key, s.text])).toEqual([
      ['fn-figures-as-given-in-the-statement', 'Figures as given in the statement of the Ombudsman.'],
      ['fn-unga-resolution-96-i-of-11', 'UNGA Resolution 96 (I) of 11 December 1946.'],
    ]);
    // The reference stays in its paragraph as markup; figure-only and empty cells are no segments.
    expect(byKey.get('p-this-genocidal-act-resulted-in-brutal')?.text).toBe(
      'This genocidal act resulted in brutal killing of 613 people.[^figures]',
    );
    expect(segments.some((s) => ['68', '26', '—'].includes(s.text))).toBe(false);
    expect(byKey.get('td-106-women')?.cell).toMatchObject({
      table: 1,
      row: 2,
      column: 2,
      header: 'Killed',
      rowKeys: ['td-women', 'td-106-women', null],
    });
  });

  it('keeps every key when a row is added above', () => {
    const more = statement.replace('| Women |', '| Men | 300 men | 12 |\n| Women |');
    const keys = new Set(extractSegments(parseStatement(more, 'statement.md')).map((s) => s.key));
    for (const s of segments) expect(keys.has(s.key), s.key).toBe(true);
  });
});

describe('a table and footnotes through the build, in French and Arabic', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await makeTableProject();
    const result = await build({ root: dir });
    expect(result.failed).toEqual([]);
  }, 600_000);

  it('renders a French <table>: its caption, <th scope="col"> headers and <td> cells holding exactly the translated text and the figures', () => {
    const html = read(dir, 'dist/site/fr/index.html');
    const table = html.slice(html.indexOf('<table>'), html.indexOf('</table>') + 8);
    expect(table).toContain('<caption>Tableau 1. Personnes tuées, par groupe</caption>');
    const headers = [...table.matchAll(/<th scope="col"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(headers).toEqual(['Groupe', 'Tués', 'Otages dont le sort est inconnu']);
    const rows = [...table.slice(table.indexOf('<tbody>')).matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
      [...r[1].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]),
    );
    expect(rows).toEqual([
      ['Femmes', '106 femmes', '68'],
      ['Enfants', '63 enfants', '26'],
      ['Personnes âgées', '70 personnes âgées', '—'],
    ]);
    // The column of figures is marked numeric (end-aligned); nothing is pending.
    expect(table).toContain('<th scope="col" class="numeric">Otages dont le sort est inconnu</th>');
    expect(table).toContain('<td class="numeric">68</td>');
    expect(table).toContain('<td class="numeric">—</td>');
    expect(table).not.toContain('pending');
  });

  it('links each footnote reference to its note and the note back to it, numbered in order of reference, after the signature', () => {
    const html = read(dir, 'dist/site/fr/index.html');
    expect(html).toContain(
      'personnes.<sup><a href="#user-content-fn-1" id="user-content-fnref-1" class="footnote-ref" aria-describedby="user-content-notes-heading">1</a></sup>',
    );
    expect(html).toContain('génocide.<sup><a href="#user-content-fn-2" id="user-content-fnref-2"');
    expect(html).toMatch(
      /<li id="user-content-fn-1">\s*<p>Chiffres tels que les donne la déclaration de l’Ombudsman\. <a href="#user-content-fnref-1" class="footnote-back" aria-label="Retour au texte de la note 1">↩<\/a><\/p>/,
    );
    expect(html).toContain('<h2 id="user-content-notes-heading">Notes</h2>');
    expect(html.indexOf('class="footnotes"')).toBeGreaterThan(html.indexOf('class="signature"'));
    // The Arabic table runs right to left with the page: no fixed left/right alignment anywhere.
    const ar = read(dir, 'dist/site/ar/index.html');
    expect(ar).toMatch(/<html lang="ar" dir="rtl">/);
    expect(ar).toContain('<td>106 من النساء</td>');
    expect(ar).not.toMatch(/align="|text-align:\s*(left|right)/);
  });

  it('passes the Nu HTML Checker and axe: editions and the letter', async () => {
    const pages = [
      'dist/site/en/index.html',
      'dist/site/fr/index.html',
      'dist/site/ar/index.html',
      'dist/letters/geneva-office.fr.html',
    ].map((f) => path.join(dir, f));
    const r = tool('java', ['-jar', require.resolve('vnu-jar/build/dist/vnu.jar'), '--errors-only', ...pages]);
    expect(r.stderr + r.stdout).toBe('');
    const axe = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const browser = await puppeteer.launch({ executablePath: findBrowser(), headless: true, args: chromiumArgs });
    try {
      for (const file of pages) {
        const page = await browser.newPage();
        await page.goto(pathToFileURL(file).href);
        await page.addScriptTag({ content: axe });
        const violations = await page.evaluate(async () =>
          (
            await (
              window as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string }> }> } }
            ).axe.run()
          ).violations.map((v) => v.id),
        );
        await page.close();
        expect(violations, file).toEqual([]);
      }
    } finally {
      await browser.close();
    }
  }, 180_000);

  it('prints the translated cells and the numbered notes into the French PDF edition and letter', () => {
    for (const pdf of ['dist/site/fr/statement.pdf', 'dist/letters/geneva-office.fr.pdf']) {
      const text = tool('pdftotext', ['-layout', path.join(dir, pdf), '-']).stdout.replace(/\u00ad/g, '');
      for (const cell of [
        'Tableau 1. Personnes tuées, par groupe',
        'Groupe',
        'Otages dont le sort est inconnu',
        'Femmes',
        '106 femmes',
        '63 enfants',
        '70 personnes âgées',
      ])
        expect(text, `${pdf}: ${cell}`).toContain(cell);
      expect(text).toMatch(/1\.\s+Chiffres tels que les donne la déclaration de l’Ombudsman\./);
      expect(text).toMatch(/2\.\s+Résolution 96 \(I\)/);
      expect(text).not.toContain('↩');
    }
  });

  it("finds 106 changed to 107 in a French cell as an error on that cell's key, and a figure moved within its row as a warning", async () => {
    const fr = (await issuesOf(dir, 'fr')).filter((i) => i.check === 'figures');
    expect(fr).toEqual([]);
    fill(dir, 'fr', french, {
      'td-106-women': '107 femmes',
      'td-children': 'Enfants (63)',
      'td-63-children': 'enfants',
    });
    const found = (await issuesOf(dir, 'fr')).filter((i) => i.check === 'figures');
    expect(found).toEqual([
      {
        key: 'td-106-women',
        check: 'figures',
        severity: 'error',
        message: 'figure 106 of the source missing or changed: the translation has 107 where the source has 106',
        waived: false,
      },
      {
        key: 'td-63-children',
        check: 'figures',
        severity: 'warning',
        message: 'figure 63 of this cell is in column 1 of the same row: put it back in its own cell',
        waived: false,
      },
    ]);
  });

  it('protects a footnote reference as markup: a translation that drops or renames it is an error', async () => {
    fill(dir, 'fr', french, {
      'p-this-genocidal-act-resulted-in-brutal':
        'Cet acte de génocide a causé le meurtre brutal de 613 personnes.[^autre]',
    });
    const found = (await issuesOf(dir, 'fr')).filter((i) => i.check === 'markup');
    expect(found.map((i) => [i.key, i.severity])).toEqual([['p-this-genocidal-act-resulted-in-brutal', 'error']]);
    expect(found[0].message).toContain('[^figures]');
  });

  it('names the table, row and column of each cell in XLIFF 2.0, XLIFF 1.2 and PO, and keeps [^label] as an inline code', async () => {
    fill(dir, 'fr', french, { 'td-106-women': '' });
    for (const format of ['xliff', 'xliff12', 'po']) {
      const out = path.join(dir, `fr.${format}`);
      expect((await runCli(['export', '--format', format, '--locale', 'fr', '--out', out], dir)).code).toBe(0);
      const text = fs.readFileSync(out, 'utf8');
      expect(text, format).toContain('cell: table 1, row 2, column 2 of 3 ("Killed")');
      expect(text, format).toContain('cell: table 1, header row, column 3 of 3');
    }
    expect(read(dir, 'fr.xliff')).toMatch(
      /<ph id="\d+" canCopy="no" canDelete="no" disp="\[\^figures\]"\/>|disp="\[\^figures\]"/,
    );
    expect(tool('msgfmt', ['-c', '-o', '/dev/null', path.join(dir, 'fr.po')]).status).toBe(0);
  });
});
