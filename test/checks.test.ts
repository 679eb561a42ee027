import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect } from 'vitest';
import { checkTranslation, type CheckContext, type CheckName, type Finding } from '../pipeline/checks/run.js';
import { keyStatuses, summarize } from '../pipeline/catalog/status.js';
import { emptyState } from '../pipeline/catalog/state.js';
import { emptyCatalogs } from '../pipeline/catalog/catalog.js';
import { renderStatusPage } from '../pipeline/render/statusPage.js';
import { loadTemplates } from '../pipeline/core/project.js';
import type { Sources } from '../pipeline/catalog/extract.js';
import { makeProject, runCli } from './helpers.js';

const ctx = (locale: string, ns: CheckContext['ns'] = 'statement'): CheckContext => ({
  ns,
  key: 'p-x',
  locale,
  sourceLocale: 'en',
  glossary: [],
});
const run = (source: string, translation: string, locale: string, ns: CheckContext['ns'] = 'statement') =>
  checkTranslation(source, translation, ctx(locale, ns));
const of = (findings: Finding[], check: CheckName) => findings.filter((f) => f.check === check);
const show = (findings: Finding[]) => findings.map((f) => `${f.check} ${f.severity}: ${f.message}`);

describe('script: letters of another script inside a word', () => {
  const src = 'The people of Khojaly were killed.';
  it('is an error for a Cyrillic а inside an Azerbaijani word (Latin)', () => {
    // "Xоcalı" with a Cyrillic о (U+043E)
    const found = of(run(src, 'Xоcalı əhalisi qətlə yetirildi.', 'az'), 'script');
    expect(found).toEqual([
      {
        check: 'script',
        severity: 'error',
        message: expect.stringContaining('"Xоcalı" mixes Latin letters with Cyrillic ones ("о")'),
      },
    ]);
  });
  it('is an error for a Cyrillic е inside a French word, and none for the same word in Latin', () => {
    expect(of(run(src, 'La populatiоn de Khodjaly a été tuée.', 'fr'), 'script').map((f) => f.severity)).toEqual([
      'error',
    ]);
    expect(of(run(src, 'La population de Khodjaly a été tuée.', 'fr'), 'script')).toEqual([]);
  });
  it('is an error for a Latin o inside a Russian word (Cyrillic), and none for Russian in Cyrillic', () => {
    const found = of(run(src, 'Жители Ходжалы были убиты нарoдом.', 'ru'), 'script');
    expect(found.map((f) => [f.severity, f.message.slice(0, 44)])).toEqual([
      ['error', '"нарoдом" mixes Cyrillic letters with Latin '],
    ]);
    expect(of(run(src, 'Жители Ходжалы были убиты.', 'ru'), 'script')).toEqual([]);
  });
  it('warns of a Latin letter glued inside an Arabic word (no look-alike: not an error), and says nothing of Arabic alone', () => {
    expect(show(of(run(src, 'قُتل سكان خوجاليa.', 'ar'), 'script'))).toEqual([
      'script warning: "خوجاليa" runs Arabic and Latin letters together: put a space between the words, or check the word',
    ]);
    expect(of(run('The BBC reported.', 'ذكرت الـBBC.', 'ar'), 'script').map((f) => f.severity)).toEqual(['warning']);
    expect(of(run('The BBC reported.', 'ذكرت الـ BBC.', 'ar'), 'script')).toEqual([]);
    expect(of(run(src, 'قُتل سكان خوجالي.', 'ar'), 'script')).toEqual([]);
  });
  it('allows a Latin word next to Chinese (no space between words), and flags a Latin-Cyrillic mix in it', () => {
    expect(of(run('The BBC reported.', 'BBC报道了。', 'zh'), 'script')).toEqual([]);
    expect(of(run('The BBC reported.', 'BВC报道了。', 'zh'), 'script').map((f) => f.severity)).toEqual(['error']);
  });
  it('allows a whole word in another script where the source has it, and warns where it does not', () => {
    expect(of(run('The BBC and CNN reported.', 'Об этом сообщили BBC и CNN.', 'ru'), 'script')).toEqual([]);
    expect(of(run('In the XX century.', 'В XX веке.', 'ru'), 'script')).toEqual([]);
    const found = of(run('The people were killed.', 'Жители были murdered.', 'ru'), 'script');
    expect(found.map((f) => [f.severity, f.message.split(':')[0]])).toEqual([['warning', 'murdered (Latin)']]);
    expect(
      of(run('The people were killed.', 'Əhali qətlə yetirildi и.', 'az'), 'script').map((f) => f.severity),
    ).toEqual(['warning']);
  });
});

