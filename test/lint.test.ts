import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  lintStatement,
  lintParsedStatement,
  formatFinding,
  parseDictionary,
  lintRules,
  type LintFinding,
} from '../pipeline/lint/lint.js';
import { parseStatement } from '../pipeline/source/parse.js';
import { lintCommand } from '../pipeline/cli/commands/lint.js';
import { commands } from '../pipeline/cli/commands/index.js';
import { main, resolveContext, type Io } from '../pipeline/cli/main.js';
import { InputError } from '../pipeline/core/errors.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const seedFile = 'test/fixtures/lint/seed.md';
const sourceFile = 'source/statement.md';
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');
const words = parseDictionary(read('source/dictionary.txt'));

/** A statement with the given body (and subtitle), for small cases. */
function doc(body: string, subtitle = 'on a day'): string {
  return `---\ntitle: Statement\nsubtitle: ${subtitle}\ninstitution: Commissioner\nreference: R-1\ndate: 2022-02-25\nlocales: [en]\n---\n\n${body}\n`;
}
const bodyLine = 10; // first line of `doc`'s body

const lint = (text: string, dictionary: readonly string[] = words) => lintStatement(text, 'x.md', dictionary);
const lines = (findings: LintFinding[]) => findings.map(formatFinding);

function fakeIo() {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => void out.push(t), err: (t) => void err.push(t), tty: false };
  return { io, out, err };
}

// Build the English dictionary once, outside any test's time budget.
beforeAll(() => {
  lint(doc('Warm up.'));
});

describe('lint on the raw seed', () => {
  const text = read(seedFile);
  const findings = lintStatement(text, seedFile, words);

  // The seed's glitches, by the text as it stands in the file and its line.
  const glitches: Array<[string, number, string]> = [
    ['30thAnniversary', 13, 'glued-words'],
    ['whereas1275', 23, 'glued-words'],
    ['“BBC”reported', 25, 'missing-space'],
    ['Convention,the', 31, 'missing-space'],
    ['genocidalpolicy', 33, 'glued-words'],
    ['destroyedmore', 33, 'glued-words'],
    ['aggresion', 35, 'spelling'],
    ['genocideis', 47, 'glued-words'],
    ['ofhumanity', 47, 'glued-words'],
    ['toits', 47, 'glued-words'],
    ['act,and', 49, 'missing-space'],
    ['beenbrought', 49, 'glued-words'],
  ];

  it.each(glitches)('reports %s on line %i as %s error', (quoted, line, rule) => {
    const found = findings.filter((f) => f.text === quoted);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line, rule, severity: 'error' });
  });

  it('finds at least 10 of the 12 glitches, with at most 40 findings in all', () => {
    const found = glitches.filter(([quoted, line]) => findings.some((f) => f.text === quoted && f.line === line));
    expect(found.length).toBeGreaterThanOrEqual(10);
    expect(findings.length).toBeLessThanOrEqual(40);
  });

  it('suggests the fix: the split for glued words, a space, the right spelling', () => {
    const suggestion = (quoted: string) => findings.find((f) => f.text === quoted)?.suggestion;
    expect(suggestion('genocidalpolicy')).toBe('genocidal policy');
    expect(suggestion('whereas1275')).toBe('whereas 1275');
    expect(suggestion('30thAnniversary')).toBe('30th Anniversary');
    expect(suggestion('toits')).toBe('to its');
    expect(suggestion('“BBC”reported')).toBe('“BBC” reported');
    expect(suggestion('act,and')).toBe('act, and');
    expect(suggestion('aggresion')).toBe('aggression');
  });

  it('prints each finding as one line file:line:col: rule: "text" → suggestion', () => {
    const f = findings.find((x) => x.text === 'whereas1275')!;
    expect(formatFinding(f)).toBe(`${seedFile}:23:111: glued-words: "whereas1275" → whereas 1275`);
  });

  it('places every finding at the exact place of its text in the file', () => {
    const fileLines = text.split('\n');
    for (const f of findings)
      expect(fileLines[f.line - 1].slice(f.column - 1).startsWith(f.text), formatFinding(f)).toBe(true);
  });

  it('warns of the double spaces (no-break space and space) the seed has', () => {
    const doubles = findings.filter((f) => f.rule === 'double-space');
    expect(doubles.map((f) => [f.line, f.text, f.suggestion, f.severity])).toEqual([
      [53, 'states,\u00A0 Independent', 'states, Independent', 'warning'],
      [53, 'Azerbaijan,\u00A0 as', 'Azerbaijan, as', 'warning'],
    ]);
  });
});

