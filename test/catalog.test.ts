import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { makeProject, runCli, read, snapshot } from './helpers.js';
import { extractLocale, type Sources } from '../pipeline/catalog/extract.js';
import { emptyState } from '../pipeline/catalog/state.js';
import { emptyCatalogs } from '../pipeline/catalog/catalog.js';

const KEY = 'p-this-genocidal-act-resulted-in-brutal';

/** A project whose fr catalogs are empty: only the source is translated. */
async function freshProject() {
  const dir = makeProject({ locales: false });
  expect((await runCli(['extract'], dir)).code).toBe(0);
  return dir;
}

const statusJson = async (dir: string) => JSON.parse((await runCli(['status', '--json'], dir)).stdout);

function setFr(dir: string, key: string, text: string) {
  const file = path.join(dir, 'locales/fr/statement.json');
  const cat = JSON.parse(fs.readFileSync(file, 'utf8'));
  cat[key] = text;
  fs.writeFileSync(file, `${JSON.stringify(cat, null, 2)}\n`);
}

const frText =
  'Cet acte de génocide a coûté la vie à 613 personnes, dont 106 femmes, 63 enfants et 70 personnes âgées, tandis que 1 275 personnes ont été prises en otage et soumises à la torture. Le sort de 150 otages, dont 68 femmes et 26 enfants, demeure inconnu. 487 personnes ont été grièvement blessées. En outre, 8 familles ont été entièrement exterminées, 130 enfants ont perdu l’un de leurs parents et 25 autres enfants ont perdu leurs deux parents.';

describe('extract, state and status', () => {
  it('writes nothing on a second run with no source change', async () => {
    const dir = await freshProject();
    const before = snapshot(path.join(dir, 'locales'));
    const again = await runCli(['extract'], dir);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('nothing written');
    expect(snapshot(path.join(dir, 'locales'))).toEqual(before);
    expect((await runCli(['extract', '--check'], dir)).code).toBe(0);
  });

  it('writes every namespace for every publish locale, the source locale holding the source', async () => {
    const dir = await freshProject();
    for (const l of ['en', 'az', 'fr', 'ru', 'ar', 'es', 'zh'])
      for (const ns of ['statement', 'letter', 'addressees'])
        expect(fs.existsSync(path.join(dir, `locales/${l}/${ns}.json`))).toBe(true);
    const en = JSON.parse(read(dir, 'locales/en/statement.json'));
    expect(Object.keys(en)[0]).toBe('title');
    expect(en[KEY]).toMatch(/^This genocidal act resulted in brutal killing of 613 people/);
    expect(JSON.parse(read(dir, 'locales/en/letter.json')).page).toBe('Page {{page}} of {{pages}}');
    expect(JSON.parse(read(dir, 'locales/en/addressees.json'))['council-of-europe']).toBe(
      'Secretary General of the Council of Europe',
    );
  });

  it('counts a clean translation, and turns a changed figure into an error', async () => {
    const dir = await freshProject();
    const before = (await statusJson(dir)).locales.fr.translated;
    setFr(dir, KEY, frText);
    const after = await statusJson(dir);
    expect(after.locales.fr.translated).toBe(before + 1);
    expect(
      after.locales.fr.issues.filter((i: { key: string; severity: string }) => i.key === KEY && i.severity === 'error'),
    ).toEqual([]);
    setFr(dir, KEY, frText.replace('613', '631'));
    const broken = await statusJson(dir);
    const errors = broken.locales.fr.issues.filter(
      (i: { key: string; severity: string }) => i.key === KEY && i.severity === 'error',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0].check).toBe('figures');
    expect(errors[0].message).toContain('613');
    expect((await runCli(['status', '--min-coverage', '100'], dir)).code).toBe(1);
  });

  it('takes a figure spelled out in words as a warning, and a lost one as an error', async () => {
    const dir = await freshProject();
    // "8 familles" written "huit familles", "25 autres enfants" gone, and "trente" (30) appears but 30 is not in the source.
    setFr(dir, KEY, frText.replace('8 familles', 'huit familles').replace('25 autres', 'trente autres'));
    const issues = (await statusJson(dir)).locales.fr.issues.filter((i: { key: string }) => i.key === KEY);
    expect(issues.map((i: { severity: string; message: string }) => `${i.severity}: ${i.message}`)).toEqual([
      'error: figure 25 of the source missing or changed',
      'warning: figure 8 spelled out in words; write digits',
    ]);
  });

  it('marks exactly the edited paragraph stale in every locale and keeps its translation', async () => {
    const dir = await freshProject();
    setFr(dir, KEY, frText);
    await runCli(['extract'], dir);
    const src = path.join(dir, 'source/statement.md');
    fs.writeFileSync(
      src,
      read(dir, 'source/statement.md').replace(
        '25 children lost both parents.',
        '25 children lost both parents. A sentence added.',
      ),
    );
    await runCli(['extract'], dir);
    const s = await statusJson(dir);
    expect(s.locales.fr.stale).toBe(1);
    expect(JSON.parse(read(dir, 'locales/fr/statement.json'))[KEY]).toBe(frText);
    const state = JSON.parse(read(dir, 'locales/fr/state.json'));
    expect(state.entries.statement[KEY].source).not.toContain('A sentence added');
  });

  it('moves the translation of a removed paragraph to the obsolete store, and brings it back', async () => {
    const dir = await freshProject();
    setFr(dir, KEY, frText);
    await runCli(['extract'], dir);
    const src = path.join(dir, 'source/statement.md');
    const original = read(dir, 'source/statement.md');
    const para = original.split('\n').find((l) => l.startsWith('This genocidal act'))!;
    fs.writeFileSync(src, original.replace(`${para}\n\n`, ''));
    await runCli(['extract'], dir);
    expect(JSON.parse(read(dir, 'locales/fr/statement.json'))[KEY]).toBeUndefined();
    expect(read(dir, 'locales/fr/obsolete.json')).toContain('613 personnes');
    fs.writeFileSync(src, original);
    await runCli(['extract'], dir);
    expect(JSON.parse(read(dir, 'locales/fr/statement.json'))[KEY]).toBe(frText);
  });

  it('rebinds a translation whose key changed, by similarity, as stale', async () => {
    const dir = await freshProject();
    setFr(dir, KEY, frText);
    await runCli(['extract'], dir);
    const src = path.join(dir, 'source/statement.md');
    fs.writeFileSync(
      src,
      read(dir, 'source/statement.md').replace('This genocidal act resulted', 'The genocidal act resulted'),
    );
    const r = await runCli(['extract'], dir);
    expect(r.stderr).toContain('rebound');
    const cat = JSON.parse(read(dir, 'locales/fr/statement.json'));
    expect(cat['p-the-genocidal-act-resulted-in-brutal']).toBe(frText);
    expect((await statusJson(dir)).locales.fr.stale).toBe(1);
  });

  it('counts a hand-typed translation without state as a draft of the current source', async () => {
    const dir = await freshProject();
    setFr(dir, KEY, frText);
    const s = await statusJson(dir);
    expect(s.locales.fr.translated).toBe(1);
    expect(s.locales.fr.approved).toBe(0);
    expect(s.locales.fr.stale).toBe(0);
  });

  it('records an approval with who, and loses it when the text changes', async () => {
    const dir = await freshProject();
    setFr(dir, KEY, frText);
    expect((await runCli(['approve', '--locale', 'fr', '--key', KEY, '--by', 'A. Reviewer'], dir)).code).toBe(0);
    const state = JSON.parse(read(dir, 'locales/fr/state.json'));
    expect(state.entries.statement[KEY]).toMatchObject({ status: 'approved', by: 'A. Reviewer' });
    expect((await statusJson(dir)).locales.fr.approved).toBe(1);
    setFr(dir, KEY, `${frText} `);
    expect((await statusJson(dir)).locales.fr.approved).toBe(0);
  });

  it('refuses a torn catalog with file and line, exit 2, and extract leaves it as it was', async () => {
    const dir = await freshProject();
    const file = path.join(dir, 'locales/fr/statement.json');
    const torn = read(dir, 'locales/fr/statement.json').slice(0, 200);
    fs.writeFileSync(file, torn);
    const before = snapshot(path.join(dir, 'locales'));
    const status = await runCli(['status'], dir);
    expect(status.code).toBe(2);
    expect(status.stderr).toMatch(/^locales\/fr\/statement\.json:\d+:\d+: /);
    const extract = await runCli(['extract'], dir);
    expect(extract.code).toBe(2);
    expect(snapshot(path.join(dir, 'locales'))).toEqual(before);
  });

  it('prints status --json alone on stdout, schema 1', async () => {
    const dir = await freshProject();
    const r = await runCli(['status', '--json'], dir);
    const s = JSON.parse(r.stdout);
    expect(s.schema).toBe(1);
    expect(Object.keys(s.locales)).toEqual(['en', 'az', 'fr', 'ru', 'ar', 'es', 'zh']);
    expect(Object.keys(s.locales.fr).sort()).toEqual([
      'approved',
      'documents',
      'issues',
      'missing',
      'segments',
      'stale',
      'translated',
      'words',
    ]);
    expect(s.locales.fr.translated + s.locales.fr.missing).toBe(s.locales.fr.segments);
  });
});