describe('doubled-words', () => {
  it('warns of "de de" in French and "the the" style doubles in Cyrillic and Arabic', () => {
    expect(show(of(run('The fate of the hostages.', 'Le sort de de les otages.', 'fr'), 'doubled-words'))).toEqual([
      'doubled-words warning: "de de": a word written twice in a row; delete one',
    ]);
    expect(of(run('The fate of the hostages.', 'Судьба судьба заложников.', 'ru'), 'doubled-words')).toHaveLength(1);
    expect(of(run('The fate of the hostages.', 'مصير مصير الرهائن.', 'ar'), 'doubled-words')).toHaveLength(1);
  });
  it('says nothing of single words, French reflexives, words apart, or Chinese', () => {
    expect(of(run('The fate of the hostages.', 'Le sort des otages.', 'fr'), 'doubled-words')).toEqual([]);
    expect(of(run('We remember.', 'Nous nous souvenons.', 'fr'), 'doubled-words')).toEqual([]);
    expect(of(run('The fate, the fate.', 'Судьба, судьба.', 'ru'), 'doubled-words')).toEqual([]);
    expect(of(run('The fate of the hostages.', 'مصير الرهائن.', 'ar'), 'doubled-words')).toEqual([]);
    expect(of(run('Again and again.', '常常 常常。', 'zh'), 'doubled-words')).toEqual([]);
  });
});

describe('brackets and quotes', () => {
  it('warns of a bracket left open where the source is balanced, in every script', () => {
    for (const [l, t] of [
      ['fr', 'Le Conseil (de l’Europe a dit.'],
      ['ru', 'Совет (Европы сказал.'],
      ['ar', 'قال المجلس (الأوروبي.'],
      ['zh', '欧洲委员会（说。'],
    ]) {
      expect(
        of(run('The Council (of Europe) said.', t, l), 'brackets').map((f) => f.severity),
        l,
      ).toEqual(['warning']);
    }
    for (const [l, t] of [
      ['fr', 'Le Conseil (de l’Europe) a dit.'],
      ['ru', 'Совет (Европы) сказал.'],
      ['ar', 'قال المجلس (الأوروبي).'],
      ['zh', '欧洲委员会（说）。'],
    ]) {
      expect(of(run('The Council (of Europe) said.', t, l), 'brackets'), l).toEqual([]);
    }
  });
  it('says nothing where the source itself is unbalanced (list markers a) b))', () => {
    expect(of(run('Two: a) one, b) two.', 'Deux : a) un, b) deux.', 'fr'), 'brackets')).toEqual([]);
  });
  it('warns of a quotation left open, and of marks that are not the locale’s', () => {
    const src = 'The campaign “Justice for Khojaly” began.';
    expect(
      of(run(src, 'La campagne « Justice pour Khodjaly a commencé.', 'fr'), 'quotes').map((f) =>
        f.message.slice(0, 31),
      ),
    ).toEqual(['unbalanced quotation marks «» w']);
    expect(of(run(src, 'Кампания «Справедливость для Ходжалы началась.', 'ru'), 'quotes')).toHaveLength(1);
    expect(of(run(src, 'بدأت حملة «العدالة لخوجالي.', 'ar'), 'quotes')).toHaveLength(1);
    expect(of(run(src, '“对霍贾利的正义运动开始了。', 'zh'), 'quotes')).toHaveLength(1);
    expect(show(of(run(src, 'La campagne “Justice pour Khodjaly” a commencé.', 'fr'), 'quotes'))).toEqual([]);
    expect(show(of(run(src, 'Кампания "Справедливость для Ходжалы" началась.', 'ru'), 'quotes'))).toEqual([
      'quotes warning: quotation marks " are not ru\'s: write «…» (or „…“ inside a quotation)',
    ]);
  });
  it('takes the locale’s own marks, French « » with a space inside', () => {
    const src = 'The campaign “Justice for Khojaly” began.';
    expect(of(run(src, 'La campagne « Justice pour Khodjaly » a commencé.', 'fr'), 'quotes')).toEqual([]);
    expect(of(run(src, 'La campagne «\u00a0Justice pour Khodjaly\u00a0» a commencé.', 'fr'), 'quotes')).toEqual([]);
    expect(show(of(run(src, 'La campagne «Justice pour Khodjaly» a commencé.', 'fr'), 'quotes'))).toEqual([
      'quotes warning: French quotation marks take a space inside: « texte » (the build makes it a no-break space)',
    ]);
    expect(of(run(src, 'Кампания «Справедливость для Ходжалы» началась.', 'ru'), 'quotes')).toEqual([]);
    expect(of(run(src, 'بدأت حملة «العدالة لخوجالي».', 'ar'), 'quotes')).toEqual([]);
    expect(of(run(src, '“对霍贾利的正义”运动开始了。', 'zh'), 'quotes')).toEqual([]);
  });
});

