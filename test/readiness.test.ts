/**
 * Readiness per document (issue 14, and from issue 22 the address blocks,
 * the regional fallback and the unofficial notice): a letter's language is
 * decided by the keys that letter renders, read from `build --dry-run --json`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect, beforeAll } from 'vitest';
import { makeProject, runCli, read, snapshot, letterCount } from './helpers.js';
import { loadWorkspace } from '../pipeline/catalog/workspace.js';
import { documentKeys } from '../pipeline/render/documentKeys.js';
import { reportKey } from '../pipeline/catalog/status.js';

interface PlanLetter {
  addressee: string;
  locale: string;
  reason: string;
  blocking: Array<{ locale: string; ns: string; key: string; status: string }>;
  official: boolean;
}
interface Plan {
  editions: Array<{ locale: string; ready: boolean; official: boolean; blocking: unknown[] }>;
  letters: PlanLetter[];
}

async function plan(dir: string): Promise<Plan> {
  const r = await runCli(['build', '--dry-run', '--json'], dir);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Plan;
}

const languages = (p: Plan) => Object.fromEntries(p.letters.map((l) => [l.addressee, l.locale]));

const editJson = (dir: string, file: string, edit: (data: Record<string, string>) => void) => {
  const full = path.join(dir, file);
  const data = JSON.parse(fs.readFileSync(full, 'utf8')) as Record<string, string>;
  edit(data);
  fs.writeFileSync(full, `${JSON.stringify(data, null, 2)}\n`);
};

/** Letters whose language differs between two plans. */
function moved(before: Plan, after: Plan): string[] {
  const a = languages(after);
  return before.letters
    .filter((l) => a[l.addressee] !== l.locale)
    .map((l) => l.addressee)
    .sort();
}

