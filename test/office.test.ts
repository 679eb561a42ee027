/**
 * Issue 22, "a second office adopts it": the items of the office (dates,
 * YAML positions, the project root, the member CSV's languages, hand edits
 * of stale translations, rebinding and starting a new statement). Each
 * test is named after its item.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll } from 'vitest';
import { makeProject, runCli, read, repo } from './helpers.js';
import { extractLocale, type Sources } from '../pipeline/catalog/extract.js';
import { emptyState } from '../pipeline/catalog/state.js';
import { emptyCatalogs } from '../pipeline/catalog/catalog.js';

const edit = (dir: string, file: string, change: (text: string) => string) => {
  const full = path.join(dir, file);
  fs.writeFileSync(full, change(fs.readFileSync(full, 'utf8')));
};
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('dates: an impossible date is an input error; dateLocales sets the day-month order', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeProject();
  });

  it('refuses date: 2025-02-30 with file:line:col, builds nothing', async () => {
    edit(dir, 'source/statement.md', (md) => md.replace('date: 2022-02-25', 'date: 2025-02-30'));
    try {
      const r = await runCli(['build', '--format', 'html', '--locale', 'en'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toMatch(
        /^source\/statement\.md:8:7: front-matter field "date": 2025-02-30 is not a day of the calendar/,
      );
      expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);
    } finally {
      edit(dir, 'source/statement.md', (md) => md.replace('date: 2025-02-30', 'date: 2022-02-25'));
    }
  });

  it('accepts 29 February in a leap year only', async () => {
    edit(dir, 'source/statement.md', (md) => md.replace('date: 2022-02-25', 'date: 2023-02-29'));
    try {
      expect((await runCli(['status', '--json'], dir)).code).toBe(2);
      edit(dir, 'source/statement.md', (md) => md.replace('date: 2023-02-29', 'date: 2024-02-29'));
      expect((await runCli(['status', '--json'], dir)).code).toBe(0);
    } finally {
      edit(dir, 'source/statement.md', (md) => md.replace(/date: 202\d-02-29/, 'date: 2022-02-25'));
    }
  });

  it('formats English dates as en-GB with dateLocales: { en: en-GB }; catalogs and glossary keep en', async () => {
    let r = await runCli(['build', '--format', 'html', '--only', 'editions', '--locale', 'en,fr'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(read(dir, 'dist/site/en/index.html')).toContain('February 25, 2022');
    edit(dir, 'source/statement.md', (md) =>
      md.replace('sourceLocale: en\n', 'sourceLocale: en\ndateLocales: { en: en-GB }\n'),
    );
    try {
      r = await runCli(['build', '--format', 'html', '--only', 'editions', '--locale', 'en,fr'], dir);
      expect(r.code, r.stderr).toBe(0);
      const en = read(dir, 'dist/site/en/index.html');
      expect(en).toContain('25 February 2022');
      expect(en).not.toContain('February 25, 2022');
      expect(en).toMatch(/<html[^>]* lang="en"/);
      expect(read(dir, 'dist/site/fr/index.html')).toContain('25 février 2022');
      expect((await runCli(['extract', '--check'], dir)).code).toBe(0);
    } finally {
      edit(dir, 'source/statement.md', (md) => md.replace('dateLocales: { en: en-GB }\n', ''));
    }
  });

  it('refuses a dateLocales entry of another language, at its line', async () => {
    edit(dir, 'source/statement.md', (md) =>
      md.replace('sourceLocale: en\n', 'sourceLocale: en\ndateLocales: { en: fr-FR }\n'),
    );
    try {
      const r = await runCli(['status'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toMatch(
        /^source\/statement\.md:10:\d+: front-matter field "dateLocales": "fr-FR" is not a form of "en"/,
      );
    } finally {
      edit(dir, 'source/statement.md', (md) => md.replace('dateLocales: { en: fr-FR }\n', ''));
    }
  });
});

describe('YAML syntax errors: reported on the line of the mistake', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeProject();
  });
  const cases: Array<[string, string, (t: string) => string, string]> = [
    [
      'front matter, an unclosed [',
      'source/statement.md',
      (t) => t.replace('title: Statement', 'title: [Statement'),
      'title: [Statement',
    ],
    [
      'front matter, an unclosed quote',
      'source/statement.md',
      (t) => t.replace('place: Baku', 'place: "Baku'),
      'place: "Baku',
    ],
    [
      'addressees.yaml, an unclosed [',
      'source/addressees.yaml',
      (t) => t.replace('languages: [en, fr, es]', 'languages: [en, fr, es'),
      'languages: [en, fr, es\n',
    ],
    [
      'glossary.yaml, an unclosed {',
      'source/glossary.yaml',
      (t) => t.replace(/(\{ en: Genocide Convention,.*?zh: 灭绝种族罪公约) \}/, '$1'),
      '{ en: Genocide Convention,',
    ],
  ];
  for (const [name, file, mutate, needle] of cases) {
    it(name, async () => {
      const original = read(dir, file);
      const changed = mutate(original);
      expect(changed).not.toBe(original);
      fs.writeFileSync(path.join(dir, file), changed);
      try {
        const r = await runCli(['status'], dir);
        expect(r.code).toBe(2);
        const m = /^([^:]+):(\d+):(\d+): .*YAML/.exec(r.stderr.trim());
        expect(m, r.stderr).not.toBeNull();
        expect(m![1]).toBe(file);
        expect(Number(m![2])).toBe(lineOf(changed, needle));
      } finally {
        fs.writeFileSync(path.join(dir, file), original);
      }
    });
  }
});

describe('member CSV: several languages separated by |', () => {
  it('accepts languages "ru|fr" as the address column accepts "|", in order of preference', async () => {
    const dir = makeProject();
    edit(dir, 'source/members/foreign-embassies.csv', (t) =>
      t.replace(
        'russia,Embassy of the Russian Federation in the Republic of Azerbaijan,ru',
        'russia,Embassy of the Russian Federation in the Republic of Azerbaijan,ru|fr',
      ),
    );
    const r = await runCli(['build', '--dry-run', '--format', 'html'], dir);
    expect(r.code, r.stderr).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.includes('foreign-embassies/russia'));
    expect(line).toMatch(/\bru\b/);
    edit(dir, 'source/members/foreign-embassies.csv', (t) => t.replace('ru|fr', 'qq|fr'));
    const bad = await runCli(['build', '--dry-run', '--format', 'html'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/foreign-embassies\.csv:3:1: member "russia": "qq" is not a publish locale/);
  });
});

describe('project root: found upward from the working directory, or the folder searched is named', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeProject();
  });

  it('runs status and extract --check from source/ and from locales/fr/ as from the root', async () => {
    const atRoot = await runCli(['status', '--json'], dir);
    expect(atRoot.code, atRoot.stderr).toBe(0);
    for (const sub of ['source', 'locales/fr']) {
      const r = await runCli(['status', '--json'], path.join(dir, sub));
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual(JSON.parse(atRoot.stdout));
      expect((await runCli(['extract', '--check'], path.join(dir, sub))).code).toBe(0);
    }
  });

  it("builds into the root's dist/ when run from source/", async () => {
    const r = await runCli(
      ['build', '--format', 'html', '--only', 'editions', '--locale', 'en'],
      path.join(dir, 'source'),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(fs.existsSync(path.join(dir, 'dist/site/en/index.html'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'source/dist'))).toBe(false);
  });

  it('outside any project, names the folder it searched and exits 2', async () => {
    const outside = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'no-project-'));
    const r = await runCli(['status'], outside);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`statement not found: no source/statement.md in ${outside} nor in any folder above it`);
  });
});

describe('editing a stale translation by hand; approve says which keys it refused and how to fix them', () => {
  const KEY = 'p-enjoying-the-prevailed-environment-of-impunity';
  const setFr = (dir: string, key: string, text: string) =>
    edit(dir, 'locales/fr/statement.json', (t) => JSON.stringify({ ...JSON.parse(t), [key]: text }, null, 2) + '\n');
  const statusOf = async (dir: string, key: string) => {
    const r = await runCli(['status', '--json', '--locale', 'fr'], dir);
    return JSON.parse(r.stdout).locales.fr as { stale: number; translated: number };
  };

  it('a new text typed into the JSON over a stale translation is a draft of the current source', async () => {
    const dir = makeProject();
    edit(dir, 'source/statement.md', (md) =>
      md.replace(
        'committed massacres in settlements of Azerbaijan',
        'committed massacres in towns and villages of Azerbaijan',
      ),
    );
    expect((await runCli(['extract'], dir)).code).toBe(0);
    expect((await statusOf(dir, KEY)).stale).toBe(1);

    const refused = await runCli(['approve', '--locale', 'fr', '--key', KEY, '--by', 'A. Reviewer'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `stale (1): ${KEY}: the source changed since this was translated; revise the text in locales/fr/statement.json`,
    );

    setFr(
      dir,
      KEY,
      'Profitant du climat d’impunité qui régnait, des groupes armés arméniens ont commis des massacres dans des villes et villages d’Azerbaïdjan, et le plus horrible a eu lieu à Khodjaly.',
    );
    expect((await statusOf(dir, KEY)).stale).toBe(0);
    const ok = await runCli(['approve', '--locale', 'fr', '--key', KEY, '--by', 'A. Reviewer'], dir);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('fr: 1 approved by A. Reviewer');

    // Recorded against the current source: the next source edit makes it stale again.
    edit(dir, 'source/statement.md', (md) =>
      md.replace('in towns and villages of Azerbaijan', 'in towns and villages across Azerbaijan'),
    );
    expect((await runCli(['extract'], dir)).code).toBe(0);
    expect((await statusOf(dir, KEY)).stale).toBe(1);
  });

  it('a hand edit recorded by extract before the source changes goes stale with that change', async () => {
    const dir = makeProject();
    setFr(
      dir,
      KEY,
      'Profitant de l’impunité, des groupes armés arméniens ont commis des massacres en Azerbaïdjan, le plus horrible à Khodjaly.',
    );
    expect((await runCli(['extract'], dir)).code).toBe(0);
    edit(dir, 'source/statement.md', (md) =>
      md.replace('committed massacres in settlements of Azerbaijan', 'committed massacres in towns of Azerbaijan'),
    );
    expect((await runCli(['extract'], dir)).code).toBe(0);
    expect((await statusOf(dir, KEY)).stale).toBe(1);
  });

  it('approve --all names each refused key with its reason instead of "not approved: 3"', async () => {
    const dir = makeProject();
    edit(dir, 'source/statement.md', (md) =>
      md.replace('committed massacres in settlements of Azerbaijan', 'committed massacres in towns of Azerbaijan'),
    );
    expect((await runCli(['extract'], dir)).code).toBe(0);
    const fr = JSON.parse(read(dir, 'locales/fr/statement.json'));
    setFr(
      dir,
      'p-this-genocidal-act-resulted-in-brutal',
      fr['p-this-genocidal-act-resulted-in-brutal'].replace('613', '631'),
    );
    setFr(dir, 'place', '');
    const r = await runCli(['approve', '--locale', 'fr', '--all', '--by', 'A. Reviewer'], dir);
    expect(r.code).toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^fr: \d+ approved by A\. Reviewer; not approved: 3$/);
    expect(r.stderr).toContain(
      'missing (1): place: not translated yet; type the translation in locales/fr/statement.json',
    );
    expect(r.stderr).toContain(`stale (1): ${KEY}: the source changed`);
    expect(r.stderr).toMatch(
      /p-this-genocidal-act-resulted-in-brutal has 1 error\(s\), figures: .*613.*; fix the translation in locales\/fr\/statement\.json, or waive the check/,
    );
  });
});

describe("a new statement does not inherit the old one's translations", () => {
  const kept = ['p-one', 'p-two', 'p-three', 'p-four'];
  const keptText = (k: string) => `Paragraph ${k} of the statement, which stays as it was.`;
  const oldKey = 'p-throughout-history-as-a-result-of';
  const oldText =
    'Throughout history, as a result of Armenia’s ethnic cleansing and genocide policies against Azerbaijanis, hundreds of thousands of civilians have been massacred and expelled from their native lands.';
  const fr =
    'Tout au long de l’histoire, du fait de la politique de nettoyage ethnique et de génocide menée par l’Arménie contre les Azerbaïdjanais, des centaines de milliers de civils ont été massacrés et chassés de leurs terres natales.';
  /** Extracts fr after the old paragraph gave way to `next` (kept paragraphs around it, so no wholesale replacement). */
  const after = (nextKey: string, next: string) => {
    const statement = Object.fromEntries(kept.map((k) => [k, keptText(k)]));
    const previous = emptyCatalogs();
    previous.statement = { ...statement, [oldKey]: oldText };
    const current = { catalogs: emptyCatalogs(), state: emptyState(), obsolete: {} };
    current.catalogs.statement = { ...Object.fromEntries(kept.map((k) => [k, `Traduction de ${k}.`])), [oldKey]: fr };
    current.state.entries.statement[oldKey] = { source: oldText, text: 'x', status: 'draft' };
    const sources: Sources = { statement: { ...statement, [nextKey]: next }, letter: {}, addressees: {} };
    return extractLocale(sources, previous, current);
  };

  it('rebinding needs a minimum share of words: an unrelated paragraph alike in letters gets nothing', () => {
    const r = after(
      'p-throughout-the-year-as-a-result',
      'Throughout the year, as a result of the Office’s visits to schools and care homes, hundreds of thousands of children have been heard and helped in their native languages.',
    );
    expect(r.rebound).toEqual([]);
    expect(r.catalogs.statement['p-throughout-the-year-as-a-result']).toBe('');
    expect(r.obsolete[oldKey]).toEqual([{ ns: 'statement', text: fr, source: oldText }]);
  });

  it("rebinding needs the same segment kind: a paragraph's translation does not follow onto a list item", () => {
    const r = after('li-throughout-history-as-a-result-of', oldText);
    expect(r.rebound).toEqual([]);
    expect(r.obsoleted).toEqual([oldKey]);
  });

  it('an edited opening still takes its translation along, stale', () => {
    const r = after(
      'p-throughout-its-history-as-a-result',
      oldText.replace('Throughout history', 'Throughout its history'),
    );
    expect(r.rebound).toEqual([{ from: oldKey, to: 'p-throughout-its-history-as-a-result' }]);
    expect(r.stale).toEqual(['p-throughout-its-history-as-a-result']);
  });

  const newcomerBody = () => read(path.join(repo, 'test/fixtures/newcomer'), 'source/statement.md').split(/^---$/m)[2];
  const replaceBody = (dir: string) =>
    edit(dir, 'source/statement.md', (md) => `${md.split(/^---$/m).slice(0, 2).join('---')}---${newcomerBody()}`);

  it('never rebinds across a wholesale replacement; the obsolete list is summarised (--verbose for all)', async () => {
    const dir = makeProject();
    replaceBody(dir);
    const dry = await runCli(['extract', '--dry-run', '--verbose'], dir);
    expect(dry.code, dry.stderr).toBe(0);
    const all = dry.stderr.split('\n').find((l) => l.startsWith('fr: '))!;
    const r = await runCli(['extract'], dir);
    expect(r.code, r.stderr).toBe(0);
    const line = r.stderr.split('\n').find((l) => l.startsWith('fr: '))!;
    expect(line).toContain('the statement was replaced wholesale: nothing rebound');
    expect(line).toMatch(
      /(\d+) moved to obsolete\.json \(p-[a-z0-9-]+, p-[a-z0-9-]+, p-[a-z0-9-]+, p-[a-z0-9-]+, p-[a-z0-9-]+ and \d+ more; --verbose lists all\)/,
    );
    expect(line.length).toBeLessThan(600);
    expect(all.length).toBeGreaterThan(line.length);
    expect(all).not.toContain('--verbose lists all');
    const cat = JSON.parse(read(dir, 'locales/fr/statement.json')) as Record<string, string>;
    const body = Object.entries(cat).filter(([k]) => /^(p|h|li|quote)-/.test(k));
    expect(body.length).toBeGreaterThan(5);
    expect(body.filter(([, v]) => v !== '')).toEqual([]);
  });

  it('extract --new-statement moves every statement translation into obsolete.json and starts clean', async () => {
    const dir = makeProject();
    const letterBefore = read(dir, 'locales/fr/letter.json');
    replaceBody(dir);
    const r = await runCli(['extract', '--new-statement'], dir);
    expect(r.code, r.stderr).toBe(0);
    const cat = JSON.parse(read(dir, 'locales/fr/statement.json')) as Record<string, string>;
    expect(Object.values(cat).every((v) => v === '')).toBe(true);
    const obsolete = JSON.parse(read(dir, 'locales/fr/obsolete.json'));
    expect(obsolete.title[0]).toMatchObject({ ns: 'statement', text: 'Déclaration', source: 'Statement' });
    expect(obsolete['p-30-years-have-passed-since-the'][0].text).toMatch(/^Il y a 30 ans/);
    expect(JSON.parse(read(dir, 'locales/fr/state.json')).entries.statement).toEqual({});
    expect(read(dir, 'locales/fr/letter.json')).toBe(letterBefore);
    const again = await runCli(['extract'], dir);
    expect(again.stderr).toContain('nothing written');
    const status = JSON.parse((await runCli(['status', '--json', '--locale', 'fr'], dir)).stdout).locales.fr;
    expect(status.stale).toBe(0);
  });
});