describe('sentences', () => {
  const src =
    'The fate of 150 hostages is still unknown. 487 people were injured. Moreover, 8 families were exterminated.';
  it('warns where a translation drops one sentence (Latin, Cyrillic)', () => {
    expect(
      show(
        of(
          run(
            src,
            'Le sort de 150 otages demeure inconnu. En outre, 8 familles ont été exterminées, 487 blessés.',
            'fr',
          ),
          'sentences',
        ),
      ),
    ).toEqual([
      'sentences warning: the source has 3 sentences, the translation 2: a sentence may be missing, or two run together; compare them sentence by sentence',
    ]);
    expect(
      of(
        run(src, 'Судьба 150 заложников неизвестна. Кроме того, 8 семей были уничтожены, 487 ранены.', 'ru'),
        'sentences',
      ),
    ).toHaveLength(1);
  });
  it('counts alike where both have the same sentences, a quotation with ! inside included', () => {
    expect(
      of(
        run(
          src,
          'Le sort de 150 otages demeure inconnu. 487 personnes ont été blessées. En outre, 8 familles ont été exterminées.',
          'fr',
        ),
        'sentences',
      ),
    ).toEqual([]);
    expect(
      of(
        run(
          src,
          'Судьба 150 заложников неизвестна. 487 человек были ранены. Кроме того, 8 семей были уничтожены.',
          'ru',
        ),
        'sentences',
      ),
    ).toEqual([]);
    expect(
      of(
        run(
          'The campaign "Justice for Khojaly!", begun in 2008, played a role.',
          'La campagne « Justice pour Khodjaly ! », lancée en 2008, a joué un rôle.',
          'fr',
        ),
        'sentences',
      ),
    ).toEqual([]);
  });
  it('is off for Arabic and Chinese, whose translators join and split sentences', () => {
    expect(of(run(src, 'مصير 150 رهينة لا يزال مجهولاً، وأصيب 487 شخصاً، وأبيدت 8 عائلات.', 'ar'), 'sentences')).toEqual(
      [],
    );
    expect(of(run(src, '150名人质的命运仍然不明，487人受伤，8个家庭被灭绝。', 'zh'), 'sentences')).toEqual([]);
  });
});