describe('lint on the real statement', () => {
  it('finds no errors', () => {
    const findings = lintStatement(read(sourceFile), sourceFile, words);
    expect(findings.filter((f) => f.severity === 'error').map(formatFinding)).toEqual([]);
  });

  it('gives the same findings from a statement already parsed', () => {
    const text = read(seedFile);
    expect(lintParsedStatement(parseStatement(text, seedFile), words)).toEqual(lintStatement(text, seedFile, words));
  });

  it('takes well under a second once the dictionary is loaded', () => {
    const text = read(sourceFile);
    const t = performance.now();
    lintStatement(text, sourceFile, words);
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('knows every proper name through source/dictionary.txt, and not without it', () => {
    const without = lintStatement(read(sourceFile), sourceFile, [])
      .filter((f) => f.rule === 'spelling')
      .map((f) => f.text);
    expect(without).toEqual(
      expect.arrayContaining([
        'Khojaly',
        'Khankendi',
        'Karabakh',
        'Heydar',
        'Aliyev',
        'Milli',
        'Majlis',
        'UNGA',
        'OIC',
      ]),
    );
  });
});

describe('typography', () => {
  it('reports a missing space after punctuation, before and after quotes and brackets', () => {
    const found = lint(
      doc(
        'The act,and the crime.Then Khojaly!implemented, Note:the end and word“quoted” and “quoted”word and (see)it here.',
      ),
    );
    expect(found.map((f) => [f.rule, f.text, f.suggestion])).toEqual([
      ['missing-space', 'act,and', 'act, and'],
      ['missing-space', 'crime.Then', 'crime. Then'],
      ['missing-space', 'Khojaly!implemented,', 'Khojaly! implemented,'],
      ['missing-space', 'Note:the', 'Note: the'],
      ['missing-space', 'word“quoted”', 'word “quoted”'],
      ['missing-space', '“quoted”word', '“quoted” word'],
      ['missing-space', '(see)it', '(see) it'],
    ]);
  });

  it('leaves numbers, abbreviations, addresses and references alone', () => {
    const text = doc(
      'Of 3,410 houses, 1.5 million and 2,000,000 people, e.g. these, i.e. those, the U.S.A. and the U.S. Army; ' +
        'see www.example.org, https://example.org/a,b and ombudsman@example.az. Article 16(3) and State(s) apply: a) first, b) second. ' +
        'In the 20th century, the 1990s, the G20 and A4 paper, 10km away, `code,here` and [the report](https://example.org/x,y).',
    );
    expect(lines(lint(text))).toEqual([]);
  });

  it('warns of double spaces, but not of a hard line break', () => {
    const found = lint(doc('One line  \nthe next with  two spaces.'));
    expect(found.map((f) => [f.rule, f.severity, f.text, f.line])).toEqual([
      ['double-space', 'warning', 'with  two', bodyLine + 1],
    ]);
  });

  it('reports quotes and brackets left open or never opened', () => {
    const found = lint(
      doc('An “open quote and an (open bracket.\n\nA stray” quote and a stray) bracket, but a) b) are list markers.'),
    );
    expect(found.map((f) => [f.rule, f.line, f.text])).toEqual([
      ['unbalanced-quotes', bodyLine, '“open'],
      ['unbalanced-brackets', bodyLine, '(open'],
      ['unbalanced-quotes', bodyLine + 2, 'stray”'],
      ['unbalanced-brackets', bodyLine + 2, 'stray)'],
    ]);
  });

  it('warns of straight quotes where the document uses curly ones', () => {
    const found = lint(doc('The “Day of Genocide” and the campaign "Justice for Khojaly!" of the world’s media.'));
    expect(found.map((f) => [f.rule, f.severity, f.text, f.suggestion])).toEqual([
      ['smart-quotes', 'warning', '"Justice', '“Justice'],
      ['smart-quotes', 'warning', 'Khojaly!"', 'Khojaly!”'],
    ]);
  });
});

describe('spelling', () => {
  it('splits glued words and keeps the Markdown between them', () => {
    const found = lint(doc('Its **genocidal**policy and the beenbrought case.'));
    expect(found.map((f) => [f.rule, f.text, f.suggestion])).toEqual([
      ['glued-words', 'genocidal**policy', 'genocidal** policy'],
      ['glued-words', 'beenbrought', 'been brought'],
    ]);
  });

  it('suggests the project word closest to a misspelled name', () => {
    const found = lint(doc('The people of Khankendy.'));
    expect(found.map((f) => [f.rule, f.text, f.suggestion])).toEqual([['spelling', 'Khankendy', 'Khankendi']]);
  });

  it('accepts project words in capitals, with a possessive, and hyphenated', () => {
    expect(lines(lint(doc('KHOJALY, Khojaly’s victims and the Khojaly-born survivors.')))).toEqual([]);
  });

  it('reports repeated words, keeping the first', () => {
    const found = lint(doc('The the victims.'));
    expect(found.map((f) => [f.rule, f.text, f.suggestion])).toEqual([['repeated-word', 'The the', 'The']]);
  });
});

describe('consistency', () => {
  it('reports a name spelled two ways, at the rarer spelling, once', () => {
    const found = lint(doc('Khojaly was attacked. The Khojali genocide. Khojaly remembers.'));
    expect(found.map((f) => [f.rule, f.severity, f.text, f.suggestion, f.column])).toEqual([
      ['name-variants', 'error', 'Khojali', 'Khojaly', 27],
    ]);
  });

  it('does not confuse derived words or English words with variants', () => {
    expect(
      lines(
        lint(
          doc(
            'Armenia and Armenian forces, Azerbaijan and Azerbaijani people, the Ombudsman and Ombudsmen, a Former Farmer.',
          ),
        ),
      ),
    ).toEqual([]);
  });

  it('warns of a number written two ways', () => {
    const found = lint(doc('More than 3,410 houses; of the 3410 houses, 3,410 were burnt.'));
    expect(found.map((f) => [f.rule, f.severity, f.text, f.suggestion])).toEqual([
      ['number-format', 'warning', '3410', '3,410'],
    ]);
  });
});

describe('front matter', () => {
  it('lints the string fields at their place in the file', () => {
    const found = lint(doc('Body.', 'on the 30thAnniversary of Khojaly Genocide'));
    expect(found.map((f) => [f.rule, f.line, f.column, f.text])).toEqual([['glued-words', 3, 18, '30thAnniversary']]);
  });

  it('throws an InputError with its place for broken front matter', () => {
    expect(() => lint('---\ntitle: [broken\n---\n\nBody.\n')).toThrow(InputError);
    expect(() => lint('---\ntitle: Statement\n\nBody, never closed.\n')).toThrow(/front matter/);
  });

  it('lints a Markdown file without front matter, at its place in the file', () => {
    const found = lint('# A draft\n\nThe act,and the genocidalpolicy of the the state.\n');
    expect(found.map((f) => [f.rule, f.line, f.column, f.text])).toEqual([
      ['missing-space', 3, 5, 'act,and'],
      ['glued-words', 3, 17, 'genocidalpolicy'],
      ['repeated-word', 3, 36, 'the the'],
    ]);
  });
});

describe('British spellings and real English words', () => {
  it('neither splits nor flags British spellings ("Centre" is not "Cent re")', () => {
    const found = lint(
      doc(
        'The Centre for Human Rights, the organisation of the defence, honour and labour programme; the centres recognise its behaviour, colour and favour, the catalogue and licence.',
      ),
    );
    expect(lines(found)).toEqual([]);
  });

  it('splits no word of the English word lists (dictionary-en and dictionary-en-gb)', () => {
    // Every 15th plain lower-case entry of each list: some 5,000 real words, American and British.
    const entries = ['dictionary-en', 'dictionary-en-gb'].flatMap((d) =>
      read(`node_modules/${d}/index.dic`)
        .split('\n')
        .slice(1)
        .map((l) => l.split('/')[0])
        .filter((w) => /^[a-z]{3,}$/.test(w))
        .filter((_, i) => i % 15 === 0),
    );
    expect(entries.length).toBeGreaterThan(4000);
    const text = doc(`${entries.join(', ')}.`);
    const glued = lint(text).filter((f) => f.rule === 'glued-words' || f.rule === 'spelling');
    expect(lines(glued)).toEqual([]);
  });
});

describe('the lint command', () => {
  /** What the CLI hands the command when run here with these arguments. */
  const command = (values: Record<string, unknown>, positionals: string[], io: Io) => ({
    ...resolveContext(process.cwd(), io),
    values: { strict: false, ...values },
    positionals,
    io,
  });
  const registered = commands.some((c) => c.name === 'lint');
  it('exits 0 on the real statement and prints no error', async () => {
    const { io, out } = fakeIo();
    expect(await lintCommand.run(command({}, [], io))).toBe(0);
    const printed = out.join('');
    for (const rule of Object.keys(lintRules).filter((r) => lintRules[r].severity === 'error'))
      expect(printed).not.toContain(`: ${rule}: `);
  });

  it('exits 1 on the seed and prints one line a finding', async () => {
    const { io, out, err } = fakeIo();
    expect(await lintCommand.run(command({}, [seedFile], io))).toBe(1);
    const printed = out.join('').trimEnd().split('\n');
    expect(printed).toContain(`${seedFile}:33:201: glued-words: "genocidalpolicy" → genocidal policy`);
    expect(printed.every((l) => /^test\/fixtures\/lint\/seed\.md:\d+:\d+: [a-z-]+: ".*" → .+$/.test(l))).toBe(true);
    expect(err.join('')).toMatch(/^test\/fixtures\/lint\/seed\.md: 12 errors, 4 warnings\n$/);
  });

  it('counts warnings as errors with --strict', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-'));
    const file = path.join(dir, 'warnings-only.md');
    fs.writeFileSync(file, doc('Two  spaces.'));
    try {
      expect(await lintCommand.run(command({}, [file], fakeIo().io))).toBe(0);
      expect(await lintCommand.run(command({ strict: true }, [file], fakeIo().io))).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 on a draft without front matter and reports its glitches (not exit 2)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-'));
    const file = path.join(dir, 'draft.md');
    fs.writeFileSync(file, '# Draft\n\nThe Centre said that whereas1275 people were taken.\n');
    try {
      const { io, out } = fakeIo();
      expect(await lintCommand.run(command({}, [file], io))).toBe(1);
      expect(out.join('')).toMatch(/draft\.md:3:22: glued-words: "whereas1275" → whereas 1275\n$/);
      expect(await main(['lint', file], fakeIo().io)).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('throws an InputError for a missing file (the CLI exits 2)', async () => {
    await expect(lintCommand.run(command({}, ['no/such.md'], fakeIo().io))).rejects.toThrow(InputError);
    await expect(lintCommand.run(command({}, ['a.md', 'b.md'], fakeIo().io))).rejects.toThrow(/one file/);
  });

  it('is a command of the CLI', () => {
    expect(registered).toBe(true);
  });

  it('runs through the CLI: 0 on the statement, 2 on a missing file', async () => {
    expect(await main(['lint'], fakeIo().io)).toBe(0);
    const { io, err } = fakeIo();
    expect(await main(['lint', 'no/such.md'], io)).toBe(2);
    expect(err.join('')).toBe('no/such.md:1:1: statement not found\n');
  });
});