describe('extract never loses a translation (property)', () => {
  const paragraphs = [
    'Alpha one two three.',
    'Bravo four five six.',
    'Charlie seven eight nine.',
    'Delta ten eleven twelve.',
    'Echo thirteen fourteen.',
  ];
  it('keeps every translation entered recoverable through any sequence of edits', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            keep: fc.subarray([0, 1, 2, 3, 4]),
            edit: fc.option(fc.integer({ min: 0, max: 4 })),
            translate: fc.option(fc.integer({ min: 0, max: 4 })),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        (steps) => {
          let files = {
            catalogs: emptyCatalogs(),
            state: emptyState(),
            obsolete: {} as Record<string, Array<{ ns: 'statement'; text: string; source: string }>>,
          };
          let previous = emptyCatalogs();
          const entered = new Set<string>();
          let n = 0;
          for (const step of steps) {
            const texts = paragraphs.map((p, i) => (step.edit === i ? `${p} Edited ${n}.` : p));
            const sources: Sources = { statement: {}, letter: {}, addressees: {} };
            for (const i of step.keep) sources.statement[`p-${i}`] = texts[i];
            const r = extractLocale(sources, previous, files);
            files = { catalogs: r.catalogs, state: r.state, obsolete: r.obsolete as typeof files.obsolete };
            previous = { statement: { ...sources.statement }, letter: {}, addressees: {} };
            if (step.translate !== null && `p-${step.translate}` in files.catalogs.statement) {
              const t = `Traduction ${n++}`;
              // The translator replaces the key's text: the old text is theirs to drop.
              entered.delete(files.catalogs.statement[`p-${step.translate}`]);
              files.catalogs.statement[`p-${step.translate}`] = t;
              entered.add(t);
            }
            const everywhere = new Set([
              ...Object.values(files.catalogs.statement),
              ...Object.values(files.obsolete)
                .flat()
                .map((e) => e.text),
            ]);
            for (const t of entered) if (!everywhere.has(t)) return false;
          }
          return true;
        },
      ),
      { numRuns: 200 },
    );
  });
});
