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
import { makeProject, runCli, read } from './helpers.js';

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
      expect(r.stderr.trim()).toMatch(/^source\/statement\.md:8:7: front-matter field "date": 2025-02-30 is not a day of the calendar/);
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
    expect(read(dir, 'dist/en/index.html')).toContain('February 25, 2022');
    edit(dir, 'source/statement.md', (md) => md.replace('sourceLocale: en\n', 'sourceLocale: en\ndateLocales: { en: en-GB }\n'));
    try {
      r = await runCli(['build', '--format', 'html', '--only', 'editions', '--locale', 'en,fr'], dir);
      expect(r.code, r.stderr).toBe(0);
      const en = read(dir, 'dist/en/index.html');
      expect(en).toContain('25 February 2022');
      expect(en).not.toContain('February 25, 2022');
      expect(en).toMatch(/<html[^>]* lang="en"/);
      expect(read(dir, 'dist/fr/index.html')).toContain('25 février 2022');
      expect((await runCli(['extract', '--check'], dir)).code).toBe(0);
    } finally {
      edit(dir, 'source/statement.md', (md) => md.replace('dateLocales: { en: en-GB }\n', ''));
    }
  });

  it('refuses a dateLocales entry of another language, at its line', async () => {
    edit(dir, 'source/statement.md', (md) => md.replace('sourceLocale: en\n', 'sourceLocale: en\ndateLocales: { en: fr-FR }\n'));
    try {
      const r = await runCli(['status'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toMatch(/^source\/statement\.md:10:\d+: front-matter field "dateLocales": "fr-FR" is not a form of "en"/);
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
    ['front matter, an unclosed [', 'source/statement.md', (t) => t.replace('title: Statement', 'title: [Statement'), 'title: [Statement'],
    ['front matter, an unclosed quote', 'source/statement.md', (t) => t.replace('place: Baku', 'place: "Baku'), 'place: "Baku'],
    ['addressees.yaml, an unclosed [', 'source/addressees.yaml', (t) => t.replace('languages: [en, fr, es]', 'languages: [en, fr, es'), 'languages: [en, fr, es\n'],
    ['glossary.yaml, an unclosed {', 'source/glossary.yaml', (t) => t.replace(/(\{ en: Genocide Convention,.*?zh: 灭绝种族罪公约) \}/, '$1'), '{ en: Genocide Convention,'],
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
    edit(dir, 'source/members/foreign-embassies.csv', (t) => t.replace('russia,Embassy of the Russian Federation in the Republic of Azerbaijan,ru', 'russia,Embassy of the Russian Federation in the Republic of Azerbaijan,ru|fr'));
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

  it('builds into the root\'s dist/ when run from source/', async () => {
    const r = await runCli(['build', '--format', 'html', '--only', 'editions', '--locale', 'en'], path.join(dir, 'source'));
    expect(r.code, r.stderr).toBe(0);
    expect(fs.existsSync(path.join(dir, 'dist/en/index.html'))).toBe(true);
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