describe('a letter is ready in a language when every key it renders is usable there', () => {
  let dir: string;
  let base: Plan;
  beforeAll(async () => {
    dir = makeProject();
    base = await plan(dir);
  });

  it('prints the plan as one JSON object with a reason per letter', () => {
    expect(base.editions.map((e) => e.locale)).toEqual(['en', 'az', 'fr', 'ru', 'ar', 'es', 'zh']);
    expect(base.letters).toHaveLength(letterCount(dir));
    expect(base.letters.find((l) => l.addressee === 'unesco')).toMatchObject({
      locale: 'fr',
      reason: 'first working language (fr) is ready',
      blocking: [],
    });
    // The shipped translations are drafts: nothing is official but the source language.
    expect(base.letters.filter((l) => l.locale !== 'en').every((l) => !l.official)).toBe(true);
  });

  it('renaming one addressee written to in English, then extract, leaves every other letter in its language', async () => {
    const file = path.join(dir, 'source/addressees.yaml');
    const yaml = read(dir, 'source/addressees.yaml');
    const renamed = yaml.replace(
      'name: Secretary-General of the United Nations\n',
      'name: Secretary-General of the United Nations Organization\n',
    );
    expect(renamed).not.toBe(yaml);
    const locales = snapshot(path.join(dir, 'locales'));
    try {
      fs.writeFileSync(file, renamed);
      expect((await runCli(['extract'], dir)).code).toBe(0);
      const after = await plan(dir);
      expect(moved(base, after)).toEqual([]);
      expect(languages(after)['un-secretary-general']).toBe('en');
      // Its French name is stale now, and status says so, but it holds back no letter.
      const fr = JSON.parse((await runCli(['status', '--json'], dir)).stdout).locales.fr;
      expect(fr.stale).toBe(1);
      expect(fr.documents.blocking).toEqual([]);
    } finally {
      fs.writeFileSync(file, yaml);
      for (const f of fs.readdirSync(path.join(dir, 'locales'), { recursive: true, withFileTypes: true }))
        if (f.isFile()) fs.rmSync(path.join(f.parentPath, f.name));
      for (const [f, bytes] of locales) fs.writeFileSync(path.join(dir, 'locales', f), Buffer.from(bytes, 'base64'));
    }
  });

  it("emptying one addressee's translated name moves that letter alone down its list, and the reason names the key", async () => {
    const file = 'locales/fr/addressees.json';
    const before = read(dir, file);
    editJson(dir, file, (d) => {
      d.unesco = '';
    });
    try {
      const after = await plan(dir);
      expect(moved(base, after)).toEqual(['unesco']);
      expect(after.letters.find((l) => l.addressee === 'unesco')).toEqual(
        expect.objectContaining({
          locale: 'en',
          reason: 'fr not ready: addressees:unesco missing; next working language en is ready',
          blocking: [{ locale: 'fr', ns: 'addressees', key: 'unesco', status: 'missing' }],
        }),
      );
      const text = await runCli(['build', '--dry-run'], dir);
      expect(text.stdout).toContain(
        'letter unesco: en (fr not ready: addressees:unesco missing; next working language en is ready)',
      );
      // status: the French documents, and the one key that holds one letter back.
      const status = await runCli(['status'], dir);
      expect(status.stdout).toContain(
        'fr: translate this key and 1 letter goes out in French: addressees:unesco (missing, 1 letter)',
      );
      const r = await runCli(['build', '--format', 'html', '--only', 'editions', '--locale', 'fr'], dir);
      expect(r.code, r.stderr).toBe(0);
      // The status page lists the key with the letters it holds back.
      expect(read(dir, 'dist/status/index.html')).toMatch(
        /<td>fr<\/td><td><code>addressees:unesco<\/code><\/td><td>missing<\/td><td>1<\/td><td>no<\/td>/,
      );
      const fr = JSON.parse((await runCli(['status', '--json'], dir)).stdout).locales.fr;
      expect(fr.documents).toMatchObject({
        ready: 3,
        planned: 4,
        blocking: [{ ns: 'addressees', key: 'unesco', status: 'missing', letters: 1, edition: false }],
      });
    } finally {
      fs.writeFileSync(path.join(dir, file), before);
    }
  });

  it('emptying one French statement segment moves every French letter', async () => {
    const file = 'locales/fr/statement.json';
    const before = read(dir, file);
    const key = 'p-30-years-have-passed-since-the';
    editJson(dir, file, (d) => {
      expect(d[key]).toBeTruthy();
      d[key] = '';
    });
    try {
      const after = await plan(dir);
      const french = base.letters
        .filter((l) => l.locale === 'fr')
        .map((l) => l.addressee)
        .sort();
      expect(french.length).toBeGreaterThan(2);
      expect(moved(base, after)).toEqual(french);
      for (const id of french)
        expect(after.letters.find((l) => l.addressee === id)!.reason).toMatch(
          new RegExp(`^fr not ready: ${key} missing; `),
        );
      expect(after.editions.find((e) => e.locale === 'fr')).toMatchObject({
        ready: false,
        blocking: [{ locale: 'fr', ns: 'statement', key, status: 'missing' }],
      });
      const fr = JSON.parse((await runCli(['status', '--json'], dir)).stdout).locales.fr;
      expect(fr.documents).toMatchObject({
        ready: 0,
        planned: french.length + 1,
        blocking: [{ ns: 'statement', key, status: 'missing', letters: french.length, edition: true }],
      });
    } finally {
      fs.writeFileSync(path.join(dir, file), before);
    }
  });

  it('names the first three keys and a count when more than three hold a language back', async () => {
    const file = 'locales/fr/letter.json';
    const before = read(dir, file);
    editJson(dir, file, (d) => {
      for (const k of ['subject', 'salutation-excellency', 'close-excellency', 'reference-label', 'page']) d[k] = '';
    });
    try {
      const unesco = (await plan(dir)).letters.find((l) => l.addressee === 'unesco')!;
      expect(unesco.locale).toBe('en');
      expect(unesco.blocking).toHaveLength(5);
      expect(unesco.reason).toMatch(
        /^fr not ready: letter:[a-z-]+ missing, letter:[a-z-]+ missing, letter:[a-z-]+ missing and 2 more; next working language en is ready$/,
      );
    } finally {
      fs.writeFileSync(path.join(dir, file), before);
    }
  });

  it('writes the reason into the manifest and send-list.csv', async () => {
    const file = 'locales/fr/addressees.json';
    const before = read(dir, file);
    editJson(dir, file, (d) => {
      d.unesco = '';
    });
    try {
      const r = await runCli(['build', '--format', 'html', '--only', 'letters', '--addressee', 'unesco'], dir);
      expect(r.code, r.stderr).toBe(0);
      const manifest = JSON.parse(read(dir, 'dist/manifest.json'));
      expect(manifest.letters.find((l: { addressee: string }) => l.addressee === 'unesco').reason).toBe(
        'fr not ready: addressees:unesco missing; next working language en is ready',
      );
      expect(
        read(dir, 'dist/send-list.csv')
          .split('\n')
          .find((row) => row.startsWith('unesco,')),
      ).toContain(
        ',en,fr not ready: addressees:unesco missing; next working language en is ready,letters/unesco.en.html,',
      );
    } finally {
      fs.writeFileSync(path.join(dir, file), before);
    }
  });

  it('an address block is not translated by default: an empty one moves no letter and is shown as the registry writes it', async () => {
    const file = 'locales/fr/addressees.json';
    const before = read(dir, file);
    const statusBefore = JSON.parse((await runCli(['status', '--json'], dir)).stdout).locales.fr;
    editJson(dir, file, (d) => {
      d['unesco--address'] = '';
    });
    try {
      expect(moved(base, await plan(dir))).toEqual([]);
      const fr = JSON.parse((await runCli(['status', '--json'], dir)).stdout).locales.fr;
      // Address blocks do not count against coverage: the figures are the same with it empty.
      expect(fr).toMatchObject({ segments: statusBefore.segments, missing: 0, translated: statusBefore.translated });
      const r = await runCli(['build', '--format', 'html', '--only', 'letters', '--addressee', 'unesco'], dir);
      expect(r.code, r.stderr).toBe(0);
      // Letters carry soft hyphens; the address block is the registry's, with no source-language mark.
      const recipientBlock = /<div class="recipient">(.*?)<\/div>/s.exec(
        read(dir, 'dist/letters/unesco.fr.html').replace(/\u00ad/g, ''),
      )![1];
      expect(recipientBlock).toMatch(/>7 place de Fontenoy<\/p><p[^>]*>75352 Paris 07 SP<\/p>/);
      expect(recipientBlock).not.toContain('lang=');
      expect(recipientBlock).toContain('Directrice générale');
    } finally {
      fs.writeFileSync(path.join(dir, file), before);
    }
  });

  it('refuses bad input as before: exit 2, file:line:col, nothing on stdout', async () => {
    const file = path.join(dir, 'source/addressees.yaml');
    const yaml = read(dir, 'source/addressees.yaml');
    try {
      fs.writeFileSync(file, yaml.replace('languages: [fr, en]', 'languages: [fr, en'));
      const r = await runCli(['build', '--dry-run', '--json'], dir);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^source\/addressees\.yaml:\d+:\d+: /);
    } finally {
      fs.writeFileSync(file, yaml);
    }
    const noDry = await runCli(['build', '--json'], dir);
    expect(noDry.code).toBe(2);
    expect(noDry.stderr).toMatch(/--json goes with --dry-run/);
  });
});