describe('length', () => {
  const src = 'The fate of 150 hostages, including 68 women and 26 children, is still unknown.';
  it('warns of a translation under 40 % of the source, in every script', () => {
    for (const [l, t] of [
      ['fr', 'Sort : 150, 68, 26.'],
      ['ru', 'Судьба: 150, 68, 26.'],
      ['ar', 'مصير 150، 68، 26.'],
      ['zh', '150、68、26。'],
    ]) {
      expect(
        of(run(src, t, l), 'length').map((f) => f.message.slice(0, 60)),
        l,
      ).toEqual([expect.stringMatching(/^the translation is \d+ % of the source's length/)]);
    }
  });
  it('warns of one over 250 %', () => {
    expect(
      of(
        run(src, `${'Le sort de 150 otages, dont 68 femmes et 26 enfants, demeure inconnu. '.repeat(3)}`, 'fr'),
        'length',
      ),
    ).toHaveLength(1);
  });
  it('takes a faithful translation in each script, Chinese being shorter in characters', () => {
    expect(
      of(run(src, 'Le sort de 150 otages, dont 68 femmes et 26 enfants, demeure inconnu.', 'fr'), 'length'),
    ).toEqual([]);
    expect(
      of(run(src, 'Судьба 150 заложников, в том числе 68 женщин и 26 детей, до сих пор неизвестна.', 'ru'), 'length'),
    ).toEqual([]);
    expect(of(run(src, 'لا يزال مصير 150 رهينة، بينهم 68 امرأة و26 طفلاً، مجهولاً.', 'ar'), 'length')).toEqual([]);
    expect(of(run(src, '150名人质的命运至今不明，其中包括68名妇女和26名儿童。', 'zh'), 'length')).toEqual([]);
  });
});

describe('figures: ordinals and number words', () => {
  it('takes an ordinal word of the locale, or the Chinese ordinal, for the source’s figure', () => {
    expect(of(run('Article 1 of the Convention.', 'Article premier de la Convention.', 'fr'), 'figures')).toEqual([]);
    expect(of(run('Article 1 of the Convention.', 'Artículo 1 de la Convención.', 'es'), 'figures')).toEqual([]);
    expect(of(run('Article 1 of the Convention.', 'Статья 1 Конвенции.', 'ru'), 'figures')).toEqual([]);
    expect(of(run('Article 1 of the Convention.', '公约第一条。', 'zh'), 'figures')).toEqual([]);
    expect(of(run('Article 12 of the Convention.', '公约第十二条。', 'zh'), 'figures')).toEqual([]);
    expect(of(run('Article 2 of the Convention.', 'المادة الثانية من الاتفاقية.', 'ar'), 'figures')).toEqual([]);
    expect(of(run('Article 11 of the Convention.', 'المادة الحادية عشرة من الاتفاقية.', 'ar'), 'figures')).toEqual([]);
    expect(of(run('Article 21 of the Convention.', 'المادة الحادية والعشرون من الاتفاقية.', 'ar'), 'figures')).toEqual(
      [],
    );
    expect(of(run('Article 30 of the Convention.', 'المادة الثلاثون من الاتفاقية.', 'ar'), 'figures')).toEqual([]);
    expect(of(run('Article 1 of the Convention.', 'Konvensiyanın birinci maddəsi.', 'az'), 'figures')).toEqual([]);
  });
  it('still finds a wrong ordinal, and a cardinal spelled out stays a warning', () => {
    expect(
      of(run('Article 1 of the Convention.', 'Article deuxième de la Convention.', 'fr'), 'figures').map(
        (f) => f.severity,
      ),
    ).toEqual(['error']);
    expect(of(run('Article 1 of the Convention.', '公约第二条。', 'zh'), 'figures').map((f) => f.severity)).toEqual([
      'error',
    ]);
    expect(
      of(run('Article 12 of the Convention.', 'المادة الحادية عشرة من الاتفاقية.', 'ar'), 'figures').map(
        (f) => f.severity,
      ),
    ).toEqual(['error']);
    expect(show(of(run('Of 8 families.', 'De huit familles.', 'fr'), 'figures'))).toEqual([
      'figures warning: figure 8 spelled out in words; write digits',
    ]);
  });
  it('names the figure the translation has in place of the source’s', () => {
    expect(show(of(run('It cost 1250 lives.', 'Cela a coûté 1205 vies.', 'fr'), 'figures'))).toEqual([
      'figures error: figure 1250 of the source missing or changed: the translation has 1205 where the source has 1250',
    ]);
    expect(show(of(run('Of 613 people and 106 women.', 'Из 631 человека и 160 женщин.', 'ru'), 'figures'))).toEqual([
      'figures error: figures 613, 106 of the source missing or changed: the translation has 631 where the source has 613, 160 where the source has 106',
    ]);
    expect(show(of(run('Of 613 people.', 'Des personnes.', 'fr'), 'figures'))).toEqual([
      'figures error: figure 613 of the source missing or changed',
    ]);
  });
});

describe('consistency over a locale', () => {
  const sources: Sources = {
    statement: { 'p-a': 'We remember the victims.', 'p-b': 'Other text here.', 'p-a-2': 'We remember the victims.' },
    letter: {},
    addressees: {},
  };
  function statuses(fr: Record<string, string>) {
    const catalogs = emptyCatalogs();
    catalogs.statement = fr;
    return keyStatuses(sources, 'fr', 'en', catalogs, emptyState(), []);
  }
  it('warns, naming both keys, where two identical source paragraphs are translated differently', () => {
    const keys = statuses({
      'p-a': 'Nous nous souvenons des victimes.',
      'p-b': 'Autre texte ici.',
      'p-a-2': 'Nous rendons hommage aux victimes.',
    });
    const found = keys.flatMap((k) =>
      k.findings.filter((f) => f.check === 'consistency').map((f) => [k.key, f.severity, f.message]),
    );
    expect(found).toEqual([
      [
        'p-a-2',
        'warning',
        'same source text as "p-a", translated differently there: use one translation for both "p-a" and "p-a-2"',
      ],
    ]);
    expect(keys.every((k) => k.usable)).toBe(true);
  });
  it('says nothing where they are translated the same, or one is missing', () => {
    const same = statuses({
      'p-a': 'Nous nous souvenons des victimes.',
      'p-b': 'Autre texte ici.',
      'p-a-2': 'Nous nous souvenons des victimes.',
    });
    expect(same.flatMap((k) => k.findings.filter((f) => f.check === 'consistency'))).toEqual([]);
    const missing = statuses({ 'p-a': 'Nous nous souvenons des victimes.', 'p-b': 'Autre texte ici.', 'p-a-2': '' });
    expect(missing.flatMap((k) => k.findings.filter((f) => f.check === 'consistency'))).toEqual([]);
  });
});

describe('the shipped translations', () => {
  it('have no error finding from any check', async () => {
    const dir = makeProject();
    const s = JSON.parse((await runCli(['status', '--json'], dir)).stdout);
    const errors = Object.entries(s.locales).flatMap(([l, v]) =>
      (
        v as { issues: Array<{ key: string; check: string; severity: string; waived: boolean; message: string }> }
      ).issues
        .filter((i) => i.severity === 'error' && !i.waived)
        .map((i) => `${l} ${i.key}: ${i.check}: ${i.message}`),
    );
    expect(errors).toEqual([]);
  });
});

describe('status and the status page, grouped by check', () => {
  const KEY = 'p-this-genocidal-act-resulted-in-brutal';
  async function projectWithFindings() {
    const dir = makeProject();
    const file = path.join(dir, 'locales/fr/statement.json');
    const cat = JSON.parse(fs.readFileSync(file, 'utf8'));
    cat[KEY] = cat[KEY].replace('613', '631').replace(' de génocide', ' de de génocide');
    fs.writeFileSync(file, `${JSON.stringify(cat, null, 2)}\n`);
    return dir;
  }

  it('status prints a row a check with counts per locale, then the errors', async () => {
    const dir = await projectWithFindings();
    const r = await runCli(['status'], dir);
    const lines = r.stdout.split('\n');
    const header = lines.findIndex((l) => l.startsWith('findings by check'));
    expect(header).toBeGreaterThan(0);
    expect(lines[header + 1].split(/\s+/)).toEqual(['check', 'en', 'az', 'fr', 'ru', 'ar', 'es', 'zh']);
    expect(lines[header + 2].split(/\s+/)).toEqual(['figures', '·', '·', '1E', '·', '·', '·', '·']);
    expect(lines.find((l) => l.startsWith('doubled-words'))!.split(/\s+/)).toEqual([
      'doubled-words',
      '·',
      '·',
      '1W',
      '·',
      '·',
      '·',
      '·',
    ]);
    expect(r.stdout).toContain(
      `fr ${KEY}: figures: figure 613 of the source missing or changed: the translation has 631 where the source has 613\n`,
    );
  });

  it('status --json keeps its schema and gives a waived finding its waiver {reason, by, at}', async () => {
    const dir = await projectWithFindings();
    const waive = await runCli(
      [
        'waive',
        '--locale',
        'fr',
        '--key',
        KEY,
        '--check',
        'doubled-words',
        '--reason',
        'the reviewer wants it so for this test',
        '--by',
        'A. Reviewer',
      ],
      dir,
    );
    expect(waive.code).toBe(0);
    const s = JSON.parse((await runCli(['status', '--json'], dir)).stdout);
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
    const waived = s.locales.fr.issues.find(
      (i: { key: string; check: string }) => i.key === KEY && i.check === 'doubled-words',
    );
    expect(waived).toMatchObject({
      severity: 'warning',
      waived: true,
      waiver: {
        reason: 'the reviewer wants it so for this test',
        by: 'A. Reviewer',
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    });
    const plain = s.locales.fr.issues.find((i: { check: string }) => i.check === 'figures');
    expect(plain).toEqual({
      key: KEY,
      check: 'figures',
      severity: 'error',
      message: expect.any(String),
      waived: false,
    });
    const text = (await runCli(['status'], dir)).stdout;
    expect(text).toMatch(
      /fr p-this-genocidal-act-resulted-in-brutal: doubled-words waived by A\. Reviewer on \d{4}-\d\d-\d\d: the reviewer wants it so for this test/,
    );
  });

  it('the status page has a count table by check and each waiver’s reason', () => {
    const report = {
      en: {
        segments: 1,
        translated: 1,
        approved: 1,
        stale: 0,
        missing: 0,
        words: 3,
        issues: [],
        coverage: 100,
        publishable: true,
      },
      fr: {
        segments: 1,
        translated: 1,
        approved: 0,
        stale: 0,
        missing: 0,
        words: 3,
        coverage: 100,
        publishable: true,
        issues: [
          {
            key: 'p-a',
            check: 'quotes',
            severity: 'warning' as const,
            message: 'quotation marks',
            waived: true,
            waiver: { reason: 'house style <of> the office', by: 'A. Reviewer', at: '2026-01-02T03:04:05Z' },
          },
          { key: 'p-b', check: 'quotes', severity: 'warning' as const, message: 'quotation marks', waived: false },
          { key: 'p-c', check: 'figures', severity: 'error' as const, message: 'figure 1 missing', waived: false },
        ],
      },
    };
    const html = renderStatusPage(
      'Statement',
      'en',
      report,
      loadTemplates(path.join(import.meta.dirname, '..')).status,
    );
    expect(html).toContain('<h2>Findings by check</h2>');
    expect(html).toContain('<tr><th scope="row">figures</th><td>·</td><td>1E</td></tr>');
    expect(html).toContain('<tr><th scope="row">quotes</th><td>·</td><td>1W 1 waived</td></tr>');
    expect(html.indexOf('id="check-figures"')).toBeLessThan(html.indexOf('id="check-quotes"'));
    expect(html).toContain('waived by A. Reviewer on 2026-01-02: house style &lt;of&gt; the office');
  });

  it('summarize carries the waiver onto the issue', () => {
    const sources: Sources = { statement: { 'p-a': 'Same.' }, letter: {}, addressees: {} };
    const catalogs = emptyCatalogs();
    catalogs.statement = { 'p-a': 'Same.' };
    const state = emptyState();
    state.waivers.push({
      ns: 'statement',
      key: 'p-a',
      check: 'identical',
      reason: 'the same word in both',
      by: 'B',
      at: '2026-01-01T00:00:00Z',
    });
    const keys = keyStatuses(sources, 'fr', 'en', catalogs, state, []);
    expect(summarize(sources, keys, catalogs, 'en', 'fr').issues).toEqual([
      {
        key: 'p-a',
        check: 'identical',
        severity: 'warning',
        message: 'the translation is identical to the source',
        waived: true,
        waiver: { reason: 'the same word in both', by: 'B', at: '2026-01-01T00:00:00Z' },
      },
    ]);
  });
});
