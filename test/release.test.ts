/**
 * Releases: freezing what is sent (`release`), checking it later
 * (`verify`), and the erratum list after a correction (`diff`). HTML-only
 * releases (no browser) except one small release with real PDFs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect, beforeAll } from 'vitest';
import { makeProject, read, runCommand, letterCount } from './helpers.js';
import { release, localDay, readRelease, releaseBlockers } from '../pipeline/release/release.js';
import { releaseCommand, verifyCommand, diffCommand } from '../pipeline/cli/commands/release.js';
import { approveCommand } from '../pipeline/cli/commands/approve.js';
import { checkFiles, diffLetters, parseRelease, type ReleaseRecord } from '../pipeline/release/record.js';
import { currentLetters, changedSegments } from '../pipeline/render/letterContent.js';
import { loadWorkspace } from '../pipeline/catalog/workspace.js';
import type { Command } from '../pipeline/cli/commands/types.js';

const REF = 'OMB-2022-KHJ30';
const translated = ['az', 'fr', 'ru', 'ar', 'es', 'zh'];

/** Runs a command in `cwd` through the CLI (exit 2 for an InputError). */
function run(
  command: Command,
  cwd: string,
  positionals: string[] = [],
  values: Record<string, string | boolean | undefined> = {},
) {
  return runCommand(command.name, cwd, positionals, values);
}

async function approveAll(dir: string): Promise<void> {
  for (const locale of translated)
    expect((await run(approveCommand, dir, [], { locale, all: true, by: 'Test Reviewer' })).code).toBe(0);
}

const editJson = (dir: string, file: string, edit: (data: Record<string, string>) => void) => {
  const data = JSON.parse(read(dir, file)) as Record<string, string>;
  edit(data);
  fs.writeFileSync(path.join(dir, file), `${JSON.stringify(data, null, 2)}\n`);
};

const today = localDay(new Date());

