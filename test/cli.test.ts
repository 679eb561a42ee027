import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect, beforeAll } from 'vitest';
import { makeProject, runCli, read, snapshot, repo } from './helpers.js';
import { commands } from '../pipeline/cli/commands/index.js';

// A copy of ../shared/seed/000_7a7fad7ae53418aa.txt, so the test runs wherever the repository is cloned.
const seed = fs.readFileSync(path.join(repo, 'test', 'fixtures', 'seed.txt'), 'utf8');

describe('statement --help', () => {
  it('lists every command, and every command has its own --help', async () => {
    const top = await runCli(['--help'], repo);
    expect(top.code).toBe(0);
    for (const c of commands) {
      expect(top.stdout).toContain(c.name);
      const help = await runCli([c.name, '--help'], repo);
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(new RegExp(`^Usage: statement ${c.name}`));
    }
  });
  it('refuses an unknown command or option with exit 2', async () => {
    expect((await runCli(['frobnicate'], repo)).code).toBe(2);
    const r = await runCli(['build', '--colour'], repo);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Unknown option '--colour'");
  });
});

describe('bad input: one clear message, exit 2, dist/ untouched', () => {
  let dir: string;
  let dist: Map<string, string>;
  beforeAll(async () => {
    dir = makeProject();
    expect((await runCli(['build', '--format', 'html'], dir)).code).toBe(0);
    dist = snapshot(path.join(dir, 'dist'));
  });

  const cases: Array<[string, (md: string) => string, RegExp]> = [
    [
      'broken front matter',
      (md) => md.replace('title: Statement', 'title: [Statement'),
      /^source\/statement\.md:\d+:\d+: front matter is not valid YAML/,
    ],
    [
      'unclosed front matter',
      (md) => md.replace(/\n---\n/, '\n\n'),
      /^source\/statement\.md:1:1: front matter is not closed/,
    ],
    [
      'a missing required field',
      (md) => md.replace(/^reference:.*\n/m, ''),
      /^source\/statement\.md:\d+:\d+: front matter is missing the required field "reference"/,
    ],
    [
      'an unknown locale tag',
      (md) => md.replace('locales: [en, az', 'locales: [en, qx'),
      /^source\/statement\.md:10:\d+: unknown language in locale tag "qx"/,
    ],
    [
      'a malformed locale tag',
      (md) => md.replace('locales: [en, az', 'locales: [en, a_z'),
      /^source\/statement\.md:10:\d+: malformed locale tag "a_z"/,
    ],
  ];
  for (const [name, mutate, message] of cases) {
    it(name, async () => {
      const file = path.join(dir, 'source/statement.md');
      const original = read(dir, 'source/statement.md');
      fs.writeFileSync(file, mutate(original));
      try {
        const r = await runCli(['build', '--format', 'html'], dir);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(message);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(snapshot(path.join(dir, 'dist'))).toEqual(dist);
      } finally {
        fs.writeFileSync(file, original);
      }
    });
  }

  const registryCases: Array<[string, (y: string) => string, RegExp]> = [
    [
      'an unsafe addressee id',
      (y) => y.replace('id: osce', 'id: ../x'),
      /^source\/addressees\.yaml:\d+:\d+: addressee id "\.\.\/x" is not a safe file name/,
    ],
    [
      'a duplicate addressee id',
      (y) => y.replace('id: osce', 'id: unicef'),
      /^source\/addressees\.yaml:\d+:\d+: duplicate addressee id "unicef"/,
    ],
    [
      'a language that is not a publish locale',
      (y) => y.replace('languages: [en, ru]', 'languages: [en, de]'),
      /^source\/addressees\.yaml:\d+:\d+: addressee "osce": "de" is not a publish locale/,
    ],
  ];
  for (const [name, mutate, message] of registryCases) {
    it(name, async () => {
      const file = path.join(dir, 'source/addressees.yaml');
      const original = read(dir, 'source/addressees.yaml');
      fs.writeFileSync(file, mutate(original));
      try {
        const r = await runCli(['build', '--format', 'html'], dir);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(message);
        expect(snapshot(path.join(dir, 'dist'))).toEqual(dist);
        expect(fs.existsSync(path.join(dir, 'x'))).toBe(false);
      } finally {
        fs.writeFileSync(file, original);
      }
    });
  }

  it('a member list with a broken row', async () => {
    const file = path.join(dir, 'source/members/foreign-embassies.csv');
    const original = read(dir, 'source/members/foreign-embassies.csv');
    fs.writeFileSync(file, `${original}broken-row-without-name\n`);
    try {
      const r = await runCli(['build', '--format', 'html'], dir);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^source\/members\/foreign-embassies\.csv:8:1: row has 1 fields, the header has 3/);
      expect(snapshot(path.join(dir, 'dist'))).toEqual(dist);
    } finally {
      fs.writeFileSync(file, original);
    }
  });
});

