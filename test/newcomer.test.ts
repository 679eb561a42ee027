/**
 * The newcomer's route (issue 22), end to end on a project that is not the
 * shipped statement (test/fixtures/newcomer): extract, French typed into the
 * JSON, Arabic through PO, half the German through XLIFF 2.0, build (HTML,
 * and one PDF letter read with pdftotext), release, edit the source,
 * extract, diff.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, it, expect, beforeAll } from 'vitest';
import { runCli, read, repo } from './helpers.js';
import { release } from '../pipeline/release/release.js';
import { gettextPlurals } from '../pipeline/exchange/poPlurals.js';

const fixture = path.join(repo, 'test/fixtures/newcomer');
type Drafts = { statement: Record<string, string>; addressees?: Record<string, string> };
const drafts = (lng: string): Drafts => JSON.parse(read(fixture, `drafts/${lng}.json`));
/** The shipped project's letter strings of a locale: the office keeps the pipeline's templates. */
const shippedLetter = (lng: string): Record<string, string> => JSON.parse(read(repo, `locales/${lng}/letter.json`));
const json = (dir: string, file: string) => JSON.parse(read(dir, file));
const writeJson = (dir: string, file: string, data: unknown) =>
  fs.writeFileSync(path.join(dir, file), `${JSON.stringify(data, null, 2)}\n`);

/** Fills the msgstr of every entry whose msgctxt has a text in `texts` (keys as status writes them). */
function fillPo(po: string, texts: Record<string, string>, locale: string): string {
  return po
    .split('\n\n')
    .map((block) => {
      const key = /^msgctxt "(.*)"$/m.exec(block)?.[1];
      if (key === undefined) return block;
      // A plural group: msgstr[n] is the form of the locale's n-th gettext category, as the export numbers them.
      if (/^msgid_plural /m.test(block)) {
        const forms = gettextPlurals(locale)!.categories;
        return block.replace(/^msgstr\[(\d+)\] ""(\n".*")*$/gm, (whole, n: string) => {
          const text = texts[`${key}_${forms[Number(n)]}`];
          return text === undefined ? whole : `msgstr[${n}] ${JSON.stringify(text)}`;
        });
      }
      if (texts[key] === undefined) return block;
      return block.replace(/^msgstr ""(\n".*")*$/m, `msgstr ${JSON.stringify(texts[key])}`);
    })
    .join('\n\n');
}

/** As a CAT tool saves it: a <target> in each unit with a text in `texts` (plain text only), state "translated". */
function fillXliff(xlf: string, texts: Record<string, string>): string {
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return xlf.replace(/<unit id="([^"]+)">([\s\S]*?)<\/source>/g, (whole, id: string) =>
    texts[id] === undefined
      ? whole
      : `${whole.replace('<segment state="initial">', '<segment state="translated">')}\n        <target>${escape(texts[id])}</target>`,
  );
}

const ok = async (args: string[], dir: string) => {
  const r = await runCli(args, dir);
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
};