describe('release refuses drafts', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeProject();
  });

  it('exits 1 naming letters with draft translations, and builds and freezes nothing', async () => {
    const r = await run(releaseCommand, dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/release refused/);
    expect(r.stderr).toMatch(/unesco: fr translation is only a draft/);
    expect(r.stderr).toMatch(/--allow-draft/);
    // English letters are in the source language: never a draft.
    expect(r.stderr).not.toMatch(/council-of-europe:/);
    expect(fs.existsSync(path.join(dir, 'archive'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
  });

  it("goes through with --allow-draft and records it, with each letter's translation status", async () => {
    const result = await release({ root: dir, allowDraft: true, pdf: false, note: 'preview for the press office' });
    expect(result.status).toBe('released');
    if (result.status !== 'released') return;
    expect(path.relative(dir, result.dir)).toBe(path.join('archive', REF, `${today}-1`));
    const record = readRelease(result.dir);
    expect(record).toMatchObject({
      schema: 1,
      id: `${today}-1`,
      reference: REF,
      date: today,
      note: 'preview for the press office',
      allowDraft: true,
      format: 'html',
    });
    const byId = new Map(record.letters.map((l) => [l.addressee, l]));
    expect(byId.get('unesco')).toMatchObject({ language: 'fr', translation: 'draft', file: 'letters/unesco.fr.html' });
    expect(byId.get('unesco')!.draftSegments).toBeGreaterThan(0);
    expect(byId.get('council-of-europe')).toMatchObject({
      language: 'en',
      translation: 'source',
      draftSegments: 0,
      name: 'Secretary General of the Council of Europe',
    });
    expect(record.letters).toHaveLength(letterCount(dir));
  });
});

describe('release checks the inputs it records', () => {
  it('fails, freezing nothing, when an input changes while it builds', async () => {
    const dir = makeProject();
    const file = path.join(dir, 'source/addressees.yaml');
    let edited = false;
    const result = await release({
      root: dir,
      pdf: false,
      allowDraft: true,
      // The build has read its inputs by the time it logs its first edition.
      log: (line) => {
        if (edited || !line.startsWith('edition')) return;
        fs.writeFileSync(
          file,
          read(dir, 'source/addressees.yaml').replace('address: [Wallnerstrasse 6,', 'address: [Wallnerstraße 6,'),
        );
        edited = true;
      },
    });
    expect(edited).toBe(true);
    expect(result).toEqual({
      status: 'failed',
      problems: [
        expect.stringMatching(
          /^the inputs changed while releasing \(.*source\/addressees\.yaml.*\): run the release again$/,
        ),
      ],
    });
    expect(fs.existsSync(path.join(dir, 'archive'))).toBe(false);
  });
});

describe('release, verify and diff', () => {
  let dir: string;
  let first: string;
  let second: string;
  let record: ReleaseRecord;

  beforeAll(async () => {
    dir = makeProject();
    await approveAll(dir);
    const a = await release({ root: dir, pdf: false, note: 'sent by e-mail' });
    const b = await release({ root: dir, pdf: false });
    if (a.status !== 'released' || b.status !== 'released')
      throw new Error(`release failed: ${JSON.stringify([a, b])}`);
    first = a.dir;
    second = b.dir;
    record = a.record;
  });

  it('freezes letters, editions, manifest and send list with a release.json', () => {
    expect(path.relative(dir, first)).toBe(path.join('archive', REF, `${today}-1`));
    expect(record.allowDraft).toBe(false);
    expect(record.note).toBe('sent by e-mail');
    expect(record.source).toMatchObject({ file: 'source/statement.md', reference: REF, date: '2022-02-25' });
    expect(record.source.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(record.catalogs)).toContain('fr/statement.json');
    expect(Object.keys(record.registry)).toEqual(
      expect.arrayContaining(['source/addressees.yaml', 'source/members/foreign-embassies.csv']),
    );
    const unesco = record.letters.find((l) => l.addressee === 'unesco')!;
    expect(unesco).toMatchObject({
      language: 'fr',
      translation: 'approved',
      draftSegments: 0,
      file: 'letters/unesco.fr.html',
      reason: 'first working language (fr) is ready',
    });
    expect(unesco.name).toMatch(/^Directrice générale de l’Organisation des Nations Unies/);
    expect(unesco.content.segments['addressees:unesco']).toMatch(/^[0-9a-f]{16}$/);
    expect(record.texts[unesco.content.segments['addressees:unesco']]).toBe(unesco.name);
    expect(unesco.content.segments['letter:salutation-excellency']).toBeDefined();
    expect(unesco.content.segments['letter:pending-label']).toBeUndefined();
    expect(record.texts[unesco.content.segments['letter:place-date']]).toBe('{{place}}, le {{date}}');
    // The released files are exactly the dist files, and their checksums are recorded.
    for (const f of [
      'manifest.json',
      'send-list.csv',
      'letters/unesco.fr.html',
      'letters/azerbaijan-embassies/paris.az.html',
      'site/fr/index.html',
    ]) {
      expect(record.files.map((x) => x.path)).toContain(f);
      expect(fs.existsSync(path.join(first, f))).toBe(true);
    }
    expect(read(first, 'letters/unesco.fr.html')).toBe(read(dir, 'dist/letters/unesco.fr.html'));
    const manifest = JSON.parse(read(first, 'manifest.json'));
    expect(manifest.letters).toHaveLength(letterCount(dir));
    expect(
      read(first, 'send-list.csv')
        .replace(/^\uFEFF/, '')
        .split('\n')[0],
    ).toBe('addressee,name,language,reason,file,sha256,pages,contact');
  });

  it('makes a new folder for a second release the same day, never writing over the first', () => {
    expect(path.basename(second)).toBe(`${today}-2`);
    expect(readRelease(second).id).toBe(`${today}-2`);
    expect(readRelease(first).id).toBe(`${today}-1`);
    expect(fs.readdirSync(path.join(dir, 'archive', REF)).sort()).toEqual([`${today}-1`, `${today}-2`]);
  });

  it('verify exits 0 while every checksum holds', async () => {
    const r = await run(verifyCommand, dir, [path.relative(dir, first)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/all \d+ file\(s\) hold/);
  });

  it('verify exits 1 naming a file with one byte changed, and a file gone', async () => {
    const letter = path.join(second, 'letters', 'council-of-europe.en.html');
    const bytes = fs.readFileSync(letter);
    bytes[bytes.length - 2] ^= 1;
    fs.writeFileSync(letter, bytes);
    fs.rmSync(path.join(second, 'letters', 'unesco.fr.html'));
    const r = await run(verifyCommand, dir, [second]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('changed: letters/council-of-europe.en.html\nmissing: letters/unesco.fr.html\n');
    // The other release is untouched.
    expect((await run(verifyCommand, dir, [first])).code).toBe(0);
  });

  it('diff lists nothing while the inputs are those released', async () => {
    const r = await run(diffCommand, dir, [first], { json: true });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toEqual({
      schema: 1,
      release: `${today}-1`,
      reference: REF,
      changed: [],
      unchanged: letterCount(dir),
      languageOnly: [],
      added: [],
      removed: [],
    });
  });

  it('diff lists the one letter whose addressee name changed in the registry', async () => {
    const yaml = read(dir, 'source/addressees.yaml');
    const changed = yaml.replace(
      'name: Secretary General of the Council of Europe',
      'name: Secretary General of the Council of Europe (ad interim)',
    );
    expect(changed).not.toBe(yaml);
    fs.writeFileSync(path.join(dir, 'source/addressees.yaml'), changed);
    try {
      const r = await run(diffCommand, dir, [first]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe('council-of-europe (en): addressees:council-of-europe\n');
      expect(r.stderr).toMatch(/1 letter\(s\) changed, 35 unchanged/);
      // Every translation of that name is stale now, but no other letter shows that name: each keeps its
      // language, so diff notes no letter that would change language (its own readiness did not change).
      const out = JSON.parse((await run(diffCommand, dir, [first], { json: true })).stdout);
      expect(out.languageOnly).toEqual([]);
      expect(r.stderr).not.toMatch(/would now send it in/);
    } finally {
      fs.writeFileSync(path.join(dir, 'source/addressees.yaml'), yaml);
    }
  });

  it('diff lists the one French letter whose addressee name changed in locales/fr/addressees.json', async () => {
    const file = 'locales/fr/addressees.json';
    const before = read(dir, file);
    editJson(dir, file, (d) => {
      d.unesco = d.unesco.replace('Directrice générale', 'Directeur général');
    });
    try {
      const out = JSON.parse((await run(diffCommand, dir, [first], { json: true })).stdout);
      expect(out.changed).toEqual([
        {
          addressee: 'unesco',
          name: expect.stringMatching(/^Directrice générale/),
          language: 'fr',
          now: {
            name: expect.stringMatching(/^Directeur général/),
            language: 'fr',
            reason: 'first working language (fr) is ready',
          },
          // The edited name is a draft now: the letter carries the unofficial-translation notice again.
          segments: ['addressees:unesco', 'letter:unofficial-notice'],
        },
      ]);
      expect(out.languageOnly).toEqual([]);
    } finally {
      fs.writeFileSync(path.join(dir, file), before);
    }
  });

  it('diff lists exactly the letters in French when one French segment changed', async () => {
    const file = 'locales/fr/statement.json';
    const before = read(dir, file);
    editJson(dir, file, (d) => {
      d.place = 'Bakou (Azerbaïdjan)';
    });
    try {
      const out = JSON.parse((await run(diffCommand, dir, [first], { json: true })).stdout);
      const french = record.letters
        .filter((l) => l.language === 'fr')
        .map((l) => l.addressee)
        .sort();
      expect(french.length).toBeGreaterThan(2);
      expect(out.changed.map((c: { addressee: string }) => c.addressee).sort()).toEqual(french);
      // The edited place is a draft now: every French letter carries the unofficial-translation notice again.
      for (const c of out.changed)
        expect(c).toMatchObject({
          language: 'fr',
          now: { language: 'fr' },
          segments: ['letter:unofficial-notice', 'place'],
        });
      expect(out.unchanged).toBe(letterCount(dir) - french.length);
    } finally {
      fs.writeFileSync(path.join(dir, file), before);
    }
  });

  it('diff lists every letter when a source paragraph changed, compared in the language sent', async () => {
    const file = 'source/statement.md';
    const before = read(dir, file);
    fs.writeFileSync(
      path.join(dir, file),
      before.replace('and a grave crime against humanity.', 'and a grave crime against all humanity.'),
    );
    try {
      const out = JSON.parse((await run(diffCommand, dir, [first], { json: true })).stdout);
      expect(out.changed).toHaveLength(letterCount(dir));
      // A translated letter shows that paragraph in English now, so it is no longer wholly approved: its notice is back.
      for (const c of out.changed)
        expect(c.segments).toEqual(
          c.language === 'en'
            ? ['p-30-years-have-passed-since-the']
            : ['letter:unofficial-notice', 'p-30-years-have-passed-since-the'],
        );
      // The French translation is stale now: the letter is not ready in French, a build would write in English.
      expect(out.changed.find((c: { addressee: string }) => c.addressee === 'unesco')).toMatchObject({
        language: 'fr',
        now: { language: 'en', reason: expect.stringMatching(/fr not ready: p-30-years-have-passed-since-the stale/) },
      });
    } finally {
      fs.writeFileSync(path.join(dir, file), before);
    }
  });

  it('diff tells a change of working languages apart from a change of text, and lists recipients added', async () => {
    const file = path.join(dir, 'source/addressees.yaml');
    const yaml = read(dir, 'source/addressees.yaml');
    try {
      fs.writeFileSync(
        file,
        yaml.replace(/(- id: council-of-europe\n(?:.*\n)*?\s+languages: )\[en, fr\]/, '$1[fr, en]'),
      );
      let r = await run(diffCommand, dir, [first], { json: true });
      let out = JSON.parse(r.stdout);
      expect(out.changed).toEqual([]);
      expect(out.languageOnly).toEqual([
        {
          addressee: 'council-of-europe',
          language: 'en',
          now: { language: 'fr', reason: 'first working language (fr) is ready' },
        },
      ]);
      r = await run(diffCommand, dir, [first]);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/note: council-of-europe \(en\): text unchanged, but a build would now send it in fr/);

      fs.writeFileSync(file, `${yaml}  - id: new-body\n    name: A New Body\n    languages: [en]\n`);
      out = JSON.parse((await run(diffCommand, dir, [first], { json: true })).stdout);
      expect(out.added).toEqual([{ addressee: 'new-body', name: 'A New Body', language: 'en' }]);
      expect(out.changed).toEqual([]);
    } finally {
      fs.writeFileSync(file, yaml);
    }
  });

  it('verify and diff refuse a folder that is not a release (exit 2)', async () => {
    for (const command of [verifyCommand, diffCommand]) {
      const r = await run(command, dir, ['source']);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^source:1:1: not a release folder: it has no release\.json/);
      expect((await run(command, dir, ['no-such-folder'])).code).toBe(2);
      expect((await run(command, dir, [])).code).toBe(2);
    }
    fs.mkdirSync(path.join(dir, 'bogus'));
    fs.writeFileSync(path.join(dir, 'bogus', 'release.json'), '{"schema": 1, "id": 3}');
    const r = await run(verifyCommand, dir, ['bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bogus\/release\.json:1:1: not a release record of schema 1/);
  });
});

describe('a release with PDFs (real Chromium)', () => {
  it('freezes the PDFs with their manifest checksums; verify names a PDF with one byte changed', async () => {
    const dir = makeProject();
    // Two locales and one addressee keep the browser's work small.
    const md = read(dir, 'source/statement.md');
    fs.writeFileSync(path.join(dir, 'source/statement.md'), md.replace(/^locales: .*$/m, 'locales: [en, ru]'));
    const yaml = read(dir, 'source/addressees.yaml');
    const osce = / {2}- id: osce\n(?: {4}.*\n)+/.exec(yaml)![0];
    fs.writeFileSync(path.join(dir, 'source/addressees.yaml'), `addressees:\n${osce}`);
    const result = await release({ root: dir, note: 'by post' });
    expect(result.status).toBe('released');
    if (result.status !== 'released') return;
    const { record } = result;
    expect(record.format).toBe('pdf');
    const manifest = JSON.parse(read(dir, 'dist/manifest.json'));
    expect(record.letters).toEqual([
      expect.objectContaining({
        addressee: 'osce',
        language: 'en',
        file: 'letters/osce.en.pdf',
        html: 'letters/osce.en.html',
        sha256: manifest.letters[0].sha256,
        pages: manifest.letters[0].pages,
        translation: 'source',
      }),
    ]);
    expect(record.editions.map((e) => e.pdf)).toEqual(['site/en/statement.pdf', 'site/ru/statement.pdf']);
    expect(fs.readFileSync(path.join(result.dir, 'letters/osce.en.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    expect(read(result.dir, 'send-list.csv')).toContain(`letters/osce.en.pdf,${manifest.letters[0].sha256}`);
    expect((await run(verifyCommand, dir, [result.dir])).code).toBe(0);

    const pdf = path.join(result.dir, 'letters/osce.en.pdf');
    const bytes = fs.readFileSync(pdf);
    bytes[Math.floor(bytes.length / 2)] ^= 0x20;
    fs.writeFileSync(pdf, bytes);
    const r = await run(verifyCommand, dir, [result.dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('changed: letters/osce.en.pdf\n');
  }, 180_000);
});

describe('pure parts', () => {
  const record = (files: Array<[string, string]>, letters: Array<[string, string]> = []) =>
    ({
      files: files.map(([p, h]) => ({ path: p, sha256: h, bytes: 1 })),
      letters: letters.map(([file, sha256]) => ({ file, sha256 })),
    }) as unknown as ReleaseRecord;

  it('checkFiles names changed and missing files, and notes extra ones', () => {
    const hashes: Record<string, string> = { a: '1', b: 'x' };
    expect(
      checkFiles(
        record([
          ['a', '1'],
          ['b', '2'],
          ['c', '3'],
        ]),
        (p) => hashes[p],
        ['a', 'b', 'd'],
      ),
    ).toEqual({ changed: ['b'], missing: ['c'], extra: ['d'], held: 1 });
  });

  it('checkFiles catches a letter checksum edited in release.json alone', () => {
    expect(checkFiles(record([['l.pdf', '1']], [['l.pdf', '2']]), () => '1', ['l.pdf']).changed).toEqual(['l.pdf']);
  });

  it('changedSegments lists differing, added and removed keys, sorted', () => {
    expect(changedSegments({ segments: { b: '1', a: '1', c: '1' } }, { segments: { a: '1', b: '2', d: '1' } })).toEqual(
      ['b', 'c', 'd'],
    );
  });

  it('parseRelease refuses paths that leave the release folder', () => {
    const text = JSON.stringify({
      schema: 1,
      id: 'x',
      reference: 'R',
      date: 'd',
      created: 'c',
      files: [{ path: '../x', sha256: 'h' }],
      letters: [],
      editions: [],
      texts: {},
      catalogs: {},
      source: {},
    });
    expect(() => parseRelease(text, 'release.json')).toThrow(/path inside the release/);
  });

  it('a letter in the source language has no draft, a draft translation blocks a release', () => {
    const ws = loadWorkspace(makeProject());
    const letters = currentLetters(ws);
    const coe = letters.find((l) => l.recipient.id === 'council-of-europe')!;
    expect(coe).toMatchObject({ locale: 'en', translation: 'source', drafts: [], pending: [] });
    const unesco = letters.find((l) => l.recipient.id === 'unesco')!;
    expect(unesco.translation).toBe('draft');
    expect(unesco.drafts).toContain('addressees:unesco');
    expect(unesco.drafts).not.toContain('addressees:unhcr');
    const blockers = releaseBlockers(letters);
    expect(blockers.some((b) => b.startsWith('unesco: fr translation is only a draft'))).toBe(true);
    // A diff against itself is empty.
    const self = {
      id: 'x',
      reference: REF,
      letters: letters.map((l) => ({
        addressee: l.recipient.id,
        name: l.content.name,
        language: l.locale,
        content: l.content,
      })),
    } as unknown as ReleaseRecord;
    expect(diffLetters(self, letters, () => undefined)).toMatchObject({
      changed: [],
      unchanged: letters.length,
      languageOnly: [],
      added: [],
      removed: [],
    });
  });
});