describe('HTML editions', () => {
  let dir: string;
  beforeAll(async () => {
    dir = makeProject();
    const r = await runCli(['build', '--only', 'editions', '--format', 'html'], dir);
    expect(r.code).toBe(0);
  });

  it('the English edition holds every word of the seed, in order, after the listed corrections', () => {
    const corrections: Array<[string, string]> = [
      ['30thAnniversary', '30th Anniversary'],
      ['whereas1275', 'whereas 1275'],
      ['“BBC”reported', '“BBC” reported'],
      ['genocidalpolicy', 'genocidal policy'],
      ['destroyedmore', 'destroyed more'],
      ['aggresion', 'aggression'],
      ['genocideis', 'genocide is'],
      ['ofhumanity', 'of humanity'],
      ['toits', 'to its'],
      ['act,and', 'act, and'],
      ['beenbrought', 'been brought'],
      ['Convention,the', 'Convention, the'],
    ];
    let text = seed;
    for (const [a, b] of corrections) text = text.replace(a, b);
    const words = (s: string) =>
      s
        .replace(/&#x26;|&amp;/g, '&')
        .split(/[^\p{L}\p{N}’'-]+/u)
        .filter(Boolean)
        .map((w) => w.toLowerCase());
    const html = read(dir, 'dist/site/en/index.html');
    const body = html
      .slice(html.indexOf('<article>'), html.indexOf('</article>'))
      .replace(/<[^>]+>/g, ' ')
      .replace(/\u00ad/g, '');
    const have = words(body);
    let at = 0;
    for (const w of words(text)) {
      const found = have.indexOf(w, at);
      expect(found, `word "${w}" after position ${at}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  });

  it('every edition has its lang, dir, title and six hreflang alternates', () => {
    for (const l of ['en', 'az', 'fr', 'ru', 'ar', 'es', 'zh']) {
      const html = read(dir, `dist/site/${l}/index.html`);
      expect(html).toContain(`<html lang="${l}" dir="${l === 'ar' ? 'rtl' : 'ltr'}">`);
      // Every edition, itself included, and x-default (the index); Chinese with its script.
      expect(html.match(/<link rel="alternate" hreflang="/g)).toHaveLength(8);
      expect(html).toContain(
        `<link rel="alternate" hreflang="${l === 'zh' ? 'zh-Hans' : l}" href="../${l}/index.html">`,
      );
      expect(html).toContain('<link rel="alternate" hreflang="x-default" href="../index.html">');
      expect(html).toMatch(/<title>[^<]+<\/title>/);
    }
    expect(
      read(dir, 'dist/site/index.html').match(/<a href="\w+\/index\.html" hreflang="[\w-]+" class="edition-name">/g),
    ).toHaveLength(7);
  });

  it('loads nothing from the network', () => {
    for (const l of ['en', 'fr', 'ar', 'zh']) {
      const html = read(dir, `dist/site/${l}/index.html`);
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
    expect(read(dir, 'dist/site/assets/fonts.css')).not.toMatch(/url\((https?:)?\/\//);
  });

  it('shows a stale translation as pending, never as current', async () => {
    const key = 'p-this-genocidal-act-resulted-in-brutal';
    const file = path.join(dir, 'source/statement.md');
    fs.writeFileSync(
      file,
      read(dir, 'source/statement.md').replace(
        '25 children lost both parents.',
        '25 children lost both parents. Added.',
      ),
    );
    expect((await runCli(['extract'], dir)).code).toBe(0);
    expect((await runCli(['build', '--only', 'editions', '--format', 'html', '--locale', 'fr'], dir)).code).toBe(0);
    const fr = read(dir, 'dist/site/fr/index.html');
    expect(fr).toContain('<span class="pending-label" lang="fr" dir="ltr">');
    expect(fr).toMatch(/<p lang="en" dir="ltr" class="pending">.*This genocidal act resulted/);
    expect(JSON.parse(read(dir, 'locales/fr/statement.json'))[key]).toContain('613');
  });
});