describe('the key set of a document is read off its render', () => {
  const ws = loadWorkspace(makeProject());
  const { parsed, segments, templates } = ws.project;
  const keys = documentKeys(parsed, segments, templates.strings, 'fr');
  const ids = (list: Array<{ ns: 'statement' | 'letter' | 'addressees'; key: string }>) =>
    list.map((k) => reportKey(k.ns, k.key));
  const recipient = (id: string) => ws.registry!.recipients.find((r) => r.id === id)!;

  it('a letter with the excellency form: its salutation and close, its own name and address, labels, notices, page X of Y, every segment', () => {
    const unesco = recipient('unesco');
    expect(unesco.form).toBe('excellency');
    const set = ids(keys.letter(unesco));
    expect(set).toEqual(
      expect.arrayContaining([
        'letter:salutation-excellency',
        'letter:close-excellency',
        'addressees:unesco',
        'addressees:unesco--address',
        'letter:subject',
        'letter:reference-label',
        'letter:place-date',
        'letter:letter-title',
        'letter:page',
        'letter:unofficial-notice',
        ...segments.map((s) => s.key),
      ]),
    );
    expect(set).not.toContain('letter:salutation-formal');
    expect(set).not.toContain('letter:close-formal');
    expect(set.filter((k) => k.startsWith('addressees:'))).toEqual(['addressees:unesco', 'addressees:unesco--address']);
    // Edition strings are not in a letter.
    expect(set).not.toContain('letter:skip-link');
  });

  it('a letter with the formal form: the formal salutation and close, not the excellency ones', () => {
    const eu = recipient('european-union');
    expect(eu.form).toBe('formal');
    const set = ids(keys.letter(eu));
    expect(set).toEqual(
      expect.arrayContaining(['letter:salutation-formal', 'letter:close-formal', 'addressees:european-union']),
    );
    expect(set).not.toContain('letter:salutation-excellency');
    expect(set).not.toContain('letter:close-excellency');
  });

  it('a member of a group: its own name, not the group name', () => {
    const member = ws.registry!.recipients.find((r) => r.group !== undefined)!;
    const set = ids(keys.letter(member));
    expect(set.filter((k) => k.startsWith('addressees:') && !k.endsWith('--address'))).toEqual([
      `addressees:${member.id}`,
    ]);
  });

  it('an edition: every segment and the edition strings, no letter strings and no addressee', () => {
    const set = ids(keys.edition);
    expect(set).toEqual(
      expect.arrayContaining([
        ...segments.map((s) => s.key),
        'letter:skip-link',
        'letter:languages',
        'letter:page',
        'letter:place-date',
        'letter:unofficial-notice',
      ]),
    );
    expect(set.filter((k) => k.startsWith('addressees:'))).toEqual([]);
    for (const k of [
      'letter:salutation-formal',
      'letter:salutation-excellency',
      'letter:subject',
      'letter:reference-label',
    ])
      expect(set).not.toContain(k);
  });
});