describe("the newcomer's route on a project of its own", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statement-newcomer-'));
    fs.cpSync(path.join(fixture, 'source'), path.join(dir, 'source'), { recursive: true });
    fs.cpSync(path.join(repo, 'templates'), path.join(dir, 'templates'), { recursive: true });
  });

  it('extracts catalogs for en, fr, de and ar', async () => {
    await ok(['extract'], dir);
    for (const lng of ['fr', 'de', 'ar']) {
      const cat = json(dir, `locales/${lng}/statement.json`);
      expect(Object.keys(cat)).toEqual(Object.keys(json(dir, 'locales/en/statement.json')));
      expect(Object.values(cat).every((v) => v === '')).toBe(true);
    }
    expect(Object.keys(json(dir, 'locales/en/addressees.json'))).toContain('school-boards/north');
  });

  it('fills French by hand in the JSON: complete drafts, no errors', async () => {
    const fr = drafts('fr');
    writeJson(dir, 'locales/fr/statement.json', { ...json(dir, 'locales/fr/statement.json'), ...fr.statement });
    writeJson(dir, 'locales/fr/letter.json', shippedLetter('fr'));
    writeJson(dir, 'locales/fr/addressees.json', fr.addressees);
    const s = json(dir, 'locales/fr/statement.json');
    expect(Object.values(s).every((v) => v !== '')).toBe(true);
    const status = JSON.parse((await ok(['status', '--json', '--locale', 'fr'], dir)).stdout).locales.fr;
    expect(status.missing).toBe(0);
    expect(status.issues.filter((i: { severity: string }) => i.severity === 'error')).toEqual([]);
  });

  it('fills Arabic through PO: export, edit, import', async () => {
    const ar = drafts('ar');
    const texts: Record<string, string> = { ...ar.statement };
    for (const [k, v] of Object.entries(shippedLetter('ar'))) texts[`letter:${k}`] = v;
    for (const [k, v] of Object.entries(ar.addressees!)) texts[`addressees:${k}`] = v;
    await ok(['export', '--format', 'po', '--locale', 'ar', '--out', 'ar.po'], dir);
    const po = fillPo(read(dir, 'ar.po'), texts, 'ar');
    fs.writeFileSync(path.join(dir, 'ar.po'), po);
    execFileSync('msgfmt', ['--check', '-o', '/dev/null', path.join(dir, 'ar.po')]);
    await ok(['import', 'ar.po'], dir);
    expect(json(dir, 'locales/ar/statement.json')['p-in-2024-the-office-received-1250']).toBe(
      ar.statement['p-in-2024-the-office-received-1250'],
    );
    const status = JSON.parse((await ok(['status', '--json', '--locale', 'ar'], dir)).stdout).locales.ar;
    expect(status.missing).toBe(0);
    expect(status.issues.filter((i: { severity: string }) => i.severity === 'error')).toEqual([]);
  });

  it('fills half the German statement through XLIFF 2.0', async () => {
    const de = drafts('de').statement;
    await ok(['export', '--format', 'xliff', '--locale', 'de', '--out', 'de.xlf'], dir);
    fs.writeFileSync(path.join(dir, 'de.xlf'), fillXliff(read(dir, 'de.xlf'), de));
    await ok(['import', 'de.xlf'], dir);
    const cat = json(dir, 'locales/de/statement.json');
    expect(cat.title).toBe(de.title);
    const filled = Object.values(cat).filter((v) => v !== '').length;
    expect(filled).toBe(Object.keys(de).length);
    expect(filled * 2).toBeGreaterThanOrEqual(Object.keys(cat).length);
    expect(filled).toBeLessThan(Object.keys(cat).length);
  });

  it('builds the HTML editions and letters, each letter in the first ready working language', async () => {
    await ok(['build', '--format', 'html'], dir);
    const en = read(dir, 'dist/site/en/index.html');
    expect(en).toContain('14 March 2025');
    expect(en).toContain('<strong>1250</strong>');
    expect(en).toContain('href="https://example.org/report-2024"');
    const fr = read(dir, 'dist/site/fr/index.html');
    expect(fr).toContain('Principales constatations');
    expect(fr).toContain('14 mars 2025');
    expect(fr).toMatch(/<li>la protection contre la violence, avec 275 plaintes\.<\/li>/);
    const ar = read(dir, 'dist/site/ar/index.html');
    expect(ar).toMatch(/<html[^>]* dir="rtl"/);
    expect(ar).toContain('النتائج الرئيسية');
    const de = read(dir, 'dist/site/de/index.html');
    expect(de).toContain('Wichtigste Ergebnisse');
    // The untranslated half stands in, in English, marked as such.
    expect(de).toMatch(/<li lang="en" dir="ltr" class="pending">.*access to schooling, with 412 complaints;<\/li>/);
    const manifest = json(dir, 'dist/manifest.json');
    const sentIn = Object.fromEntries(
      manifest.letters.map((l: { addressee: string; locale: string }) => [l.addressee, l.locale]),
    );
    expect(sentIn).toEqual({
      speaker: 'en',
      'education-ministry': 'fr',
      crc: 'ar',
      'school-boards/north': 'fr',
      'school-boards/south': 'ar',
    });
    const north = manifest.letters.find((l: { addressee: string }) => l.addressee === 'school-boards/north');
    expect(north.reason).toMatch(/de/);
    expect(read(dir, 'dist/letters/education-ministry.fr.html')).toContain('Ministre de l’Éducation');
  });

  it('prints one letter as PDF, whose text pdftotext reads in French', async () => {
    await ok(['build', '--only', 'letters', '--addressee', 'education-ministry', '--format', 'pdf'], dir);
    const pdf = path.join(dir, 'dist/letters/education-ministry.fr.pdf');
    // Soft hyphens are the build's hyphenation points: a reader's copy and paste drops them.
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' })
      .replace(/\u00ad/g, '')
      .replace(/\s+/g, ' ');
    expect(text).toContain('Ministre de l’Éducation');
    expect(text).toContain('14 mars 2025');
    expect(text).toContain('1250');
    const pages = Number(/Page 1 sur (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(0);
    expect(text).toContain(`Page ${pages} sur ${pages}`);
  });

  let releaseDir: string;
  it('releases, recording the drafts it lets through; verify holds', async () => {
    const refused = await runCli(['release'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('release refused');
    // The HTML release of the library (no browser: printing every PDF again would make this test slow).
    const r = await release({ root: dir, allowDraft: true, note: 'newcomer test', pdf: false });
    expect(r.status).toBe('released');
    if (r.status !== 'released') return;
    releaseDir = path.relative(dir, r.dir);
    expect(releaseDir).toMatch(/^archive\/COO-2025-AR24\/\d{4}-\d{2}-\d{2}-1$/);
    expect(r.record.allowDraft).toBe(true);
    expect(r.record.letters.map((l) => l.addressee).sort()).toEqual([
      'crc',
      'education-ministry',
      'school-boards/north',
      'school-boards/south',
      'speaker',
    ]);
    await ok(['verify', releaseDir], dir);
  });

  it('after a source edit, extract marks the paragraph stale and diff names the letters to correct', async () => {
    const KEY = 'p-in-2024-the-office-received-1250';
    const file = path.join(dir, 'source/statement.md');
    fs.writeFileSync(
      file,
      read(dir, 'source/statement.md').replace('28 percent more than in 2023', '29 percent more than in 2023'),
    );
    const r = await ok(['extract'], dir);
    expect(r.stderr).toMatch(/fr: 1 stale \(p-in-2024-the-office-received-1250\)/);
    expect(r.stderr).toMatch(/ar: 1 stale/);
    const diff = await ok(['diff', releaseDir], dir);
    const lines = diff.stdout.trim().split('\n');
    for (const id of ['speaker', 'education-ministry', 'crc', 'school-boards/north', 'school-boards/south']) {
      expect(
        lines.find((l) => l.startsWith(`${id} (`)),
        diff.stdout,
      ).toContain(KEY);
    }
    // The French translator retypes the stale paragraph in the JSON: it is current again.
    const fr = json(dir, 'locales/fr/statement.json');
    writeJson(dir, 'locales/fr/statement.json', { ...fr, [KEY]: fr[KEY].replace('28 pour cent', '29 pour cent') });
    const status = JSON.parse((await ok(['status', '--json'], dir)).stdout).locales;
    expect(status.fr.stale).toBe(0);
    expect(status.ar.stale).toBe(1);
  });
});