describe('the unofficial-translation notice', () => {
  it('goes when every key the document renders is approved, and only then', async () => {
    const dir = makeProject();
    expect((await runCli(['approve', '--locale', 'fr', '--all', '--by', 'A. Reviewer'], dir)).code).toBe(0);
    // A draft that the UNESCO letter does not show (another addressee's name) leaves it official.
    editJson(dir, 'locales/fr/addressees.json', (d) => {
      d['council-of-europe'] = `${d['council-of-europe']} (intérim)`;
    });
    let p = await plan(dir);
    expect(p.editions.find((e) => e.locale === 'fr')!.official).toBe(true);
    expect(p.letters.find((l) => l.addressee === 'unesco')!.official).toBe(true);
    let r = await runCli(['build', '--format', 'html'], dir);
    expect(r.code, r.stderr).toBe(0);
    const notice = 'Traduction non officielle';
    // Letters carry soft hyphens (hyphenation for print): read them without.
    const text = (f: string) => read(dir, f).replace(/\u00ad/g, '');
    expect(read(dir, 'dist/site/fr/index.html')).not.toContain(notice);
    expect(text('dist/letters/unesco.fr.html')).not.toContain(notice);
    expect(read(dir, 'dist/site/az/index.html')).toContain('class="notice"');

    // One French segment edited by hand is a draft: every French document carries the notice again.
    editJson(dir, 'locales/fr/statement.json', (d) => {
      d.place = 'Bakou (Azerbaïdjan)';
    });
    p = await plan(dir);
    expect(p.letters.find((l) => l.addressee === 'unesco')).toMatchObject({ locale: 'fr', official: false });
    r = await runCli(['build', '--format', 'html'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(read(dir, 'dist/site/fr/index.html')).toContain(notice);
    expect(text('dist/letters/unesco.fr.html')).toContain(notice);
  });
});

describe('a regional locale falls back to its language', () => {
  it('fr-CH with one text of its own shows French for the rest, and status counts those as translated from fr', async () => {
    const dir = makeProject();
    const md = path.join(dir, 'source/statement.md');
    fs.writeFileSync(md, read(dir, 'source/statement.md').replace(/^locales: \[(.*)\]$/m, 'locales: [$1, fr-CH]'));
    expect((await runCli(['extract'], dir)).code).toBe(0);
    editJson(dir, 'locales/fr-CH/statement.json', (d) => {
      d.place = 'Bakou (Azerbaïdjan)';
    });
    const s = JSON.parse((await runCli(['status', '--json'], dir)).stdout).locales['fr-CH'];
    expect(s).toMatchObject({ parent: 'fr', missing: 0, translated: s.segments, fromParent: s.segments - 1 });
    expect((await runCli(['status'], dir)).stdout).toContain(
      `fr-CH: ${s.segments - 1} of ${s.segments} keys translated from fr`,
    );
    const p = await plan(dir);
    expect(p.editions.find((e) => e.locale === 'fr-CH')).toMatchObject({ ready: true, blocking: [] });
    const r = await runCli(['build', '--format', 'html', '--only', 'editions', '--locale', 'fr-CH'], dir);
    expect(r.code, r.stderr).toBe(0);
    const html = read(dir, 'dist/site/fr-CH/index.html');
    expect(html).toContain('Bakou (Azerbaïdjan), le 25 février 2022');
    expect(html).not.toContain('class="pending');
    expect(read(dir, 'dist/status/index.html')).toContain(
      `${s.segments}/${s.segments} (${s.segments - 1} from <code>fr</code>)`,
    );
  });
});
